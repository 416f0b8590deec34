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
    ("generate", ["generation.questions", "generation.chat_template", "generation.backends",
                  "generation.labeling_outputs", "generation.main"]),
    ("preferences", ["preference_builder.manifest", "preference_builder.annotation_files", "preference_builder.loading",
                     "preference_builder.rankings", "preference_builder.pairs", "preference_builder.main"]),
    ("train-dpo", ["dpo.hyperparams", "dpo.cli", "dpo.launch", "dpo.checkpoints", "dpo.metric_lines", "dpo.main"]),
    ("evaluate", ["evaluation.cli", "evaluation.metrics", "evaluation.summary", "evaluation.report", "evaluation.main"]),
])
def test_no_heavy_imports_at_module_level(job, modules):
    # Argument and input errors must surface in a second, before torch/boto3 load.
    assert imported_heavy_modules(CONTAINERS / job, modules) == []


ENTRY_SCRIPTS = {"generate": "generate.py", "preferences": "build_preferences.py", "train-dpo": "train_dpo.py",
                 "evaluate": "evaluate.py"}
PACKAGES = {"generate": "generation", "preferences": "preference_builder", "train-dpo": "dpo", "evaluate": "evaluation"}


@pytest.mark.parametrize("job", sorted(ENTRY_SCRIPTS))
def test_each_job_is_an_entry_script_beside_its_package(job):
    folder = CONTAINERS / job
    top_level_modules = sorted(p.name for p in folder.glob("*.py"))
    assert top_level_modules == [ENTRY_SCRIPTS[job]]  # everything else lives in the package
    assert (folder / PACKAGES[job] / "__init__.py").is_file()
    assert PACKAGES[job] != job  # pytest's importlib mode names test modules after the folder
    # The training toolkit pip-installs a code folder holding setup.py instead of running the script.
    assert not (folder / "setup.py").exists()


@pytest.mark.parametrize("job", sorted(ENTRY_SCRIPTS))
def test_entry_script_runs_from_a_copy_of_the_folder_as_sagemaker_unpacks_it(job, tmp_path):
    # What the packer uploads: the folder with jobkit dereferenced; run by path from another cwd.
    import shutil

    copy = tmp_path / "code"
    shutil.copytree(CONTAINERS / job, copy, symlinks=False, ignore=shutil.ignore_patterns("tests", "__pycache__"))
    result = subprocess.run([sys.executable, str(copy / ENTRY_SCRIPTS[job]), "--definitely-not-an-option", "x"],
                            capture_output=True, text=True, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
