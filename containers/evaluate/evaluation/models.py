"""Loading the base model once with the trained LoRA adapter on top.

One copy of the weights serves both sides: with the adapter it is the aligned model, under
`disable_adapter()` it is the base model (DPO's reference). The merged model in the training
output is for serving; scoring it would need a second full copy in memory.
"""
from __future__ import annotations

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


def load_aligned_model(base_source: str, adapter: Path, token: Optional[str]) -> Any:
    """PeftModel in eval mode on GPU 0 (or the CPU)."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    kwargs: dict[str, Any] = {"dtype": inference_dtype(), "token": token}
    if torch.cuda.is_available():
        kwargs["device_map"] = {"": 0}
    base = AutoModelForCausalLM.from_pretrained(base_source, **kwargs)
    model = PeftModel.from_pretrained(base, str(adapter))
    model.eval()
    return model
