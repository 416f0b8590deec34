"""Metric arithmetic and the evaluation.json layout of CONTRACT.md."""
from __future__ import annotations

import math

import pytest

from evaluation.metrics import evaluation_document, implicit_reward_margin, mean_estimate, proportion_estimate


def test_implicit_reward_margin_is_the_dpo_formula():
    # aligned: chosen -10, rejected -20; reference: chosen -12, rejected -15
    margin = implicit_reward_margin(0.1, aligned=(-10.0, -20.0), reference=(-12.0, -15.0))
    assert margin == pytest.approx(0.1 * ((-10 + 12) - (-20 + 15)))  # 0.7


def test_proportion_and_mean_come_with_standard_errors():
    share = proportion_estimate([True, True, True, False])
    assert (share.value, share.count) == (0.75, 4)
    assert share.standard_error == pytest.approx(math.sqrt(0.75 * 0.25 / 4))
    mean = mean_estimate([1.0, 2.0, 3.0])
    assert mean.value == 2.0 and mean.standard_error == pytest.approx(1.0 / math.sqrt(3))
    assert mean_estimate([5.0]).standard_error == 0.0
    with pytest.raises(ValueError):
        proportion_estimate([])


def test_evaluation_document_layout_leaves_out_missing_metrics():
    document = evaluation_document({"preference_accuracy": proportion_estimate([True, False]),
                                    "reward_margin": mean_estimate([0.5, 0.25]), "judge_win_rate": None})
    assert document == {"metrics": {
        "preference_accuracy": {"value": 0.5, "standard_deviation": 0.353553},
        "reward_margin": {"value": 0.375, "standard_deviation": 0.125}}}
