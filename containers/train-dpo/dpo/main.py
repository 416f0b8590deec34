"""Align a causal LM with DPO on human preference pairs (TRL DPOTrainer + LoRA).

SageMaker script mode: `train_dpo.py --beta 0.1 --load_in_4bit false ...` with channels
train, test and (optional) model. Locally: add --train-dir, --test-dir, --base-model-dir,
--output-dir, --checkpoint-dir. See README.md for the full contract.
"""
from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from jobkit import JobError, gpu_memory_stats, read_preference_pairs, write_stats

from .cli import CommandLine, parse_command_line, to_argv
from .hyperparams import HyperparameterError, validate
from .launch import gpu_count, is_local_main_process, is_main_process, local_main_first, torchrun_command
from .memory import require_fit
from .model_download import local_base_model
from .model_output import merge_and_save, merge_dtype, save_adapter
from .training import TrainingJob, run_training

# torchrun restarts the entry script (not this module): it puts the job folder on sys.path.
ENTRY_SCRIPT = Path(__file__).resolve().parents[1] / "train_dpo.py"


def read_pairs(folders: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Training pairs (required) and held-out pairs (none when the test channel is absent)."""
    train = read_preference_pairs(folders["train_dir"])
    test_dir = Path(folders["test_dir"])
    if not test_dir.exists():
        print(f"note: no test channel at {test_dir}: training without evaluation", flush=True)
        return train, []
    return train, read_preference_pairs(test_dir)


def relaunch_under_torchrun(command: CommandLine, base_model: str) -> None:
    """Replace this process by torchrun with one rank per GPU (returns only on one GPU / CPU)."""
    folders = {**command.folders, "base_model_dir": base_model}  # ranks reuse the download
    gpus = gpu_count()
    launch = torchrun_command(gpus, os.environ, str(ENTRY_SCRIPT), to_argv(folders, command.hyperparameters))
    if launch:
        print(f"starting {gpus} data-parallel ranks with torchrun", flush=True)
        os.execv(launch[0], launch)


def save_outputs(trainer, job, outcome, output_dir: str) -> dict:
    """Rank 0: the adapter, then the merged model (merged in fp32 on the CPU, then cast)."""
    adapter_dir = save_adapter(trainer.model, trainer.processing_class, output_dir)
    print(f"saved LoRA adapter to {adapter_dir}", flush=True)
    dtype = merge_dtype(job.values["load_in_4bit"], outcome.bf16)
    files, survival = merge_and_save(job.base_model, adapter_dir, output_dir, dtype)
    print(f"saved merged model ({survival['dtype']}) to {output_dir}: {', '.join(files)}", flush=True)
    print(f"merge: {survival['delta_kept']:.1%} of the LoRA update survives {survival['dtype']} storage "
          f"(relative error {survival['relative_error']:.3f}, {survival['changed_fraction']:.1%} of weights changed)",
          flush=True)
    if survival["delta_kept"] < 0.9:
        print("warning: much of the update rounds away in the merged weights; the evaluation scores exactly "
              "this merged model, and adapter/ holds the exact update", flush=True)
    return survival


def stats_for(job, outcome, started: float, pairs: tuple[int, int]) -> dict:
    return {
        "train_pairs": pairs[0], "test_pairs": pairs[1],
        "train_pairs_used": outcome.train_pairs_used, "test_pairs_used": outcome.test_pairs_used,
        "resumed_from_step": outcome.resumed_from_step, "global_step": outcome.global_step,
        "planned_steps": outcome.plan.optimizer_steps if outcome.plan else None,
        "warmup_steps": outcome.plan.warmup_steps if outcome.plan else None,
        "tokens_seen": outcome.tokens_seen, "bf16": outcome.bf16,
        "world_size": int(os.environ.get("WORLD_SIZE", "1")),
        "hyperparameters": job.values, "last_logs": outcome.last_logs,
        "runtime_seconds": round(time.time() - started, 1), **gpu_memory_stats(),
    }


def require_quantization_support(values: dict) -> None:
    """load_in_4bit needs bitsandbytes, which requirements-gpu.txt (the Dockerfile image) installs:
    say so before any download, instead of failing deep inside from_pretrained."""
    if values["load_in_4bit"] and importlib.util.find_spec("bitsandbytes") is None:
        raise JobError("load_in_4bit=true needs bitsandbytes, which is not installed in this image: "
                       "run the job on the image built from containers/train-dpo/Dockerfile "
                       "(it installs requirements-gpu.txt), or set LoadIn4Bit=false")


def main(argv: Optional[Sequence[str]] = None) -> int:
    started = time.time()
    # Fewer out-of-memory failures from fragmentation (the spec sets it too; kept if already set).
    os.environ.setdefault("PYTORCH_CUDA_ALLOC_CONF", "expandable_segments:True")
    try:
        command = parse_command_line(sys.argv[1:] if argv is None else argv)
        values = validate(command.hyperparameters)
    except HyperparameterError as err:
        raise JobError(str(err)) from None
    require_quantization_support(values)
    train, test = read_pairs(command.folders)
    with local_main_first():
        base_model = local_base_model(command.folders["base_model_dir"], values,
                                      command.folders["hub_download_dir"], downloader=is_local_main_process())
    require_fit(base_model, values)  # on a GPU: settings that cannot fit stop here, before any rank starts
    relaunch_under_torchrun(command, base_model)
    job = TrainingJob(values, base_model, train, test, command.folders["checkpoint_dir"])
    try:
        trainer, outcome = run_training(job)
    except HyperparameterError as err:  # bf16=true without bf16 hardware
        raise JobError(str(err)) from None
    if is_main_process():
        merge = save_outputs(trainer, job, outcome, command.folders["output_dir"])
        stats = {**stats_for(job, outcome, started, (len(train), len(test))), "merge": merge}
        write_stats(command.folders["output_data_dir"], stats)
    return 0

