"""Choosing the checkpoint to resume from."""
from __future__ import annotations

import json

from dpo.checkpoints import checkpoint_step, complete_checkpoints, latest_checkpoint


def make_checkpoint(root, step, complete=True):
    folder = root / f"checkpoint-{step}"
    folder.mkdir(parents=True)
    if complete:
        for name in ("adapter_model.safetensors", "optimizer.pt", "scheduler.pt"):
            (folder / name).write_bytes(b"x")
        (folder / "trainer_state.json").write_text(json.dumps({"global_step": step}))
    return folder


def test_highest_complete_step_wins_numerically(tmp_path):
    for step in (2, 10, 9):
        make_checkpoint(tmp_path, step)
    assert latest_checkpoint(tmp_path).name == "checkpoint-10"  # not "checkpoint-9" by string order
    assert checkpoint_step(latest_checkpoint(tmp_path)) == 10


def test_incomplete_and_unrelated_folders_are_skipped(tmp_path):
    make_checkpoint(tmp_path, 4)
    make_checkpoint(tmp_path, 6, complete=False)  # cut off while uploading
    (make_checkpoint(tmp_path, 8) / "trainer_state.json").write_text("{trunc")
    (tmp_path / "checkpoint-x").mkdir()
    (tmp_path / "checkpoint-12").write_text("a file, not a folder")
    assert [p.name for p in complete_checkpoints(tmp_path)] == ["checkpoint-4"]


def test_no_folder_or_empty_folder_means_a_fresh_start(tmp_path):
    assert latest_checkpoint(tmp_path / "missing") is None
    assert latest_checkpoint(tmp_path) is None


def test_a_checkpoint_without_optimizer_state_is_not_resumed(tmp_path):
    # A partial S3 sync: trainer_state.json arrived, optimizer.pt did not (or arrived empty).
    make_checkpoint(tmp_path, 2)
    (make_checkpoint(tmp_path, 4) / "optimizer.pt").unlink()
    (make_checkpoint(tmp_path, 6) / "scheduler.pt").write_bytes(b"")
    assert latest_checkpoint(tmp_path).name == "checkpoint-2"
