"""Finding the trained model in the processing input: adapter/ + merged model, or model.tar.gz.

A training step's S3ModelArtifacts is model.tar.gz unless the compiler asks for uncompressed
output, so both layouts are accepted. Extraction refuses links and paths outside the target
(tarfile's "data" filter): the archive comes from S3, not from us.
"""
from __future__ import annotations

import json
import os
import tarfile
from pathlib import Path
from typing import Optional, Union

from jobkit import JobError

PathLike = Union[str, os.PathLike]
ADAPTER_SUBDIR = "adapter"


def _archives(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith((".tar.gz", ".tgz")))


def extract_archive(archive: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(target, filter="data")
    except (tarfile.TarError, OSError) as err:
        raise JobError(f"{archive}: cannot extract: {err}") from None
    return target


def training_output_dir(model_dir: PathLike, work_dir: PathLike) -> Path:
    """The folder holding adapter/ (extracting a model.tar.gz into work_dir when needed)."""
    folder = Path(model_dir)
    if not folder.is_dir():
        raise JobError(f"{folder}: model folder not found")
    if (folder / ADAPTER_SUBDIR).is_dir():
        return folder
    archives = _archives(folder)
    if len(archives) == 1:
        extracted = extract_archive(archives[0], Path(work_dir) / "model")
        if (extracted / ADAPTER_SUBDIR).is_dir():
            return extracted
        raise JobError(f"{archives[0]}: archive holds no {ADAPTER_SUBDIR}/ folder (is it train_dpo.py's output?)")
    found = ", ".join(sorted(p.name for p in folder.iterdir())[:8]) or "nothing"
    raise JobError(f"{folder}: expected {ADAPTER_SUBDIR}/ or one model.tar.gz from train_dpo.py, found {found}")


def adapter_dir(output_dir: Path) -> Path:
    adapter = output_dir / ADAPTER_SUBDIR
    if not (adapter / "adapter_config.json").is_file():
        raise JobError(f"{adapter}: no adapter_config.json")
    return adapter


def adapter_base_model(adapter: Path) -> Optional[str]:
    """The Hub id the adapter was trained on, when it was a Hub id (not a training-job folder)."""
    config = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    name = config.get("base_model_name_or_path") or ""
    return None if not name or name.startswith(("/", ".")) else name


def served_model_dir(output_dir: Path) -> Path:
    """The merged model at the top of the training output: what the endpoint serves, with its tokenizer."""
    missing = [name for name in ("config.json", "tokenizer_config.json") if not (output_dir / name).is_file()]
    if missing or not any(output_dir.glob("*.safetensors")):
        what = ", ".join(missing) if missing else "*.safetensors"
        raise JobError(f"{output_dir}: no merged model to evaluate (missing {what}); the endpoint serves the "
                       "merged model train_dpo.py writes there")
    return output_dir


def base_model_source(base_model_dir: PathLike, model_id: str, adapter: Path) -> str:
    """The base channel folder if it holds a model, else --base-model-id, else the adapter's Hub id."""
    from jobkit import resolve_model_source

    return resolve_model_source(base_model_dir, model_id or adapter_base_model(adapter))
