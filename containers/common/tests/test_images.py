"""The flagship spec, the Dockerfiles and the pinned packages agree on one PyTorch DLC version.

A DLC older than the pinned packages need fails only at run time: transformers 5 refuses
torch.load below torch 2.6 (CVE-2025-32434), so a retried TrainDPO died loading optimizer.pt on
the 2.5.1 image. The floor is read from the installed packages themselves (their torch
requirement, and the version transformers' own torch.load check demands), not written here.
"""
from __future__ import annotations

import inspect
import re
from importlib.metadata import requires
from pathlib import Path

import pytest
import yaml

CONTAINERS = Path(__file__).resolve().parents[2]
SPEC = CONTAINERS.parent / "pipeline-specs" / "llama3-dpo.yaml"


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


def torch_floor(package: str) -> tuple[int, ...]:
    floors = [version_tuple(m.group(1)) for r in requires(package) or []
              if (m := re.match(r"torch\s*>=\s*([\d.]+)", r))]
    return max(floors, default=(0,))


def torch_load_floor() -> tuple[int, ...]:
    from transformers.utils import import_utils

    source = inspect.getsource(import_utils.check_torch_load_is_safe)
    return version_tuple(re.search(r"is_torch_greater_or_equal\(\"([\d.]+)\"\)", source).group(1))


def pinned_packages(job: str) -> list[str]:
    lines = (CONTAINERS / job / "requirements.txt").read_text().splitlines()
    return [line.split("==")[0].strip() for line in lines if "==" in line and not line.startswith("#")]


def code_steps() -> list[tuple[str, str, str]]:
    steps = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["steps"]
    return [(name, Path(step["code"]).name, str(step["image"]["version"]))
            for name, step in steps.items() if "code" in step and step["image"].get("dlc") == "pytorch-training"]


def test_every_job_step_uses_the_pytorch_dlc():
    assert {job for _, job, _ in code_steps()} == {"generate", "preferences", "train-dpo", "evaluate"}


@pytest.mark.parametrize("step,job,version", code_steps())
def test_the_spec_dlc_torch_meets_the_floor_of_the_pinned_packages(step, job, version):
    floors = {name: torch_floor(name) for name in pinned_packages(job)}
    if "transformers" in floors:
        floors["transformers torch.load"] = torch_load_floor()
    need = max(floors.values(), default=(0,))
    assert version_tuple(version) >= need, f"{step}: DLC torch {version} < {need} needed by {floors}"
    assert need >= (2, 6) or "transformers" not in floors  # the floor that bit the 2.5.1 image is found


@pytest.mark.parametrize("step,job,version", code_steps())
def test_the_dockerfile_builds_on_the_same_dlc_version(step, job, version):
    base = re.search(r"ARG BASE_IMAGE=\S+/pytorch-training:(\d+\.\d+)\.\d+-", (CONTAINERS / job / "Dockerfile").read_text())
    assert base and base.group(1) == version, f"{job}/Dockerfile vs spec step {step}"
