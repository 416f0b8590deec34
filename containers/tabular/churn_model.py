"""What the three churn jobs share: reading the CSV tables and the logistic-regression model."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Dict, Sequence, Tuple

import numpy as np

FEATURES = ["tenure_months", "monthly_charges", "support_calls", "yearly_contract"]
LABEL = "churned"


class JobError(Exception):
    """A problem with the job's input: one line on stderr, exit 1."""


def single_csv(folder: str) -> Path:
    """The one .csv file in a channel or input folder (SageMaker hands folders, not files)."""
    path = Path(folder)
    files = sorted(path.rglob("*.csv")) if path.is_dir() else [path]
    if len(files) != 1 or not files[0].is_file():
        raise JobError(f"{folder}: expected one .csv file, found {len(files)}")
    return files[0]


def read_table(path: Path) -> Tuple[np.ndarray, np.ndarray]:
    """Feature matrix and labels of a CSV with the FEATURES and LABEL columns."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise JobError(f"{path}: no rows")
    missing = [c for c in FEATURES + [LABEL] if c not in rows[0]]
    if missing:
        raise JobError(f"{path}: missing columns {', '.join(missing)}")
    x = np.array([[float(r[c]) for c in FEATURES] for r in rows])
    y = np.array([float(r[LABEL]) for r in rows])
    return x, y


def write_table(path: Path, x: np.ndarray, y: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(FEATURES + [LABEL])
        for features, label in zip(x, y):
            writer.writerow([f"{v:.6f}" for v in features] + [int(label)])


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def predict(model: Dict, x: np.ndarray) -> np.ndarray:
    return sigmoid(x @ np.array(model["weights"]) + model["bias"])


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def accuracy(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((p >= 0.5) == (y == 1)))


def auc(p: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve: the share of (positive, negative) pairs ranked right, ties half."""
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(value, indent=2, sort_keys=True) + "\n")
    os.replace(temp, path)


def run_main(main, argv: Sequence[str] | None = None) -> None:
    """Runs a job's main; a JobError is one line on stderr and exit status 1."""
    import sys

    try:
        sys.exit(main(argv))
    except JobError as error:
        sys.stderr.write(f"error: {error}\n")
        sys.exit(1)

