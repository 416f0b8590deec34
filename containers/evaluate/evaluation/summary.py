"""From per-item results to the metrics, the report's rows and notes, and stats.json."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

from jobkit import JobError

from .items import AnswerItem
from .judge import Judgement
from .metrics import Estimate, evaluation_document, mean_estimate, preference_accuracy, proportion_estimate, sample_std
from .report import AnswerRow, PairRow

_JUDGE_WORDS = {1.0: "aligned", 0.0: "base", 0.5: "tie", None: "unreadable"}


@dataclass
class Summary:
    document: dict  # evaluation.json
    counts: dict[str, int]
    notes: list[str]
    pair_rows: list[PairRow]
    answer_rows: list[AnswerRow]
    stats: dict[str, Any]
    with_judge: bool


def _share(flags: Sequence[bool]) -> Optional[float]:
    return round(sum(flags) / len(flags), 6) if flags else None


def pair_estimates(margins: Sequence[Optional[float]]) -> tuple[Estimate, Estimate, list[float]]:
    scored = [m for m in margins if m is not None]
    if not scored:
        raise JobError("no held-out pair could be scored: every prompt is longer than --max-length")
    return preference_accuracy(scored), mean_estimate(scored), scored


def refusal_flags(items: Sequence[AnswerItem], refused: Sequence[bool], harmful: bool) -> list[bool]:
    return [flag for item, flag in zip(items, refused) if item.harmful is harmful]


def judge_estimate(judgements: Optional[Sequence[Judgement]]) -> Optional[Estimate]:
    scores = [j.score for j in judgements or [] if j.score is not None]
    return mean_estimate(scores) if scores else None


def pair_rows(pairs: Sequence[dict], margins: Sequence[Optional[float]]) -> list[PairRow]:
    return [PairRow(str(p.get("id", p["where"])), p["prompt"][-1]["content"], p["chosen"][0]["content"],
                    p["rejected"][0]["content"], m) for p, m in zip(pairs, margins)]


def answer_rows(items, answers, judgements: Optional[Sequence[Judgement]]) -> list[AnswerRow]:
    verdicts = {j.id: _JUDGE_WORDS[j.score] for j in judgements or []}
    return [AnswerRow(item.id, item.kind, item.question, base, aligned, base_refused, aligned_refused,
                      verdicts.get(item.id, ""))
            for item, aligned, base, aligned_refused, base_refused in zip(
                items, answers.aligned, answers.base, answers.aligned_refused, answers.base_refused)]


def judge_stats(args, judgements: Optional[Sequence[Judgement]]) -> dict[str, Any]:
    if judgements is None:
        return {"judge_model_id": None}
    words = [_JUDGE_WORDS[j.score] for j in judgements]
    return {"judge_model_id": args.judge_model_id, "judge_seed": args.seed,
            **{f"judge_{w}": words.count(w) for w in ("aligned", "base", "tie", "unreadable")},
            "judge_aligned_shown_first": sum(j.aligned_is_a for j in judgements)}


def accuracy_interval(estimates: dict[str, Optional[Estimate]]) -> str:
    extra = estimates["preference_accuracy"].extra
    return f"{extra['lower_bound']:.4f}, {extra['upper_bound']:.4f}"


def notes_for(args, estimates: dict[str, Optional[Estimate]], stats: dict[str, Any]) -> list[str]:
    notes = [
        f"preference_accuracy / reward_margin: {stats['pairs_scored']} held-out human pairs "
        f"({stats['pairs_skipped']} skipped: prompt longer than {args.max_length} tokens); implicit DPO reward "
        f"with beta={args.beta}: the served (merged) model against the base model as reference.",
        f"refusal_rate: aligned model on {stats['harmful_prompts']} harmful red-team prompts "
        f"(base model: {stats['base_refusal_rate']}); benign controls refused: aligned "
        f"{stats['aligned_benign_refusal_rate']}, base {stats['base_benign_refusal_rate']}. "
        "Refusals are detected by a phrase heuristic (see README).",
        f"preference_accuracy: ties (margin exactly 0) count 1/2; the quality gate reads lower_bound, the lower "
        f"end of the 95% Wilson interval [{accuracy_interval(estimates)}] over n={stats['pairs_scored']} pairs.",
        "standard error = standard deviation of the estimate (binomial for shares, s/sqrt(n) for means).",
    ]
    if stats["judge_model_id"]:
        notes.append(f"judge_win_rate: {args.judge_model_id} on {len(stats['judged_items'])} items, A/B order "
                     f"randomised with seed {args.seed}; ties count 0.5; unreadable verdicts "
                     f"({stats['judge_unreadable']}) left out.")
    if stats["judge_model_id"] and estimates["judge_win_rate"] is None:
        notes.append("no judge verdict could be read: judge_win_rate is missing.")
    return notes


def summarise(args, pairs, items, margins, answers, judgements) -> Summary:
    accuracy, margin, scored = pair_estimates(margins)
    harmful_aligned = refusal_flags(items, answers.aligned_refused, True)
    estimates = {"preference_accuracy": accuracy, "reward_margin": margin,
                 "refusal_rate": proportion_estimate(harmful_aligned), "judge_win_rate": judge_estimate(judgements)}
    stats = {
        "pairs": len(pairs), "pairs_scored": len(scored), "pairs_skipped": len(pairs) - len(scored),
        "reward_margin_spread": round(sample_std(scored), 6), "beta": args.beta, "max_length": args.max_length,
        "answered_items": len(items), "harmful_prompts": len(harmful_aligned),
        "base_refusal_rate": _share(refusal_flags(items, answers.base_refused, True)),
        "aligned_benign_refusal_rate": _share(refusal_flags(items, answers.aligned_refused, False)),
        "base_benign_refusal_rate": _share(refusal_flags(items, answers.base_refused, False)),
        "judged_items": [j.id for j in judgements or []], **judge_stats(args, judgements),
    }
    counts = {"preference_accuracy": len(scored), "reward_margin": len(scored),
              "refusal_rate": len(harmful_aligned), "judge_win_rate": estimates["judge_win_rate"].count
              if estimates["judge_win_rate"] else 0}
    return Summary(evaluation_document(estimates), counts, notes_for(args, estimates, stats),
                   pair_rows(pairs, margins), answer_rows(items, answers, judgements), stats, judgements is not None)
