import json
from pathlib import Path

import pytest

from jobkit import JobError
from generation.questions import content_id, read_questions

DATA = Path(__file__).resolve().parents[1] / "data"


def test_text_file_one_question_a_line(tmp_path):
    path = tmp_path / "q.txt"
    path.write_bytes("\ufeffHow do I freeze my card?\n\n  Où est mon argent ?  \n".encode())
    questions, repeats = read_questions(path)
    assert [(q.id, q.text) for q in questions] == [
        (content_id("How do I freeze my card?"), "How do I freeze my card?"),
        (content_id("Où est mon argent ?"), "Où est mon argent ?"),
    ]
    assert repeats == 0 and questions[1].where.endswith("q.txt:3")


def test_ids_are_stable_and_content_derived():
    assert content_id("abc") == content_id("abc") != content_id("abd")
    assert content_id("abc").startswith("q-") and len(content_id("abc")) == 14


def test_jsonl_with_and_without_ids(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": 7, "question": "A?"}\n{"question": " B? "}\n', encoding="utf-8")
    questions, _ = read_questions(path)
    assert [(q.id, q.text) for q in questions] == [("7", "A?"), (content_id("B?"), "B?")]


def test_repeated_text_is_read_once_but_repeated_id_is_an_error(tmp_path):
    (tmp_path / "q.txt").write_text("Same?\nOther?\nSame?\n")
    questions, repeats = read_questions(tmp_path / "q.txt")
    assert [q.text for q in questions] == ["Same?", "Other?"] and repeats == 1
    (tmp_path / "q.jsonl").write_text('{"id": "a", "question": "X?"}\n{"id": "a", "question": "Y?"}\n')
    with pytest.raises(JobError, match=r"q\.jsonl:2: id 'a' already used at .*q\.jsonl:1"):
        read_questions(tmp_path / "q.jsonl")


@pytest.mark.parametrize("text,message", [
    ('{"question": "A?"}\n{"question": \n', r"q\.jsonl:2: invalid JSON"),
    ('{"id": "a"}\n', r"q\.jsonl:1: field 'question' should be a non-empty string"),
    ('{"id": true, "question": "A?"}\n', r"q\.jsonl:1: field 'id' should be"),
    ("\n\n", r"q\.jsonl: no questions"),
])
def test_bad_jsonl(tmp_path, text, message):
    (tmp_path / "q.jsonl").write_text(text)
    with pytest.raises(JobError, match=message):
        read_questions(tmp_path / "q.jsonl")


def test_invalid_utf8_in_text_file(tmp_path):
    (tmp_path / "q.txt").write_bytes(b"ok?\nbad \xff?\n")
    with pytest.raises(JobError, match=r"q\.txt:2: invalid UTF-8"):
        read_questions(tmp_path / "q.txt")


def test_folder_with_one_file(tmp_path):
    (tmp_path / "questions.txt").write_text("A?\n")
    assert read_questions(tmp_path)[0][0].text == "A?"


def test_shipped_example_questions():
    questions, repeats = read_questions(DATA / "questions.jsonl")
    assert len(questions) >= 45 and repeats == 0
    categories = {json.loads(line)["category"] for line in (DATA / "questions.jsonl").read_text().splitlines()}
    assert {"off-topic", "rude", "harmful"} <= categories
    assert "Example Bank" in (DATA / "context.md").read_text()


def test_shipped_redteam_prompts():
    path = Path(__file__).resolve().parents[2] / "evaluate" / "data" / "redteam.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 20 and len({r["id"] for r in rows}) == len(rows)
    assert all(set(r) == {"id", "prompt", "category"} and r["prompt"].strip() for r in rows)
    training_questions = {q.text for q in read_questions(DATA / "questions.jsonl")[0]}
    assert not training_questions & {r["prompt"] for r in rows}  # held out from generation/training
