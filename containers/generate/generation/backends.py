"""Sampling N answers per prompt: vLLM on GPUs (production) or transformers (CPU, tests).

Both take prompts as token ids and return, per prompt, N completion texts. Heavy libraries
are imported inside the functions so the CLI can validate its arguments first.
"""
from __future__ import annotations

import importlib.util
import os
from dataclasses import asdict, dataclass
from typing import Any, List, Optional, Sequence

from jobkit import JobError

BACKENDS = ("auto", "vllm", "transformers")


@dataclass(frozen=True)
class Generated:
    """Per prompt, n answer texts, and whether each was cut at max_new_tokens before it ended.

    A cut answer is not a finished one: trained as "chosen" or "rejected", DPO would learn that an
    answer may stop mid-sentence (the chat template closes every turn with an end-of-turn token).
    """
    texts: List[List[str]]
    truncated: List[List[bool]]


@dataclass(frozen=True)
class Sampling:
    n: int = 4
    temperature: float = 1.0
    top_p: float = 0.95
    max_new_tokens: int = 120
    seed: int = 42

    def validate(self) -> "Sampling":
        checks = [(self.n >= 1, "--num-responses must be at least 1"), (self.temperature >= 0, "--temperature must be >= 0"),
                  (0 < self.top_p <= 1, "--top-p must be in (0, 1]"),
                  (self.max_new_tokens >= 1, "--max-new-tokens must be at least 1")]
        for ok, message in checks:
            if not ok:
                raise JobError(message)
        return self

    def as_dict(self) -> dict:
        return asdict(self)


def choose_backend(requested: str) -> str:
    """vllm: needs a GPU (installed at job start when missing, see vllm_install); transformers: one
    GPU or the CPU; auto: vllm when it is installed and a GPU is present, else transformers."""
    if requested == "vllm":
        if _gpu_count() == 0:
            raise JobError("--backend vllm needs a GPU (none is visible); use --backend transformers on CPU")
        return "vllm"
    if requested != "auto":
        return requested
    has_vllm = importlib.util.find_spec("vllm") is not None
    return "vllm" if has_vllm and _gpu_count() > 0 else "transformers"


def _gpu_count() -> int:
    import torch

    return torch.cuda.device_count()


def generate_vllm(model_source: str, prompts: Sequence[List[int]], sampling: Sampling,
                  stop_ids: List[int], hf_token: Optional[str]) -> Generated:
    """Offline batch inference, the model split over every GPU of the instance (tensor parallel)."""
    from vllm import LLM, SamplingParams

    if hf_token:
        # huggingface_hub in vLLM's worker processes reads the token from the environment of
        # this process only; it is never part of the job definition or printed.
        os.environ["HF_TOKEN"] = hf_token
    llm = LLM(model=model_source, tensor_parallel_size=max(_gpu_count(), 1), seed=sampling.seed)
    params = SamplingParams(n=sampling.n, temperature=sampling.temperature, top_p=sampling.top_p,
                            max_tokens=sampling.max_new_tokens, seed=sampling.seed, stop_token_ids=stop_ids)
    outputs = llm.generate([{"prompt_token_ids": ids} for ids in prompts], params)
    # vLLM's CompletionOutput.finish_reason is "stop" (a stop token) or "length" (max_tokens reached).
    return Generated([[c.text for c in output.outputs] for output in outputs],
                     [[c.finish_reason == "length" for c in output.outputs] for output in outputs])


def generate_transformers(model_source: str, tokenizer: Any, prompts: Sequence[List[int]], sampling: Sampling,
                          stop_ids: List[int], hf_token: Optional[str], batch_size: int = 8) -> Generated:
    """Plain ``generate`` in left-padded batches; one GPU if present, else CPU."""
    import torch
    from transformers import AutoModelForCausalLM, set_seed

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = AutoModelForCausalLM.from_pretrained(model_source, token=hf_token, dtype="auto").to(device).eval()
    set_seed(sampling.seed)
    texts: List[List[str]] = []
    truncated: List[List[bool]] = []
    for start in range(0, len(prompts), batch_size):
        batch = _left_padded(tokenizer, prompts[start:start + batch_size], device)
        with torch.no_grad():
            generated = model.generate(**batch, **_generate_kwargs(sampling, stop_ids, tokenizer))
        new_tokens = generated[:, batch["input_ids"].shape[1]:]
        texts += _group_answers(tokenizer.batch_decode(new_tokens, skip_special_tokens=True), sampling)
        cut = [_was_cut(row, stop_ids, sampling.max_new_tokens) for row in new_tokens.tolist()]
        truncated += _group_answers(cut, sampling)
    return Generated(texts, truncated)


def _was_cut(row: List[int], stop_ids: List[int], max_new_tokens: int) -> bool:
    """Ran to max_new_tokens without emitting a stop token (finished rows are padded after it)."""
    return len(row) >= max_new_tokens and not set(row) & set(stop_ids)


def _group_answers(values: List[Any], sampling: Sampling) -> List[List[Any]]:
    if sampling.temperature == 0:  # greedy: one sequence per prompt, the same for all n
        return [[value] * sampling.n for value in values]
    return [values[i:i + sampling.n] for i in range(0, len(values), sampling.n)]


def _left_padded(tokenizer: Any, prompts: Sequence[List[int]], device: str) -> dict:
    # Left padding keeps every prompt's last token next to its first generated one.
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    import torch

    width = max(len(ids) for ids in prompts)
    input_ids = torch.tensor([[pad_id] * (width - len(ids)) + list(ids) for ids in prompts], device=device)
    mask = torch.tensor([[0] * (width - len(ids)) + [1] * len(ids) for ids in prompts], device=device)
    return {"input_ids": input_ids, "attention_mask": mask}


def _generate_kwargs(sampling: Sampling, stop_ids: List[int], tokenizer: Any) -> dict:
    sample = sampling.temperature > 0  # temperature 0 means greedy, as in vLLM
    kwargs = dict(max_new_tokens=sampling.max_new_tokens, num_return_sequences=sampling.n if sample else 1,
                  do_sample=sample,
                  eos_token_id=stop_ids or None,
                  pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id)
    if sample:
        kwargs.update(temperature=sampling.temperature, top_p=sampling.top_p)
    return kwargs
