"""Where the base model comes from: an S3 channel folder (preferred) or a Hugging Face Hub id."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

from .errors import JobError

PathLike = Union[str, os.PathLike]


def resolve_model_source(channel_dir: Optional[PathLike], hub_id: Optional[str]) -> str:
    """Return a local model folder or, failing that, the Hub id, for ``from_pretrained``.

    - ``channel_dir`` holds ``config.json`` (at the top, or in its only subfolder, as when
      an S3 prefix wraps the model in one more folder) -> that folder.
    - ``channel_dir`` is missing or empty -> ``hub_id``.
    - ``channel_dir`` has files but no model (e.g. an unextracted model.tar.gz) -> JobError:
      someone meant to supply weights, and silently downloading others would hide that.
    - neither -> JobError.
    """
    if channel_dir:
        local = _model_folder(Path(channel_dir))
        if local is not None:
            return str(local)
    if hub_id and hub_id.strip():
        return hub_id.strip()
    where = f"{os.fspath(channel_dir)} has no config.json" if channel_dir else "no model folder given"
    raise JobError(f"no base model: {where} and no Hub model id given")


def _model_folder(channel: Path) -> Optional[Path]:
    if not channel.is_dir():
        return None
    if (channel / "config.json").is_file():
        return channel
    entries = [p for p in channel.iterdir() if not p.name.startswith(".")]
    if not entries:
        return None
    subdirs = [p for p in entries if p.is_dir()]
    if len(entries) == 1 and subdirs and (subdirs[0] / "config.json").is_file():
        return subdirs[0]
    names = ", ".join(sorted(p.name for p in entries)[:5])
    raise JobError(
        f"model folder {channel} holds files ({names}) but no config.json; "
        "point the channel at the uncompressed Hugging Face model files"
    )


def is_local_model(source: str) -> bool:
    """True when ``source`` (from resolve_model_source) is a local folder, not a Hub id."""
    return Path(source).is_dir()
