"""Puts every job folder (containers/<job>/) on sys.path so tests import its plain modules.

Jobs run as `python3 <script>.py` from their own folder, so their modules import each other
by bare name (`import questions`). In one pytest session all job folders share sys.path,
so a module name used by two jobs would silently resolve to the first; that is refused here.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pytest

CONTAINERS = Path(__file__).resolve().parent
_NOT_JOBS = {"common", "node_modules", "__pycache__"}


def job_dirs() -> list[Path]:
    """Folders directly under containers/ that hold Python job code."""
    return sorted(
        d for d in CONTAINERS.iterdir()
        if d.is_dir() and d.name not in _NOT_JOBS and not d.name.startswith(".") and any(d.glob("*.py"))
    )


def module_owners() -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for job in job_dirs():
        for module in job.glob("*.py"):
            if module.name != "conftest.py":
                owners[module.stem].append(job.name)
    return owners


def _check_unique_module_names() -> None:
    clashes = {name: jobs for name, jobs in module_owners().items() if len(jobs) > 1}
    if clashes:
        detail = "; ".join(f"{name}.py in {', '.join(jobs)}" for name, jobs in sorted(clashes.items()))
        raise pytest.UsageError(f"module names must be unique across containers/*/ (tests share sys.path): {detail}")


_check_unique_module_names()
for _job in reversed(job_dirs()):
    if str(_job) not in sys.path:
        sys.path.insert(0, str(_job))


@pytest.fixture(scope="session")
def tiny_llama_dir(tmp_path_factory) -> Path:
    """Folder with a tiny random Llama + chat-template tokenizer (see common/tests/tiny_llama.py).

    Session-scoped: build once, treat as read-only (copy it if a test must change it).
    """
    from tiny_llama import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llama"))
