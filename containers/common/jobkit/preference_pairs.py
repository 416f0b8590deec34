"""Reading and checking preference pairs in TRL's conversational format.

One JSON object per line, as containers/preferences writes them and train-dpo / evaluate read
them::

    {"id": "q17",
     "prompt":   [{"role": "system", "content": "..."}, {"role": "user", "content": "..."}],
     "chosen":   [{"role": "assistant", "content": "..."}],
     "rejected": [{"role": "assistant", "content": "..."}]}

`id` is optional; other extra fields are kept but ignored. A malformed line stops the job with
``file:line: problem`` (JobError).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Union

from .errors import JobError
from .jsonl import read_jsonl
from .paths import list_input_files

PathLike = Union[str, os.PathLike]
_PROMPT_ROLES = {"system", "user", "assistant"}


def _message_problem(message: Any, where: str, roles: set[str]) -> str | None:
    if not isinstance(message, dict):
        return f"{where} should be an object with role and content"
    if message.get("role") not in roles:
        return f"{where}.role should be one of {', '.join(sorted(roles))}, got {message.get('role')!r}"
    if not isinstance(message.get("content"), str):
        return f"{where}.content should be a string"
    return None


def _prompt_problem(prompt: Any) -> str | None:
    if not isinstance(prompt, list) or not prompt:
        return "field 'prompt' should be a non-empty list of messages"
    for index, message in enumerate(prompt):
        problem = _message_problem(message, f"prompt[{index}]", _PROMPT_ROLES)
        if problem:
            return problem
    if prompt[-1]["role"] != "user":
        return "the last prompt message should have role user"
    return None


def _answer_problem(answer: Any, field: str) -> str | None:
    if not isinstance(answer, list) or len(answer) != 1:
        return f"field {field!r} should be a list with exactly one assistant message"
    return _message_problem(answer[0], f"{field}[0]", {"assistant"})


def pair_problem(record: dict) -> str | None:
    """What is wrong with one record, or None."""
    for field in ("prompt", "chosen", "rejected"):
        if field not in record:
            return f"missing field {field!r}"
    if "id" in record and not isinstance(record["id"], (str, int)):
        return "field 'id' should be a string or an integer"
    return (_prompt_problem(record["prompt"]) or _answer_problem(record["chosen"], "chosen")
            or _answer_problem(record["rejected"], "rejected"))


def read_preference_pairs(path: PathLike) -> list[dict]:
    """All pairs from a ``.jsonl`` file or the ``.jsonl`` files of a folder (sorted by name).

    Each returned record gets ``where`` = ``"file.jsonl:line"`` for messages and reports.
    Raises JobError on the first malformed line, and when there is no pair at all.
    """
    pairs = []
    for file in list_input_files(path, (".jsonl",)):
        for line_no, record in read_jsonl(file):
            problem = pair_problem(record)
            if problem:
                raise JobError.at(file, line_no, problem)
            pairs.append({**record, "where": f"{Path(file).name}:{line_no}"})
    if not pairs:
        raise JobError(f"{os.fspath(path)}: no preference pairs (.jsonl files with one pair a line)")
    return pairs


def user_question(pair: dict) -> str:
    """The last user message of a pair's prompt (the question the answers respond to)."""
    return pair["prompt"][-1]["content"]
