"""Ground Truth annotation files (folder form), joined to items by `id` or source text.

The shape is the one Ground Truth hands the post-annotation step:
`[{"datasetObjectId", "dataObject": {...}, "annotations": [{"workerId", "annotationData": {"content"}}]}]`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from jobkit import JobError, JsonProblem, loads_strict

from .manifest import Annotation, Item, item_key, parse_annotation


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
        return loads_strict(text)
    except JsonProblem as err:
        raise (JobError.at(path, err.line, str(err)) if err.line else JobError(f"{path}: {err}")) from None


def _annotation_record(path: Path, index: int, record: object) -> AnnotationRecord:
    where = f"{path}: record {index + 1}"
    if not isinstance(record, dict) or not isinstance(record.get("dataObject"), dict):
        raise JobError(f"{where}: expected a Ground Truth annotation record with dataObject and annotations")
    entries = record.get("annotations")
    if not isinstance(entries, list):
        raise JobError(f"{where}: field 'annotations' should be an array")
    if "datasetObjectId" in record:
        where = f"{where} (datasetObjectId {record['datasetObjectId']})"
    annotations = [parse_annotation(e, f"{where}: annotations[{i}]") for i, e in enumerate(entries)]
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
