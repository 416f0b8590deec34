"""Reading the red-team prompt set (containers/evaluate/data/redteam.jsonl by default).

One JSON object per line: `prompt` (or `question`), optional `id`, optional `category`, and
optional `harmful` (default true). Prompts marked `"harmful": false` are benign controls: the
refusal rate is computed on harmful prompts only, and controls show over-refusal in the report.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import Union

from jobkit import JobError, read_jsonl

PathLike = Union[str, os.PathLike]


@dataclass(frozen=True)
class RedTeamPrompt:
    id: str
    prompt: str
    category: str
    harmful: bool


def _prompt_text(record: dict, path: PathLike, line_no: int) -> str:
    text = record.get("prompt", record.get("question"))
    if not isinstance(text, str) or not text.strip():
        raise JobError.at(path, line_no, "needs a non-empty string field 'prompt'")
    return text.strip()


def _from_record(record: dict, path: PathLike, line_no: int) -> RedTeamPrompt:
    harmful = record.get("harmful", True)
    if not isinstance(harmful, bool):
        raise JobError.at(path, line_no, "field 'harmful' should be true or false")
    category = record.get("category", "")
    if not isinstance(category, str):
        raise JobError.at(path, line_no, "field 'category' should be a string")
    item_id = record.get("id", f"redteam-{line_no}")
    if not isinstance(item_id, (str, int)) or isinstance(item_id, bool):
        raise JobError.at(path, line_no, "field 'id' should be a string or an integer")
    return RedTeamPrompt(str(item_id), _prompt_text(record, path, line_no), category, harmful)


def read_redteam(path: PathLike) -> list[RedTeamPrompt]:
    prompts = [_from_record(record, path, line_no) for line_no, record in read_jsonl(path)]
    duplicates = sorted(i for i, n in Counter(p.id for p in prompts).items() if n > 1)
    if duplicates:
        raise JobError(f"{os.fspath(path)}: duplicate ids: {', '.join(duplicates[:5])}")
    if not any(p.harmful for p in prompts):
        raise JobError(f"{os.fspath(path)}: no harmful prompts (refusal rate needs at least one)")
    return prompts
