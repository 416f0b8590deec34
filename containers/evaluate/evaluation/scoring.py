"""The model-facing steps of evaluate.py: pair margins, answers, refusals, judge verdicts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

from .generation import aligned_and_base_answers
from .items import AnswerItem
from .judge import JudgeItem, Judgement, judge_items
from .logprobs import policy_and_reference_logprobs, scored_sequence
from .metrics import implicit_reward_margin
from .refusals import is_refusal


@dataclass(frozen=True)
class Answers:
    aligned: list[str]
    base: list[str]
    aligned_refused: list[bool]
    base_refused: list[bool]


def score_pairs(model: Any, tokenizer: Any, pairs: Sequence[dict], args) -> list[Optional[float]]:
    """Implicit DPO reward margin of each pair; None where the prompt fills max_length."""
    sequences, scored_pairs = [], []
    for index, pair in enumerate(pairs):
        chosen = scored_sequence(tokenizer, pair["prompt"], pair["chosen"], args.max_length)
        rejected = scored_sequence(tokenizer, pair["prompt"], pair["rejected"], args.max_length)
        if chosen and rejected:
            sequences += [chosen, rejected]
            scored_pairs.append(index)
    aligned, reference = policy_and_reference_logprobs(model, sequences, tokenizer.pad_token_id, args.batch_size)
    margins: list[Optional[float]] = [None] * len(pairs)
    for slot, index in enumerate(scored_pairs):
        both = slice(2 * slot, 2 * slot + 2)
        margins[index] = implicit_reward_margin(args.beta, tuple(aligned[both]), tuple(reference[both]))
    return margins


def answer_all(model: Any, tokenizer: Any, items: Sequence[AnswerItem], args) -> Answers:
    conversations = [item.messages for item in items]
    aligned, base = aligned_and_base_answers(model, tokenizer, conversations, args.max_new_tokens, args.batch_size)
    return Answers(aligned, base, [is_refusal(a) for a in aligned], [is_refusal(b) for b in base])


def judge_answers(client: Any, args, items: Sequence[AnswerItem], answers: Answers) -> list[Judgement]:
    judged = [JudgeItem(item.id, item.system, item.question, aligned, base)
              for item, aligned, base in zip(items, answers.aligned, answers.base)]
    return judge_items(client, args.judge_model_id, judged, args.seed)
