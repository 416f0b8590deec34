"""Worker rankings from <crowd-text-ranking> answers: parsing, tie handling, aggregation, agreement.

Ranks follow the element: responseRankings[i] is the rank of response i, 1 = best, equal
numbers = a tie. Every worker's ranks are turned into fractional ranks (a tie shares the mean
of the positions it covers: [1, 1, 3, 4] and [1, 1, 2, 3] both become [1.5, 1.5, 3, 4]), so
workers whose UI numbered ties differently aggregate the same way.
"""
from __future__ import annotations

from itertools import combinations
from statistics import fmean
from typing import Any, List, Optional, Sequence, Tuple

from jobkit import JobError, JsonProblem, loads_strict

RankVector = List[float]


def parse_ranking_content(content: Any, n_responses: int, where: str, dimension: Optional[str] = None) -> RankVector:
    """Fractional ranks of one worker's answer (``annotationData.content``, a JSON string).

    With several ranking dimensions, ``dimension`` picks one; otherwise their fractional
    ranks are averaged (each dimension counts the same).
    """
    answer = _ranking_answer(_load_content(content, where), where)
    dimensions = _dimensions(answer, where)
    if dimension is not None:
        dimensions = [d for d in dimensions if d.get("name") == dimension]
        if not dimensions:
            raise JobError(f"{where}: no ranking dimension named {dimension!r}")
    vectors = [_validated_ranks(d, n_responses, where) for d in dimensions]
    return [fmean(column) for column in zip(*vectors)]


def _load_content(content: Any, where: str) -> dict:
    if not isinstance(content, str):
        raise JobError(f"{where}: annotationData.content should be a JSON string")
    try:
        parsed = loads_strict(content)
    except JsonProblem as err:
        reason = str(err).removeprefix("invalid JSON: ")
        raise JobError(f"{where}: annotationData.content is not valid JSON: {reason}") from None
    if not isinstance(parsed, dict):
        raise JobError(f"{where}: annotationData.content should be a JSON object")
    return parsed


def _ranking_answer(content: dict, where: str) -> dict:
    """The element's answer: crowd-form keys each element's answer by its ``name``."""
    if "ordinalRankingDimensions" in content:
        return content
    found = [v for v in content.values() if isinstance(v, dict) and "ordinalRankingDimensions" in v]
    if len(found) != 1:
        problem = "no" if not found else f"{len(found)}"
        raise JobError(f"{where}: {problem} <crowd-text-ranking> answer (ordinalRankingDimensions) in annotation content")
    return found[0]


def _dimensions(answer: dict, where: str) -> List[dict]:
    dimensions = answer["ordinalRankingDimensions"]
    if not isinstance(dimensions, list) or not dimensions or not all(isinstance(d, dict) for d in dimensions):
        raise JobError(f"{where}: ordinalRankingDimensions should be a non-empty array of objects")
    return dimensions


def _validated_ranks(dimension: dict, n_responses: int, where: str) -> RankVector:
    name = dimension.get("name", "?")
    ranks = dimension.get("responseRankings")
    if not isinstance(ranks, list):
        raise JobError(f"{where}: dimension {name!r}: responseRankings should be an array")
    if len(ranks) != n_responses:
        raise JobError(f"{where}: dimension {name!r}: {len(ranks)} rankings for {n_responses} responses")
    for rank in ranks:
        if isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank <= n_responses:
            raise JobError(f"{where}: dimension {name!r}: rank {rank!r} is not an integer from 1 to {n_responses}")
    return fractional_ranks(ranks)


def fractional_ranks(ranks: Sequence[int]) -> RankVector:
    """Positions 1..n by rank; tied responses share the mean of the positions they cover."""
    order = sorted(range(len(ranks)), key=lambda i: ranks[i])
    result = [0.0] * len(ranks)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and ranks[order[end + 1]] == ranks[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for position in range(start, end + 1):
            result[order[position]] = shared
        start = end + 1
    return result


def mean_ranks(worker_vectors: Sequence[RankVector]) -> RankVector:
    """Mean fractional rank of each response over the workers (lower = better)."""
    return [fmean(column) for column in zip(*worker_vectors)]


def strictly_ordered_pairs(ranks: RankVector) -> List[Tuple[int, int]]:
    """Every (better, worse) pair of response indices with different mean ranks, sorted."""
    return sorted(
        (i, j) if ranks[i] < ranks[j] else (j, i)
        for i, j in combinations(range(len(ranks)), 2)
        if ranks[i] != ranks[j]
    )


def best_worst_pair(ranks: RankVector) -> Optional[Tuple[int, int]]:
    """(best, worst) response indices, or None when all ranks tie.

    Among tied best (or worst) responses the lowest index wins: any of them is as good a
    choice, and this keeps the output independent of input order.
    """
    best, worst = min(ranks), max(ranks)
    if best == worst:
        return None
    return ranks.index(best), ranks.index(worst)


def pairwise_agreement(worker_vectors: Sequence[RankVector]) -> Tuple[int, int]:
    """(agreeing, compared) over every pair of workers and every pair of responses that both
    workers ordered strictly (ties by either worker are not compared)."""
    agreeing = compared = 0
    for first, second in combinations(worker_vectors, 2):
        for i, j in combinations(range(len(first)), 2):
            a, b = first[i] - first[j], second[i] - second[j]
            if a and b:
                compared += 1
                agreeing += (a > 0) == (b > 0)
    return agreeing, compared
