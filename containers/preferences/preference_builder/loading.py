"""All inputs under --manifest -> items keyed by identity, merged and de-duplicated.

Nothing is ever matched by file, line or listing position.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from jobkit import JobError, JsonProblem, loads_strict

from .annotation_files import join_annotation_record, read_annotation_file
from .manifest import Annotation, Item, detect_label_attribute, find_inputs, item_from_record, read_records


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
        items[new.key] = Item(new.key, new.item_id, new.source, new.responses, new.where,
                              labeling_failed=new.labeling_failed, truncated=new.truncated)
        return add_annotations(items[new.key], new.annotations)
    for name in ("source", "responses"):
        if getattr(old, name) != getattr(new, name):
            raise JobError(f"{new.where}: item {new.key} has a different '{name}' than at {old.where}")
    old.labeling_failed = old.labeling_failed or new.labeling_failed
    old.truncated = old.truncated or new.truncated
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
        return json.dumps(loads_strict(content), sort_keys=True)
    except JsonProblem:
        return content  # reported with its location when the ranking is parsed


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
