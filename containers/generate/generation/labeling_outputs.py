"""responses.jsonl, the Ground Truth input manifest and the generation statistics."""
from __future__ import annotations

import json
from statistics import fmean
from typing import Dict, List, Optional, Sequence

from jobkit import JobError
from .questions import Question

# Ground Truth rejects input manifest lines larger than this.
MAX_MANIFEST_LINE_BYTES = 100_000


def response_rows(questions: Sequence[Question], completions: Sequence[List[str]],
                  truncated: Optional[Sequence[List[bool]]] = None) -> List[Dict]:
    """One row per question; ``truncated[i][j]``: answer j was cut at --max-new-tokens."""
    if len(questions) != len(completions):
        raise RuntimeError(f"{len(completions)} completion lists for {len(questions)} questions")
    cut = truncated if truncated is not None else [[False] * len(texts) for texts in completions]
    return [{"id": q.id, "question": q.text, "responses": [text.strip() for text in texts], "truncated": list(flags)}
            for q, texts, flags in zip(questions, completions, cut)]


def manifest_rows(rows: Sequence[Dict]) -> List[Dict]:
    """One data object per question: `id`, `source` (the question), `responses` (a list)."""
    # `truncated` travels with the data object into the output manifest, so build_preferences.py can
    # leave cut-off answers out of the pairs (the labeling UI shows only `responses`).
    manifest = [{"id": r["id"], "source": r["question"], "responses": r["responses"], "truncated": r["truncated"]}
                for r in rows]
    for row in manifest:
        size = len(json.dumps(row, ensure_ascii=False).encode("utf-8"))
        if size > MAX_MANIFEST_LINE_BYTES:
            raise JobError(f"question {row['id']}: manifest line of {size} bytes exceeds Ground Truth's "
                           f"{MAX_MANIFEST_LINE_BYTES}; lower --n or --max-new-tokens")
    return manifest


def generation_stats(rows: Sequence[Dict], **extra: object) -> Dict:
    texts = [text for row in rows for text in row["responses"]]
    return {
        "questions": len(rows),
        "responses": len(texts),
        "empty_responses": sum(1 for text in texts if not text),
        "truncated_responses": sum(sum(row.get("truncated", [])) for row in rows),
        "identical_responses_within_question": sum(len(r["responses"]) - len(set(r["responses"])) for r in rows),
        "mean_response_chars": round(fmean(len(t) for t in texts), 1) if texts else 0.0,
        **extra,
    }
