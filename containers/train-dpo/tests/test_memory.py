"""The per-GPU memory estimate and the refusal of settings that cannot fit."""
import json

import pytest
from dpo.hyperparams import validate
from dpo.memory import GIB, estimate, fits_problem, parameter_count, read_config

LLAMA3_8B = {"hidden_size": 4096, "intermediate_size": 14336, "num_attention_heads": 32, "num_key_value_heads": 8,
             "num_hidden_layers": 32, "vocab_size": 128256, "tie_word_embeddings": False}
A10G_BYTES = 23_836_033_024  # torch.cuda.get_device_properties(0).total_memory on an A10G (24 GB)


def test_llama3_8b_has_8_billion_parameters():
    assert parameter_count(LLAMA3_8B) == pytest.approx(8.03e9, rel=1e-3)


def test_batch_1_fits_an_a10g_and_batch_2_does_not():
    one = estimate(LLAMA3_8B, validate({"max_length": "1024", "per_device_train_batch_size": "1"}))
    two = estimate(LLAMA3_8B, validate({"max_length": "1024", "per_device_train_batch_size": "2"}))
    assert 20 * GIB < one.total < 21.5 * GIB and fits_problem(one, A10G_BYTES, "NVIDIA A10G") is None
    problem = fits_problem(two, A10G_BYTES, "NVIDIA A10G")
    assert two.total > 24 * GIB and "need about 24.6 GiB per GPU" in problem and "per_device_train_batch_size" in problem


def test_four_bit_weights_shrink_the_estimate():
    bf16 = estimate(LLAMA3_8B, validate({}))
    nf4 = estimate(LLAMA3_8B, validate({"load_in_4bit": "true"}))
    assert bf16.parts["weights"] / nf4.parts["weights"] == pytest.approx(2 / 0.5625)


def test_the_estimate_reads_the_model_folder(tiny_llama_dir):
    config = read_config(tiny_llama_dir)
    assert config == json.loads((tiny_llama_dir / "config.json").read_text())
    assert estimate(config, validate({})).total < 2 * GIB  # tiny model: the fixed overhead dominates
