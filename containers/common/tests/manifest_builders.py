"""Builders for Ground Truth output shapes used by the preferences tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

SCRIPT = Path(__file__).resolve().parents[2] / "preferences" / "build_preferences.py"
LABEL = "example-bank-ranking"


def ranking_content(*dimensions: Sequence[int], element: str = "ranking") -> str:
    """annotationData.content of a <crowd-text-ranking name="ranking"> answer."""
    dims = [{"name": f"dim{i}", "responseRankings": list(r)} for i, r in enumerate(dimensions)]
    return json.dumps({element: {"ordinalRankingDimensions": dims}})


def annotation(worker: str, *ranks: Sequence[int]) -> Dict:
    return {"workerId": worker, "annotationData": {"content": ranking_content(*ranks)}}


def manifest_line(item_id: Optional[str], question: str, responses: List[str], annotations: List[Dict],
                  label: str = LABEL) -> Dict:
    line = {"source": question, "responses": responses}
    if item_id is not None:
        line["id"] = item_id
    line[label] = {"annotationsFromAllWorkers": annotations}
    line[f"{label}-metadata"] = {"type": "groundtruth/custom", "job-name": "rank-job", "human-annotated": "yes",
                                 "creation-date": "2025-01-01T00:00:00.000000"}
    return line


def write_lines(path: Path, lines: List, raw: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join((line if raw else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")
    return path


def sample_lines(count: int = 10) -> List[Dict]:
    """``count`` items with four responses, one or two workers, a mix of ties."""
    lines = []
    for n in range(count):
        responses = [f"Answer {n}.{k} — réponse n°{k}" for k in range(4)]
        workers = [annotation("w1", [1 + (n + k) % 4 for k in range(4)])]
        if n % 3 == 0:
            workers.append(annotation("w2", [1, 1, 3, 4]))
        lines.append(manifest_line(f"q{n:03d}", f"Question {n}: how do I …?", responses, workers))
    return lines


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def read_jsonl(path: Path) -> List[Dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
