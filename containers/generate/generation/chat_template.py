"""Chat prompts as token ids, through the model's own chat template.

The template already contains the begin-of-text token, so prompts are encoded without
adding special tokens again (a doubled BOS shifts Llama 3's outputs).
"""
from __future__ import annotations

from typing import Any, List, Sequence

from jobkit import JobError

# End-of-turn markers of common chat models, used as extra stop tokens when present.
END_OF_TURN_TOKENS = ("<|eot_id|>", "<|end_of_text|>", "<|im_end|>", "<end_of_turn>")


def render_prompt(tokenizer: Any, messages: Sequence[dict]) -> str:
    """The chat template applied to ``messages``, ending where the assistant's answer starts."""
    if not getattr(tokenizer, "chat_template", None):
        raise JobError("the model's tokenizer has no chat template; use an instruct/chat model")
    return tokenizer.apply_chat_template(list(messages), add_generation_prompt=True, tokenize=False)


def encode_prompts(tokenizer: Any, conversations: Sequence[Sequence[dict]]) -> List[List[int]]:
    return [tokenizer(render_prompt(tokenizer, m), add_special_tokens=False)["input_ids"] for m in conversations]


def stop_token_ids(tokenizer: Any) -> List[int]:
    """EOS plus any end-of-turn token the vocabulary has (Llama 3 ends a turn with <|eot_id|>)."""
    ids = [tokenizer.eos_token_id] if tokenizer.eos_token_id is not None else []
    vocab = tokenizer.get_vocab()
    ids += [vocab[token] for token in END_OF_TURN_TOKENS if token in vocab]
    return sorted(set(ids))
