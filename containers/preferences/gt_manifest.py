"""Ground Truth results -> labeled items, joined by data-object identity.

Accepted inputs (see README.md):
- an output manifest (JSON Lines): the input line (`id`, `source`, `responses`) plus the label
  attribute `{"annotationsFromAllWorkers": [{"workerId", "annotationData": {"content"}}]}`
  (custom task, pass-through consolidation);
- a folder of such manifests, of plain input-manifest lines, and of Ground Truth annotation
  files (`[{"datasetObjectId", "dataObject": {...}, "annotations": [...]}]`, the shape Ground
  Truth hands the post-annotation step), joined to the lines by `id` or by source text.
Nothing is ever matched by file, line or listing position.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

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
    item = Item(item_key(item_id, source), item_id, source, responses, where)
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
    return [_annotation(entry, f"{where}: annotationsFromAllWorkers[{i}]") for i, entry in enumerate(entries)]


def _annotation(entry: object, where: str) -> Annotation:
    if not isinstance(entry, dict) or not isinstance(entry.get("annotationData"), dict):
        raise JobError(f"{where}: expected an object with workerId and annotationData")
    worker_id = entry.get("workerId")
    content = entry["annotationData"].get("content")
    if not isinstance(worker_id, str) or not worker_id:
        raise JobError(f"{where}: missing workerId")
    if not isinstance(content, str):
        raise JobError(f"{where}: annotationData.content should be a JSON string")
    return Annotation(worker_id, content, where)


# ---- Ground Truth annotation files (folder form) ----------------------------------------

@dataclass(frozen=True)
class AnnotationRecord:
    where: str
    data_object: dict
    annotations: List[Annotation]


def read_annotation_file(path: Path) -> Optional[List[AnnotationRecord]]:
    """Records of a Ground Truth annotation file; None for Ground Truth files that carry no
    data-object identity (raw worker responses, consolidation output): they cannot be joined."""
    parsed = _load_json_file(path)
    if isinstance(parsed, dict) and "answers" in parsed:
        return None
    records = parsed if isinstance(parsed, list) else [parsed]
    if records and all(isinstance(r, dict) and "consolidatedAnnotation" in r for r in records):
        return None
    return [_annotation_record(path, index, record) for index, record in enumerate(records)]


def _load_json_file(path: Path) -> object:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise JobError.at(path, data.count(b"\n", 0, err.start) + 1, f"invalid UTF-8 at byte {err.start}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise JobError.at(path, err.lineno, f"invalid JSON: {err.msg} (column {err.colno})") from None


def _annotation_record(path: Path, index: int, record: object) -> AnnotationRecord:
    where = f"{path}: record {index + 1}"
    if not isinstance(record, dict) or not isinstance(record.get("dataObject"), dict):
        raise JobError(f"{where}: expected a Ground Truth annotation record with dataObject and annotations")
    entries = record.get("annotations")
    if not isinstance(entries, list):
        raise JobError(f"{where}: field 'annotations' should be an array")
    if "datasetObjectId" in record:
        where = f"{where} (datasetObjectId {record['datasetObjectId']})"
    annotations = [_annotation(e, f"{where}: annotations[{i}]") for i, e in enumerate(entries)]
    return AnnotationRecord(where, record["dataObject"], annotations)


def join_annotation_record(items: Dict[str, Item], record: AnnotationRecord) -> Item:
    """The item a record belongs to: by dataObject `id`, else by its source text."""
    data = record.data_object
    if data.get("id") is not None:
        item = items.get(item_key(str(data["id"]), ""))
        label = f"id {data['id']!r}"
    else:
        text = data.get("source", data.get("content"))
        if not isinstance(text, str):
            raise JobError(f"{record.where}: dataObject has neither 'id' nor source text ('source' or 'content')")
        item = _find_by_source(items, text, record.where)
        label = f"source {text[:60]!r}"
    if item is None:
        raise JobError(f"{record.where}: no manifest line with {label}; "
                       "put the labeling job's input manifest in the same folder")
    return item


def _find_by_source(items: Dict[str, Item], text: str, where: str) -> Optional[Item]:
    matches = [item for item in items.values() if item.source == text]
    if len(matches) > 1:
        raise JobError(f"{where}: {len(matches)} items share this source text; give items an 'id'")
    return matches[0] if matches else None


# ---- merging -----------------------------------------------------------------------------

@dataclass
class LoadedItems:
    items: Dict[str, Item]
    label_attribute: Optional[str]
    input_files: List[str]
    ignored_files: List[str]
    duplicate_annotations: int = 0


def merge_item(items: Dict[str, Item], new: Item) -> int:
    """Add ``new`` or merge it into the item with the same identity; returns duplicates dropped."""
    old = items.get(new.key)
    if old is None:
        items[new.key] = Item(new.key, new.item_id, new.source, new.responses, new.where, labeling_failed=new.labeling_failed)
        return add_annotations(items[new.key], new.annotations)
    for name in ("source", "responses"):
        if getattr(old, name) != getattr(new, name):
            raise JobError(f"{new.where}: item {new.key} has a different '{name}' than at {old.where}")
    old.labeling_failed = old.labeling_failed or new.labeling_failed
    return add_annotations(old, new.annotations)


def add_annotations(item: Item, annotations: Iterable[Annotation]) -> int:
    """Append annotations, dropping exact repeats (same worker, same answer): the same Ground
    Truth output can reach us twice (e.g. intermediate and final manifests in one folder)."""
    seen = {(a.worker_id, _canonical(a.content)) for a in item.annotations}
    dropped = 0
    for annotation in annotations:
        signature = (annotation.worker_id, _canonical(annotation.content))
        if signature in seen:
            dropped += 1
            continue
        seen.add(signature)
        item.annotations.append(annotation)
    return dropped


def _canonical(content: str) -> str:
    try:
        return json.dumps(json.loads(content), sort_keys=True)
    except ValueError:
        return content


def load_items(path: Path, label_attribute: Optional[str]) -> LoadedItems:
    """Read every input under ``path`` and return items keyed by identity."""
    if not path.exists():
        raise JobError(f"{os.fspath(path)}: no such file or folder")
    jsonl_files, annotation_files, others = find_inputs(path)
    records = read_records(jsonl_files)
    label = detect_label_attribute(records, label_attribute)
    single_file = path.is_file()
    if single_file and label is None and records:
        raise JobError(f"{path}: no label attribute found (is this the labeling job's output manifest?); "
                       "pass --label-attribute NAME")
    loaded = LoadedItems({}, label, [str(p) for p in jsonl_files + annotation_files], [str(p) for p in others])
    for record in records:
        loaded.duplicate_annotations += merge_item(loaded.items, item_from_record(record, label, single_file))
    for annotation_path in annotation_files:
        _merge_annotation_file(loaded, annotation_path)
    return loaded


def _merge_annotation_file(loaded: LoadedItems, path: Path) -> None:
    records = read_annotation_file(path)
    if records is None:
        loaded.ignored_files.append(str(path))
        return
    for record in records:
        item = join_annotation_record(loaded.items, record)
        loaded.duplicate_annotations += add_annotations(item, record.annotations)
