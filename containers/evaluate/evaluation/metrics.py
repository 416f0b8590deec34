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
    extra: Optional[dict[str, float]] = None  # e.g. the confidence interval, written beside the value

    def as_metric(self) -> dict[str, float]:
        return {"value": round(self.value, 6), "standard_deviation": round(self.standard_error, 6), **(self.extra or {})}


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


CONFIDENCE = 0.95
Z_95 = 1.959963984540054  # two-sided 95% normal quantile


def wilson_interval(share: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval of a proportion (Wilson 1927; Agresti & Coull 1998).

    Unlike share ± z·SE it stays inside [0, 1] and keeps its coverage for small n and shares near
    0 or 1, which is where a quality gate on a few dozen held-out pairs lives. ``share`` may come
    from fractional successes (ties counted as half).
    """
    if n <= 0:
        raise ValueError("no values")
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half_width = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half_width), min(1.0, centre + half_width)


def preference_accuracy(margins: Sequence[float]) -> Estimate:
    """Share of held-out pairs where the model prefers the human choice: margin > 0 scores 1, a tie
    (margin exactly 0, e.g. an unchanged model) scores 1/2, else 0; with the Wilson interval and n."""
    if not margins:
        raise ValueError("no values")
    scores = [1.0 if m > 0 else 0.5 if m == 0 else 0.0 for m in margins]
    n = len(scores)
    share = sum(scores) / n
    lower, upper = wilson_interval(share, n)
    extra = {"n": n, "ties": sum(1 for s in scores if s == 0.5), "lower_bound": round(lower, 6),
             "upper_bound": round(upper, 6), "confidence": CONFIDENCE}
    return Estimate(share, math.sqrt(share * (1 - share) / n), n, extra)
