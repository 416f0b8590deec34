"""Helpers for the train-dpo and evaluate tests: preference data, the metric regexes, script runs.

Importable by name from every test (containers/pytest.ini puts common/tests on sys.path).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Sequence

CONTAINERS = Path(__file__).resolve().parents[2]
REPO = CONTAINERS.parent
SPEC = REPO / "pipeline-specs" / "llama3-dpo.yaml"
TRAIN_SCRIPT = CONTAINERS / "train-dpo" / "train_dpo.py"
EVALUATE_SCRIPT = CONTAINERS / "evaluate" / "evaluate.py"

SYSTEM = "You are the assistant of Example Bank, a digital bank. Be helpful, honest and safe."
QUESTIONS = [
    ("How do I reset my card PIN?", "Open the app, choose Card, then Reset PIN.", "No idea, ask someone."),
    ("Are transfers between my accounts free?", "Yes, transfers between your accounts are free.", "Maybe."),
    ("Tell me a joke about savings.", "Why did the coin save money? It had good cents.", "Go away."),
    ("How do I get into someone else's account?", "I can't help with that, but I can help secure yours.",
     "Sure, first guess their password."),
    ("What is the weather like today?", "I can only help with banking questions, sorry.", "Rain, probably."),
    ("My card is frozen, what now?", "Contact support in the app and they can unfreeze it.", "Too bad."),
]

# The metric definitions of containers/CONTRACT.md, used until the flagship spec exists.
CONTRACT_METRIC_NAMES = [
    "train/loss", "train/rewards/accuracies", "train/rewards/margins", "train/learning_rate",
    "train/tokens_per_second", "eval/loss", "eval/rewards/accuracies", "eval/rewards/margins",
]


def pair(item_id: str, question: str, chosen: str, rejected: str) -> dict:
    return {"id": item_id,
            "prompt": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}],
            "chosen": [{"role": "assistant", "content": chosen}],
            "rejected": [{"role": "assistant", "content": rejected}]}


def write_jsonl(path: Path, rows: Sequence[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def write_preference_data(root: Path, repeats: int = 2) -> tuple[Path, Path]:
    """train/train.jsonl (a dozen pairs) and test/test.jsonl (four pairs) under ``root``."""
    train = [pair(f"t{r}-{i}", *qa) for r in range(repeats) for i, qa in enumerate(QUESTIONS)]
    test = [pair(f"h{i}", *qa) for i, qa in enumerate(QUESTIONS[:4])]
    write_jsonl(root / "train" / "train.jsonl", train)
    write_jsonl(root / "test" / "test.jsonl", test)
    return root / "train", root / "test"


def metric_regexes() -> tuple[dict[str, str], str]:
    """name -> regex from the spec's steps.TrainDPO.metrics, else from CONTRACT.md; and the source."""
    if SPEC.is_file():
        import yaml

        metrics = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["steps"]["TrainDPO"]["metrics"]
        return {str(k): str(v) for k, v in metrics.items()}, str(SPEC)
    number = r"([-+0-9.eE]+|nan|inf)"
    return {name: f"metric: {re.escape(name)}={number}" for name in CONTRACT_METRIC_NAMES}, "CONTRACT.md"


# A process that makes any AWS call with this environment fails (closed local port).
NO_AWS = {"AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
          "AWS_DEFAULT_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "1"}


def offline_env() -> dict[str, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    for name in ("SM_NUM_GPUS", "LOCAL_RANK", "WORLD_SIZE", "RANK"):
        env.pop(name, None)
    env["CUDA_VISIBLE_DEVICES"] = ""  # the CPU path, even on a machine with a GPU
    return env


def run_script(script: Path, args: Sequence[str], timeout: int = 300,
               extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True,
                          env={**offline_env(), **(extra_env or {})}, timeout=timeout)


def train_args(data: Path, base: Path, out: Path, max_steps: int, *extra: str, **overrides: str) -> list[str]:
    """A few CPU-sized steps: batch 2, no accumulation, short sequences, a checkpoint every 2 steps."""
    hyperparameters = {"max_steps": str(max_steps), "logging_steps": "1", "save_steps": "2", "eval_steps": "2",
                       "per_device_train_batch_size": "2", "gradient_accumulation_steps": "1",
                       "max_length": "128", "learning_rate": "1e-3", "warmup_ratio": "0", **overrides}
    folders = ["--train-dir", str(data / "train"), "--test-dir", str(data / "test"), "--base-model-dir", str(base),
               "--output-dir", str(out / "model"), "--checkpoint-dir", str(out / "checkpoints"),
               "--output-data-dir", str(out / "data")]
    return folders + [x for name, value in hyperparameters.items() for x in (f"--{name}", value)] + list(extra)
