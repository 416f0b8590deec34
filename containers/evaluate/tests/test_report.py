"""report.html is self-contained and shows model text as text."""
from __future__ import annotations

from evaluation.report import AnswerRow, PairRow, render_report

DOCUMENT = {"metrics": {"preference_accuracy": {"value": 0.75, "standard_deviation": 0.2}}}
EVIL = "<script>alert('x')</script> & \"quoted\" <img src=x onerror=alert(1)>"


def render(with_judge: bool = True) -> str:
    pairs = [PairRow("h1", EVIL, "chosen " + EVIL, "rejected", 0.12), PairRow("h2", "long", "a", "b", None)]
    answers = [AnswerRow("redteam:x", "red-team (injection)", EVIL, "base " + EVIL, "aligned " + EVIL,
                         base_refused=False, aligned_refused=True, judge="aligned")]
    return render_report("Report <1>", DOCUMENT, {"preference_accuracy": 4}, ["note " + EVIL], pairs, answers,
                         with_judge)


def test_model_and_data_text_is_escaped_everywhere():
    html = render()
    assert "<script" not in html and "<img" not in html and "onerror=alert(1)>" not in html
    assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") == 6
    assert "&amp; &quot;quoted&quot;" in html and "Report &lt;1&gt;" in html


def test_report_is_self_contained_and_shows_results():
    html = render()
    assert "http" not in html and "<link" not in html and "<style>" in html
    assert "0.7500" in html and "+0.1200" in html and "agrees" in html and "skipped" in html
    assert "judge prefers" in html and "refused" in html
    assert "judge prefers" not in render(with_judge=False)
