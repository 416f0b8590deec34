"""A tiny random Llama with a tokenizer trained on the fly, for CPU tests (no network).

Reuse from any job's tests: the session fixture ``tiny_llama_dir`` (containers/conftest.py)
gives the folder; or call ``build_tiny_llama(folder)`` yourself. The folder loads with
``AutoModelForCausalLM.from_pretrained`` / ``AutoTokenizer.from_pretrained`` like a Hub
model, and its tokenizer has a Llama-3-style chat template.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

BOS, EOT, PAD = "<|begin_of_text|>", "<|eot_id|>", "<|pad|>"
START_HEADER, END_HEADER = "<|start_header_id|>", "<|end_header_id|>"
SPECIAL_TOKENS = [BOS, EOT, PAD, START_HEADER, END_HEADER]

# Same shape as Llama 3's template: header, blank line, content, end-of-turn.
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "<|start_header_id|>{{ message['role'] }}<|end_header_id|>\n\n"
    "{{ message['content'] | trim }}<|eot_id|>{% endfor %}"
    "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}"
)

TRAINING_TEXT = [
    "Example Bank is a digital bank. How do I reset my card PIN in the app?",
    "You can open an account in minutes. Transfers between accounts are free.",
    "I cannot help with that request, but I can explain how to keep your account safe.",
    "What is the weather like today? Tell me a joke about money and savings.",
    "Your card is frozen. Please contact support. Thank you for banking with us.",
    "Les virements sont gratuits. Überweisung. 口座を開く. Ça va très bien, merci !",
]


def train_tokenizer(texts: Iterable[str] = TRAINING_TEXT, vocab_size: int = 400):
    """Byte-level BPE (any Unicode text encodes, no unknown tokens) wrapped for transformers."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    core = Tokenizer(models.BPE())
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    core.train_from_iterator(list(texts), trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, bos_token=BOS, eos_token=EOT, pad_token=PAD)
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def tiny_llama_config(tokenizer, **overrides):
    from transformers import LlamaConfig

    settings = dict(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id, tie_word_embeddings=False,
        # Llama 3's RoPE base, so a reader that loses it (4.x falls back to 10000) is caught.
        rope_parameters={"rope_type": "default", "rope_theta": 500000.0},
    )
    settings.update(overrides)
    return LlamaConfig(**settings)


def build_tiny_llama(folder: Union[str, Path], *, seed: int = 0, **config_overrides) -> Path:
    """Save a random tiny LlamaForCausalLM + tokenizer into ``folder`` and return it."""
    import torch
    from transformers import LlamaForCausalLM

    folder = Path(folder)
    tokenizer = train_tokenizer()
    torch.manual_seed(seed)
    model = LlamaForCausalLM(tiny_llama_config(tokenizer, **config_overrides))
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


# Short answers in the bank's voice, for teach_to_end_turns: each ends its turn, lengths vary.
SHORT_ANSWERS = [
    ("How do I reset my card PIN?", "Open the app, choose Card, then Reset PIN."),
    ("Are transfers free?", "Yes."),
    ("Can I open an account?", "Yes, in minutes, in the app."),
    ("Tell me a joke.", "I can only help with banking, sorry."),
    ("My card is frozen.", "Contact support in the app and they can unfreeze it for you today."),
    ("What is the weather?", "I cannot help with that."),
]


def teach_to_end_turns(folder: Union[str, Path], steps: int = 200, seed: int = 0, lr: float = 3e-3) -> Path:
    """Fine-tune the tiny model in ``folder`` (in place) on short chat answers, so it ends its turns.

    A random model almost never emits <|eot_id|>: every answer runs to max_new_tokens, generate.py
    marks it cut, and build_preferences.py rightly trains on none of them. A few hundred steps of
    plain next-token training on rendered conversations (CPU, seconds) teach it to stop, with
    answers of varying length, which is what a local end-to-end run of the flagship needs.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = Path(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)
    torch.manual_seed(seed)
    texts = [tokenizer.apply_chat_template([{"role": "user", "content": q}, {"role": "assistant", "content": a}],
                                           tokenize=False) for q, a in SHORT_ANSWERS]
    batch = tokenizer(texts, add_special_tokens=False, padding=True, return_tensors="pt")
    labels = batch["input_ids"].masked_fill(batch["attention_mask"] == 0, -100)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        loss = model(**batch, labels=labels).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    model.eval()
    model.save_pretrained(folder)
    return folder
