"""The `metric: <name>=<value>` lines of containers/CONTRACT.md, which the spec's regexes read.

SageMaker scrapes the job's log with the metric definitions' regexes
(`metric: <name>=([-+0-9.eE]+|nan|inf)`), so the names and the number format here are part of
the contract with pipeline-specs/llama3-dpo.yaml.
"""
from __future__ import annotations

import math
from typing import Mapping, Optional

# printed name -> key in the DPOTrainer's log dict
TRAIN_METRICS = {
    "train/loss": "loss",
    "train/rewards/accuracies": "rewards/accuracies",
    "train/rewards/margins": "rewards/margins",
    "train/learning_rate": "learning_rate",
}
EVAL_METRICS = {
    "eval/loss": "eval_loss",
    "eval/rewards/accuracies": "eval_rewards/accuracies",
    "eval/rewards/margins": "eval_rewards/margins",
}
TOKENS_PER_SECOND = "train/tokens_per_second"
ALL_NAMES = [*TRAIN_METRICS, TOKENS_PER_SECOND, *EVAL_METRICS]


def format_value(value: float) -> str:
    """Short, regex-friendly number: 0.693147, 5e-07, nan, inf."""
    number = float(value)
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return format(number, ".6g")


def metric_line(name: str, value: float) -> str:
    return f"metric: {name}={format_value(value)}"


def _lines(mapping: Mapping[str, str], logs: Mapping[str, float]) -> list[str]:
    return [metric_line(name, logs[key]) for name, key in mapping.items() if key in logs]


def lines_for_log(logs: Mapping[str, float], tokens_per_second: Optional[float]) -> list[str]:
    """Metric lines for one Trainer log event (a training or an evaluation event; else none)."""
    if "loss" in logs:
        lines = _lines(TRAIN_METRICS, logs)
        if tokens_per_second is not None:
            lines.append(metric_line(TOKENS_PER_SECOND, tokens_per_second))
        return lines
    if "eval_loss" in logs:
        return _lines(EVAL_METRICS, logs)
    return []  # e.g. the end-of-training summary (train_runtime, ...)


class TokenRate:
    """Tokens per second between two log events, from the Trainer's running token count."""

    def __init__(self, tokens: int, seconds: float):
        self.tokens, self.seconds = tokens, seconds

    def update(self, tokens: int, seconds: float) -> Optional[float]:
        elapsed, counted = seconds - self.seconds, tokens - self.tokens
        self.tokens, self.seconds = tokens, seconds
        if elapsed <= 0 or counted < 0:
            return None
        return counted / elapsed
