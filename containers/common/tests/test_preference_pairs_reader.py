"""jobkit.preference_pairs: the reader train-dpo and evaluate use for build_preferences output."""
import json

import pytest

from jobkit import JobError, pair_problem, read_preference_pairs, user_question

GOOD = {"id": "q1", "prompt": [{"role": "system", "content": "ctx"}, {"role": "user", "content": "Q?"}],
        "chosen": [{"role": "assistant", "content": "yes"}], "rejected": [{"role": "assistant", "content": "no"}]}


def test_reads_files_of_a_folder_with_locations(tmp_path):
    (tmp_path / "b.jsonl").write_text(json.dumps(GOOD) + "\n\n" + json.dumps({**GOOD, "id": 2}) + "\n")
    (tmp_path / "stats.json").write_text("{}")
    pairs = read_preference_pairs(tmp_path)
    assert [(p["id"], p["where"]) for p in pairs] == [("q1", "b.jsonl:1"), (2, "b.jsonl:3")]
    assert user_question(pairs[0]) == "Q?"


@pytest.mark.parametrize("change,problem", [
    ({"chosen": None}, "field 'chosen' should be a list with exactly one assistant message"),
    ({"rejected": [{"role": "user", "content": "x"}]}, "rejected[0].role should be one of assistant, got 'user'"),
    ({"prompt": [{"role": "system", "content": "only"}]}, "the last prompt message should have role user"),
    ({"prompt": []}, "field 'prompt' should be a non-empty list of messages"),
    ({"id": 1.5}, "field 'id' should be a string or an integer"),
])
def test_problems(change, problem):
    assert pair_problem({**GOOD, **change}) == problem
    assert pair_problem(GOOD) is None


def test_malformed_line_and_empty_input(tmp_path):
    (tmp_path / "t.jsonl").write_text(json.dumps(GOOD) + "\n" + json.dumps({**GOOD, "chosen": []}) + "\n")
    with pytest.raises(JobError, match=r"t\.jsonl:2: field 'chosen'"):
        read_preference_pairs(tmp_path / "t.jsonl")
    (tmp_path / "t.jsonl").write_text("")
    with pytest.raises(JobError, match="no preference pairs"):
        read_preference_pairs(tmp_path)
