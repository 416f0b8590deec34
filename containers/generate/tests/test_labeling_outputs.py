import pytest

from jobkit import JobError
from generation.labeling_outputs import MAX_MANIFEST_LINE_BYTES, generation_stats, manifest_rows, response_rows
from generation.questions import Question

QUESTIONS = [Question("a", "A?", "f:1"), Question("b", "B?", "f:2")]


def test_rows_and_manifest():
    rows = response_rows(QUESTIONS, [[" one ", "two"], ["", "x"]], [[False, True], [False, False]])
    assert rows[0] == {"id": "a", "question": "A?", "responses": ["one", "two"], "truncated": [False, True]}
    assert manifest_rows(rows) == [{"id": "a", "source": "A?", "responses": ["one", "two"], "truncated": [False, True]},
                                   {"id": "b", "source": "B?", "responses": ["", "x"], "truncated": [False, False]}]


def test_mismatched_completions_is_a_bug():
    with pytest.raises(RuntimeError):
        response_rows(QUESTIONS, [["x"]])


def test_oversized_manifest_line():
    rows = response_rows(QUESTIONS[:1], [["é" * MAX_MANIFEST_LINE_BYTES]])
    with pytest.raises(JobError, match="exceeds Ground Truth's 100000"):
        manifest_rows(rows)


def test_stats():
    rows = response_rows(QUESTIONS, [["same", "same"], ["", "abcd"]], [[True, False], [False, True]])
    stats = generation_stats(rows, backend="transformers")
    assert stats == {"questions": 2, "responses": 4, "empty_responses": 1, "truncated_responses": 2,
                     "identical_responses_within_question": 1, "mean_response_chars": 3.0, "backend": "transformers"}
