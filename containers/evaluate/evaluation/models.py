"""Loading the two models the evaluation compares, one at a time.

The aligned side is the model the endpoint serves: the merged weights at the top of the training
output, in the dtype they were saved in, exactly as the serving container reads them (an adapter
applied in memory would hide what the merge and the cast lost). The reference is the base model
(DPO's reference). Loading them one after the other keeps one model in GPU memory at a time.
"""
from __future__ import annotations

import gc
from pathlib import Path
from typing import Any, Optional


def inference_dtype():
    """bf16 where the GPU has it, fp16 on older GPUs, fp32 on the CPU."""
    import torch

    if not torch.cuda.is_available():
        return torch.float32
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def load_tokenizer(folder: Path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token  # Llama 3 has none; only used for padding here
    return tokenizer


def load_model(source: str, token: Optional[str]) -> Any:
    """A causal LM in eval mode on GPU 0 (or the CPU)."""
    import torch
    from transformers import AutoModelForCausalLM

    kwargs: dict[str, Any] = {"dtype": inference_dtype(), "token": token}
    if torch.cuda.is_available():
        kwargs["device_map"] = {"": 0}
    return AutoModelForCausalLM.from_pretrained(source, **kwargs).eval()


def release(model: Any) -> None:
    """Free a model's GPU memory before the next one loads."""
    import torch

    del model
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
