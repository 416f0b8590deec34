"""Prepare: split the raw customer table into train and test sets and standardise the features.

    python3 prepare_churn.py --raw DIR --output-dir DIR [--test-fraction 0.25] [--seed 7]

Writes DIR/train/train.csv, DIR/test/test.csv (features scaled with the train set's mean and
standard deviation) and DIR/train/scaling.json. Paths are arguments, not defaults, so the job
runs under any root (the local runner's map mode included).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from churn_model import FEATURES, JobError, read_table, run_main, single_csv, write_json, write_table


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--raw", required=True, help="folder (or file) holding the raw CSV")
    p.add_argument("--output-dir", required=True)
    p.add_argument("--test-fraction", type=float, default=0.25)
    p.add_argument("--seed", type=int, default=7)
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not 0 < args.test_fraction < 1:
        raise JobError("--test-fraction must be between 0 and 1")
    x, y = read_table(single_csv(args.raw))
    order = np.random.default_rng(args.seed).permutation(len(y))
    cut = int(round(len(y) * args.test_fraction))
    test, train = order[:cut], order[cut:]
    mean, std = x[train].mean(axis=0), x[train].std(axis=0)
    std[std == 0] = 1.0
    out = Path(args.output_dir)
    write_table(out / "train" / "train.csv", (x[train] - mean) / std, y[train])
    write_table(out / "test" / "test.csv", (x[test] - mean) / std, y[test])
    write_json(out / "train" / "scaling.json", {"features": FEATURES, "mean": mean.tolist(), "std": std.tolist()})
    print(f"train rows: {len(train)}, test rows: {len(test)}, churn rate: {y.mean():.3f}")
    return 0


if __name__ == "__main__":
    run_main(main)
