"""Finding the checkpoint to resume from in /opt/ml/checkpoints.

SageMaker copies this folder from S3 when a job (re)starts, e.g. after a spot interruption,
and the copy can hold a checkpoint that was cut off mid-write or mid-sync (SageMaker uploads the
folder's files one by one, in no promised order). A checkpoint counts as complete only when every
file a resume reads is there and non-empty: the adapter weights, optimizer and scheduler state
(without them a resume restarts Adam's moments and the learning-rate schedule silently) and a
readable trainer_state.json.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional, Union

_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")
STATE_FILE = "trainer_state.json"
# What Trainer._save_checkpoint writes for a PEFT model (transformers 5.18): weights, then optimizer
# and scheduler (_save_optimizer_and_scheduler), then trainer_state.json. RNG state is optional.
REQUIRED_FILES = ("adapter_model.safetensors", "optimizer.pt", "scheduler.pt", STATE_FILE)


def _step(folder: Path) -> Optional[int]:
    match = _CHECKPOINT.match(folder.name)
    return int(match.group(1)) if match and folder.is_dir() else None


def complete_checkpoints(root: Union[str, Path]) -> list[Path]:
    """Complete `checkpoint-<step>` folders under ``root``, lowest step first."""
    base = Path(root)
    if not base.is_dir():
        return []
    found = [(step, path) for path in base.iterdir() if (step := _step(path)) is not None]
    return [path for _, path in sorted(found) if _is_complete(path)]


def _is_complete(folder: Path) -> bool:
    for name in REQUIRED_FILES:
        file = folder / name
        if not file.is_file() or file.stat().st_size == 0:
            return False
    try:
        json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True


def latest_checkpoint(root: Union[str, Path]) -> Optional[Path]:
    """The complete checkpoint with the highest step, or None."""
    complete = complete_checkpoints(root)
    return complete[-1] if complete else None


def checkpoint_step(folder: Path) -> int:
    """Global step recorded in a checkpoint's trainer_state.json."""
    state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    return int(state.get("global_step", 0))
