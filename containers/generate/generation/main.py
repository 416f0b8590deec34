"""Sample N answers per question from the base model; write responses and the Ground Truth manifest.

    python3 generate.py [--questions PATH] [--context-file PATH] [--model-dir DIR | --model-id HUB_ID]
        [--hf-token-secret-arn ARN] [--num-responses 4] [--temperature 1.0] [--top-p 0.95]
        [--max-new-tokens 120] [--seed 42] [--backend auto|vllm|transformers]
        [--responses-dir DIR] [--manifest-dir DIR]

Contract (inputs, outputs, exit codes): README.md.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import List, Optional, Sequence

from jobkit import (JobArgumentParser, atomic_write_jsonl, fetch_secret, is_local_model, prompt_messages, read_context,
                    resolve_model_source, write_stats)

from .backends import BACKENDS, Generated, Sampling, choose_backend, generate_transformers, generate_vllm
from .vllm_install import ensure_vllm
from .chat_template import encode_prompts, stop_token_ids
from .labeling_outputs import generation_stats, manifest_rows, response_rows
from .questions import Question, read_questions

INPUT = "/opt/ml/processing/input"
OUTPUT = "/opt/ml/processing/output"


def build_parser() -> JobArgumentParser:
    p = JobArgumentParser(prog="generate.py", description=__doc__.split("\n")[0])
    p.add_argument("--questions", default=f"{INPUT}/questions", help="text (one a line) or JSONL file, or its folder")
    p.add_argument("--context-file", default=None, help=f"system prompt (default {INPUT}/context when it exists)")
    p.add_argument("--model-dir", default=f"{INPUT}/model", help="model files (S3 channel); preferred over --model-id")
    p.add_argument("--model-id", default=None, help="Hugging Face Hub id, used when --model-dir has no model")
    p.add_argument("--hf-token-secret-arn", default=None, help="Secrets Manager secret holding the Hub token")
    p.add_argument("--num-responses", "--n", dest="n", type=int, default=4, help="responses per question")
    p.add_argument("--temperature", type=float, default=1.0)
    p.add_argument("--top-p", type=float, default=0.95)
    p.add_argument("--max-new-tokens", type=int, default=120)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--backend", choices=BACKENDS, default="auto")
    p.add_argument("--batch-size", type=int, default=8, help="transformers backend only")
    p.add_argument("--responses-dir", default=f"{OUTPUT}/responses")
    p.add_argument("--manifest-dir", default=f"{OUTPUT}/manifest")
    return p


def resolve_context(option: Optional[str]) -> Optional[str]:
    default = f"{INPUT}/context"
    if option is not None:
        return read_context(option)
    return read_context(default) if Path(default).exists() else None


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    sampling = Sampling(args.n, args.temperature, args.top_p, args.max_new_tokens, args.seed).validate()
    questions, repeats = read_questions(args.questions)
    context = resolve_context(args.context_file)
    model_source = resolve_model_source(args.model_dir, args.model_id)
    backend = choose_backend(args.backend)
    # A local folder (S3 channel, or a local run's --model-id) needs no token: no Secrets Manager call.
    local = is_local_model(model_source)
    hf_token = fetch_secret(args.hf_token_secret_arn) if args.hf_token_secret_arn and not local else None
    if backend == "vllm":
        ensure_vllm()
    started = time.monotonic()
    completions = sample_answers(backend, model_source, questions, context, sampling, hf_token, args.batch_size)
    rows = response_rows(questions, completions.texts, completions.truncated)
    manifest = manifest_rows(rows)
    stats = generation_stats(
        rows, repeated_questions_dropped=repeats, backend=backend, sampling=sampling.as_dict(),
        model=model_source, model_from_channel=local,
        system_prompt=context is not None, seconds=round(time.monotonic() - started, 1))
    atomic_write_jsonl(Path(args.responses_dir) / "responses.jsonl", rows)
    atomic_write_jsonl(Path(args.manifest_dir) / "manifest.jsonl", manifest)
    write_stats(args.responses_dir, stats)
    print(json.dumps(stats, ensure_ascii=False, indent=2))
    return 0


def sample_answers(backend: str, model_source: str, questions: List[Question], context: Optional[str],
                   sampling: Sampling, hf_token: Optional[str], batch_size: int) -> Generated:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_source, token=hf_token)
    prompts = encode_prompts(tokenizer, [prompt_messages(context, q.text) for q in questions])
    stops = stop_token_ids(tokenizer)
    if backend == "vllm":
        return generate_vllm(model_source, prompts, sampling, stops, hf_token)
    return generate_transformers(model_source, tokenizer, prompts, sampling, stops, hf_token, batch_size)

