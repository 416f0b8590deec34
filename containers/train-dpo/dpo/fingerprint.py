"""Which training a checkpoint folder belongs to, so a job never resumes another one's checkpoints.

smpipe's default checkpoint location is kept across executions (so a retry or a re-run resumes
instead of training again; README, "Checkpoints"), and SageMaker copies whatever that S3 prefix
holds into /opt/ml/checkpoints before the job starts (CheckpointConfig, "Use checkpoints in Amazon
SageMaker", https://docs.aws.amazon.com/sagemaker/latest/dg/model-checkpoints.html). A location
given by hand, or an `arguments:` override the location's hash does not see, can therefore hold
checkpoints of a different configuration: resuming them would silently continue someone else's
optimizer state with this job's data. Each job writes a fingerprint beside its checkpoints and
resumes only on a match.

What counts: every hyperparameter that changes the training's arithmetic, the base model's files
(names and sizes: hashing 16 GB of weights would cost minutes) and the exact training and held-out
pairs. What does not: how long to train (epochs, max_steps: resuming with more steps is how a run is
extended), how often to log, evaluate and save, and where the model came from (model_id,
hf_token_secret_arn: the same files from the channel or the Hub are the same model).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Optional

from jobkit import JobError
from jobkit.files import atomic_write_json

FILE_NAME = "smpipe-fingerprint.json"
VERSION = 1
IGNORED_HYPERPARAMETERS = frozenset({
    "epochs", "max_steps",
    "logging_steps", "eval_steps", "save_steps", "save_total_limit", "per_device_eval_batch_size",
    "model_id", "hf_token_secret_arn",
})


def _sha256_json(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def model_files(base_model: str) -> list[list[Any]]:
    """[relative path, size] of every file under the base model folder, sorted.

    Hidden files and folders are left out: huggingface_hub's snapshot_download keeps
    `.cache/huggingface/download/*.metadata` (with a timestamp) and lock files in the local folder,
    and a job restarted on a new instance downloads again.
    """
    root = Path(base_model)
    visible = (p for p in root.rglob("*") if not any(part.startswith(".") for part in p.relative_to(root).parts))
    return sorted([str(p.relative_to(root)), p.stat().st_size] for p in visible if p.is_file())


def fingerprint(values: dict[str, Any], base_model: str, train: list[dict], test: list[dict]) -> dict[str, Any]:
    return {
        "version": VERSION,
        "hyperparameters": {k: v for k, v in sorted(values.items()) if k not in IGNORED_HYPERPARAMETERS},
        "base_model_files": _sha256_json(model_files(base_model)),
        "train_pairs": _sha256_json(train),
        "test_pairs": _sha256_json(test),
    }


def differences(recorded: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """What changed, in words: `beta 0.1 -> 0.2`, `the training pairs`."""
    if recorded.get("version") != current["version"]:
        return [f"fingerprint version {recorded.get('version')!r} -> {current['version']!r}"]
    said: list[str] = []
    old_hps, new_hps = recorded.get("hyperparameters", {}), current["hyperparameters"]
    for key in sorted(set(old_hps) | set(new_hps)):
        if old_hps.get(key) != new_hps.get(key):
            said.append(f"{key} {old_hps.get(key)!r} -> {new_hps.get(key)!r}")
    names = {"base_model_files": "the base model's files", "train_pairs": "the training pairs",
             "test_pairs": "the held-out pairs"}
    said += [f"{name} changed" for key, name in names.items() if recorded.get(key) != current[key]]
    return said


def _read(path: Path) -> Optional[dict[str, Any]]:
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise JobError(f"{path} cannot be read ({err}); it says which training the checkpoints beside it "
                       "belong to. Delete the checkpoint location's contents to start afresh") from None
    return recorded if isinstance(recorded, dict) else {}


def check_resume(checkpoint_dir: str, current: dict[str, Any]) -> None:
    """Raise JobError unless the checkpoints in ``checkpoint_dir`` were written by this configuration.

    Called only when a complete checkpoint is there to resume.
    """
    path = Path(checkpoint_dir) / FILE_NAME
    recorded = _read(path)
    where = "the S3 location in the step's CheckpointConfig (`checkpoints:` in the spec)"
    if recorded is None:
        raise JobError(f"{checkpoint_dir} holds checkpoints without {FILE_NAME}: smpipe cannot tell which training "
                       f"wrote them, and resuming another training's optimizer state would mix the two. Empty {where}, "
                       "or give this step a location of its own")
    changed = differences(recorded, current)
    if changed:
        raise JobError(f"the checkpoints in {checkpoint_dir} belong to a different training ({'; '.join(changed)}); "
                       f"resuming them would mix the two. Give this step a checkpoint location of its own, or empty {where} "
                       "to train afresh")


def record(checkpoint_dir: str, current: dict[str, Any]) -> None:
    """Write the fingerprint before the first checkpoint, so every checkpoint synced to S3 has one beside it."""
    os.makedirs(checkpoint_dir, exist_ok=True)
    atomic_write_json(Path(checkpoint_dir) / FILE_NAME, current)
