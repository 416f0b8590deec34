"""Items with worker rankings -> preference pairs, the train/test split and the statistics."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from statistics import fmean
from typing import Dict, List, Optional, Sequence, Set, Tuple

from jobkit import assistant_message, prompt_messages

from .manifest import Item
from .rankings import RankVector, best_worst_pair, mean_ranks, pairwise_agreement, strictly_ordered_pairs
from .votes import RepeatedWorker, worker_votes

PAIR_MODES = ("best-worst", "all")


@dataclass(frozen=True)
class Pair:
    item: Item
    chosen: int  # response index
    rejected: int
    chosen_rank: float
    rejected_rank: float


@dataclass
class PairOutcome:
    pairs: List[Pair] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    workers_per_item: List[int] = field(default_factory=list)
    agreeing: int = 0
    compared: int = 0
    items_with_several_workers: int = 0
    repeated_workers: List[RepeatedWorker] = field(default_factory=list)


def build_pairs(items: Sequence[Item], mode: str, dimension: Optional[str] = None) -> PairOutcome:
    """Pairs for every item, in item-key order (so input order never changes the output)."""
    outcome = PairOutcome()
    for item in sorted(items, key=lambda it: it.key):
        reason = _skip_reason_before_ranking(item)
        if reason:
            outcome.skipped[reason] += 1
            continue
        vectors, repeated = worker_votes(item, dimension)
        outcome.repeated_workers.extend(repeated)
        _record_workers(outcome, vectors)
        pairs, reason = _item_pairs(item, mean_ranks(vectors), mode)
        outcome.pairs.extend(pairs)
        if reason:
            outcome.skipped[reason] += 1
    return outcome


def _skip_reason_before_ranking(item: Item) -> Optional[str]:
    if not item.annotations:
        return "labeling_failed" if item.labeling_failed else "no_annotations"
    if len(item.responses) < 2:
        return "fewer_than_two_responses"
    return None


def _record_workers(outcome: PairOutcome, vectors: List[RankVector]) -> None:
    outcome.workers_per_item.append(len(vectors))
    if len(vectors) > 1:
        agreeing, compared = pairwise_agreement(vectors)
        outcome.agreeing += agreeing
        outcome.compared += compared
        outcome.items_with_several_workers += 1


def _item_pairs(item: Item, ranks: RankVector, mode: str) -> Tuple[List[Pair], Optional[str]]:
    # An answer cut at --max-new-tokens is not a finished answer: trained as chosen or rejected, DPO
    # would learn that a turn may stop mid-sentence (the chat template closes it with end-of-turn).
    # Cut answers are left out before choosing, so best-worst picks among the finished ones.
    usable = [i for i in range(len(ranks)) if not item.is_cut(i)]
    if len(usable) < 2:
        return [], "truncated_answers"
    if mode == "best-worst":
        best_worst = best_worst_pair([ranks[i] for i in usable])
        candidates = [(usable[best_worst[0]], usable[best_worst[1]])] if best_worst else []
    else:
        candidates = [(i, j) for i, j in strictly_ordered_pairs(ranks) if i in usable and j in usable]
    if not candidates:
        return [], "no_strict_preference"
    # Identical texts ranked differently teach DPO nothing (the two log-ratios cancel).
    pairs = [Pair(item, i, j, ranks[i], ranks[j]) for i, j in candidates if item.responses[i] != item.responses[j]]
    return pairs, (None if pairs else "identical_chosen_and_rejected")


def choose_test_items(keys: Sequence[str], test_fraction: float, seed: int) -> Set[str]:
    """Deterministic, seeded choice of test items (by item, so no item's pairs straddle the split).

    Items are ordered by sha256(seed, key) and the first round(fraction * n) go to test
    (at least one when fraction > 0 and there are two or more items; never all of them).
    The order depends only on the keys, not on the input order.
    """
    unique = sorted(set(keys))
    count = round(test_fraction * len(unique))
    if test_fraction > 0 and len(unique) >= 2:
        count = max(1, count)
    count = min(count, max(len(unique) - 1, 0))
    ranked = sorted(unique, key=lambda key: hashlib.sha256(f"{seed}\0{key}".encode("utf-8")).hexdigest())
    return set(ranked[:count])


def trl_row(pair: Pair, context: Optional[str]) -> Dict[str, object]:
    """One row of TRL's conversational preference format (+ `id` for reports; the trainer
    drops columns it does not use)."""
    item = pair.item
    return {
        "id": item.item_id if item.item_id is not None else item.key,
        "prompt": prompt_messages(context, item.source),
        "chosen": assistant_message(item.responses[pair.chosen]),
        "rejected": assistant_message(item.responses[pair.rejected]),
    }


def summary_stats(outcome: PairOutcome) -> Dict[str, object]:
    """Workers-per-item and agreement figures for stats.json (definitions in README.md)."""
    counts = outcome.workers_per_item
    return {
        "workers_per_item": {
            "min": min(counts, default=0),
            "mean": round(fmean(counts), 4) if counts else 0.0,
            "max": max(counts, default=0),
            "histogram": {str(k): v for k, v in sorted(Counter(counts).items())},
        },
        "agreement": {
            "pairwise_order_agreement": round(outcome.agreeing / outcome.compared, 4) if outcome.compared else None,
            "compared_orders": outcome.compared,
            "items_with_several_workers": outcome.items_with_several_workers,
        },
        "repeated_worker_answers": [r.as_dict() for r in outcome.repeated_workers],
    }
