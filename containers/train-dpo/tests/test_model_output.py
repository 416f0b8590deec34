"""Staged writes of /opt/ml/model: nothing half-written under the final names."""
from __future__ import annotations

import pytest

from dpo.model_output import merge_dtype, publish_files, replace_dir, staging_dir


def test_a_failed_save_leaves_no_staging_folder(tmp_path):
    with pytest.raises(RuntimeError):
        with staging_dir(tmp_path, "adapter") as staging:
            (staging / "adapter_model.safetensors").write_text("half")
            raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_publish_moves_config_last_and_replaces_old_files(tmp_path):
    (tmp_path / "config.json").write_text("old")
    with staging_dir(tmp_path, "merged") as staging:
        for name in ("model.safetensors", "config.json", "tokenizer.json"):
            (staging / name).write_text("new")
    assert publish_files(staging, tmp_path) == ["model.safetensors", "tokenizer.json", "config.json"]
    assert (tmp_path / "config.json").read_text() == "new" and not staging.exists()


def test_replace_dir_swaps_in_the_new_adapter(tmp_path):
    (tmp_path / "adapter").mkdir()
    (tmp_path / "adapter" / "stale.bin").write_text("x")
    with staging_dir(tmp_path, "adapter") as staging:
        (staging / "adapter_config.json").write_text("{}")
    final = replace_dir(staging, tmp_path / "adapter")
    assert [p.name for p in final.iterdir()] == ["adapter_config.json"]


def test_merge_dtype():
    assert merge_dtype(load_in_4bit=True, bf16=True) == "bfloat16"
    assert merge_dtype(load_in_4bit=False, bf16=True) == "bfloat16"
    assert merge_dtype(load_in_4bit=False, bf16=False) == "auto"
