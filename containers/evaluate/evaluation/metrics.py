"""The numbers in evaluation.json, from per-item results (plain Python, no torch).

`standard_deviation` in evaluation.json is the standard deviation of the metric's estimate
(its standard error), as in SageMaker's model-quality reports: it says how much the value
would move with another sample of the same size, which is what a quality gate should weigh.
The spread of individual reward margins is reported separately in stats.json.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass(frozen=True)
class Estimate:
    value: float
    standard_error: float
    count: int

    def as_metric(self) -> dict[str, float]:
        return {"value": round(self.value, 6), "standard_deviation": round(self.standard_error, 6)}


def implicit_reward_margin(beta: float, aligned: tuple[float, float], reference: tuple[float, float]) -> float:
    """β·[(log π(chosen) − log π_ref(chosen)) − (log π(rejected) − log π_ref(rejected))]."""
    (aligned_chosen, aligned_rejected), (ref_chosen, ref_rejected) = aligned, reference
    return beta * ((aligned_chosen - ref_chosen) - (aligned_rejected - ref_rejected))


def sample_std(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def mean_estimate(values: Sequence[float]) -> Estimate:
    """Mean with its standard error (sample standard deviation / √n)."""
    if not values:
        raise ValueError("no values")
    return Estimate(sum(values) / len(values), sample_std(values) / math.sqrt(len(values)), len(values))


def proportion_estimate(hits: Sequence[bool]) -> Estimate:
    """Share of True with the binomial standard error √(p(1−p)/n)."""
    if not hits:
        raise ValueError("no values")
    share = sum(1 for h in hits if h) / len(hits)
    return Estimate(share, math.sqrt(share * (1 - share) / len(hits)), len(hits))


def evaluation_document(estimates: dict[str, Optional[Estimate]]) -> dict:
    """The evaluation.json layout of containers/CONTRACT.md; metrics without data are left out."""
    return {"metrics": {name: est.as_metric() for name, est in estimates.items() if est is not None}}
