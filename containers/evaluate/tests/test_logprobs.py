"""Answer log-probabilities: TRL's tokenisation, padding-independent."""
from __future__ import annotations

import pytest

from evaluation.logprobs import answer_logprobs, chat_ids, scored_sequence

PROMPT = [{"role": "system", "content": "You are a bank assistant."}, {"role": "user", "content": "Is it free?"}]
SHORT = [{"role": "assistant", "content": "Yes."}]
LONG = [{"role": "assistant", "content": "Yes, transfers between your own accounts are always free of charge."}]


@pytest.fixture(scope="module")
def model_and_tokenizer(tiny_llama_dir):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_pretrained(tiny_llama_dir)
    model = get_peft_model(base, LoraConfig(r=4, target_modules="all-linear", init_lora_weights=False)).eval()
    return model, AutoTokenizer.from_pretrained(tiny_llama_dir)


def direct_logprob(model, tokenizer, prompt, answer) -> float:
    """The definition, one sequence, no padding: sum over answer tokens of log p(token | prefix)."""
    import torch

    prompt_ids = chat_ids(tokenizer, prompt, add_generation_prompt=True)
    full = torch.tensor([chat_ids(tokenizer, prompt + answer)])
    with torch.no_grad():
        logps = torch.log_softmax(model(full).logits[0].double(), dim=-1)
    return sum(float(logps[t - 1, full[0, t]]) for t in range(len(prompt_ids), full.shape[1]))


def test_answer_tokens_follow_the_generation_prompt(model_and_tokenizer):
    _, tokenizer = model_and_tokenizer
    scored = scored_sequence(tokenizer, PROMPT, SHORT, max_length=512)
    assert scored.ids[: scored.answer_start] == chat_ids(tokenizer, PROMPT, add_generation_prompt=True)
    assert tokenizer.decode(scored.ids[scored.answer_start:]).startswith("Yes.")


def test_truncation_and_prompts_that_leave_no_room(model_and_tokenizer):
    _, tokenizer = model_and_tokenizer
    prompt_length = len(chat_ids(tokenizer, PROMPT, add_generation_prompt=True))
    assert len(scored_sequence(tokenizer, PROMPT, LONG, max_length=prompt_length + 2).ids) == prompt_length + 2
    assert scored_sequence(tokenizer, PROMPT, LONG, max_length=prompt_length) is None


def test_batched_and_padded_scores_equal_the_definition(model_and_tokenizer):
    model, tokenizer = model_and_tokenizer
    sequences = [scored_sequence(tokenizer, PROMPT, answer, 512) for answer in (SHORT, LONG, SHORT)]
    batched = answer_logprobs(model, sequences, tokenizer.pad_token_id, batch_size=3)
    one_by_one = answer_logprobs(model, sequences, tokenizer.pad_token_id, batch_size=1)
    expected = [direct_logprob(model, tokenizer, PROMPT, a) for a in (SHORT, LONG, SHORT)]
    assert batched == pytest.approx(expected, abs=1e-3) and one_by_one == pytest.approx(expected, abs=1e-3)
    assert all(score < 0 for score in batched)
