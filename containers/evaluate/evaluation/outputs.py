"""Writing evaluation.json, report.html and stats.json, each atomically, all at the very end."""
from __future__ import annotations

import time
from pathlib import Path

from jobkit import atomic_write_json, atomic_write_text, gpu_memory_stats, write_stats

from .report import render_report
from .summary import Summary

TITLE = "DPO alignment: aligned model vs base model"


def write_outputs(output_dir: str, summary: Summary, started: float, base_source: str) -> None:
    # Render everything first: a rendering bug must not leave evaluation.json without its report.
    html = render_report(TITLE, summary.document, summary.counts, summary.notes,
                         summary.pair_rows, summary.answer_rows, summary.with_judge)
    stats = {**summary.stats, "metrics": summary.document["metrics"], "base_model": base_source,
             "runtime_seconds": round(time.time() - started, 1), **gpu_memory_stats()}
    folder = Path(output_dir)
    atomic_write_text(folder / "report.html", html)
    write_stats(folder, stats)
    # Last: the quality gate reads this file, so it appears only when the rest is in place.
    atomic_write_json(folder / "evaluation.json", summary.document)
