"""Answers of one model (the served model, then the base model) to the evaluation prompts.

Greedy decoding, so the report is reproducible and the two answers differ only because the
weights do. Prompts are left-padded for batched generation.
"""
from __future__ import annotations

from typing import Sequence

from .logprobs import chat_ids


def _left_padded(batch: Sequence[list[int]], pad_id: int, device):
    import torch

    width = max(len(ids) for ids in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    attention = torch.zeros((len(batch), width), dtype=torch.long)
    for row, prompt in enumerate(batch):
        ids[row, width - len(prompt):] = torch.tensor(prompt)
        attention[row, width - len(prompt):] = 1
    return ids.to(device), attention.to(device)


def _generate_batch(model, tokenizer, batch: Sequence[list[int]], max_new_tokens: int) -> list[str]:
    import torch

    ids, attention = _left_padded(batch, tokenizer.pad_token_id, model.device)
    with torch.inference_mode():
        output = model.generate(input_ids=ids, attention_mask=attention, max_new_tokens=max_new_tokens,
                                do_sample=False, pad_token_id=tokenizer.pad_token_id)
    new_tokens = output[:, ids.shape[1]:]
    return [text.strip() for text in tokenizer.batch_decode(new_tokens, skip_special_tokens=True)]


def generate_answers(model, tokenizer, conversations: Sequence[list[dict]], max_new_tokens: int,
                     batch_size: int) -> list[str]:
    prompts = [chat_ids(tokenizer, messages, add_generation_prompt=True) for messages in conversations]
    answers: list[str] = []
    for start in range(0, len(prompts), batch_size):
        answers += _generate_batch(model, tokenizer, prompts[start: start + batch_size], max_new_tokens)
    return answers
