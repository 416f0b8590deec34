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
    """Merge in bf16 when training used it (a 4-bit base cannot be merged: reload it in bf16);
    otherwise keep the dtype the base model was saved in."""
    return "bfloat16" if load_in_4bit or bf16 else "auto"


def merge_and_save(base_model: str, adapter_dir: PathLike, output_dir: PathLike, dtype_name: str) -> list[str]:
    """Reload the base model on the CPU, fold the adapter into its weights, save safetensors."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = "auto" if dtype_name == "auto" else getattr(torch, dtype_name)
    base = AutoModelForCausalLM.from_pretrained(base_model, dtype=dtype)
    merged = PeftModel.from_pretrained(base, str(adapter_dir)).merge_and_unload()
    tokenizer = AutoTokenizer.from_pretrained(str(adapter_dir))
    with staging_dir(output_dir, "merged") as staging:
        merged.save_pretrained(staging, max_shard_size="5GB")
        tokenizer.save_pretrained(staging)
        write_serving_layout(staging)  # readable by the serving image's transformers 4.57 too
    return publish_files(staging, Path(output_dir))
