"""Data parallel on every GPU of the instance: relaunch this script under torchrun.

Each rank then loads the whole model on its own GPU (device_map={"": local_rank}) and trains
on its share of the batches. The seed notebook instead spread one model over 8 GPUs with
device_map="auto", so only one GPU worked at a time.

When SageMaker already started the ranks (distribution torch_distributed, several instances)
LOCAL_RANK is set and nothing is relaunched.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterator, Mapping, Optional, Sequence


def gpu_count(env: Mapping[str, str] = os.environ) -> int:
    """SageMaker says how many GPUs the instance has; elsewhere ask torch."""
    if env.get("SM_NUM_GPUS", "").isdigit():
        return int(env["SM_NUM_GPUS"])
    import torch

    return torch.cuda.device_count()


def torchrun_command(gpus: int, env: Mapping[str, str], script: str, argv: Sequence[str]) -> Optional[list[str]]:
    """The torchrun command that starts one rank per GPU, or None when one process is right."""
    if gpus <= 1 or "LOCAL_RANK" in env or "WORLD_SIZE" in env:
        return None
    return [sys.executable, "-m", "torch.distributed.run", "--standalone",
            f"--nproc_per_node={gpus}", script, *argv]


def local_rank(env: Mapping[str, str] = os.environ) -> int:
    return int(env.get("LOCAL_RANK", "0"))


def is_main_process(env: Mapping[str, str] = os.environ) -> bool:
    return int(env.get("RANK", "0")) == 0


def is_local_main_process(env: Mapping[str, str] = os.environ) -> bool:
    return local_rank(env) == 0


@contextmanager
def local_main_first(env: Mapping[str, str] = os.environ) -> Iterator[None]:
    """Local rank 0 runs the block first, the node's other ranks after it (a barrier).

    Only when an outside launcher (SageMaker's torchrun distribution) started the ranks: then
    every rank runs main() and must not download the base model at the same time as the others.
    """
    if int(env.get("WORLD_SIZE", "1")) <= 1:
        yield
        return
    from accelerate import PartialState

    with PartialState().local_main_process_first():
        yield
