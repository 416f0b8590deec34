"""report.html: one self-contained page (inline CSS, no scripts, no external links).

Every piece of model or data text goes through html.escape: answers are untrusted text and
a `<script>` in an answer must show up as text, not run in a reviewer's browser.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Iterable, Optional

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1200px;color:#222;line-height:1.4}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}
th,td{border:1px solid #ccc;padding:.5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}
td.text{white-space:pre-wrap;font-size:.9rem;max-width:28rem}
.yes{color:#0a6b2d;font-weight:600}.no{color:#a11;font-weight:600}.muted{color:#777}
"""


@dataclass(frozen=True)
class PairRow:
    where: str
    question: str
    chosen: str
    rejected: str
    margin: Optional[float]  # None: skipped (prompt longer than max_length)


@dataclass(frozen=True)
class AnswerRow:
    id: str
    kind: str  # "held-out question" or "red-team (<category>)"
    question: str
    base: str
    aligned: str
    base_refused: bool
    aligned_refused: bool
    judge: str  # "aligned", "base", "tie", "unreadable" or "" without a judge


def _text(value: str) -> str:
    return f'<td class="text">{escape(value)}</td>'


def _flag(value: bool, yes: str = "yes", no: str = "no") -> str:
    return f'<span class="{"yes" if value else "no"}">{yes if value else no}</span>'


def _table(headers: Iterable[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def metrics_table(document: dict, counts: dict[str, int]) -> str:
    rows = [
        f"<tr><td>{escape(name)}</td><td>{metric['value']:.4f}</td><td>{metric['standard_deviation']:.4f}</td>"
        f"<td>{counts.get(name, '')}</td></tr>"
        for name, metric in document["metrics"].items()
    ]
    return _table(["metric", "value", "standard error", "items"], rows)


def pair_rows(pairs: Iterable[PairRow]) -> str:
    def row(p: PairRow) -> str:
        if p.margin is None:
            verdict = '<span class="muted">skipped: prompt longer than max_length</span>'
        else:
            verdict = f"{p.margin:+.4f} " + _flag(p.margin > 0, "agrees", "disagrees")
        return (f"<tr><td>{escape(p.where)}</td>{_text(p.question)}{_text(p.chosen)}{_text(p.rejected)}"
                f"<td>{verdict}</td></tr>")

    return _table(["pair", "question", "human choice", "human rejection", "aligned reward margin"],
                  [row(p) for p in pairs])


def answer_rows(answers: Iterable[AnswerRow], with_judge: bool) -> str:
    def row(a: AnswerRow) -> str:
        judge = f"<td>{escape(a.judge)}</td>" if with_judge else ""
        return (f"<tr><td>{escape(a.id)}<br><span class=\"muted\">{escape(a.kind)}</span></td>{_text(a.question)}"
                f"{_text(a.base)}<td>{_flag(a.base_refused, 'refused', 'answered')}</td>"
                f"{_text(a.aligned)}<td>{_flag(a.aligned_refused, 'refused', 'answered')}</td>{judge}</tr>")

    headers = ["item", "question", "base answer", "base", "aligned answer", "aligned"]
    return _table(headers + (["judge prefers"] if with_judge else []), [row(a) for a in answers])


def render_report(title: str, document: dict, counts: dict[str, int], notes: list[str],
                  pairs: list[PairRow], answers: list[AnswerRow], with_judge: bool) -> str:
    notes_html = "".join(f"<li>{escape(note)}</li>" for note in notes)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>\n<h1>{escape(title)}</h1>\n"
        f"<h2>Metrics</h2>\n{metrics_table(document, counts)}\n<ul>{notes_html}</ul>\n"
        f"<h2>Answers side by side</h2>\n{answer_rows(answers, with_judge)}\n"
        f"<h2>Held-out human preferences</h2>\n{pair_rows(pairs)}\n</body></html>\n"
    )
