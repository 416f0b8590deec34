"""Writing /opt/ml/model: the LoRA adapter in adapter/ and the merged model at the top level.

Everything is written into a hidden staging folder first and moved into place afterwards, so
a job that dies while saving never leaves a model that looks complete but is not; config.json
is moved last because loaders look for it first.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Union

from .serving_layout import write_serving_layout

PathLike = Union[str, os.PathLike]
ADAPTER_SUBDIR = "adapter"


@contextmanager
def staging_dir(output_dir: PathLike, name: str) -> Iterator[Path]:
    """A fresh ``output_dir/.name.partial`` folder, removed if the block fails."""
    staging = Path(output_dir) / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def replace_dir(staging: Path, final: Path) -> Path:
    """Put a finished staging folder at ``final`` (replacing an older one)."""
    shutil.rmtree(final, ignore_errors=True)
    os.replace(staging, final)
    return final


def publish_files(staging: Path, output_dir: Path, last: str = "config.json") -> list[str]:
    """Move the staging folder's files into ``output_dir``, ``last`` at the end."""
    names = sorted(p.name for p in staging.iterdir())
    ordered = [n for n in names if n != last] + [n for n in names if n == last]
    for name in ordered:
        target = output_dir / name
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(staging / name, target)
    staging.rmdir()
    return ordered


def save_adapter(peft_model, tokenizer, output_dir: PathLike) -> Path:
    """Adapter weights + config (+ tokenizer, so the folder is usable alone) in output_dir/adapter."""
    with staging_dir(output_dir, ADAPTER_SUBDIR) as staging:
        peft_model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)
    return replace_dir(staging, Path(output_dir) / ADAPTER_SUBDIR)


def merge_dtype(load_in_4bit: bool, bf16: bool) -> str:
    """The dtype the merged model is saved in: bf16 when training computed in bf16 (a 4-bit base is
    reloaded unquantised), otherwise the dtype the base model was saved in ("auto")."""
    return "bfloat16" if load_in_4bit or bf16 else "auto"


def delta_survival(peft_model, target_dtype) -> dict[str, float]:
    """How much of the LoRA update survives storing W + delta in ``target_dtype``.

    For every LoRA layer: delta = B·A·scale in fp32 and kept = cast(W + delta) - W. Reported:
    ``delta_kept`` = <kept, delta> / <delta, delta> (1.0 = all of it, 0 = rounded away),
    ``relative_error`` = |kept - delta| / |delta|, ``changed_fraction`` of weights that moved.
    Measured on CPU for Llama-like weights (|W| ~ 0.02, bf16): a mean |delta| of 5e-6 keeps ~19%,
    5e-5 ~94%, 5e-4 ~100%, and merging in fp32 before the cast keeps no more than merging in bf16:
    the loss is bf16 storage, not the merge arithmetic (figures in the train-dpo README).
    """
    import torch
    from peft.tuners.lora import LoraLayer

    dot = norm2 = err2 = changed = total = 0.0
    for module in peft_model.modules():
        if not isinstance(module, LoraLayer) or "default" not in module.lora_A:
            continue
        weight = module.get_base_layer().weight.detach().float()
        delta = module.get_delta_weight("default").detach().float()
        kept = (weight + delta).to(target_dtype).float() - weight.to(target_dtype).float()
        dot += float((kept * delta).sum())
        norm2 += float((delta * delta).sum())
        err2 += float(((kept - delta) ** 2).sum())
        changed += float((kept != 0).sum())
        total += kept.numel()
    if norm2 == 0:
        return {"delta_kept": 1.0, "relative_error": 0.0, "changed_fraction": 0.0}
    return {"delta_kept": round(dot / norm2, 6), "relative_error": round((err2 / norm2) ** 0.5, 6),
            "changed_fraction": round(changed / total, 6)}


def merge_and_save(base_model: str, adapter_dir: PathLike, output_dir: PathLike, dtype_name: str):
    """Reload the base model in fp32 on the CPU, fold the adapter in, cast, save safetensors.

    Returns (published file names, delta survival figures for the saved dtype).
    """
    import torch
    from peft import PeftModel
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    saved = getattr(AutoConfig.from_pretrained(base_model), "dtype", None) or torch.float32
    target = getattr(torch, dtype_name) if dtype_name != "auto" else (getattr(torch, saved) if isinstance(saved, str) else saved)
    base = AutoModelForCausalLM.from_pretrained(base_model, dtype=torch.float32)
    peft_model = PeftModel.from_pretrained(base, str(adapter_dir))
    survival = delta_survival(peft_model, target)
    merged = peft_model.merge_and_unload().to(target)
    tokenizer = AutoTokenizer.from_pretrained(str(adapter_dir))
    with staging_dir(output_dir, "merged") as staging:
        merged.save_pretrained(staging, max_shard_size="5GB")
        tokenizer.save_pretrained(staging)
        write_serving_layout(staging)  # readable by the serving image's transformers 4.57 too
    return publish_files(staging, Path(output_dir)), {"dtype": str(target).removeprefix("torch."), **survival}
