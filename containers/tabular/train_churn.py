"""Train: logistic regression by gradient descent (script mode: hyperparameters arrive as --key value).

Reads the train channel (SM_CHANNEL_TRAIN), writes model.json to SM_MODEL_DIR, and prints
`train_loss=…` and `train_accuracy=…` lines for the step's metric definitions.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np

from churn_model import FEATURES, JobError, accuracy, log_loss, predict, read_table, run_main, single_csv, write_json


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--learning_rate", type=float, default=0.1)
    p.add_argument("--epochs", type=int, default=300)
    p.add_argument("--l2", type=float, default=0.0)
    p.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
    p.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    return p.parse_args(argv)


def fit(x: np.ndarray, y: np.ndarray, learning_rate: float, epochs: int, l2: float) -> dict:
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(epochs):
        p = predict({"weights": weights, "bias": bias}, x)
        weights -= learning_rate * (x.T @ (p - y) / len(y) + l2 * weights)
        bias -= learning_rate * float(np.mean(p - y))
    return {"features": FEATURES, "weights": weights.tolist(), "bias": bias}


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.learning_rate <= 0 or args.epochs < 1:
        raise JobError("learning_rate must be positive and epochs at least 1")
    x, y = read_table(single_csv(args.train))
    model = fit(x, y, args.learning_rate, args.epochs, args.l2)
    p = predict(model, x)
    print(f"train_loss={log_loss(p, y):.6f}")
    print(f"train_accuracy={accuracy(p, y):.6f}")
    write_json(Path(args.model_dir) / "model.json", model)
    return 0


if __name__ == "__main__":
    run_main(main)
