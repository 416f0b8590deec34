"""Questions to answer: a text file (one a line) or JSON Lines (`question`, optional `id`)."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Tuple, Union

from jobkit import JobError, read_jsonl, single_input_file

JSONL_SUFFIXES = (".jsonl", ".jsonlines", ".ndjson", ".json")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    where: str  # file:line, for messages


def content_id(text: str) -> str:
    """A stable id from the text: the same question gets the same id in every run."""
    return "q-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read_questions(path: Union[str, os.PathLike]) -> Tuple[List[Question], int]:
    """(questions in file order, number of repeated questions dropped).

    ``path`` is a file or a folder holding exactly one file. An explicit id used twice is an
    error; the same text twice without ids is read once (it would be one data object).
    """
    file = single_input_file(path)
    entries = _jsonl_entries(file) if file.suffix.lower() in JSONL_SUFFIXES else _text_entries(file)
    questions: List[Question] = []
    seen: Dict[str, Question] = {}
    repeats = 0
    for question, explicit in entries:
        first = seen.get(question.id)
        if first is not None:
            if explicit:
                raise JobError(f"{question.where}: id {question.id!r} already used at {first.where}")
            repeats += 1
            continue
        seen[question.id] = question
        questions.append(question)
    if not questions:
        raise JobError(f"{file}: no questions")
    return questions, repeats


def _text_entries(file: Path) -> Iterator[Tuple[Question, bool]]:
    try:
        lines = file.read_bytes().decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as err:
        line_no = file.read_bytes().count(b"\n", 0, err.start) + 1
        raise JobError.at(file, line_no, f"invalid UTF-8 at byte {err.start}") from None
    for line_no, line in enumerate(lines, start=1):
        text = line.strip()
        if text:
            yield Question(content_id(text), text, f"{file}:{line_no}"), False


def _jsonl_entries(file: Path) -> Iterator[Tuple[Question, bool]]:
    for line_no, obj in read_jsonl(file):
        text = obj.get("question")
        if not isinstance(text, str) or not text.strip():
            raise JobError.at(file, line_no, "field 'question' should be a non-empty string")
        raw_id = obj.get("id")
        if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or raw_id == ""):
            raise JobError.at(file, line_no, "field 'id' should be a non-empty string or an integer")
        text = text.strip()
        question_id = str(raw_id) if raw_id is not None else content_id(text)
        yield Question(question_id, text, f"{file}:{line_no}"), raw_id is not None
