"""SageMaker hyperparameters -> keyword arguments for DPOConfig, LoraConfig and BitsAndBytesConfig.

Plain Python on purpose: the whole set is checked (unknown names, bad types, out-of-range
values, conflicting pairs) and every problem reported in one message before torch is even
imported, so a typo costs seconds, not a GPU instance start plus a model download.

The names are TRL 1.13's where one exists; `epochs` (the name the pipeline has always used)
maps to `num_train_epochs`, `warmup_ratio` to `warmup_steps` (a float below 1 is a ratio in
transformers 5), and the `lora_*` names to LoraConfig fields.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

Check = Callable[[Any], Optional[str]]


class HyperparameterError(ValueError):
    """All problems found in one set of hyperparameters."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid hyperparameters:\n  - " + "\n  - ".join(problems))


def positive(value: float) -> Optional[str]:
    return None if value > 0 else "must be > 0"


def at_least(low: int) -> Check:
    return lambda value: None if value >= low else f"must be >= {low}"


def between(low: float, high: float) -> Check:
    return lambda value: None if low <= value <= high else f"must be between {low} and {high}"


def half_open(low: float, high: float) -> Check:
    return lambda value: None if low <= value < high else f"must be in [{low}, {high})"


def steps_or_unlimited(value: int) -> Optional[str]:
    return None if value == -1 or value >= 1 else "must be -1 (train for `epochs`) or >= 1"


def secret_arn(value: str) -> Optional[str]:
    if value and not (value.startswith("arn:") and ":secretsmanager:" in value):
        return "must be a Secrets Manager ARN (arn:aws:secretsmanager:...), never the token itself"
    return None


def module_names(value: str) -> Optional[str]:
    names = [n.strip() for n in value.split(",")]
    if value == "all-linear" or (names and all(n.replace("_", "").replace(".", "").isalnum() for n in names)):
        return None
    return "must be all-linear or comma-separated module names (e.g. q_proj,v_proj)"


@dataclass(frozen=True)
class Param:
    kind: str  # int | float | bool | auto_bool | str | choice
    default: Any
    check: Optional[Check] = None
    choices: tuple[str, ...] = ()
    help: str = ""


PARAMS: dict[str, Param] = {
    # Where the base model comes from (the `model` channel wins when it holds a model).
    "model_id": Param("str", "", help="Hugging Face Hub id, used when the model channel is empty"),
    "hf_token_secret_arn": Param("str", "", secret_arn, help="Secrets Manager ARN of the HF token"),
    "attn_implementation": Param("choice", "sdpa", choices=("sdpa", "eager", "flash_attention_2")),
    # DPO
    "beta": Param("float", 0.1, positive),
    "loss_type": Param("choice", "sigmoid", choices=("sigmoid", "ipo", "hinge", "robust")),
    "label_smoothing": Param("float", 0.0, half_open(0.0, 0.5)),
    "max_length": Param("int", 1024, between(16, 131072), help="prompt + response tokens"),
    # Optimisation
    "epochs": Param("float", 3.0, positive),
    "max_steps": Param("int", -1, steps_or_unlimited),
    "learning_rate": Param("float", 2e-5, half_open(1e-12, 1.0)),
    "lr_scheduler_type": Param("choice", "cosine", choices=("cosine", "linear", "constant", "constant_with_warmup")),
    "warmup_ratio": Param("float", 0.1, half_open(0.0, 1.0)),
    "weight_decay": Param("float", 0.0, half_open(0.0, 1.0)),
    "max_grad_norm": Param("float", 1.0, positive),
    "optim": Param("choice", "adamw_torch",
                   choices=("adamw_torch", "adamw_torch_fused", "paged_adamw_8bit", "paged_adamw_32bit")),
    "per_device_train_batch_size": Param("int", 1, at_least(1)),
    "per_device_eval_batch_size": Param("int", 1, at_least(1)),
    "gradient_accumulation_steps": Param("int", 1, at_least(1)),
    "seed": Param("int", 42, at_least(0)),
    # Logging, evaluation, checkpoints
    "logging_steps": Param("int", 5, at_least(1)),
    "eval_steps": Param("int", 25, at_least(1)),
    "save_steps": Param("int", 25, at_least(1)),
    "save_total_limit": Param("int", 2, at_least(1)),
    # Memory and precision
    "bf16": Param("auto_bool", "auto", help="auto = bf16 when the GPU supports it"),
    "gradient_checkpointing": Param("bool", True),
    "load_in_4bit": Param("bool", False, help="QLoRA: nf4 + double quantisation, bf16 compute"),
    # LoRA
    "lora_r": Param("int", 16, between(1, 256), help="rank; the seed notebook's 2048 was a full-size copy"),
    "lora_alpha": Param("int", 32, at_least(1)),
    "lora_dropout": Param("float", 0.05, half_open(0.0, 1.0)),
    "lora_target_modules": Param("str", "all-linear", module_names),
}

# Names people reach for that TRL 1.13 does not have; say why instead of "unknown".
REMOVED = {
    "max_prompt_length": "DPOConfig has no max_prompt_length in TRL 1.13: sequences are cut to "
    "max_length from the end, and pairs whose prompt alone fills max_length are dropped",
    "hf_token": "pass hf_token_secret_arn (a Secrets Manager ARN); a token in a hyperparameter is "
    "visible to anyone who can describe the training job",
    "num_train_epochs": "use epochs",
    "lora_rank": "use lora_r",
}

_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


def parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError("must be true/false/True/False/1/0")


def convert(param: Param, text: str) -> Any:
    """One raw string -> typed value; raises ValueError with a short reason."""
    if param.kind == "int":
        number = float(text)  # "8.0" is fine, "8.5" is not
        if not number.is_integer():
            raise ValueError("must be a whole number")
        return int(number)
    if param.kind == "float":
        number = float(text)
        if not math.isfinite(number):
            raise ValueError("must be a finite number")
        return number
    if param.kind == "bool":
        return parse_bool(text)
    if param.kind == "auto_bool":
        return "auto" if text.strip().lower() == "auto" else parse_bool(text)
    if param.kind == "choice" and text not in param.choices:
        raise ValueError(f"must be one of {', '.join(param.choices)}")
    return text.strip()


def unknown_name_problem(name: str) -> str:
    if name in REMOVED:
        return f"{name}: not accepted: {REMOVED[name]}"
    close = difflib.get_close_matches(name, PARAMS, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"{name}: unknown hyperparameter{hint}"


def typed_values(raw: Mapping[str, str], problems: list[str]) -> dict[str, Any]:
    values = {name: param.default for name, param in PARAMS.items()}
    for name, text in raw.items():
        if name.startswith("sagemaker_"):
            continue  # set by SageMaker itself (program, region, distribution), not ours
        if name not in PARAMS:
            problems.append(unknown_name_problem(name))
            continue
        try:
            values[name] = convert(PARAMS[name], str(text))
        except ValueError as err:
            reason = str(err) if "must" in str(err) else f"must be a {PARAMS[name].kind}"
            problems.append(f"{name}={text!r}: {reason}")
            continue
        check = PARAMS[name].check
        problem = check(values[name]) if check else None
        if problem:
            problems.append(f"{name}={text!r}: {problem}")
    return values


def conflicts(values: Mapping[str, Any]) -> list[tuple[set[str], str]]:
    """Problems that involve more than one hyperparameter, with the names involved."""
    found = []
    if values["load_in_4bit"] and values["bf16"] is False:
        found.append(({"load_in_4bit", "bf16"},
                      "load_in_4bit=true computes in bf16: leave bf16 at auto or set it to true"))
    if values["label_smoothing"] > 0 and values["loss_type"] != "robust":
        found.append(({"label_smoothing", "loss_type"}, "label_smoothing > 0 only applies to loss_type=robust"))
    return found


def validate(raw: Mapping[str, str]) -> dict[str, Any]:
    """All hyperparameters, typed and defaulted; raises HyperparameterError listing every problem."""
    problems: list[str] = []
    values = typed_values(raw, problems)
    # A value already reported as bad is not reported again as part of a conflict.
    bad_names = {problem.split("=", 1)[0].split(":", 1)[0] for problem in problems}
    problems.extend(message for names, message in conflicts(values) if not names & bad_names)
    if problems:
        raise HyperparameterError(problems)
    return values


def resolve_bf16(values: Mapping[str, Any], gpu_supports_bf16: bool) -> bool:
    """bf16=auto -> whatever the GPU can do; an explicit true on a GPU without bf16 is an error."""
    if values["bf16"] == "auto":
        return gpu_supports_bf16
    if values["bf16"] and not gpu_supports_bf16:
        raise HyperparameterError(["bf16=true but this machine has no GPU with bf16 support"])
    return bool(values["bf16"])


def dpo_config_kwargs(values: Mapping[str, Any], *, output_dir: str, bf16: bool) -> dict[str, Any]:
    """Keyword arguments for trl.DPOConfig (TRL 1.13 / transformers 5 field names)."""
    return {
        "output_dir": output_dir,  # checkpoints: SageMaker syncs this folder to S3
        "beta": values["beta"],
        "loss_type": [values["loss_type"]],
        "label_smoothing": values["label_smoothing"],
        "max_length": values["max_length"],
        # TRL zeroes every nn.Dropout by default, LoRA's included, which would make lora_dropout a
        # silent no-op. Llama's own dropout is 0 already, so keeping dropout only affects LoRA.
        "disable_dropout": False,
        "num_train_epochs": values["epochs"],
        "max_steps": values["max_steps"],
        "learning_rate": values["learning_rate"],
        "lr_scheduler_type": values["lr_scheduler_type"],
        "warmup_steps": values["warmup_ratio"],  # transformers 5: a value below 1 is a ratio
        "weight_decay": values["weight_decay"],
        "max_grad_norm": values["max_grad_norm"],
        "optim": values["optim"],
        "per_device_train_batch_size": values["per_device_train_batch_size"],
        "per_device_eval_batch_size": values["per_device_eval_batch_size"],
        "gradient_accumulation_steps": values["gradient_accumulation_steps"],
        "seed": values["seed"],
        "bf16": bf16,
        "fp16": False,
        "gradient_checkpointing": values["gradient_checkpointing"],
        # Reentrant checkpointing breaks DDP with LoRA (parameters marked ready twice).
        "gradient_checkpointing_kwargs": {"use_reentrant": False},
        # Every LoRA parameter gets a gradient each step: skip DDP's unused-parameter search.
        "ddp_find_unused_parameters": False,
        **_logging_kwargs(values),
    }


def _logging_kwargs(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "logging_strategy": "steps",
        "logging_steps": values["logging_steps"],
        "logging_first_step": True,
        "eval_strategy": "steps",
        "eval_steps": values["eval_steps"],
        "save_strategy": "steps",
        "save_steps": values["save_steps"],
        "save_total_limit": values["save_total_limit"],
        # Counted by the trainer and kept in its state, so tokens/s survives a resume.
        "include_num_input_tokens_seen": "non_padding",
        "report_to": "none",
        "disable_tqdm": True,  # progress bars become thousands of CloudWatch lines
    }


def lora_config_kwargs(values: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for peft.LoraConfig."""
    targets = values["lora_target_modules"]
    return {
        "r": values["lora_r"],
        "lora_alpha": values["lora_alpha"],
        "lora_dropout": values["lora_dropout"],
        "target_modules": targets if targets == "all-linear" else [t.strip() for t in targets.split(",")],
        "bias": "none",
        "task_type": "CAUSAL_LM",
    }


def bnb_config_kwargs(values: Mapping[str, Any]) -> Optional[dict[str, Any]]:
    """Keyword arguments for transformers.BitsAndBytesConfig (QLoRA), or None without 4-bit."""
    if not values["load_in_4bit"]:
        return None
    return {
        "load_in_4bit": True,
        "bnb_4bit_quant_type": "nf4",
        "bnb_4bit_use_double_quant": True,
        "bnb_4bit_compute_dtype": "bfloat16",  # the caller turns it into torch.bfloat16
    }


@dataclass(frozen=True)
class StepPlan:
    optimizer_steps: int
    warmup_steps: int
    batches_per_rank_per_epoch: int
    effective_batch: int  # pairs per optimizer step over all ranks


def plan_steps(pairs: int, world_size: int, values: Mapping[str, Any]) -> StepPlan:
    """The optimizer steps the Trainer will take, computed as transformers 5.18 does: each rank gets
    ceil(pairs / world_size) pairs (DistributedSampler pads), batched; an epoch is
    ceil(batches / gradient_accumulation_steps) updates; max_steps > 0 overrides epochs; warmup is
    ceil(warmup_ratio × steps)."""
    per_rank = math.ceil(pairs / max(world_size, 1))
    batches = math.ceil(per_rank / values["per_device_train_batch_size"])
    per_epoch = max(math.ceil(batches / values["gradient_accumulation_steps"]), 1)
    steps = values["max_steps"] if values["max_steps"] > 0 else math.ceil(per_epoch * values["epochs"])
    effective = world_size * values["per_device_train_batch_size"] * values["gradient_accumulation_steps"]
    return StepPlan(steps, math.ceil(values["warmup_ratio"] * steps), batches, effective)


def plan_warnings(plan: StepPlan) -> list[str]:
    """Settings that train in name only: too few updates, or warmup eating the run."""
    found = []
    if plan.optimizer_steps < 10:
        found.append(f"only {plan.optimizer_steps} optimizer step(s) planned: LoRA DPO needs tens of updates to "
                     "move the model; add pairs (--pairs all), epochs, or lower gradient_accumulation_steps")
    if plan.warmup_steps * 2 >= plan.optimizer_steps:
        found.append(f"warmup takes {plan.warmup_steps} of {plan.optimizer_steps} steps: most of the run would be "
                     "spent below the learning rate; lower warmup_ratio")
    return found
