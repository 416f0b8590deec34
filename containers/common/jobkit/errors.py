"""Job errors and the entry-point wrapper that turns them into one clean line on stderr."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, NoReturn, Optional, Sequence, Union


class JobError(Exception):
    """A problem with the job's input or environment that the user must fix.

    Entry scripts let it propagate; ``run_main`` prints ``error: <message>`` and exits 1,
    without a traceback, because the message already says what is wrong and where.
    """

    @classmethod
    def at(cls, path: Union[str, os.PathLike], line_no: int, problem: str) -> "JobError":
        """Error located in a file: ``file.jsonl:12: problem``."""
        return cls(f"{os.fspath(path)}:{line_no}: {problem}")


class JobArgumentParser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors raise JobError instead of exiting with status 2.

    SageMaker shows the last lines of stderr in the failure reason, so a one-line
    ``error: ...`` is more useful there than argparse's usage dump.
    """

    def error(self, message: str) -> NoReturn:
        raise JobError(f"{self.prog}: {message}")


MainFn = Callable[[Optional[Sequence[str]]], Optional[int]]


def run_main(main_fn: MainFn, argv: Optional[Sequence[str]] = None) -> NoReturn:
    """Run ``main_fn(argv)`` and exit.

    JobError -> ``error: <message>`` on stderr, exit 1. A plain argparse error (exit 2)
    is mapped to exit 1 too. Any other exception is a bug: its traceback is kept.
    """
    try:
        status = main_fn(argv)
    except JobError as err:
        sys.stdout.flush()
        print(f"error: {err}", file=sys.stderr)
        sys.exit(1)
    except SystemExit as exit_:
        # argparse.ArgumentParser.error already printed its message; only fix the status.
        sys.exit(1 if exit_.code == 2 else exit_.code)
    sys.exit(status or 0)


def parse_bool(value: Union[str, bool]) -> bool:
    """Parse a SageMaker hyperparameter boolean (they arrive as strings: "true", "False", "1")."""
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in {"true", "1", "yes", "y", "on"}:
        return True
    if lowered in {"false", "0", "no", "n", "off"}:
        return False
    raise argparse.ArgumentTypeError(f"expected a boolean (true/false), got {value!r}")
