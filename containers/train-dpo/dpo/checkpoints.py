"""Finding the checkpoint to resume from in /opt/ml/checkpoints.

SageMaker copies this folder from S3 when a job (re)starts, e.g. after a spot interruption,
and the copy can hold a checkpoint that was cut off mid-write. The Trainer writes
trainer_state.json last, so a checkpoint folder without it is incomplete and skipped.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional, Union

_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")
STATE_FILE = "trainer_state.json"


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
