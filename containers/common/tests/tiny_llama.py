"""Tiny random Llamas with a tokenizer trained on the fly, for CPU tests and local runs (no network).

One builder for both uses:

- the container tests: the session fixture ``tiny_llama_dir`` (containers/conftest.py) gives a
  folder from ``build_tiny_llama(folder)`` (a small vocabulary trained on a few lines, 512
  positions, random weights: fast, and enough to test shapes, templates and saving);
- ``make run-local`` and test/run/flagship-local.test.ts: ``build_local_llama(folder)``, or
  ``python containers/common/tests/tiny_llama.py FOLDER``, the flagship's base model: the tokenizer
  is trained on the flagship's own text (the bank's values in containers/generate/data/context.md,
  which every prompt carries as its system message, and the questions), so prompts stay a few
  hundred tokens long as they are for Llama 3 instead of overflowing the context; then the model is
  taught to end its turns (``teach_to_end_turns``).

Every folder loads with ``AutoModelForCausalLM.from_pretrained`` / ``AutoTokenizer.from_pretrained``
like a Hub model, and its tokenizer has a Llama-3-style chat template. Builds are seeded: the same
arguments give the same weights.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple, Union

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

FLAGSHIP_DATA = Path(__file__).resolve().parents[2] / "generate" / "data"  # containers/generate/data
LOCAL_VOCAB_SIZE = 2000
LOCAL_CONTEXT_TOKENS = 2048
# Steps of teach_to_end_turns for the local model: at 60 every sampled answer ends its turn and
# their lengths still vary (a few to ~150 characters), which the simulated labelers' rule (shorter
# is better) needs to tell answers apart; at 200 the model recites one memorised answer per question.
LOCAL_TEACHING_STEPS = 60


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


def build_tiny_llama(folder: Union[str, Path], *, seed: int = 0, texts: Sequence[str] = TRAINING_TEXT,
                     vocab_size: int = 400, **config_overrides) -> Path:
    """Save a random tiny LlamaForCausalLM + a tokenizer trained on ``texts`` into ``folder``."""
    import torch
    from transformers import LlamaForCausalLM

    folder = Path(folder)
    tokenizer = train_tokenizer(texts, vocab_size=vocab_size)
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


def teach_to_end_turns(folder: Union[str, Path], steps: int = 200, seed: int = 0, lr: float = 3e-3,
                       system: Optional[str] = None,
                       conversations: Sequence[Tuple[str, str]] = SHORT_ANSWERS) -> Path:
    """Fine-tune the tiny model in ``folder`` (in place) on short chat answers, so it ends its turns.

    A random model almost never emits <|eot_id|>: every answer runs to max_new_tokens, generate.py
    marks it cut, and build_preferences.py rightly trains on none of them. A few hundred steps of
    next-token training on the answers of rendered conversations (CPU, seconds) teach it to stop,
    with answers of varying length, which is what a local end-to-end run of the flagship needs.
    ``system``: the system message the conversations carry (the flagship's prompts all carry the
    bank's context), so the model learns to stop after the prompts it will really see. Only the
    answer tokens are scored: the output layer then runs on a few dozen positions instead of every
    prompt token (with the bank's context, ~600 per conversation), which makes the teaching ~10x
    cheaper.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = Path(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)
    torch.manual_seed(seed)
    batch, targets = _answer_batch(tokenizer, [{"role": "system", "content": system}] if system else [], conversations)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        hidden = model.model(**batch).last_hidden_state[:, :-1]  # position t predicts token t + 1
        logits = model.lm_head(hidden[targets])
        loss = torch.nn.functional.cross_entropy(logits, batch["input_ids"][:, 1:][targets])
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    model.eval()
    model.save_pretrained(folder)
    return folder


def _answer_batch(tokenizer, prefix: List[dict], conversations: Sequence[Tuple[str, str]]):
    """Right-padded token ids of the conversations, and a mask of the targets that are answer tokens
    (the answer's text and the <|eot_id|> that ends its turn), shifted to the positions predicting them."""
    def render(messages, **kwargs) -> str:
        return tokenizer.apply_chat_template(messages, tokenize=False, **kwargs)

    texts, starts = [], []
    for question, answer in conversations:
        prompt = prefix + [{"role": "user", "content": question}]
        texts.append(render(prompt + [{"role": "assistant", "content": answer}]))
        starts.append(len(tokenizer(render(prompt, add_generation_prompt=True), add_special_tokens=False)["input_ids"]))
    batch = tokenizer(texts, add_special_tokens=False, padding=True, return_tensors="pt")
    targets = batch["attention_mask"].clone().bool()
    for row, start in enumerate(starts):
        targets[row, :start] = False
    return batch, targets[:, 1:]


def flagship_context() -> str:
    return (FLAGSHIP_DATA / "context.md").read_text(encoding="utf-8").strip()


def flagship_questions() -> List[str]:
    lines = (FLAGSHIP_DATA / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def build_local_llama(folder: Union[str, Path]) -> Path:
    """The flagship's base model for local runs (see the module docstring)."""
    context = flagship_context()
    texts = list(TRAINING_TEXT) + context.split("\n") + flagship_questions()
    build_tiny_llama(folder, texts=texts, vocab_size=LOCAL_VOCAB_SIZE, max_position_embeddings=LOCAL_CONTEXT_TOKENS)
    return teach_to_end_turns(folder, steps=LOCAL_TEACHING_STEPS, system=context)


def main(argv: Sequence[str]) -> int:
    """python containers/common/tests/tiny_llama.py FOLDER: build_local_llama, unless FOLDER has a model."""
    if len(argv) != 1:
        sys.stderr.write("usage: python containers/common/tests/tiny_llama.py FOLDER\n")
        return 2
    folder = Path(argv[0])
    if (folder / "config.json").is_file():
        print(f"{folder}: tiny Llama already built")
        return 0
    build_local_llama(folder)
    print(f"{folder}: tiny Llama built (vocabulary {LOCAL_VOCAB_SIZE}, context {LOCAL_CONTEXT_TOKENS} tokens, "
          "taught to end its turns)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
