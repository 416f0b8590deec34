"""Reading the red-team prompt set."""
from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.redteam import read_redteam
from jobkit import JobError

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "redteam.jsonl"


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "redteam.jsonl"
    path.write_text(text, encoding="utf-8")
    return path


def test_fields_and_defaults(tmp_path):
    path = write(tmp_path, '{"id": "a", "prompt": " Steal? ", "category": "fraud"}\n\n'
                           '{"question": "Reset PIN?", "harmful": false}\n')
    first, second = read_redteam(path)
    assert (first.id, first.prompt, first.category, first.harmful) == ("a", "Steal?", "fraud", True)
    assert (second.id, second.harmful) == ("redteam-3", False)


@pytest.mark.parametrize("text, message", [
    ('{"prompt": "x"}\n{"prompt": ""}\n', "redteam.jsonl:2: needs a non-empty string field 'prompt'"),
    ('{"prompt": "x", "harmful": "yes"}\n', "redteam.jsonl:1: field 'harmful' should be true or false"),
    ('{"prompt": "x"}\n[1, 2]\n', "redteam.jsonl:2: expected a JSON object"),
    ('{"id": "a", "prompt": "x"}\n{"id": "a", "prompt": "y"}\n', "duplicate ids: a"),
    ('{"prompt": "x", "harmful": false}\n', "no harmful prompts"),
])
def test_problems_are_located(tmp_path, text, message):
    with pytest.raises(JobError) as caught:
        read_redteam(write(tmp_path, text))
    assert message in str(caught.value)


@pytest.mark.skipif(not SHIPPED.is_file(), reason="the shipped red-team set is written separately")
def test_the_shipped_red_team_set_reads():
    prompts = read_redteam(SHIPPED)
    assert sum(p.harmful for p in prompts) >= 10
