"""Builds the tiny random Llama that `make run-local` uses as the flagship's base model.

    python scripts/build-tiny-llama.py FOLDER

Nothing is downloaded: the model and its tokenizer are made here with the helpers the container
tests use (containers/common/tests/tiny_llama.py), seeded, so every build is the same. Unlike the
tests' model, the tokenizer is also trained on the flagship's own text (the bank's values in
containers/generate/data/context.md and the questions), so the prompts stay a few hundred tokens
long, as they are for Llama 3, instead of overflowing the model's context. An existing folder
with a config.json is left as it is.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "containers" / "common" / "tests"))

from tiny_llama import TRAINING_TEXT, tiny_llama_config, train_tokenizer  # noqa: E402

VOCAB_SIZE = 2000
CONTEXT_TOKENS = 2048


def flagship_text():
    data = ROOT / "containers" / "generate" / "data"
    questions = [json.loads(line)["question"] for line in (data / "questions.jsonl").read_text().splitlines() if line.strip()]
    return list(TRAINING_TEXT) + (data / "context.md").read_text().split("\n") + questions


def build(folder: Path) -> None:
    import torch
    from transformers import LlamaForCausalLM

    tokenizer = train_tokenizer(flagship_text(), vocab_size=VOCAB_SIZE)
    torch.manual_seed(0)
    model = LlamaForCausalLM(tiny_llama_config(tokenizer, max_position_embeddings=CONTEXT_TOKENS))
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def main() -> int:
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    folder = Path(sys.argv[1])
    if (folder / "config.json").is_file():
        print(f"{folder}: tiny Llama already built")
        return 0
    build(folder)
    print(f"{folder}: tiny Llama built (vocabulary {VOCAB_SIZE}, context {CONTEXT_TOKENS} tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
