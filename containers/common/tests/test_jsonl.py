import re

import pytest

from jobkit import JobError, read_jsonl, require_field


def write_bytes(tmp_path, data: bytes):
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    return path


def test_yields_objects_with_line_numbers_skipping_blank_lines(tmp_path):
    path = write_bytes(tmp_path, b'{"a": 1}\n\n   \n{"b": "\xc3\xa9"}\n')
    assert list(read_jsonl(path)) == [(1, {"a": 1}), (4, {"b": "é"})]


def test_tolerates_bom_and_missing_final_newline(tmp_path):
    path = write_bytes(tmp_path, b'\xef\xbb\xbf{"a": 1}\r\n{"a": 2}')
    assert [obj["a"] for _, obj in read_jsonl(path)] == [1, 2]


def test_bad_json_names_file_and_line(tmp_path):
    path = write_bytes(tmp_path, b'{"a": 1}\n{"a": \n')
    with pytest.raises(JobError, match=r"in\.jsonl:2: invalid JSON: .*column"):
        list(read_jsonl(path))


def test_non_object_is_rejected_unless_allowed(tmp_path):
    path = write_bytes(tmp_path, b'{"a": 1}\n[1, 2]\n')
    with pytest.raises(JobError, match=r"in\.jsonl:2: expected a JSON object, got an array"):
        list(read_jsonl(path))
    assert list(read_jsonl(path, require_object=False))[1] == (2, [1, 2])


def test_invalid_utf8_reports_line(tmp_path):
    path = write_bytes(tmp_path, b'{"a": 1}\n{"a": "\xff"}\n')
    with pytest.raises(JobError, match=r"in\.jsonl:2: invalid UTF-8 at byte 7"):
        list(read_jsonl(path))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(JobError, match="file not found"):
        list(read_jsonl(tmp_path / "nope.jsonl"))
    with pytest.raises(JobError, match="is a directory"):
        list(read_jsonl(tmp_path))


def test_empty_file_yields_nothing(tmp_path):
    assert list(read_jsonl(write_bytes(tmp_path, b""))) == []


def test_require_field(tmp_path):
    obj = {"id": "x", "n": True, "k": 3}
    assert require_field(obj, "id", str, "f.jsonl", 3) == "x"
    assert require_field(obj, "k", (int, float), "f.jsonl", 3) == 3
    with pytest.raises(JobError, match=r"^f\.jsonl:3: missing field 'q'$"):
        require_field(obj, "q", str, "f.jsonl", 3)
    with pytest.raises(JobError, match=r"f\.jsonl:3: field 'n' should be an integer, got a boolean"):
        require_field(obj, "n", int, "f.jsonl", 3)


@pytest.mark.parametrize("text,reason", [
    ("[" * 100_000, "nested too deeply"),
    ("9" * 5000, "a number it cannot read"),
    ('{"a": ["\\ud83d"]}', "lone surrogate \\ud83d"),
    ('{"\\udc00": 1}', "lone surrogate \\udc00"),
    ("[Infinity]", "Infinity is not a JSON number"),
    ('{"a": 1', "Expecting"),
], ids=["deep", "long-int", "surrogate-value", "surrogate-key", "infinity", "truncated"])
def test_loads_strict_turns_every_failure_into_one_message(text, reason):
    from jobkit import JsonProblem, loads_strict

    with pytest.raises(JsonProblem, match=re.escape(reason)):
        loads_strict(text)


def test_loads_strict_keeps_valid_surrogate_pairs_and_big_but_legal_numbers():
    from jobkit import loads_strict

    assert loads_strict('["\\ud83d\\ude00", 1e308, 12345678901234567890]') == ["\U0001F600", 1e308, 12345678901234567890]


def test_read_jsonl_names_the_line_of_hostile_json(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"ok": 1}\n' + "[" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(JobError, match=r"x\.jsonl:2: invalid JSON: nested too deeply"):
        list(read_jsonl(path))
