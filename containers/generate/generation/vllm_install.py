"""Installing vLLM where the job runs, when the vLLM backend is asked for and the image lacks it.

The stock PyTorch DLC has no vLLM, and runproc.sh (src/assets/runproc.ts, like the SDK's
FrameworkProcessor) installs only requirements.txt, which must stay CPU-installable. So the job
installs the pinned requirements-vllm.txt itself, once, before loading the model: the backend the
pipeline asked for is the backend that runs, never a silent fallback to one GPU with transformers.
"""
from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Callable, List, Sequence

from jobkit import JobError

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements-vllm.txt"
INSTALL_TIMEOUT_S = 1800


def install_command(requirements: Path = REQUIREMENTS) -> List[str]:
    return [sys.executable, "-m", "pip", "install", "--no-input", "--disable-pip-version-check", "-r", str(requirements)]


def ensure_vllm(run: Callable[[Sequence[str]], int] = None, requirements: Path = REQUIREMENTS) -> bool:
    """Install vLLM from ``requirements`` unless importable; True when it installed. JobError on failure."""
    if importlib.util.find_spec("vllm") is not None:
        return False
    if not requirements.is_file():
        raise JobError(f"--backend vllm: vllm is not installed and {requirements} is missing")
    command = install_command(requirements)
    print(f"vllm is not installed: {' '.join(command)}", flush=True)
    status = (run or _run)(command)
    importlib.invalidate_caches()
    if status != 0 or importlib.util.find_spec("vllm") is None:
        raise JobError(f"--backend vllm: installing {requirements.name} failed (pip exit status {status})")
    return True


def _run(command: Sequence[str]) -> int:
    try:
        return subprocess.run(list(command), timeout=INSTALL_TIMEOUT_S).returncode
    except subprocess.TimeoutExpired:
        return -1
