"""Bad input stops evaluate.py with exit 1, one located message, no traceback and no outputs."""
from __future__ import annotations

import json

import pytest


@pytest.fixture
def run(tmp_path, preference_data, redteam_file, dpo_helpers):
    model = tmp_path / "model"
    (model / "adapter").mkdir(parents=True)
    (model / "adapter" / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": "/opt/ml/x"}))

    def run_with(**overrides: str):
        args = {"--model-dir": str(model), "--test-dir": str(preference_data / "test"),
                "--base-model-dir": str(tmp_path / "no-base"), "--redteam-file": str(redteam_file),
                "--output-dir": str(tmp_path / "out"), "--work-dir": str(tmp_path / "scratch"), **overrides}
        result = dpo_helpers.run_script(dpo_helpers.EVALUATE_SCRIPT, [x for kv in args.items() for x in kv], 120)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()
        return result.stderr

    return run_with


def test_malformed_test_pairs_name_file_and_line(run, tmp_path, dpo_helpers):
    rows = [dpo_helpers.pair("a", "q?", "good", "bad"), {"prompt": [], "chosen": [], "rejected": []}]
    bad = dpo_helpers.write_jsonl(tmp_path / "bad-test" / "test.jsonl", rows)
    message = run(**{"--test-dir": str(bad.parent)})
    assert "test.jsonl:2: field 'prompt' should be a non-empty list of messages" in message


def test_malformed_red_team_file(run, tmp_path):
    bad = tmp_path / "redteam.jsonl"
    bad.write_text('{"prompt": "fine"}\n{"prompt": 42}\n')
    assert "redteam.jsonl:2: needs a non-empty string field 'prompt'" in run(**{"--redteam-file": str(bad)})


def test_missing_model_pieces(run, tmp_path):
    assert "no base model" in run()
    assert "model folder not found" in run(**{"--model-dir": str(tmp_path / "nowhere")})
    merged_only = tmp_path / "merged-only"
    merged_only.mkdir()
    (merged_only / "config.json").write_text("{}")
    assert "expected adapter/ or one model.tar.gz" in run(**{"--model-dir": str(merged_only)})


def test_bad_arguments(run):
    assert "argument --beta: must be > 0" in run(**{"--beta": "0"})
    assert "--hf-token-secret-arn must be a Secrets Manager ARN" in run(**{"--hf-token-secret-arn": "hf_secret"})
