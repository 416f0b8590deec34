"""Bad input stops train_dpo.py with exit 1, one located message, no traceback, no outputs."""
from __future__ import annotations

import json
import shutil

import pytest


@pytest.fixture
def job(tmp_path, preference_data, dpo_helpers):
    """A writable copy of the pairs plus a runner whose base model folder does not exist yet."""
    data = tmp_path / "data"
    shutil.copytree(preference_data, data)

    def run(*extra: str, max_steps: int = 1):
        args = dpo_helpers.train_args(data, tmp_path / "no-model-here", tmp_path / "out", max_steps, *extra)
        return dpo_helpers.run_script(dpo_helpers.TRAIN_SCRIPT, args, timeout=120)

    return data, run


def assert_clean_failure(result, tmp_path, *expected: str):
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*"))


def test_invalid_json_names_file_and_line(job, tmp_path):
    data, run = job
    train = data / "train" / "train.jsonl"
    lines = train.read_text().splitlines()
    lines[2] = '{"prompt": [oops'
    train.write_text("\n".join(lines) + "\n")
    assert_clean_failure(run(), tmp_path, "train.jsonl:3: invalid JSON")


@pytest.mark.parametrize("field, value, message", [
    ("chosen", [{"role": "assistant", "content": "a"}, {"role": "assistant", "content": "b"}],
     "field 'chosen' should be a list with exactly one assistant message"),
    ("rejected", [{"role": "user", "content": "a"}], "rejected[0].role should be one of assistant"),
    ("prompt", [{"role": "system", "content": "only a system message"}],
     "the last prompt message should have role user"),
    ("prompt", "a plain string", "field 'prompt' should be a non-empty list of messages"),
])
def test_malformed_pairs_name_file_line_and_problem(job, tmp_path, field, value, message):
    data, run = job
    test_file = data / "test" / "test.jsonl"
    rows = [json.loads(line) for line in test_file.read_text().splitlines()]
    rows[1][field] = value
    test_file.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert_clean_failure(run(), tmp_path, f"test.jsonl:2: {message}")


def test_bad_hyperparameters_are_all_reported_before_any_model_is_needed(job, tmp_path):
    _, run = job
    result = run("--beta", "0", "--lora_r", "2048", "--lora_dropout", "1.5", "--max_prompt_length", "512")
    assert_clean_failure(result, tmp_path, "beta='0': must be > 0", "lora_r='2048'", "lora_dropout='1.5'",
                         "max_prompt_length: not accepted")


def test_missing_base_model_and_empty_training_data(job, tmp_path):
    data, run = job
    assert_clean_failure(run(), tmp_path, "no base model")
    (data / "train" / "train.jsonl").write_text("\n")
    assert_clean_failure(run(), tmp_path, "no preference pairs")


def test_load_in_4bit_without_bitsandbytes_stops_before_any_download(job, tmp_path):
    # The CPU test image has no bitsandbytes (it comes with requirements-gpu.txt on the GPU image).
    pytest.importorskip("torch")
    import importlib.util
    if importlib.util.find_spec("bitsandbytes") is not None:
        pytest.skip("bitsandbytes is installed here")
    _, run = job
    assert_clean_failure(run("--load_in_4bit", "true"), tmp_path, "load_in_4bit=true needs bitsandbytes")
