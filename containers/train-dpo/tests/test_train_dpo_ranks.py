"""Data parallel: train_dpo.py relaunches itself under torchrun, one rank per GPU.

SageMaker reports the GPU count in SM_NUM_GPUS; here it claims 2 and accelerate is told to use
the CPU (gloo), so the real relaunch and the real two-rank DDP run happen without a GPU.
"""
from __future__ import annotations

import json
import re


def test_two_ranks_train_together_and_only_rank_0_prints_and_saves(tmp_path, tiny_llama_dir, preference_data,
                                                                   dpo_helpers):
    args = dpo_helpers.train_args(preference_data, tiny_llama_dir, tmp_path, 2, eval_steps="100")
    result = dpo_helpers.run_script(dpo_helpers.TRAIN_SCRIPT, args, timeout=400,
                                    extra_env={"SM_NUM_GPUS": "2", "ACCELERATE_USE_CPU": "true"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "starting 2 data-parallel ranks with torchrun" in result.stdout
    stats = json.loads((tmp_path / "data" / "stats.json").read_text())
    assert stats["world_size"] == 2 and stats["global_step"] == 2
    # One line per logging event, not one per rank: 2 training steps, 1 final evaluation.
    assert len(re.findall(r"^metric: train/loss=", result.stdout, re.MULTILINE)) == 2
    assert len(re.findall(r"^metric: eval/loss=", result.stdout, re.MULTILINE)) == 1
    assert result.stdout.count("saved LoRA adapter") == 1 and (tmp_path / "model" / "model.safetensors").is_file()
