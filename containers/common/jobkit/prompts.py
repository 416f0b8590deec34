"""The chat messages every job builds from (organisation context, question).

generate (sampling answers), preferences (training prompts) and evaluate (scoring) must
show the model the same prompt, or DPO trains on prompts the model is never served with.
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Union

from .errors import JobError
from .paths import single_input_file

Message = Dict[str, str]


def read_context(path: Union[str, os.PathLike]) -> str:
    """The organisation context (system prompt) from a file, or the only file in a folder.

    UTF-8 (a BOM is dropped), surrounding whitespace stripped; an empty file is an error.
    """
    file = single_input_file(path)
    try:
        text = file.read_text(encoding="utf-8-sig").strip()
    except UnicodeDecodeError as err:
        raise JobError(f"{file}: invalid UTF-8 at byte {err.start}") from None
    if not text:
        raise JobError(f"{file}: context file is empty")
    return text


def prompt_messages(context: Optional[str], question: str) -> List[Message]:
    """``[system (if context), user]`` messages in the chat format used by TRL and transformers."""
    messages: List[Message] = []
    if context:
        messages.append({"role": "system", "content": context})
    messages.append({"role": "user", "content": question})
    return messages


def assistant_message(text: str) -> List[Message]:
    """A completion in TRL's conversational format: a one-message list."""
    return [{"role": "assistant", "content": text}]
