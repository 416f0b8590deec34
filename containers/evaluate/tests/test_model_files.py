"""Locating the training output: a folder, or the model.tar.gz SageMaker makes of it."""
from __future__ import annotations

import io
import json
import tarfile

import pytest

from evaluation.model_files import adapter_base_model, adapter_dir, base_model_source, served_model_dir, training_output_dir
from jobkit import JobError


def training_output(root, base_model="/opt/ml/input/data/model"):
    (root / "adapter").mkdir(parents=True)
    (root / "adapter" / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": base_model}))
    (root / "tokenizer_config.json").write_text("{}")
    return root


def test_a_folder_with_adapter_is_used_as_is(tmp_path):
    root = training_output(tmp_path / "model")
    assert training_output_dir(root, tmp_path / "work") == root
    assert adapter_dir(root) == root / "adapter"


def test_the_served_model_must_be_the_merged_model_at_the_top(tmp_path):
    root = training_output(tmp_path / "model")
    with pytest.raises(JobError, match="no merged model to evaluate \\(missing config.json\\)"):
        served_model_dir(root)
    (root / "config.json").write_text("{}")
    with pytest.raises(JobError, match="missing \\*.safetensors"):
        served_model_dir(root)
    (root / "model.safetensors").write_bytes(b"x")
    assert served_model_dir(root) == root


def test_model_tar_gz_is_extracted(tmp_path):
    source = training_output(tmp_path / "src")
    (tmp_path / "input").mkdir()
    with tarfile.open(tmp_path / "input" / "model.tar.gz", "w:gz") as tar:
        for path in source.rglob("*"):
            tar.add(path, arcname=str(path.relative_to(source)), recursive=False)
    found = training_output_dir(tmp_path / "input", tmp_path / "work")
    assert found == tmp_path / "work" / "model" and (found / "adapter" / "adapter_config.json").is_file()


def test_archive_members_escaping_the_target_are_refused(tmp_path):
    (tmp_path / "input").mkdir()
    with tarfile.open(tmp_path / "input" / "model.tar.gz", "w:gz") as tar:
        data = b"owned"
        member = tarfile.TarInfo("../../escaped.txt")
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
    with pytest.raises(JobError, match="cannot extract"):
        training_output_dir(tmp_path / "input", tmp_path / "work")
    assert not (tmp_path / "escaped.txt").exists()


def test_a_folder_without_adapter_or_archive_is_an_error(tmp_path):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "config.json").write_text("{}")
    with pytest.raises(JobError, match="expected adapter/ or one model.tar.gz"):
        training_output_dir(tmp_path / "model", tmp_path / "work")


def test_base_model_comes_from_channel_then_flag_then_adapter_hub_id(tmp_path):
    trained_on_hub = training_output(tmp_path / "a", base_model="meta-llama/Meta-Llama-3-8B-Instruct")
    trained_on_channel = training_output(tmp_path / "b")
    assert adapter_base_model(trained_on_hub / "adapter") == "meta-llama/Meta-Llama-3-8B-Instruct"
    assert adapter_base_model(trained_on_channel / "adapter") is None
    empty_channel = tmp_path / "base"
    assert base_model_source(empty_channel, "", trained_on_hub / "adapter") == "meta-llama/Meta-Llama-3-8B-Instruct"
    assert base_model_source(empty_channel, "org/other", trained_on_hub / "adapter") == "org/other"
    with pytest.raises(JobError, match="no base model"):
        base_model_source(empty_channel, "", trained_on_channel / "adapter")
    empty_channel.mkdir()
    (empty_channel / "config.json").write_text("{}")
    assert base_model_source(empty_channel, "org/other", trained_on_hub / "adapter") == str(empty_channel)
