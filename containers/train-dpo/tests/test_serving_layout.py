"""What train_dpo.py saves loads in the serving image's transformers (4.57, LMI 17) as training meant it.

Runs the loader in a second virtual environment (`make .venv-serving/.installed`, built by
`make test-py`; containers/requirements-serving-check.txt). Without it the check cannot run and
is skipped with that instruction.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SERVING_PYTHON = REPO / ".venv-serving" / "bin" / "python"
CHECK = Path(__file__).with_name("serving_check.py")
MESSAGES = [{"role": "system", "content": "You are the assistant of Example Bank."},
            {"role": "user", "content": "Are transfers between my accounts free?"}]


def read_as_served(model_dir: Path) -> dict:
    if not SERVING_PYTHON.is_file():
        pytest.skip("no serving-check venv: run `make .venv-serving/.installed`")
    result = subprocess.run([str(SERVING_PYTHON), str(CHECK), str(model_dir), json.dumps(MESSAGES)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_served_model_reads_as_it_was_trained(trained_output, tiny_llama_dir):
    from transformers import AutoConfig, AutoTokenizer

    served = read_as_served(trained_output / "model")
    assert served["transformers"].startswith("4.57.")
    trained_config = AutoConfig.from_pretrained(tiny_llama_dir)
    assert served["rope_theta"] == trained_config.rope_parameters["rope_theta"] == 500000.0
    assert served["tokenizer_class"] == "PreTrainedTokenizerFast"
    training_tokenizer = AutoTokenizer.from_pretrained(tiny_llama_dir)
    training_prompt = training_tokenizer.apply_chat_template(MESSAGES, add_generation_prompt=True, tokenize=False)
    assert served["prompt"] == training_prompt  # the chat template the model was trained with
    assert served["prompt_ids"] == training_tokenizer(training_prompt, add_special_tokens=False)["input_ids"]


def test_the_base_model_as_transformers_5_saves_it_does_not(tiny_llama_dir):
    # Why the rewrite exists: the plain transformers 5 layout loses RoPE base and tokenizer in 4.57.
    if not SERVING_PYTHON.is_file():
        pytest.skip("no serving-check venv: run `make .venv-serving/.installed`")
    result = subprocess.run([str(SERVING_PYTHON), str(CHECK), str(tiny_llama_dir), json.dumps(MESSAGES)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "TokenizersBackend" in result.stderr


def test_rewrite_is_additive_and_keeps_non_default_rope(tmp_path):
    from dpo.serving_layout import config_for_4x, tokenizer_config_for_4x

    llama31 = {"dtype": "bfloat16", "rope_parameters": {"rope_theta": 500000.0, "rope_type": "llama3", "factor": 8.0}}
    assert config_for_4x(llama31) == {**llama31, "rope_theta": 500000.0, "torch_dtype": "bfloat16",
                                      "rope_scaling": {"rope_type": "llama3", "factor": 8.0}}
    assert tokenizer_config_for_4x({"tokenizer_class": "TokenizersBackend"}, "{{ x }}") == {
        "tokenizer_class": "PreTrainedTokenizerFast", "chat_template": "{{ x }}"}
