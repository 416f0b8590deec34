"""One vote per worker per item, whatever the inputs hold.

The same worker can appear several times on one item when outputs are merged (a labeling job run
again, intermediate and final manifests in one folder) or when a worker re-submits. Counted as
separate votes, one worker outweighs the others and can flip the chosen/rejected pair. Exact
repeats are dropped while loading (loading.add_annotations); here a worker's differing answers
become one vote, chosen without looking at input order:
- the answer the worker gave most often wins ("most frequent answer");
- if several answers are equally frequent, their mean fractional ranks are the vote
  ("mean of the equally frequent answers").
Each such worker is reported (stats.json `repeated_worker_answers`, and a warning line).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from .manifest import Item
from .rankings import RankVector, mean_ranks, parse_ranking_content


@dataclass(frozen=True)
class RepeatedWorker:
    item: str
    worker: str
    answers: int
    distinct: int
    used: RankVector
    rule: str

    def as_dict(self) -> Dict[str, object]:
        return {"item": self.item, "worker": self.worker, "answers": self.answers, "distinct": self.distinct,
                "used": self.used, "rule": self.rule}

    def warning(self) -> str:
        return (f"warning: item {self.item}: worker {self.worker} answered {self.answers} times "
                f"({self.distinct} distinct ranking{'' if self.distinct == 1 else 's'}); counted once, "
                f"with the {self.rule} {self.used}")


def worker_votes(item: Item, dimension: Optional[str]) -> Tuple[List[RankVector], List[RepeatedWorker]]:
    """(one rank vector per distinct worker, sorted by worker id; the workers who answered more than once)."""
    by_worker: Dict[str, List[RankVector]] = {}
    for annotation in item.annotations:
        ranks = parse_ranking_content(annotation.content, len(item.responses), annotation.where, dimension)
        by_worker.setdefault(annotation.worker_id, []).append(ranks)
    votes, repeated = [], []
    label = item.item_id if item.item_id is not None else item.key
    for worker in sorted(by_worker):
        answers = by_worker[worker]
        vote, rule = one_vote(answers)
        votes.append(vote)
        if len(answers) > 1:
            distinct = len({tuple(a) for a in answers})
            repeated.append(RepeatedWorker(label, worker, len(answers), distinct, vote, rule))
    return votes, repeated


def one_vote(answers: List[RankVector]) -> Tuple[RankVector, str]:
    counts = Counter(tuple(a) for a in answers)
    top = max(counts.values())
    winners = sorted(answer for answer, count in counts.items() if count == top)
    if len(winners) == 1:
        return list(winners[0]), ("most frequent answer" if len(counts) > 1 else "identical answers")
    return mean_ranks([list(w) for w in winners]), "mean of the equally frequent answers"
