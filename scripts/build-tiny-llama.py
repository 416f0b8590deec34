"""Builds the tiny random Llama that `make run-local` uses as the flagship's base model.

    python scripts/build-tiny-llama.py FOLDER

The builder is containers/common/tests/tiny_llama.py's build_local_llama, the one the container
tests use too (seeded, nothing downloaded): a tokenizer trained on the flagship's own text, then
the model taught to end its turns. An existing folder with a config.json is left as it is.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "containers" / "common" / "tests"))

from tiny_llama import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
