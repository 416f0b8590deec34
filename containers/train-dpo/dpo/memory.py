"""GPU memory a DPO + LoRA rank needs, estimated from the model's config.json before anything loads.

Each rank holds a whole copy of the base model (data parallel), so the estimate is per GPU:
- weights: parameters × 2 bytes in bf16 (× ~0.56 in 4-bit nf4 with double quantisation);
- LoRA: its parameters in fp32 with their gradients and AdamW's two moments, 16 bytes each;
- activations under gradient checkpointing: TRL's DPOTrainer runs chosen and rejected in one batch
  (2 × batch × max_length tokens); one hidden state per layer is kept, one layer is recomputed
  (attention without an n² matrix under sdpa, the MLP's intermediate tensors);
- logits: tokens × vocabulary in fp32, about three live copies (logits, log-softmax, gradient),
  the largest single term for Llama 3's 128k vocabulary;
- CUDA context, allocator slack and NCCL buffers: a fixed 1.5 GiB.
Llama 3 8B, r=16 on all linear layers, max_length 1024, batch 1: ~20.8 GiB, which fits the
22.2 GiB an A10G (24 GB) offers; batch 2 needs ~24.6 GiB and does not (README, "Memory").
PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True (set by the spec) keeps fragmentation near the
slack assumed here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

GIB = 1024 ** 3
FIXED_OVERHEAD = 1.5 * GIB
LOGIT_COPIES = 3
# Share of the card's memory a job may plan for: the rest absorbs estimate error.
USABLE_SHARE = 0.95


@dataclass(frozen=True)
class MemoryEstimate:
    parts: dict[str, float]  # bytes

    @property
    def total(self) -> float:
        return sum(self.parts.values())

    def describe(self) -> str:
        return ", ".join(f"{name} {value / GIB:.1f}" for name, value in self.parts.items()) + f" = {self.total / GIB:.1f} GiB"


def _linear_shapes(config: Mapping[str, Any]) -> list[tuple[int, int]]:
    hidden, inter = config["hidden_size"], config["intermediate_size"]
    heads = config["num_attention_heads"]
    kv = config.get("num_key_value_heads") or heads
    head_dim = config.get("head_dim") or hidden // heads
    return [(hidden, heads * head_dim), (hidden, kv * head_dim), (hidden, kv * head_dim), (heads * head_dim, hidden),
            (hidden, inter), (hidden, inter), (inter, hidden)]  # q, k, v, o, gate, up, down


def parameter_count(config: Mapping[str, Any]) -> int:
    layers, hidden, vocab = config["num_hidden_layers"], config["hidden_size"], config["vocab_size"]
    per_layer = sum(i * o for i, o in _linear_shapes(config)) + 2 * hidden
    embeddings = vocab * hidden * (1 if config.get("tie_word_embeddings") else 2)
    return layers * per_layer + embeddings + hidden


def estimate(config: Mapping[str, Any], values: Mapping[str, Any]) -> MemoryEstimate:
    layers, hidden, vocab = config["num_hidden_layers"], config["hidden_size"], config["vocab_size"]
    tokens = 2 * values["per_device_train_batch_size"] * values["max_length"]
    weight_bytes = 0.5625 if values["load_in_4bit"] else 2.0
    lora = layers * sum(values["lora_r"] * (i + o) for i, o in _linear_shapes(config))
    kept = tokens * hidden * 2 * layers if values["gradient_checkpointing"] else tokens * hidden * 2 * layers * 12
    recomputed = tokens * (4 * config["intermediate_size"] + 6 * hidden) * 2
    return MemoryEstimate({
        "weights": parameter_count(config) * weight_bytes,
        "lora+optimizer": lora * 16.0,
        "activations": float(kept + recomputed),
        "logits": float(tokens * vocab * 4 * LOGIT_COPIES),
        "overhead": FIXED_OVERHEAD,
    })


def read_config(model_dir: str) -> dict[str, Any]:
    return json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))


def fits_problem(needed: MemoryEstimate, gpu_bytes: int, gpu_name: str) -> str | None:
    """A message when the estimate exceeds the usable share of the GPU, else None."""
    if needed.total <= USABLE_SHARE * gpu_bytes:
        return None
    return (f"these settings need about {needed.total / GIB:.1f} GiB per GPU ({needed.describe()}), "
            f"more than {USABLE_SHARE:.0%} of the {gpu_bytes / GIB:.1f} GiB of this {gpu_name}: lower "
            "per_device_train_batch_size (raise gradient_accumulation_steps to keep the batch) or max_length, "
            "or choose an instance type with larger GPUs (containers/train-dpo/README.md, Memory)")


def require_fit(model_dir: str, values: Mapping[str, Any]) -> MemoryEstimate | None:
    """On a GPU: refuse settings that cannot fit, before the model loads; None on the CPU."""
    import torch

    from jobkit import JobError

    if not torch.cuda.is_available():
        return None
    props = torch.cuda.get_device_properties(0)
    needed = estimate(read_config(model_dir), values)
    problem = fits_problem(needed, props.total_memory, props.name)
    if problem:
        raise JobError(problem)
    print(f"memory estimate per GPU: {needed.describe()} of {props.total_memory / GIB:.1f} GiB ({props.name})", flush=True)
    return needed
