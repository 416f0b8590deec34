"""A job resumes only checkpoints of its own training (dpo/fingerprint.py)."""
from __future__ import annotations

import json

import pytest

from dpo import fingerprint as fp
from dpo.hyperparams import validate
from jobkit import JobError

PAIRS = [{"prompt": "p", "chosen": "a", "rejected": "b"}]


@pytest.fixture()
def model(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"\0" * 64)
    return folder


def current(model, pairs=PAIRS, **hyperparameters):
    return fp.fingerprint(validate(hyperparameters), str(model), pairs, [])


def test_a_matching_fingerprint_resumes(tmp_path, model):
    fp.record(str(tmp_path / "ckpt"), current(model))
    fp.check_resume(str(tmp_path / "ckpt"), current(model))  # no error


def test_training_length_logging_and_the_model_source_do_not_count(tmp_path, model):
    fp.record(str(tmp_path), current(model, max_steps="2", save_steps="2"))
    fp.check_resume(str(tmp_path), current(model, max_steps="4", epochs="5", save_steps="7", logging_steps="9",
                                           model_id="meta-llama/Meta-Llama-3-8B-Instruct"))


def test_a_changed_hyperparameter_is_named_with_both_values(tmp_path, model):
    fp.record(str(tmp_path), current(model, beta="0.1"))
    with pytest.raises(JobError, match=r"belong to a different training \(beta 0\.1 -> 0\.2\)"):
        fp.check_resume(str(tmp_path), current(model, beta="0.2"))


def test_changed_pairs_and_model_files_are_named(tmp_path, model):
    fp.record(str(tmp_path), current(model))
    (model / "model.safetensors").write_bytes(b"\0" * 65)
    other = [{**PAIRS[0], "chosen": "c"}]
    with pytest.raises(JobError, match=r"the base model's files changed; the training pairs changed"):
        fp.check_resume(str(tmp_path), current(model, pairs=other))


def test_checkpoints_without_a_fingerprint_are_not_resumed(tmp_path, model):
    with pytest.raises(JobError, match="without smpipe-fingerprint.json"):
        fp.check_resume(str(tmp_path), current(model))


def test_an_unreadable_fingerprint_is_a_plain_error(tmp_path, model):
    (tmp_path / fp.FILE_NAME).write_text("{trunc")
    with pytest.raises(JobError, match="cannot be read"):
        fp.check_resume(str(tmp_path), current(model))


def test_the_fingerprint_is_plain_json_holding_no_secret_arn(tmp_path, model):
    arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:hf"
    fp.record(str(tmp_path), current(model, hf_token_secret_arn=arn))
    text = (tmp_path / fp.FILE_NAME).read_text()
    assert arn not in text and json.loads(text)["version"] == fp.VERSION


def test_download_bookkeeping_in_hidden_folders_does_not_count(tmp_path, model):
    fp.record(str(tmp_path), current(model))
    metadata = model / ".cache" / "huggingface" / "download" / "model.safetensors.metadata"
    metadata.parent.mkdir(parents=True)
    metadata.write_text("abc123\netag\n1765000000.123456\n")
    fp.check_resume(str(tmp_path), current(model))  # no error
