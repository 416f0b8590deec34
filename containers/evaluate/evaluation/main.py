"""Score the DPO-aligned model against its base model; write evaluation.json and report.html.

Metrics (see README.md): preference_accuracy and reward_margin on the held-out human pairs
(implicit DPO reward from real log-probabilities of the SERVED model, the merged weights the endpoint
loads, against the base model as reference),
refusal_rate on harmful red-team prompts, and judge_win_rate when --judge-model-id is given.
All inputs are read and checked before a model is loaded; outputs are written only at the end.
"""
from __future__ import annotations

import time
from typing import Optional, Sequence

from jobkit import fetch_secret, is_local_model, read_preference_pairs

from .cli import parse_args
from .items import context_system_message, held_out_items, redteam_items
from .model_files import adapter_dir, base_model_source, served_model_dir, training_output_dir
from .outputs import write_outputs
from .redteam import read_redteam
from .scoring import answers_of, judge_answers, model_pass, pair_margins, pair_sequences
from .summary import summarise


def hub_token(source: str, secret_arn: str) -> Optional[str]:
    return fetch_secret(secret_arn) if secret_arn and not is_local_model(source) else None


def judge_client(args):
    if not args.judge_model_id:
        return None
    from .judge import bedrock_client

    return bedrock_client(args.judge_region)


def main(argv: Optional[Sequence[str]] = None) -> int:
    from .models import load_model, load_tokenizer, release

    started = time.time()
    args = parse_args(argv)
    pairs = read_preference_pairs(args.test_dir)
    redteam = read_redteam(args.redteam_file)
    output_root = training_output_dir(args.model_dir, args.work_dir)
    base_source = base_model_source(args.base_model_dir, args.base_model_id, adapter_dir(output_root))
    served = served_model_dir(output_root)
    client = judge_client(args)
    items = held_out_items(pairs) + redteam_items(redteam, context_system_message(pairs))

    tokenizer = load_tokenizer(served)  # the served tokenizer and chat template
    sequences = pair_sequences(tokenizer, pairs, args.max_length)
    passes = []
    for source, token in ((str(served), None), (base_source, hub_token(base_source, args.hf_token_secret_arn))):
        model = load_model(source, token)
        passes.append(model_pass(model, tokenizer, sequences, items, args))
        release(model)
    aligned, reference = passes
    margins = pair_margins(sequences, aligned, reference, args.beta)
    answers = answers_of(aligned, reference)
    judgements = judge_answers(client, args, items, answers) if client else None

    summary = summarise(args, pairs, items, margins, answers, judgements)
    write_outputs(args.output_dir, summary, started, base_source)
    print(f"wrote evaluation.json, report.html and stats.json to {args.output_dir}", flush=True)
    return 0
