"""Where the base model comes from; the Hub download itself is replaced (no network in tests)."""
from __future__ import annotations

import pytest

from dpo import launch
from dpo import model_download
from dpo.hyperparams import validate
from jobkit import JobError


def test_a_model_channel_wins_over_the_hub_id(tmp_path):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "config.json").write_text("{}")
    values = validate({"model_id": "org/model"})
    assert model_download.local_base_model(str(tmp_path / "model"), values, str(tmp_path / "dl")) == str(
        tmp_path / "model")


def test_the_downloader_fetches_the_token_by_arn_and_skips_the_original_checkpoint(tmp_path, monkeypatch):
    import huggingface_hub

    calls = {}

    def fetch_secret(arn):
        calls["arn"] = arn
        return "hf_token"

    def snapshot_download(repo, **kwargs):
        calls.update(repo=repo, **kwargs)
        return str(kwargs["local_dir"])

    monkeypatch.setattr(model_download, "fetch_secret", fetch_secret)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:hf-AbCdEf"
    values = validate({"model_id": "meta-llama/Meta-Llama-3-8B-Instruct", "hf_token_secret_arn": arn})
    folder = model_download.local_base_model(str(tmp_path / "empty"), values, str(tmp_path / "dl"))
    assert folder == str(tmp_path / "dl" / "meta-llama--Meta-Llama-3-8B-Instruct")
    assert (calls["arn"], calls["token"], calls["repo"]) == (arn, "hf_token", "meta-llama/Meta-Llama-3-8B-Instruct")
    assert "original/*" in calls["ignore_patterns"]


def test_other_ranks_use_the_downloaders_folder_without_the_token(tmp_path, monkeypatch):
    monkeypatch.setattr(model_download, "fetch_secret", lambda arn: pytest.fail("only the downloader reads it"))
    values = validate({"model_id": "org/model", "hf_token_secret_arn": "arn:aws:secretsmanager:r:1:secret:x"})
    with pytest.raises(JobError, match="download by local rank 0 is missing"):
        model_download.local_base_model("", values, str(tmp_path), downloader=False)
    (tmp_path / "org--model").mkdir()
    (tmp_path / "org--model" / "config.json").write_text("{}")
    assert model_download.local_base_model("", values, str(tmp_path), downloader=False) == str(tmp_path / "org--model")


def test_local_main_first_is_a_no_op_in_a_single_process():
    with launch.local_main_first({"WORLD_SIZE": "1"}):
        pass
    assert launch.is_local_main_process({"LOCAL_RANK": "0"}) and not launch.is_local_main_process({"LOCAL_RANK": "2"})
