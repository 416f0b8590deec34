"""Run by the serving-check venv (transformers 4.57, see containers/requirements-serving-check.txt):
load a saved model folder the way the serving image's transformers does and print what it read.

    python serving_check.py MODEL_DIR MESSAGES_JSON  ->  one JSON object on stdout
"""
import importlib.metadata as metadata
import json
import sys

# transformers 4.57 refuses to import next to huggingface_hub 1.x (its import-time version check);
# the mirror has no 0.x. Loading a local folder uses none of the Hub client, so only that check is
# told 0.36. Everything read below is transformers 4.57's own code.
_real_version = metadata.version
metadata.version = lambda name: "0.36.0" if name.replace("_", "-").lower() == "huggingface-hub" else _real_version(name)

import transformers  # noqa: E402
from transformers import AutoConfig, AutoTokenizer  # noqa: E402


def main(model_dir: str, messages_json: str) -> None:
    messages = json.loads(messages_json)
    config = AutoConfig.from_pretrained(model_dir)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    print(json.dumps({
        "transformers": transformers.__version__,
        "rope_theta": getattr(config, "rope_theta", None),
        "torch_dtype": str(getattr(config, "torch_dtype", None)),
        "tokenizer_class": type(tokenizer).__name__,
        "prompt": prompt,
        "prompt_ids": tokenizer(prompt, add_special_tokens=False)["input_ids"],
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
