"""Ground Truth rankings -> DPO preference pairs (TRL conversational format), split train/test.

    python3 build_preferences.py --manifest PATH --output-dir DIR [--test-fraction 0.2]
        [--seed 42] [--context-file F] [--pairs best-worst|all] [--label-attribute NAME]
        [--dimension NAME]

Writes DIR/train/train.jsonl, DIR/test/test.jsonl, DIR/stats.json (+ DIR/train/stats.json)
and prints the stats as JSON on stdout. Exit 1 with `error: file:line: problem` on bad input.
Contract: README.md.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from jobkit import JobArgumentParser, JobError, atomic_write_jsonl, read_context, write_stats

from .loading import LoadedItems, load_items
from .pairs import PAIR_MODES, PairOutcome, build_pairs, choose_test_items, summary_stats, trl_row

DEFAULT_MANIFEST = "/opt/ml/processing/input/manifest"
DEFAULT_CONTEXT = "/opt/ml/processing/input/context"
DEFAULT_OUTPUT = "/opt/ml/processing/output"


def build_parser() -> JobArgumentParser:
    parser = JobArgumentParser(prog="build_preferences.py", description=__doc__.split("\n")[0])
    parser.add_argument("--manifest", default=DEFAULT_MANIFEST, help="output manifest file, or a folder (see README)")
    parser.add_argument("--output-dir", default=DEFAULT_OUTPUT)
    parser.add_argument("--test-fraction", type=float, default=0.2, help="share of items (not pairs) held out")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--context-file", default=None,
                        help=f"system prompt file or folder (default {DEFAULT_CONTEXT} when it exists)")
    parser.add_argument("--pairs", choices=PAIR_MODES, default="best-worst")
    parser.add_argument("--label-attribute", default=None, help="default: the only one in the manifest")
    parser.add_argument("--dimension", default=None, help="ranking dimension to use (default: mean of all)")
    return parser


def resolve_context(option: Optional[str]) -> Optional[str]:
    """Explicit path: must exist. Default path: used when present (local runs have none)."""
    if option is not None:
        return read_context(option)
    return read_context(DEFAULT_CONTEXT) if Path(DEFAULT_CONTEXT).exists() else None


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if not 0 <= args.test_fraction < 1:
        raise JobError(f"--test-fraction must be in [0, 1), got {args.test_fraction}")
    context = resolve_context(args.context_file)
    loaded = load_items(Path(args.manifest), args.label_attribute)
    for ignored in loaded.ignored_files:
        print(f"warning: {ignored}: not used (no data-object identity or not JSON)", file=sys.stderr)
    outcome = build_pairs(list(loaded.items.values()), args.pairs, args.dimension)
    for repeated in outcome.repeated_workers:
        print(repeated.warning(), file=sys.stderr)
    if not outcome.pairs:
        raise JobError(f"{args.manifest}: no preference pairs could be built from {len(loaded.items)} items "
                       f"(skipped: {dict(sorted(outcome.skipped.items())) or 'none'})")
    stats = write_outputs(Path(args.output_dir), loaded, outcome, context, args)
    print(json.dumps(stats, ensure_ascii=False, indent=2))
    return 0


def write_outputs(out: Path, loaded: LoadedItems, outcome: PairOutcome, context: Optional[str], args) -> Dict:
    test_keys = choose_test_items([p.item.key for p in outcome.pairs], args.test_fraction, args.seed)
    train = [trl_row(p, context) for p in outcome.pairs if p.item.key not in test_keys]
    test = [trl_row(p, context) for p in outcome.pairs if p.item.key in test_keys]
    stats = make_stats(loaded, outcome, train, test, test_keys, context, args)
    # Everything is computed before the first write, and each file is written atomically.
    atomic_write_jsonl(out / "train" / "train.jsonl", train)
    atomic_write_jsonl(out / "test" / "test.jsonl", test)
    write_stats(out / "train", stats)
    write_stats(out, stats)
    return stats


def make_stats(loaded: LoadedItems, outcome: PairOutcome, train: List, test: List, test_keys, context, args) -> Dict:
    used_items = {p.item.key for p in outcome.pairs}
    return {
        "items": len(loaded.items),
        "items_used": len(used_items),
        "pairs": len(outcome.pairs),
        "train": {"items": len(used_items - test_keys), "pairs": len(train)},
        "test": {"items": len(test_keys), "pairs": len(test)},
        "skipped": dict(sorted(outcome.skipped.items())),
        **summary_stats(outcome),
        "duplicate_annotations_dropped": loaded.duplicate_annotations,
        "label_attribute": loaded.label_attribute,
        "pairs_mode": args.pairs,
        "dimension": args.dimension,
        "test_fraction": args.test_fraction,
        "seed": args.seed,
        "system_prompt": context is not None,
        "input_files": len(loaded.input_files),
        "ignored_files": loaded.ignored_files,
    }

