"""Log-probabilities of answers under a model (the served model, then the base model as reference).

Tokenisation follows TRL's DPOTrainer: the prompt is the chat template with the generation
prompt, the answer is whatever the full conversation adds after it, and a sequence longer than
max_length is cut from the end (a pair whose prompt alone fills max_length is skipped, as in
training). The score of an answer is the sum of its tokens' log-probabilities.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass(frozen=True)
class Scored:
    """Token ids of prompt + answer, and where the answer starts."""
    ids: list[int]
    answer_start: int


def chat_ids(tokenizer, messages: list[dict], add_generation_prompt: bool = False) -> list[int]:
    encoded = tokenizer.apply_chat_template(messages, tokenize=True, return_dict=True,
                                            add_generation_prompt=add_generation_prompt)
    return list(encoded["input_ids"])


def scored_sequence(tokenizer, prompt: list[dict], answer: list[dict], max_length: int) -> Optional[Scored]:
    """None when the prompt leaves no room for a single answer token."""
    prompt_ids = chat_ids(tokenizer, prompt, add_generation_prompt=True)
    full_ids = chat_ids(tokenizer, prompt + answer)[:max_length]
    if len(prompt_ids) >= len(full_ids):
        return None
    return Scored(full_ids, len(prompt_ids))


def _padded_batch(batch: Sequence[Scored], pad_id: int, device):
    import torch

    width = max(len(s.ids) for s in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    attention = torch.zeros((len(batch), width), dtype=torch.long)
    answer_mask = torch.zeros((len(batch), width), dtype=torch.bool)
    for row, item in enumerate(batch):
        ids[row, : len(item.ids)] = torch.tensor(item.ids)
        attention[row, : len(item.ids)] = 1
        answer_mask[row, item.answer_start: len(item.ids)] = True
    return ids.to(device), attention.to(device), answer_mask.to(device)


def _row_logprob(logits, ids, answer_mask) -> float:
    """One sequence: logits at position t predict token t+1, so targets and mask shift by one."""
    row_logits = logits[:-1].float()  # one row at a time: a float copy of a batch's logits is GBs
    targets = ids[1:].unsqueeze(-1)
    token_logps = row_logits.gather(-1, targets).squeeze(-1) - row_logits.logsumexp(dim=-1)
    return float((token_logps * answer_mask[1:]).sum())


def _batch_logprobs(model, batch: Sequence[Scored], pad_id: int) -> list[float]:
    ids, attention, answer_mask = _padded_batch(batch, pad_id, model.device)
    logits = model(input_ids=ids, attention_mask=attention).logits
    return [_row_logprob(logits[row], ids[row], answer_mask[row]) for row in range(len(batch))]


def answer_logprobs(model, sequences: Sequence[Scored], pad_id: int, batch_size: int) -> list[float]:
    """Sum of answer-token log-probabilities for each sequence (right padding, no grad)."""
    import torch

    scores: list[float] = []
    with torch.inference_mode():
        for start in range(0, len(sequences), batch_size):
            scores += _batch_logprobs(model, sequences[start: start + batch_size], pad_id)
    return scores
