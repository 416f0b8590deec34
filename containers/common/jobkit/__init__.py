"""jobkit: the small helpers shared by the smpipe container jobs (see README.md).

Only standard-library imports happen here; boto3 is imported when a secret is fetched.
"""
from .aws_secrets import fetch_secret
from .errors import JobArgumentParser, JobError, parse_bool, run_main
from .files import atomic_open, atomic_write_json, atomic_write_jsonl, atomic_write_text, write_stats
from .gpu import gpu_memory_stats
from .jsonl import read_jsonl, require_field
from .models import is_local_model, resolve_model_source
from .paths import list_input_files, single_input_file, training_channel
from .preference_pairs import pair_problem, read_preference_pairs, user_question
from .prompts import assistant_message, prompt_messages, read_context
from .strict_json import JsonProblem, loads_strict

__all__ = [
    "JobArgumentParser",
    "JobError",
    "JsonProblem",
    "assistant_message",
    "atomic_open",
    "atomic_write_json",
    "atomic_write_jsonl",
    "atomic_write_text",
    "fetch_secret",
    "gpu_memory_stats",
    "is_local_model",
    "list_input_files",
    "loads_strict",
    "pair_problem",
    "parse_bool",
    "prompt_messages",
    "read_context",
    "read_jsonl",
    "read_preference_pairs",
    "require_field",
    "resolve_model_source",
    "run_main",
    "single_input_file",
    "training_channel",
    "user_question",
    "write_stats",
]
