"""The hyperparameter mapping: defaults, every rejection, and that TRL/PEFT accept the result."""
from __future__ import annotations

import sys

import pytest

from dpo import hyperparams
from dpo.hyperparams import HyperparameterError, bnb_config_kwargs, dpo_config_kwargs, lora_config_kwargs, validate


def problems_for(raw: dict[str, str]) -> list[str]:
    with pytest.raises(HyperparameterError) as caught:
        validate(raw)
    return caught.value.problems


def test_defaults_are_the_agreed_ones():
    values = validate({})
    lora = lora_config_kwargs(values)
    assert (lora["r"], lora["lora_alpha"], lora["lora_dropout"], lora["target_modules"]) == (16, 32, 0.05, "all-linear")
    assert values["beta"] == 0.1 and values["bf16"] == "auto" and values["gradient_checkpointing"] is True
    assert values["load_in_4bit"] is False and bnb_config_kwargs(values) is None


@pytest.mark.parametrize("name, text", [
    ("beta", "0"), ("beta", "-0.1"), ("lora_r", "0"), ("lora_r", "2048"), ("lora_alpha", "0"),
    ("lora_dropout", "1"), ("lora_dropout", "-0.1"), ("learning_rate", "0"), ("learning_rate", "-1e-5"),
    ("epochs", "0"), ("epochs", "-1"), ("max_steps", "0"), ("max_steps", "-2"),
    ("per_device_train_batch_size", "0"), ("per_device_eval_batch_size", "0"),
    ("gradient_accumulation_steps", "0"), ("max_length", "8"), ("warmup_ratio", "1"), ("weight_decay", "-0.1"),
    ("max_grad_norm", "0"), ("label_smoothing", "0.5"), ("logging_steps", "0"), ("eval_steps", "0"),
    ("save_steps", "0"), ("save_total_limit", "0"), ("seed", "-1"), ("loss_type", "kto"), ("optim", "sgd"),
    ("attn_implementation", "magic"), ("lora_target_modules", "q_proj; rm -rf"),
    ("hf_token_secret_arn", "hf_abcdefSECRET"), ("beta", "abc"), ("beta", "nan"), ("learning_rate", "inf"),
    ("lora_r", "8.5"), ("bf16", "maybe"), ("load_in_4bit", "yes"), ("gradient_checkpointing", ""),
])
def test_each_bad_value_is_rejected_by_name(name, text):
    problems = problems_for({name: text})
    assert len(problems) == 1 and problems[0].startswith(f"{name}=")


def test_a_token_value_is_never_echoed_back():
    message = str(HyperparameterError(problems_for({"hf_token_secret_arn": "hf_abcdef"})))
    assert "Secrets Manager ARN" in message


def test_all_problems_are_listed_in_one_message():
    error_text = str(pytest.raises(HyperparameterError, validate, {"beta": "0", "lora_r": "0", "lr": "1"}).value)
    assert "beta='0'" in error_text and "lora_r='0'" in error_text and "lr: unknown hyperparameter" in error_text


@pytest.mark.parametrize("name, expected", [
    ("lora_rank", "use lora_r"), ("max_prompt_length", "no max_prompt_length in TRL 1.13"),
    ("hf_token", "hf_token_secret_arn"), ("learning_rat", "did you mean learning_rate?"), ("xyz", "unknown"),
])
def test_unknown_names_are_rejected_with_a_hint(name, expected):
    (problem,) = problems_for({name: "1"})
    assert problem.startswith(f"{name}:") and expected in problem


def test_conflicting_pairs_are_rejected():
    assert "load_in_4bit=true computes in bf16" in problems_for({"load_in_4bit": "true", "bf16": "false"})[0]
    assert "only applies to loss_type=robust" in problems_for({"label_smoothing": "0.1"})[0]
    assert validate({"label_smoothing": "0.1", "loss_type": "robust"})["label_smoothing"] == 0.1


@pytest.mark.parametrize("text, expected", [("true", True), ("True", True), ("1", True), ("false", False),
                                            ("False", False), ("0", False), (" TRUE ", True)])
def test_booleans_accept_the_pipeline_spellings(text, expected):
    assert validate({"load_in_4bit": text})["load_in_4bit"] is expected


def test_sagemaker_settings_are_ignored_and_numbers_are_typed():
    values = validate({"sagemaker_program": '"train_dpo.py"', "lora_r": "8.0", "epochs": "2", "max_steps": "-1"})
    assert values["lora_r"] == 8 and isinstance(values["lora_r"], int) and values["epochs"] == 2.0


def test_bf16_auto_follows_the_hardware_and_explicit_true_needs_it():
    assert hyperparams.resolve_bf16(validate({}), gpu_supports_bf16=True) is True
    assert hyperparams.resolve_bf16(validate({}), gpu_supports_bf16=False) is False
    assert hyperparams.resolve_bf16(validate({"bf16": "false"}), gpu_supports_bf16=True) is False
    with pytest.raises(HyperparameterError, match="no GPU with bf16"):
        hyperparams.resolve_bf16(validate({"bf16": "true"}), gpu_supports_bf16=False)


def test_qlora_settings():
    kwargs = bnb_config_kwargs(validate({"load_in_4bit": "True"}))
    assert kwargs == {"load_in_4bit": True, "bnb_4bit_quant_type": "nf4", "bnb_4bit_use_double_quant": True,
                      "bnb_4bit_compute_dtype": "bfloat16"}


def test_explicit_target_modules_become_a_list():
    assert lora_config_kwargs(validate({"lora_target_modules": "q_proj, v_proj"}))["target_modules"] == [
        "q_proj", "v_proj"]


def test_validation_runs_without_torch_transformers_or_trl():
    import subprocess
    from pathlib import Path

    code = ("import sys; from dpo import hyperparams, cli; hyperparams.validate({'beta': '0.2'}); "
            "print(sorted({'torch', 'transformers', 'trl', 'peft'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(hyperparams.__file__).parents[1])
    assert result.stdout.strip() == "[]"


def test_trl_peft_and_transformers_accept_the_mapped_kwargs(tmp_path):
    from peft import LoraConfig
    from transformers import BitsAndBytesConfig
    from trl import DPOConfig

    values = validate({"load_in_4bit": "true", "max_steps": "7", "warmup_ratio": "0.2"})
    config = DPOConfig(**dpo_config_kwargs(values, output_dir=str(tmp_path), bf16=False))
    assert (config.beta, config.max_length, config.max_steps, config.gradient_checkpointing) == (0.1, 1024, 7, True)
    assert config.disable_dropout is False and config.include_num_input_tokens_seen == "non_padding"
    assert config.get_warmup_steps(100) == 20
    assert LoraConfig(**lora_config_kwargs(values)).r == 16
    import torch

    bnb = BitsAndBytesConfig(**{**bnb_config_kwargs(values), "bnb_4bit_compute_dtype": torch.bfloat16})
    assert bnb.load_in_4bit and bnb.bnb_4bit_quant_type == "nf4" and bnb.bnb_4bit_use_double_quant


def test_readme_documents_every_accepted_name():
    from pathlib import Path

    readme = (Path(hyperparams.__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert [name for name in hyperparams.PARAMS if f"| `{name}` |" not in readme] == []


def test_the_step_plan_counts_as_the_trainer_does():
    from dpo.hyperparams import plan_steps, plan_warnings

    old_spec = validate({"epochs": "1", "learning_rate": "5e-6", "per_device_train_batch_size": "1",
                         "gradient_accumulation_steps": "4"})
    plan = plan_steps(40, 8, old_spec)  # the case: 8 ranks, ~40 pairs
    assert (plan.optimizer_steps, plan.warmup_steps) == (2, 1)
    assert any("only 2 optimizer step(s)" in w for w in plan_warnings(plan))
    assert any("warmup takes 1 of 2 steps" in w for w in plan_warnings(plan))
    defaults = plan_steps(180, 8, validate({}))  # --pairs all on 38 ranked questions, the new defaults
    assert (defaults.optimizer_steps, defaults.warmup_steps, defaults.effective_batch) == (69, 7, 8)
    assert plan_warnings(defaults) == []
    assert plan_steps(180, 8, validate({"max_steps": "5"})).optimizer_steps == 5


def test_lora_defaults_are_what_the_readme_explains():
    values = validate({})
    assert (values["learning_rate"], values["epochs"], values["gradient_accumulation_steps"], values["warmup_ratio"]) == (
        2e-5, 3.0, 1, 0.1)
