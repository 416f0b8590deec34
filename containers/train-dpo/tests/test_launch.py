"""When train_dpo.py relaunches itself under torchrun."""
from __future__ import annotations

import sys

from dpo.launch import gpu_count, is_main_process, local_rank, torchrun_command


def test_one_rank_per_gpu_on_a_multi_gpu_instance():
    command = torchrun_command(8, {}, "/code/train_dpo.py", ["--beta", "0.1"])
    assert command == [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=8",
                       "/code/train_dpo.py", "--beta", "0.1"]


def test_no_relaunch_on_one_gpu_the_cpu_or_inside_a_rank():
    assert torchrun_command(1, {}, "s.py", []) is None
    assert torchrun_command(0, {}, "s.py", []) is None
    assert torchrun_command(4, {"LOCAL_RANK": "0"}, "s.py", []) is None
    assert torchrun_command(4, {"WORLD_SIZE": "8"}, "s.py", []) is None


def test_sagemaker_gpu_count_and_ranks_come_from_the_environment():
    assert gpu_count({"SM_NUM_GPUS": "8"}) == 8
    assert local_rank({"LOCAL_RANK": "3"}) == 3 and local_rank({}) == 0
    assert is_main_process({"RANK": "0"}) and not is_main_process({"RANK": "5"})
