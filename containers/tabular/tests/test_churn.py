"""The tabular example's three jobs, run as scripts on the shipped customer table."""
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import numpy as np
import pytest

from churn_model import accuracy, auc, predict, read_table
from train_churn import fit

JOB = Path(__file__).resolve().parents[1]
DATA = JOB / "data"


def run(script, *args):
    return subprocess.run([sys.executable, str(JOB / script), *map(str, args)], capture_output=True, text=True, cwd=JOB)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    out = tmp_path_factory.mktemp("prepared")
    result = run("prepare_churn.py", "--raw", DATA, "--output-dir", out, "--test-fraction", "0.25", "--seed", "7")
    assert result.returncode == 0, result.stderr
    return out


def test_prepare_splits_by_fraction_and_scales_with_train_statistics(prepared):
    x_train, _ = read_table(prepared / "train" / "train.csv")
    x_test, _ = read_table(prepared / "test" / "test.csv")
    assert (len(x_train), len(x_test)) == (450, 150)
    assert np.allclose(x_train.mean(axis=0), 0, atol=1e-5) and np.allclose(x_train.std(axis=0), 1, atol=1e-5)


def test_train_then_evaluate_beats_the_majority_class(prepared, tmp_path):
    env_model = tmp_path / "model"
    trained = run("train_churn.py", "--learning_rate", "0.5", "--epochs", "300", "--train", prepared / "train", "--model-dir", env_model)
    assert trained.returncode == 0, trained.stderr
    assert "train_loss=" in trained.stdout and "train_accuracy=" in trained.stdout
    with tarfile.open(tmp_path / "model.tar.gz", "w:gz") as tar:
        tar.add(env_model / "model.json", arcname="./model.json")
    archive_dir = tmp_path / "packed"
    archive_dir.mkdir()
    (tmp_path / "model.tar.gz").rename(archive_dir / "model.tar.gz")
    evaluated = run("evaluate_churn.py", "--model-dir", archive_dir, "--test-dir", prepared / "test", "--output-dir", tmp_path / "eval")
    assert evaluated.returncode == 0, evaluated.stderr
    metrics = json.loads((tmp_path / "eval" / "evaluation.json").read_text())["metrics"]
    _, y_test = read_table(prepared / "test" / "test.csv")
    majority = max(y_test.mean(), 1 - y_test.mean())
    assert metrics["accuracy"]["value"] > majority
    assert 0.5 < metrics["auc"]["value"] <= 1


def test_fit_learns_a_separable_rule():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 4))
    y = (x[:, 0] - x[:, 2] > 0).astype(float)
    model = fit(x, y, learning_rate=0.5, epochs=300, l2=0.0)
    p = predict(model, x)
    assert accuracy(p, y) > 0.95 and auc(p, y) > 0.99


def test_bad_input_is_one_line_and_exit_1(tmp_path):
    (tmp_path / "bad.csv").write_text("customer_id,tenure_months\nc1,3\n")
    result = run("prepare_churn.py", "--raw", tmp_path / "bad.csv", "--output-dir", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "missing columns" in result.stderr and "Traceback" not in result.stderr
