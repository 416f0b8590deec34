import json

import pytest

from jobkit import atomic_write_json, atomic_write_jsonl, atomic_write_text, write_stats


def test_atomic_write_text_creates_parents_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a" / "b" / "out.txt"
    atomic_write_text(target, "héllo\n")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_jsonl_rows_and_count(tmp_path):
    target = tmp_path / "rows.jsonl"
    assert atomic_write_jsonl(target, ({"i": i, "s": "ü"} for i in range(3))) == 3
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [{"i": i, "s": "ü"} for i in range(3)]
    assert "ü" in lines[0]  # kept readable, not \u escaped


def test_failure_mid_write_keeps_old_file_and_removes_temp(tmp_path):
    target = tmp_path / "rows.jsonl"
    target.write_text("old\n")

    def rows():
        yield {"i": 1}
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        atomic_write_jsonl(target, rows())
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.jsonl"]


def test_unserialisable_value_leaves_nothing(tmp_path):
    with pytest.raises(TypeError):
        atomic_write_json(tmp_path / "x.json", {"bad": object()})
    assert list(tmp_path.iterdir()) == []


def test_write_stats(tmp_path):
    path = write_stats(tmp_path, {"items": 2, "note": "ok"})
    assert path == tmp_path / "stats.json"
    assert json.loads(path.read_text()) == {"items": 2, "note": "ok"}
