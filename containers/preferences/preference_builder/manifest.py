"""Ground Truth output manifest lines -> labeled items (identity, label attribute, annotations).

A line is the input line (`id`, `source`, `responses`) plus the label attribute
`{"annotationsFromAllWorkers": [{"workerId", "annotationData": {"content"}}]}` that Ground Truth
adds for a custom task with pass-through consolidation (see README.md).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, Optional, Set, Tuple

from jobkit import JobError, list_input_files, read_jsonl

JSONL_SUFFIXES = (".manifest", ".jsonl", ".jsonlines", ".ndjson")


@dataclass(frozen=True)
class Annotation:
    worker_id: str
    content: str  # the worker's answer, a JSON string
    where: str  # "file:line" for error messages


@dataclass
class Item:
    key: str
    item_id: Optional[str]
    source: str
    responses: List[str]
    where: str
    annotations: List[Annotation] = field(default_factory=list)
    labeling_failed: bool = False
    # generate.py's `truncated`: response i was cut at --max-new-tokens (absent: none was).
    truncated: List[bool] = field(default_factory=list)

    def is_cut(self, index: int) -> bool:
        return index < len(self.truncated) and self.truncated[index]


@dataclass(frozen=True)
class Record:
    path: Path
    line_no: int
    obj: dict

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line_no}"


def item_key(item_id: Optional[str], source: str) -> str:
    """The item's identity: its `id`, else a digest of its question text."""
    if item_id is not None:
        return f"id:{item_id}"
    return "source:" + hashlib.sha256(source.encode("utf-8")).hexdigest()[:20]


def read_records(paths: Iterable[Path]) -> List[Record]:
    return [Record(path, line_no, obj) for path in paths for line_no, obj in read_jsonl(path)]


def find_inputs(path: Path) -> Tuple[List[Path], List[Path], List[Path]]:
    """(JSON Lines files, annotation .json files, other files) under ``path``.

    A single file given directly is read as JSON Lines whatever its name.
    """
    if path.is_file():
        return [path], [], []
    files = list_input_files(path)
    jsonl = [f for f in files if f.name.lower().endswith(JSONL_SUFFIXES)]
    annotation_files = [f for f in files if f.suffix.lower() == ".json"]
    others = [f for f in files if f not in jsonl and f not in annotation_files]
    return jsonl, annotation_files, others


# ---- label attribute -------------------------------------------------------------------

def label_candidates(obj: dict) -> Set[str]:
    """Keys that look like a custom task's label attribute on one manifest line."""
    names = {k for k, v in obj.items() if isinstance(v, dict) and "annotationsFromAllWorkers" in v}
    for key, value in obj.items():
        if key.endswith("-metadata") and isinstance(value, dict) and _is_custom_or_failed(value):
            names.add(key[: -len("-metadata")])
    return names


def _is_custom_or_failed(metadata: dict) -> bool:
    return str(metadata.get("type", "")).lower() == "groundtruth/custom" or "failure-reason" in metadata


def detect_label_attribute(records: List[Record], explicit: Optional[str]) -> Optional[str]:
    """The label attribute: ``explicit``, else the only candidate found on any line."""
    if explicit:
        return explicit
    found: Set[str] = set()
    for record in records:
        found |= label_candidates(record.obj)
    if len(found) > 1:
        raise JobError(f"several label attributes found ({', '.join(sorted(found))}); pass --label-attribute NAME")
    return next(iter(found), None)


# ---- manifest lines ----------------------------------------------------------------------

def item_from_record(record: Record, label: Optional[str], require_label: bool) -> Item:
    obj, where = record.obj, record.where
    source = _string_field(obj, "source", where)
    responses = _responses(obj, where)
    item_id = _item_id(obj, where)
    item = Item(item_key(item_id, source), item_id, source, responses, where, truncated=_truncated(obj, len(responses), where))
    if label and label in obj:
        item.annotations = _annotations(obj[label], label, where)
    elif label and "failure-reason" in (obj.get(f"{label}-metadata") or {}):
        item.labeling_failed = True
    elif require_label:
        missing = repr(label) if label else "(none found; pass --label-attribute NAME)"
        raise JobError(f"{where}: missing label attribute {missing}")
    return item


def _string_field(obj: dict, key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        problem = "missing field" if key not in obj else "expected a string in field"
        raise JobError(f"{where}: {problem} {key!r}")
    return value


def _responses(obj: dict, where: str) -> List[str]:
    responses = obj.get("responses")
    if not isinstance(responses, list):
        raise JobError(f"{where}: field 'responses' should be an array of strings")
    for index, text in enumerate(responses):
        if not isinstance(text, str):
            raise JobError(f"{where}: responses[{index}] should be a string")
    return responses


def _truncated(obj: dict, n_responses: int, where: str) -> List[bool]:
    flags = obj.get("truncated", [])
    if not isinstance(flags, list) or len(flags) not in (0, n_responses) or not all(isinstance(f, bool) for f in flags):
        raise JobError(f"{where}: field 'truncated' should be an array of {n_responses} booleans, one per response")
    return flags


def _item_id(obj: dict, where: str) -> Optional[str]:
    value = obj.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        raise JobError(f"{where}: field 'id' should be a non-empty string or an integer")
    return str(value)


def _annotations(value: object, label: str, where: str) -> List[Annotation]:
    entries = value.get("annotationsFromAllWorkers") if isinstance(value, dict) else None
    if not isinstance(entries, list):
        raise JobError(f"{where}: label attribute {label!r} should hold annotationsFromAllWorkers (an array)")
    return [parse_annotation(entry, f"{where}: annotationsFromAllWorkers[{i}]") for i, entry in enumerate(entries)]


def parse_annotation(entry: object, where: str) -> Annotation:
    if not isinstance(entry, dict) or not isinstance(entry.get("annotationData"), dict):
        raise JobError(f"{where}: expected an object with workerId and annotationData")
    worker_id = entry.get("workerId")
    content = entry["annotationData"].get("content")
    if not isinstance(worker_id, str) or not worker_id:
        raise JobError(f"{where}: missing workerId")
    if not isinstance(content, str):
        raise JobError(f"{where}: annotationData.content should be a JSON string")
    return Annotation(worker_id, content, where)
