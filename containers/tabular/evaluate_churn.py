"""Evaluate: accuracy, AUC and log loss of the trained model on the held-out test set.

    python3 evaluate_churn.py --model-dir DIR --test-dir DIR --output-dir DIR

The model folder holds the training job's model.tar.gz (or model.json itself). Writes
DIR/evaluation.json: {"metrics": {"accuracy": {"value": …}, "auc": {"value": …}, "log_loss": {"value": …}}},
the shape SageMaker's model registry shows as model quality statistics.
"""
from __future__ import annotations

import argparse
import json
import tarfile
from pathlib import Path

from churn_model import JobError, accuracy, auc, log_loss, predict, read_table, run_main, single_csv, write_json


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model-dir", required=True)
    p.add_argument("--test-dir", required=True)
    p.add_argument("--output-dir", required=True)
    return p.parse_args(argv)


def load_model(folder: str) -> dict:
    root = Path(folder)
    if (root / "model.json").is_file():
        return json.loads((root / "model.json").read_text())
    archive = root / "model.tar.gz"
    if not archive.is_file():
        raise JobError(f"{folder}: no model.tar.gz or model.json")
    with tarfile.open(archive) as tar:
        member = next((m for m in tar.getmembers() if Path(m.name).name == "model.json"), None)
        if member is None:
            raise JobError(f"{archive}: no model.json inside")
        return json.loads(tar.extractfile(member).read())


def main(argv=None) -> int:
    args = parse_args(argv)
    model = load_model(args.model_dir)
    x, y = read_table(single_csv(args.test_dir))
    p = predict(model, x)
    metrics = {"accuracy": accuracy(p, y), "auc": auc(p, y), "log_loss": log_loss(p, y)}
    write_json(Path(args.output_dir) / "evaluation.json", {"metrics": {k: {"value": round(v, 6)} for k, v in metrics.items()}})
    print(" ".join(f"{k}={v:.4f}" for k, v in metrics.items()))
    return 0


if __name__ == "__main__":
    run_main(main)
