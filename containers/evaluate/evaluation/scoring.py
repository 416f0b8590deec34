"""The model-facing steps of evaluate.py: each model scores the pairs and answers the prompts once."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

from .generation import generate_answers
from .items import AnswerItem
from .judge import JudgeItem, Judgement, judge_items
from .logprobs import Scored, answer_logprobs, scored_sequence
from .metrics import implicit_reward_margin
from .refusals import is_refusal


@dataclass(frozen=True)
class PairSequences:
    sequences: list[Scored]  # chosen, rejected, chosen, rejected, ...
    scored_pairs: list[int]  # index of the pair each (chosen, rejected) couple belongs to
    pair_count: int


@dataclass(frozen=True)
class ModelPass:
    """What one model produced: answer log-probabilities of the pair sequences, and answers."""
    logprobs: list[float]
    answers: list[str]


@dataclass(frozen=True)
class Answers:
    aligned: list[str]
    base: list[str]
    aligned_refused: list[bool]
    base_refused: list[bool]


def pair_sequences(tokenizer: Any, pairs: Sequence[dict], max_length: int) -> PairSequences:
    """Token sequences to score; a pair whose prompt fills max_length is left out (margin None)."""
    sequences, scored_pairs = [], []
    for index, pair in enumerate(pairs):
        chosen = scored_sequence(tokenizer, pair["prompt"], pair["chosen"], max_length)
        rejected = scored_sequence(tokenizer, pair["prompt"], pair["rejected"], max_length)
        if chosen and rejected:
            sequences += [chosen, rejected]
            scored_pairs.append(index)
    return PairSequences(sequences, scored_pairs, len(pairs))


def model_pass(model: Any, tokenizer: Any, sequences: PairSequences, items: Sequence[AnswerItem], args) -> ModelPass:
    logprobs = answer_logprobs(model, sequences.sequences, tokenizer.pad_token_id, args.batch_size)
    answers = generate_answers(model, tokenizer, [item.messages for item in items], args.max_new_tokens, args.batch_size)
    return ModelPass(logprobs, answers)


def pair_margins(sequences: PairSequences, aligned: ModelPass, reference: ModelPass, beta: float) -> list[Optional[float]]:
    """Implicit DPO reward margin of each pair; None where the prompt fills max_length."""
    margins: list[Optional[float]] = [None] * sequences.pair_count
    for slot, index in enumerate(sequences.scored_pairs):
        both = slice(2 * slot, 2 * slot + 2)
        margins[index] = implicit_reward_margin(beta, tuple(aligned.logprobs[both]), tuple(reference.logprobs[both]))
    return margins


def answers_of(aligned: ModelPass, reference: ModelPass) -> Answers:
    return Answers(aligned.answers, reference.answers, [is_refusal(a) for a in aligned.answers],
                   [is_refusal(b) for b in reference.answers])


def judge_answers(client: Any, args, items: Sequence[AnswerItem], answers: Answers) -> list[Judgement]:
    judged = [JudgeItem(item.id, item.system, item.question, aligned, base)
              for item, aligned, base in zip(items, answers.aligned, answers.base)]
    return judge_items(client, args.judge_model_id, judged, args.seed)
