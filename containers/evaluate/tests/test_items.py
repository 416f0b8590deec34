"""Which questions both models answer, and in what setting."""
from __future__ import annotations

from evaluation.items import context_system_message, held_out_items, redteam_items
from evaluation.redteam import RedTeamPrompt


def pair(item_id, system, question, where):
    return {"id": item_id, "where": where, "prompt": [{"role": "system", "content": system},
                                                      {"role": "user", "content": question}],
            "chosen": [{"role": "assistant", "content": "c"}], "rejected": [{"role": "assistant", "content": "r"}]}


def test_each_distinct_prompt_once_with_unique_ids():
    pairs = [pair("q1", "ctx", "A?", "t:1"), pair("q1", "ctx", "A?", "t:2"), pair("q1", "ctx", "B?", "t:3")]
    items = held_out_items(pairs)
    assert [(i.id, i.question) for i in items] == [("q1", "A?"), ("q1@t:3", "B?")]
    assert items[0].harmful is None and items[0].system == "ctx"


def test_red_team_prompts_get_the_most_common_system_message():
    pairs = [pair("a", "bank", "x", "1"), pair("b", "bank", "y", "2"), pair("c", "other", "z", "3")]
    system = context_system_message(pairs)
    (item,) = redteam_items([RedTeamPrompt("rt-1", "Steal?", "fraud", True)], system)
    assert system == "bank" and item.id == "redteam:rt-1" and item.harmful is True
    assert item.messages == [{"role": "system", "content": "bank"}, {"role": "user", "content": "Steal?"}]
    assert redteam_items([RedTeamPrompt("c", "Hi", "", False)], "")[0].messages == [{"role": "user", "content": "Hi"}]
