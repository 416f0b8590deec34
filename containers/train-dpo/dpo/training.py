"""DPO training: TRL's DPOTrainer with a LoRA adapter on the base model.

The reference model is the policy with its adapter switched off: no ref_model is passed, so
TRL computes reference log-probabilities under `disable_adapter()` and only one copy of the
8B weights sits in GPU memory. torch / transformers / trl are imported inside functions so
that hyperparameter checks run without them.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any, Optional

from jobkit import JobError

from . import fingerprint
from .checkpoints import checkpoint_step, latest_checkpoint
from .hyperparams import (StepPlan, bnb_config_kwargs, dpo_config_kwargs, lora_config_kwargs, plan_steps, plan_warnings,
                          resolve_bf16)
from .launch import is_main_process, local_rank
from .metric_lines import TokenRate, lines_for_log

PAIR_FIELDS = ("prompt", "chosen", "rejected")


@dataclass
class TrainingJob:
    values: dict[str, Any]
    base_model: str  # local folder
    train_pairs: list[dict]
    test_pairs: list[dict]  # empty: no evaluation
    checkpoint_dir: str


@dataclass
class TrainingOutcome:
    bf16: bool
    resumed_from_step: Optional[int]
    global_step: int
    tokens_seen: int
    train_pairs_used: int
    test_pairs_used: int
    last_logs: dict[str, dict[str, float]] = field(default_factory=dict)
    plan: Optional[StepPlan] = None


def gpu_supports_bf16() -> bool:
    import torch

    return torch.cuda.is_available() and torch.cuda.is_bf16_supported()


def load_policy_model(base_model: str, values: dict[str, Any], bf16: bool):
    """The base model, whole, on this rank's GPU (or the CPU); 4-bit when load_in_4bit."""
    import torch
    from transformers import AutoModelForCausalLM, BitsAndBytesConfig

    kwargs: dict[str, Any] = {"dtype": torch.bfloat16 if bf16 else torch.float32,
                              "attn_implementation": values["attn_implementation"]}
    if torch.cuda.is_available():
        kwargs["device_map"] = {"": local_rank()}  # never "auto": that splits one model over GPUs
    bnb = bnb_config_kwargs(values)
    if bnb:
        kwargs["quantization_config"] = BitsAndBytesConfig(**{**bnb, "bnb_4bit_compute_dtype": torch.bfloat16})
    model = AutoModelForCausalLM.from_pretrained(base_model, **kwargs)
    model.config.use_cache = False  # the KV cache is useless in training and clashes with checkpointing
    return model


def preference_dataset(pairs: list[dict]):
    from datasets import Dataset

    return Dataset.from_list([{key: pair[key] for key in PAIR_FIELDS} for pair in pairs])


def metric_callback():
    """A TrainerCallback printing CONTRACT.md's metric lines (rank 0) and keeping the last logs."""
    from transformers import TrainerCallback

    class MetricLines(TrainerCallback):
        def __init__(self) -> None:
            self.rate: Optional[TokenRate] = None
            self.last_logs: dict[str, dict[str, float]] = {}
            self.last_eval_step: Optional[int] = None

        def on_train_begin(self, args, state, control, **kwargs):
            # After a resume the state already holds the tokens of earlier runs.
            self.rate = TokenRate(state.num_input_tokens_seen, time.monotonic())

        def on_log(self, args, state, control, logs=None, **kwargs):
            kind = "train" if "loss" in (logs or {}) else "eval" if "eval_loss" in (logs or {}) else None
            if kind is None:
                return
            # Recorded on every rank: all ranks must agree on whether a final evaluation runs.
            self.last_logs[kind] = {k: v for k, v in logs.items() if isinstance(v, (int, float))}
            if kind == "eval":
                self.last_eval_step = state.global_step
            speed = None
            if kind == "train" and self.rate is not None:
                speed = self.rate.update(state.num_input_tokens_seen, time.monotonic())
            if state.is_world_process_zero:
                for line in lines_for_log(logs, speed):
                    print(line, flush=True)

    return MetricLines()


def build_trainer(job: TrainingJob, model, tokenizer, bf16: bool, callback):
    from peft import LoraConfig
    from trl import DPOConfig, DPOTrainer

    kwargs = dpo_config_kwargs(job.values, output_dir=job.checkpoint_dir, bf16=bf16)
    test_pairs = whole_eval_batches(job.test_pairs, world_size(), job.values["per_device_eval_batch_size"])
    if not test_pairs:
        kwargs["eval_strategy"] = "no"
    return DPOTrainer(
        model=model,  # no ref_model: the reference is this model with the adapter disabled
        args=DPOConfig(**kwargs),
        train_dataset=preference_dataset(job.train_pairs),
        eval_dataset=preference_dataset(test_pairs) if test_pairs else None,
        processing_class=tokenizer,
        peft_config=LoraConfig(**lora_config_kwargs(job.values)),
        callbacks=[callback],
    )


def world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1"))


def whole_eval_batches(pairs: list[dict], ranks: int, batch: int) -> list[dict]:
    """The held-out pairs the trainer's own evaluation uses: a multiple of ranks × batch.

    With more ranks than an even split allows, the distributed sampler pads the eval set with
    repeats (10 pairs on 8 ranks were scored as 16) and TRL averages per-rank means, so
    eval/rewards/* counted some pairs twice. The Evaluate step scores every held-out pair.
    """
    unit = max(ranks, 1) * batch
    keep = len(pairs) - len(pairs) % unit
    if keep != len(pairs) and is_main_process():
        print(f"note: the trainer's evaluation uses {keep} of {len(pairs)} held-out pairs (a multiple of {ranks} "
              f"rank(s) x {batch}, so none is counted twice); the Evaluate step scores all of them", flush=True)
    return pairs[:keep]


def report_plan(used_train: int, values: dict[str, Any]) -> StepPlan:
    plan = plan_steps(used_train, world_size(), values)
    if is_main_process():
        print(f"optimizer steps planned: {plan.optimizer_steps} ({used_train} pairs, {world_size()} rank(s), "
              f"{plan.batches_per_rank_per_epoch} batches per rank per epoch, {plan.effective_batch} pairs per step, "
              f"{plan.warmup_steps} warmup)", flush=True)
        for warning in plan_warnings(plan):
            print(f"warning: {warning}", flush=True)
    return plan


def report_dropped_pairs(trainer, job: TrainingJob) -> tuple[int, int]:
    """TRL drops pairs whose prompt alone fills max_length; say so, and stop if none is left."""
    used_train = len(trainer.train_dataset)
    used_test = len(trainer.eval_dataset) if trainer.eval_dataset is not None else 0
    dropped = len(job.train_pairs) - used_train + len(job.test_pairs) - used_test
    if dropped and is_main_process():
        print(f"note: {dropped} pair(s) dropped: prompt longer than max_length={job.values['max_length']}", flush=True)
    if used_train == 0:
        raise JobError(f"every training pair's prompt is longer than max_length={job.values['max_length']}")
    return used_train, used_test


def resume_point(job: TrainingJob) -> tuple[Optional[str], Optional[int]]:
    """The checkpoint to resume from, if one of this training's is there (dpo/fingerprint.py);
    the fingerprint is written before training so every checkpoint saved has it beside it."""
    checkpoint = latest_checkpoint(job.checkpoint_dir)
    current = fingerprint.fingerprint(job.values, job.base_model, job.train_pairs, job.test_pairs)
    if checkpoint is not None:
        fingerprint.check_resume(job.checkpoint_dir, current)
    if is_main_process():
        fingerprint.record(job.checkpoint_dir, current)
    if checkpoint is None:
        return None, None
    step = checkpoint_step(checkpoint)
    if is_main_process():
        print(f"resuming from checkpoint {checkpoint} (global step {step})", flush=True)
    return str(checkpoint), step


def run_training(job: TrainingJob):
    """Train (resuming when a checkpoint exists), evaluate; returns (trainer, outcome)."""
    from transformers import AutoTokenizer

    checkpoint, resumed_step = resume_point(job)  # before the model loads: a mismatch stops here
    bf16 = resolve_bf16(job.values, gpu_supports_bf16())
    tokenizer = AutoTokenizer.from_pretrained(job.base_model)
    model = load_policy_model(job.base_model, job.values, bf16)
    callback = metric_callback()
    trainer = build_trainer(job, model, tokenizer, bf16, callback)
    used_train, used_test = report_dropped_pairs(trainer, job)
    plan = report_plan(used_train, job.values)
    trainer.train(resume_from_checkpoint=checkpoint)
    if is_main_process():
        print(f"optimizer steps done: {trainer.state.global_step} of {plan.optimizer_steps} planned", flush=True)
    if used_test and callback.last_eval_step != trainer.state.global_step:
        trainer.evaluate()  # the final weights, unless the Trainer just evaluated them
    trainer.accelerator.wait_for_everyone()
    outcome = TrainingOutcome(bf16, resumed_step, trainer.state.global_step, trainer.state.num_input_tokens_seen,
                              used_train, used_test, callback.last_logs, plan)
    return trainer, outcome
