"""train_dpo.py for real on CPU: a tiny Llama, TRL's DPOTrainer, LoRA, a resume, saved models."""
from __future__ import annotations

import json
import re

import pytest


@pytest.fixture(scope="module")
def two_runs(two_training_runs):
    """Train 2 steps, then rerun asking for 4: the second run resumes at step 2 (containers/conftest.py)."""
    return two_training_runs


def test_metric_lines_match_the_spec_regexes(two_runs, dpo_helpers):
    first, _, _ = two_runs
    regexes, source = dpo_helpers.metric_regexes()
    for name, regex in regexes.items():
        values = [m.group(1) for line in first.stdout.splitlines() if (m := re.search(regex, line))]
        assert values, f"no line for {name} (regex from {source})"
        assert all(v == "nan" or float(v) == float(v) for v in values)
    speeds = [float(m.group(1)) for m in re.finditer(regexes["train/tokens_per_second"], first.stdout)]
    assert all(speed > 0 for speed in speeds)


def test_the_second_run_resumes_from_the_checkpoint(two_runs):
    first, second, out = two_runs
    assert "resuming" not in first.stdout
    assert re.search(r"resuming from checkpoint \S*checkpoint-2 \(global step 2\)", second.stdout)
    stats = json.loads((out / "data" / "stats.json").read_text())
    assert (stats["resumed_from_step"], stats["global_step"], stats["planned_steps"]) == (2, 4, 4)
    assert "optimizer steps planned: 2 (12 pairs, 1 rank(s)" in first.stdout
    assert "optimizer steps done: 2 of 2 planned" in first.stdout and "optimizer steps done: 4 of 4 planned" in second.stdout
    state = json.loads((out / "checkpoints" / "checkpoint-4" / "trainer_state.json").read_text())
    logged_steps = [entry["step"] for entry in state["log_history"] if "loss" in entry]
    assert logged_steps == [1, 2, 3, 4]  # history carried over, not restarted at 1
    assert len(re.findall(r"metric: train/loss=", second.stdout)) == 2  # only steps 3 and 4 trained again


def test_adapter_and_merged_model_load_and_agree(two_runs, tiny_llama_dir):
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model_dir = two_runs[2] / "model"
    assert (model_dir / "model.safetensors").is_file()
    assert (model_dir / "adapter" / "adapter_model.safetensors").is_file()
    assert not [p for p in model_dir.iterdir() if p.name.startswith(".")]  # no staging leftovers
    adapter_config = json.loads((model_dir / "adapter" / "adapter_config.json").read_text())
    assert adapter_config["r"] == 16 and adapter_config["lora_alpha"] == 32
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    ids = tokenizer.apply_chat_template([{"role": "user", "content": "Are transfers free?"}],
                                        add_generation_prompt=True, return_tensors="pt", return_dict=True)["input_ids"]
    merged = AutoModelForCausalLM.from_pretrained(model_dir).eval()
    base = AutoModelForCausalLM.from_pretrained(tiny_llama_dir).eval()
    with torch.no_grad():
        merged_logits, base_logits = merged(ids).logits, base(ids).logits
        adapted = PeftModel.from_pretrained(base, str(model_dir / "adapter")).eval()
        adapted_logits = adapted(ids).logits
    assert torch.allclose(merged_logits, adapted_logits, atol=1e-4)  # merge == base + adapter
    assert not torch.allclose(merged_logits, base_logits, atol=1e-4)  # training changed the model


def test_the_merge_reports_how_much_of_the_update_survives(two_runs):
    _, second, out = two_runs
    merge = json.loads((out / "data" / "stats.json").read_text())["merge"]
    assert merge["dtype"] == "float32" and merge["delta_kept"] == pytest.approx(1.0, abs=1e-3)  # fp32 keeps it
    assert re.search(r"^merge: 100\.0% of the LoRA update survives float32 storage", second.stdout, re.MULTILINE)


def test_bf16_storage_rounds_a_small_update_away_and_fp32_merging_does_not_save_it():
    import torch

    from dpo.model_output import delta_survival

    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    base = torch.nn.Sequential(torch.nn.Linear(256, 256, bias=False))
    base[0].weight.data = (torch.randn(256, 256) * 0.02).to(torch.bfloat16).float()
    model = get_peft_model(base, LoraConfig(r=8, lora_alpha=16, target_modules=["0"]))
    for scale, low, high in ((5e-6, 0.0, 0.5), (5e-4, 0.95, 1.05)):
        layer = model.base_model.model[0]
        layer.lora_A["default"].weight.data = torch.full_like(layer.lora_A["default"].weight, 1.0)
        layer.lora_B["default"].weight.data = torch.randn_like(layer.lora_B["default"].weight) * scale / 8 / 2
        kept = delta_survival(model, torch.bfloat16)["delta_kept"]
        assert low <= kept <= high, (scale, kept)
    assert delta_survival(model, torch.float32)["delta_kept"] == pytest.approx(1.0, abs=1e-4)


def test_a_job_with_other_hyperparameters_does_not_resume_the_checkpoints(two_runs, preference_data, tiny_llama_dir,
                                                                          dpo_helpers):
    _, _, out = two_runs
    before = sorted(p.name for p in (out / "checkpoints").iterdir())
    third = dpo_helpers.run_script(dpo_helpers.TRAIN_SCRIPT,
                                   dpo_helpers.train_args(preference_data, tiny_llama_dir, out, 6, beta="0.3"))
    assert third.returncode != 0
    assert "belong to a different training (beta 0.1 -> 0.3)" in third.stderr + third.stdout
    assert "Traceback" not in third.stderr
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == before  # nothing trained, nothing lost
