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


def test_wilson_interval_matches_the_textbook_values():
    from evaluation.metrics import wilson_interval

    # 7 of 10: Wilson 95% interval 0.3968 to 0.8922 (Newcombe 1998, method 3; statsmodels proportion_confint
    # method="wilson" gives the same).
    lower, upper = wilson_interval(0.7, 10)
    assert (round(lower, 4), round(upper, 4)) == (0.3968, 0.8922)
    assert wilson_interval(1.0, 10)[1] == pytest.approx(1.0) and wilson_interval(0.0, 10)[0] == pytest.approx(0.0)


def test_preference_accuracy_counts_ties_as_half_and_carries_n_and_the_interval():
    from evaluation.metrics import preference_accuracy

    unchanged_model = preference_accuracy([0.0] * 40)  # every margin is exactly 0
    assert unchanged_model.value == 0.5 and unchanged_model.extra["ties"] == 40
    assert unchanged_model.extra["lower_bound"] < 0.5  # cannot pass a gate of 0.5
    metric = preference_accuracy([0.2, -0.1, 0.0, 0.3]).as_metric()
    assert metric["value"] == 0.625 and metric["n"] == 4 and metric["confidence"] == 0.95
    assert metric["lower_bound"] < metric["value"] < metric["upper_bound"]


def test_a_model_with_no_effect_rarely_passes_the_default_gate():
    import random

    from evaluation.metrics import preference_accuracy

    # Margins of a model with no effect: random signs. With the old gate (value >= 0.6 on 10 pairs)
    # it passed 38% of the time; the Wilson lower bound >= 0.5 lets through about 2.5% at most.
    rng = random.Random(0)
    trials = [preference_accuracy([rng.choice((-1.0, 1.0)) for _ in range(60)]) for _ in range(2000)]
    passed = sum(t.extra["lower_bound"] >= 0.5 for t in trials) / len(trials)
    assert passed < 0.04
