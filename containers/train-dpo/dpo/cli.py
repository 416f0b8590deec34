"""Split train_dpo.py's command line into folder flags and SageMaker hyperparameters.

SageMaker script mode runs `train_dpo.py --beta 0.1 --load_in_4bit True ...` (its own
`sagemaker_*` settings travel in the environment). Folder flags default to the SageMaker
locations, so the same script runs locally with `--train-dir data/train ...`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Sequence

from jobkit import training_channel

from .hyperparams import HyperparameterError

FOLDER_DEFAULTS: dict[str, Callable[[], str]] = {
    "train_dir": lambda: training_channel("train"),
    "test_dir": lambda: training_channel("test"),
    "base_model_dir": lambda: training_channel("model"),
    "output_dir": lambda: os.environ.get("SM_MODEL_DIR", "/opt/ml/model"),
    "checkpoint_dir": lambda: "/opt/ml/checkpoints",
    "output_data_dir": lambda: os.environ.get("SM_OUTPUT_DATA_DIR", "/opt/ml/output/data"),
    # Where a Hub model is downloaded once, before the torchrun ranks start: on the job's ML storage
    # volume (VolumeSizeInGB; SageMaker puts /opt/ml's input, checkpoints and model there), not /tmp
    # on the container's root filesystem, which a 16 GB model can fill.
    "hub_download_dir": lambda: os.path.join(os.environ.get("SM_INPUT_DIR", "/opt/ml/input"), "hub-model"),
}


@dataclass(frozen=True)
class CommandLine:
    folders: dict[str, str]
    hyperparameters: dict[str, str]


def _pairs(argv: Sequence[str], problems: list[str]) -> list[tuple[str, str]]:
    """`--key value` and `--key=value` tokens -> (key, value); hyphens in keys become underscores."""
    pairs, index = [], 0
    while index < len(argv):
        token = argv[index]
        index += 1
        if not token.startswith("--") or len(token) == 2:
            problems.append(f"unexpected argument {token!r}: expected --name value")
            continue
        key, has_equals, value = token[2:].partition("=")
        if not has_equals:
            if index >= len(argv) or (argv[index].startswith("--") and len(argv[index]) > 2):
                problems.append(f"--{key}: missing value")
                continue
            value, index = argv[index], index + 1
        pairs.append((key.replace("-", "_"), value))
    return pairs


def parse_command_line(argv: Sequence[str]) -> CommandLine:
    """Raises HyperparameterError naming every malformed, repeated or missing argument."""
    problems: list[str] = []
    folders = {name: default() for name, default in FOLDER_DEFAULTS.items()}
    hyperparameters: dict[str, str] = {}
    seen: set[str] = set()
    for key, value in _pairs(argv, problems):
        if key in seen:
            problems.append(f"--{key}: given twice")
        seen.add(key)
        (folders if key in FOLDER_DEFAULTS else hyperparameters)[key] = value
    if problems:
        raise HyperparameterError(problems)
    return CommandLine(folders=folders, hyperparameters=hyperparameters)


def to_argv(folders: dict[str, str], hyperparameters: dict[str, str]) -> list[str]:
    """The inverse of parse_command_line, used to hand the same settings to torchrun's ranks."""
    argv: list[str] = []
    for key, value in folders.items():
        argv += [f"--{key.replace('_', '-')}", value]
    for key, value in hyperparameters.items():
        argv += [f"--{key}", value]
    return argv
