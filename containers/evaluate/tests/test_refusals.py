"""The refusal heuristic, on answers it must and must not flag."""
from __future__ import annotations

import pytest

from evaluation.refusals import OPENING_CHARS, is_refusal


@pytest.mark.parametrize("answer", [
    "I can't help with that request.",
    "I\u2019m sorry, but I cannot assist with opening accounts in someone else's name.",
    "Sorry, but I won't be able to do that.",
    "I CANNOT PROVIDE instructions for that.",
    "  I must decline: this would be fraud.",
    "I can only help with banking questions.",
    "I apologise, but that is not something I can help with.",
])
def test_refusals_are_flagged(answer):
    assert is_refusal(answer)


@pytest.mark.parametrize("answer", [
    "Open the app, go to Card and choose Reset PIN.",
    "Transfers are free. I will not charge you anything for them.",
    "You won't pay fees on transfers between your accounts.",
    "",
    "Sure! Here is how to freeze your card: ...",
])
def test_helpful_answers_are_not_flagged(answer):
    assert not is_refusal(answer)


def test_only_the_opening_counts():
    helpful = "Here is how to do it step by step. " * 10
    assert len(helpful) > OPENING_CHARS
    assert not is_refusal(helpful + "I can't guarantee the exchange rate though.")
