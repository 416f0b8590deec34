"""SageMaker folder conventions and input discovery (a channel is a folder, not a file)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional, Sequence, Union

from .errors import JobError

PathLike = Union[str, os.PathLike]


def training_channel(name: str, default_root: str = "/opt/ml/input/data") -> str:
    """Folder of a training job's input channel: ``$SM_CHANNEL_<NAME>`` or the standard path."""
    return os.environ.get(f"SM_CHANNEL_{name.upper().replace('-', '_')}", f"{default_root}/{name}")


def list_input_files(path: PathLike, suffixes: Optional[Sequence[str]] = None) -> List[Path]:
    """Files under ``path`` (itself if a file), sorted by relative path, hidden ones skipped.

    Sorting is only for reproducible processing; never use list position as identity.
    """
    root = Path(path)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise JobError(f"{os.fspath(path)}: no such file or folder")
    wanted = tuple(s.lower() for s in suffixes) if suffixes else None
    found = [
        p for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and (wanted is None or p.name.lower().endswith(wanted))
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def single_input_file(path: PathLike, suffixes: Optional[Sequence[str]] = None) -> Path:
    """The one file at ``path``: the path itself, or the only matching file in the folder."""
    files = list_input_files(path, suffixes)
    if len(files) == 1:
        return files[0]
    kinds = f" ({', '.join(suffixes)})" if suffixes else ""
    if not files:
        raise JobError(f"{os.fspath(path)}: folder holds no input file{kinds}")
    names = ", ".join(p.name for p in files[:5])
    raise JobError(f"{os.fspath(path)}: expected one input file{kinds}, found {len(files)}: {names}")
