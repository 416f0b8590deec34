"""The metric lines match the pipeline spec's metric regexes (CONTRACT.md until the spec exists)."""
from __future__ import annotations

import re

import pytest

from dpo.metric_lines import ALL_NAMES, TokenRate, format_value, lines_for_log, metric_line

TRAIN_LOG = {"loss": 0.6931, "grad_norm": 0.3, "learning_rate": 5e-07, "rewards/accuracies": 0.5,
             "rewards/margins": -0.0123, "epoch": 0.1}
EVAL_LOG = {"eval_loss": 0.69, "eval_rewards/accuracies": 0.75, "eval_rewards/margins": 0.02, "epoch": 0.1}


@pytest.mark.parametrize("value, text", [(0.6931, "0.6931"), (5e-07, "5e-07"), (float("nan"), "nan"),
                                         (float("inf"), "inf"), (1234.5, "1234.5"), (-0.0123, "-0.0123"), (3, "3")])
def test_numbers_are_short_and_parseable(value, text):
    assert format_value(value) == text


def test_a_training_event_prints_the_contract_lines():
    lines = lines_for_log(TRAIN_LOG, tokens_per_second=1234.5)
    assert lines == ["metric: train/loss=0.6931", "metric: train/rewards/accuracies=0.5",
                     "metric: train/rewards/margins=-0.0123", "metric: train/learning_rate=5e-07",
                     "metric: train/tokens_per_second=1234.5"]


def test_an_evaluation_event_prints_eval_lines_and_the_summary_nothing():
    assert lines_for_log(EVAL_LOG, None) == ["metric: eval/loss=0.69", "metric: eval/rewards/accuracies=0.75",
                                             "metric: eval/rewards/margins=0.02"]
    assert lines_for_log({"train_runtime": 3.0, "train_loss": 0.6}, 10.0) == []


def test_every_line_matches_its_regex_and_no_other(dpo_helpers):
    regexes, _source = dpo_helpers.metric_regexes()
    lines = lines_for_log(TRAIN_LOG, 99.0) + lines_for_log(EVAL_LOG, None)
    assert sorted(regexes) == sorted(ALL_NAMES)
    for name, regex in regexes.items():
        values = [m.group(1) for line in lines if (m := re.search(regex, line))]
        assert len(values) == 1, (name, values)
        float(values[0])
    assert re.search(regexes["train/loss"], metric_line("train/loss", float("nan"))).group(1) == "nan"


def test_token_rate_is_tokens_per_second_between_events():
    rate = TokenRate(tokens=100, seconds=10.0)
    assert rate.update(tokens=600, seconds=12.0) == 250.0
    assert rate.update(tokens=600, seconds=12.0) is None  # no time passed
