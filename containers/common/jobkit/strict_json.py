"""json.loads for untrusted input: every way it can fail becomes one ``JsonProblem`` message.

The standard parser accepts or crashes on input that is not valid JSON text, and each would reach
the user as a traceback or as a crash much later:
- nesting deeper than the interpreter's recursion limit raises RecursionError;
- an integer of more than 4,300 digits raises ValueError (CPython's int-to-str limit, 3.11+);
- ``NaN``/``Infinity`` are accepted although RFC 8259 has no such numbers;
- ``"\\ud800"`` (an escaped lone surrogate) parses into a str that cannot be encoded as UTF-8, so the
  job fails only when it writes its output.
"""
from __future__ import annotations

import json
import re
from typing import Any, Optional

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonProblem(ValueError):
    """Why a text is not acceptable JSON; ``line`` (1-based) when the parser knows it."""

    def __init__(self, message: str, line: Optional[int] = None):
        super().__init__(message)
        self.line = line


def _reject_constant(name: str) -> Any:
    raise JsonProblem(f"{name} is not a JSON number")


def loads_strict(text: str) -> Any:
    """Parse ``text``; raise JsonProblem with a one-line reason for anything that is not valid JSON."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        raise JsonProblem(f"invalid JSON: {err.msg} (column {err.colno})", err.lineno) from None
    except RecursionError:
        raise JsonProblem("invalid JSON: nested too deeply") from None
    except JsonProblem as err:
        raise JsonProblem(f"invalid JSON: {err}") from None
    except ValueError as err:  # e.g. "Exceeds the limit (4300 digits) for integer string conversion"
        raise JsonProblem(f"invalid JSON: a number it cannot read ({str(err).split(';')[0]})") from None
    surrogate = _first_lone_surrogate(value)
    if surrogate is not None:
        raise JsonProblem(f"invalid JSON: a string holds the lone surrogate \\u{ord(surrogate):04x} (not Unicode text)")
    return value


def _first_lone_surrogate(value: Any) -> Optional[str]:
    """The first unpaired surrogate in any key or string of ``value`` (iterative: no depth limit)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _LONE_SURROGATE.search(item)
            if found:
                return found.group()
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
