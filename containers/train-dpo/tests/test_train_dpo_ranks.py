"""Data parallel: train_dpo.py relaunches itself under torchrun, one rank per GPU.

SageMaker reports the GPU count in SM_NUM_GPUS; here it claims 2 and accelerate is told to use
the CPU (gloo), so the real relaunch and the real two-rank DDP run happen without a GPU.
"""
from __future__ import annotations

import json
import re


def test_two_ranks_train_together_and_only_rank_0_prints_and_saves(tmp_path, tiny_llama_dir, preference_data,
                                                                   dpo_helpers):
    # Five held-out pairs on two ranks: the sampler would pad to six and count one twice.
    data = tmp_path / "pairs"
    dpo_helpers.write_preference_data(data)
    five = [dpo_helpers.pair(f"h{i}", *qa) for i, qa in enumerate(dpo_helpers.QUESTIONS[:5])]
    dpo_helpers.write_jsonl(data / "test" / "test.jsonl", five)
    args = dpo_helpers.train_args(data, tiny_llama_dir, tmp_path, 2, eval_steps="100")
    result = dpo_helpers.run_script(dpo_helpers.TRAIN_SCRIPT, args, timeout=400,
                                    extra_env={"SM_NUM_GPUS": "2", "ACCELERATE_USE_CPU": "true"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "starting 2 data-parallel ranks with torchrun" in result.stdout
    stats = json.loads((tmp_path / "data" / "stats.json").read_text())
    assert stats["world_size"] == 2 and stats["global_step"] == 2 and stats["planned_steps"] == 2
    assert "the trainer's evaluation uses 4 of 5 held-out pairs" in result.stdout and stats["test_pairs_used"] == 4
    assert result.stdout.count("optimizer steps done: 2 of 2 planned") == 1  # rank 0 only
    # One line per logging event, not one per rank: 2 training steps, 1 final evaluation.
    assert len(re.findall(r"^metric: train/loss=", result.stdout, re.MULTILINE)) == 2
    assert len(re.findall(r"^metric: eval/loss=", result.stdout, re.MULTILINE)) == 1
    assert result.stdout.count("saved LoRA adapter") == 1 and (tmp_path / "model" / "model.safetensors").is_file()
