"""Splitting the command line into folders and hyperparameters."""
from __future__ import annotations

import pytest

from dpo.hyperparams import HyperparameterError
from dpo.cli import parse_command_line, to_argv


def test_sagemaker_style_arguments_become_hyperparameters():
    command = parse_command_line(["--beta", "0.2", "--load_in_4bit", "True", "--max_steps", "-1", "--seed=7"])
    assert command.hyperparameters == {"beta": "0.2", "load_in_4bit": "True", "max_steps": "-1", "seed": "7"}


def test_folders_default_to_sagemaker_locations(monkeypatch):
    monkeypatch.delenv("SM_CHANNEL_TRAIN", raising=False)
    monkeypatch.setenv("SM_CHANNEL_TEST", "/data/test")
    monkeypatch.setenv("SM_MODEL_DIR", "/opt/ml/model")
    folders = parse_command_line([]).folders
    assert folders["train_dir"] == "/opt/ml/input/data/train" and folders["test_dir"] == "/data/test"
    assert folders["base_model_dir"].endswith("/model") and folders["checkpoint_dir"] == "/opt/ml/checkpoints"
    assert folders["output_dir"] == "/opt/ml/model"


def test_folder_flags_override_and_round_trip():
    command = parse_command_line(["--train-dir", "a", "--output_dir", "b", "--lora-r", "8"])
    assert command.folders["train_dir"] == "a" and command.folders["output_dir"] == "b"
    assert command.hyperparameters == {"lora_r": "8"}
    again = parse_command_line(to_argv(command.folders, command.hyperparameters))
    assert again == command


@pytest.mark.parametrize("argv, expected", [
    (["--beta"], "--beta: missing value"),
    (["--beta", "--seed", "1"], "--beta: missing value"),
    (["stray"], "unexpected argument 'stray'"),
    (["--beta", "1", "--beta", "2"], "--beta: given twice"),
])
def test_malformed_command_lines_are_reported(argv, expected):
    with pytest.raises(HyperparameterError) as caught:
        parse_command_line(argv)
    assert any(problem.startswith(expected) for problem in caught.value.problems)
