"""JSON Lines reading with errors that name the file, the line and the problem."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator, Tuple, Union

from .errors import JobError
from .strict_json import JsonProblem, loads_strict

PathLike = Union[str, os.PathLike]
_BOM = b"\xef\xbb\xbf"


def read_jsonl(path: PathLike, *, require_object: bool = True) -> Iterator[Tuple[int, Any]]:
    """Yield ``(line_no, value)`` for each non-blank line of a JSON Lines file.

    Line numbers start at 1 and count blank lines, so they match an editor. A UTF-8 BOM
    at the start is ignored. Invalid UTF-8, invalid JSON and (by default) values that are
    not JSON objects raise ``JobError("file:line: problem")``.
    """
    for line_no, raw in _numbered_lines(path):
        text = _decode(path, line_no, raw)
        if not text.strip():
            continue
        try:
            value = loads_strict(text)
        except JsonProblem as err:
            raise JobError.at(path, line_no, str(err)) from None
        if require_object and not isinstance(value, dict):
            raise JobError.at(path, line_no, f"expected a JSON object, got {_json_type(value)}")
        yield line_no, value


def _numbered_lines(path: PathLike) -> Iterator[Tuple[int, bytes]]:
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        raise JobError(f"{os.fspath(path)}: file not found") from None
    except IsADirectoryError:
        raise JobError(f"{os.fspath(path)}: is a directory, expected a file") from None
    with handle:
        for line_no, raw in enumerate(handle, start=1):
            if line_no == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM):]
            yield line_no, raw


def _decode(path: PathLike, line_no: int, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise JobError.at(path, line_no, f"invalid UTF-8 at byte {err.start}") from None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def require_field(obj: dict, key: str, expected: type | tuple, path: PathLike, line_no: int) -> Any:
    """Return ``obj[key]`` or raise a located JobError when it is missing or of the wrong type."""
    if key not in obj:
        raise JobError.at(path, line_no, f"missing field {key!r}")
    value = obj[key]
    allowed = _as_tuple(expected)
    # bool is a subclass of int in Python, but true/false is not a number in JSON.
    wrong_bool = isinstance(value, bool) and bool not in allowed
    if wrong_bool or not isinstance(value, allowed):
        raise JobError.at(path, line_no, f"field {key!r} should be {_type_names(expected)}, got {_json_type(value)}")
    return value


def _as_tuple(expected: type | tuple) -> tuple:
    return expected if isinstance(expected, tuple) else (expected,)


def _type_names(expected: type | tuple) -> str:
    names = {dict: "an object", list: "an array", str: "a string", int: "an integer", float: "a number", bool: "a boolean"}
    return " or ".join(names.get(t, t.__name__) for t in _as_tuple(expected))


def is_jsonl_path(path: PathLike) -> bool:
    """True for ``.jsonl`` / ``.jsonlines`` / ``.manifest`` files (JSON Lines by convention)."""
    return Path(path).suffix.lower() in {".jsonl", ".jsonlines", ".manifest", ".ndjson"}
