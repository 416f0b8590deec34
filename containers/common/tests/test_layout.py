"""Packaging conventions every job folder relies on."""
import subprocess
import sys
from pathlib import Path

import pytest

CONTAINERS = Path(__file__).resolve().parents[2]
JOBS = sorted(d for d in CONTAINERS.iterdir() if d.is_dir() and d.name != "common" and (d / "jobkit").exists())


def test_every_job_links_the_shared_jobkit():
    assert {"generate", "preferences"} <= {d.name for d in JOBS}
    for job in JOBS:
        link = job / "jobkit"
        assert link.is_symlink() and link.readlink() == Path("../common/jobkit"), job.name


def imported_heavy_modules(path: Path, modules: list) -> list:
    code = (f"import sys; sys.path[:0] = [{str(path)!r}, {str(CONTAINERS / 'common')!r}]\n"
            f"for m in {modules!r}: __import__(m)\n"
            "print(sorted({n.split('.')[0] for n in sys.modules} & {'torch', 'transformers', 'boto3', 'vllm', 'trl'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return eval(out)


@pytest.mark.parametrize("job,modules", [
    ("common", ["jobkit"]),
    ("generate", ["questions", "chat_template", "generation_backends", "labeling_outputs", "generate"]),
    ("preferences", ["gt_manifest", "gt_annotation_files", "gt_loading", "rankings", "preference_pairs", "build_preferences"]),
])
def test_no_heavy_imports_at_module_level(job, modules):
    # Argument and input errors must surface in a second, before torch/boto3 load.
    assert imported_heavy_modules(CONTAINERS / job, modules) == []
