"""The Bedrock judge: verdict parsing, A/B order, scoring, and real Converse calls via Stubber."""
from __future__ import annotations

import pytest

from evaluation.judge import (JUDGE_SYSTEM, JudgeItem, aligned_goes_first, judge_items, judge_prompt, parse_verdict,
                        score_verdict)
from jobkit import JobError


@pytest.mark.parametrize("reply, verdict", [
    ("Answer A is polite and correct.\nVerdict: A", "A"),
    ("... so B wins.\n\n**Verdict:** B", "B"),
    ("Both fine. Verdict - tie.", "tie"),
    ("verdict: [[b]]", "B"),
    ("I prefer [[A]].", "A"),
    ("B", "B"),
    ("  tie. ", "tie"),
    ("At first glance Verdict: A seems right, but on reflection... Verdict: B", "B"),  # the last one counts
    ("Answer A is better than answer B in tone.", None),  # mentions both, decides nothing
    ("", None),
])
def test_parse_verdict(reply, verdict):
    assert parse_verdict(reply) == verdict


def test_scores_follow_the_shown_order():
    assert score_verdict("A", aligned_is_a=True) == 1.0 and score_verdict("A", aligned_is_a=False) == 0.0
    assert score_verdict("B", aligned_is_a=False) == 1.0 and score_verdict("tie", aligned_is_a=True) == 0.5
    assert score_verdict(None, aligned_is_a=True) is None


def test_order_is_seeded_per_item_and_balanced():
    orders = [aligned_goes_first(42, f"item-{i}") for i in range(400)]
    assert orders == [aligned_goes_first(42, f"item-{i}") for i in range(400)]
    assert 160 < sum(orders) < 240
    assert orders != [aligned_goes_first(7, f"item-{i}") for i in range(400)]


def test_prompt_puts_the_answers_in_the_drawn_order():
    item = JudgeItem("q1", "Bank context.", "Is it free?", aligned="ALIGNED", base="BASE")
    assert judge_prompt(item, aligned_is_a=True).index("ALIGNED") < judge_prompt(item, True).index("BASE")
    assert judge_prompt(item, aligned_is_a=False).index("BASE") < judge_prompt(item, False).index("ALIGNED")


def test_judge_items_calls_converse_and_scores_in_aligned_terms(bedrock):
    client, stubber, converse_reply = bedrock
    items = [JudgeItem(f"q{i}", "ctx", f"question {i}", f"aligned {i}", f"base {i}") for i in range(4)]
    for item in items:
        prompt = judge_prompt(item, aligned_goes_first(3, item.id))
        expected = {"modelId": "judge-model", "system": [{"text": JUDGE_SYSTEM}],
                    "messages": [{"role": "user", "content": [{"text": prompt}]}],
                    "inferenceConfig": {"maxTokens": 512, "temperature": 0.0}}
        stubber.add_response("converse", converse_reply("Reasoning...\nVerdict: A"), expected)
    judgements = judge_items(client, "judge-model", items, seed=3)
    assert [j.verdict for j in judgements] == ["A"] * 4
    assert [j.score for j in judgements] == [1.0 if j.aligned_is_a else 0.0 for j in judgements]


def test_access_denied_becomes_a_job_error_with_a_hint(bedrock):
    client, stubber, _ = bedrock
    stubber.add_client_error("converse", service_error_code="AccessDeniedException", http_status_code=403)
    with pytest.raises(JobError, match="bedrock:InvokeModel"):
        judge_items(client, "judge-model", [JudgeItem("q", "", "?", "a", "b")], seed=1)
