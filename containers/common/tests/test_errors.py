import argparse
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jobkit import parse_bool

COMMON = Path(__file__).resolve().parents[1]


def run_script(tmp_path, body: str, *args: str) -> subprocess.CompletedProcess:
    script = tmp_path / "job.py"
    script.write_text(textwrap.dedent(body))
    return subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True,
        env={"PYTHONPATH": str(COMMON), "PATH": "/usr/bin:/bin"},
    )


JOB = """
    from jobkit import JobArgumentParser, JobError, run_main

    def main(argv=None):
        parser = JobArgumentParser(prog="job.py")
        parser.add_argument("--mode", choices=["ok", "joberror", "bug"], required=True)
        args = parser.parse_args(argv)
        if args.mode == "joberror":
            raise JobError("data.jsonl:3: missing field 'id'")
        if args.mode == "bug":
            return {}["missing"]
        print("fine")
        return 0

    run_main(main)
"""


def test_success_exits_zero(tmp_path):
    result = run_script(tmp_path, JOB, "--mode", "ok")
    assert (result.returncode, result.stdout, result.stderr) == (0, "fine\n", "")


def test_job_error_is_one_line_without_traceback(tmp_path):
    result = run_script(tmp_path, JOB, "--mode", "joberror")
    assert result.returncode == 1
    assert result.stderr == "error: data.jsonl:3: missing field 'id'\n"


def test_argument_error_exits_one_without_usage_dump(tmp_path):
    result = run_script(tmp_path, JOB, "--mode", "nope")
    assert result.returncode == 1
    assert result.stderr.startswith("error: job.py: argument --mode: invalid choice")
    assert "Traceback" not in result.stderr


def test_plain_argparse_error_also_exits_one(tmp_path):
    body = """
        import argparse
        from jobkit import run_main
        def main(argv=None):
            argparse.ArgumentParser().parse_args(["--unknown"])
        run_main(main)
    """
    assert run_script(tmp_path, body).returncode == 1


def test_real_bug_keeps_traceback(tmp_path):
    result = run_script(tmp_path, JOB, "--mode", "bug")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "KeyError" in result.stderr


@pytest.mark.parametrize("text,expected", [("true", True), ("False", False), ("1", True), ("no", False)])
def test_parse_bool(text, expected):
    assert parse_bool(text) is expected


def test_parse_bool_rejects_other_text():
    with pytest.raises(argparse.ArgumentTypeError):
        parse_bool("maybe")
