"""evaluate.py's arguments. Every folder defaults to its SageMaker Processing location."""
from __future__ import annotations

from argparse import ArgumentTypeError
from pathlib import Path
from typing import Optional, Sequence

from jobkit import JobArgumentParser, JobError

HERE = Path(__file__).resolve().parents[1]  # the job folder (data/ lives there)
PROCESSING = "/opt/ml/processing"


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise ArgumentTypeError(f"must be >= 1, got {text}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 < value < float("inf"):
        raise ArgumentTypeError(f"must be > 0, got {text}")
    return value


def build_parser() -> JobArgumentParser:
    parser = JobArgumentParser(prog="evaluate.py", description="Score the DPO-aligned model against its base model.")
    add = parser.add_argument
    add("--model-dir", default=f"{PROCESSING}/input/model",
        help="training output: adapter/ + merged model, or a folder holding its model.tar.gz")
    add("--test-dir", default=f"{PROCESSING}/input/test", help="held-out preference pairs (.jsonl)")
    add("--base-model-dir", default=f"{PROCESSING}/input/base-model", help="base model weights (optional channel)")
    add("--base-model-id", default="", help="Hub id of the base model when --base-model-dir is empty")
    add("--hf-token-secret-arn", default="", help="Secrets Manager ARN of the Hugging Face token (gated models)")
    add("--redteam-file", default=str(HERE / "data" / "redteam.jsonl"), help="red-team prompts (.jsonl)")
    add("--output-dir", default=f"{PROCESSING}/output/evaluation", help="evaluation.json, report.html, stats.json")
    add("--beta", type=_positive_float, default=0.1, help="the DPO beta used in training (scales margins)")
    add("--max-length", type=_positive_int, default=1024, help="prompt + response tokens, as in training")
    add("--max-new-tokens", type=_positive_int, default=256, help="answer length for base and aligned answers")
    add("--batch-size", type=_positive_int, default=8)
    add("--seed", type=int, default=42, help="seeds the judge's A/B order")
    add("--judge-model-id", default="", help="Bedrock model id; enables the LLM-judge win rate")
    add("--judge-region", default="", help="Bedrock region (default: the job's region)")
    # On the processing job's volume (VolumeSizeInGB, mounted under /opt/ml/processing), not /tmp.
    add("--work-dir", default=f"{PROCESSING}/work", help="scratch space (model.tar.gz extraction)")
    return parser


def parse_args(argv: Optional[Sequence[str]]):
    args = build_parser().parse_args(argv)
    if args.hf_token_secret_arn and not args.hf_token_secret_arn.startswith("arn:"):
        raise JobError("--hf-token-secret-arn must be a Secrets Manager ARN, never the token itself")
    return args
