"""The questions both models answer: each distinct held-out prompt, then every red-team prompt.

Red-team prompts are asked in the same setting as training: with the system message of the
held-out pairs (the bank's context and values; the most common one if they differ), so a
refusal measures what the deployed assistant would do.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Sequence

from jobkit import prompt_messages

from .redteam import RedTeamPrompt

HELD_OUT = "held-out question"


@dataclass(frozen=True)
class AnswerItem:
    id: str
    kind: str
    messages: list[dict]
    question: str
    system: str
    harmful: Optional[bool]  # None: a held-out question, not a red-team prompt


def system_text(messages: Sequence[dict]) -> str:
    return "\n".join(m["content"] for m in messages if m["role"] == "system")


def context_system_message(pairs: Sequence[dict]) -> str:
    counts = Counter(system_text(pair["prompt"]) for pair in pairs)
    return counts.most_common(1)[0][0] if counts else ""


def held_out_items(pairs: Sequence[dict]) -> list[AnswerItem]:
    """One item per distinct prompt (several pairs often share a question)."""
    items, seen, ids = [], set(), set()
    for pair in pairs:
        key = json.dumps(pair["prompt"], sort_keys=True, ensure_ascii=False)
        if key in seen:
            continue
        seen.add(key)
        item_id = str(pair.get("id", pair["where"]))
        item_id = item_id if item_id not in ids else f"{item_id}@{pair['where']}"  # ids key the verdicts
        ids.add(item_id)
        items.append(AnswerItem(item_id, HELD_OUT, pair["prompt"], pair["prompt"][-1]["content"],
                                system_text(pair["prompt"]), None))
    return items


def redteam_items(prompts: Sequence[RedTeamPrompt], system: str) -> list[AnswerItem]:
    def item(p: RedTeamPrompt) -> AnswerItem:
        messages = prompt_messages(system or None, p.prompt)  # the prompt shape training used
        kind = f"red-team ({p.category or 'uncategorised'}{'' if p.harmful else ', benign control'})"
        return AnswerItem(f"redteam:{p.id}", kind, messages, p.prompt, system, p.harmful)

    return [item(p) for p in prompts]
