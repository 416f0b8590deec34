"""Installing vLLM at job start when --backend vllm is asked for and the image lacks it."""
import sys

import pytest
from generation.vllm_install import ensure_vllm, install_command
from jobkit import JobError


def test_the_install_uses_this_interpreter_and_the_pinned_file(tmp_path):
    command = install_command(tmp_path / "r.txt")
    assert command[:4] == [sys.executable, "-m", "pip", "install"] and command[-2:] == ["-r", str(tmp_path / "r.txt")]
    from generation import vllm_install

    assert vllm_install.REQUIREMENTS.read_text().count("vllm==") == 1  # pinned, shipped in the code folder


def test_installs_when_missing_and_then_imports(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    requirements = tmp_path / "requirements-vllm.txt"
    requirements.write_text("vllm==0.33.0\n")
    commands = []

    def fake_pip(command):  # stands in for pip: puts a package named vllm where Python looks
        commands.append(command)
        (site / "vllm").mkdir()
        (site / "vllm" / "__init__.py").write_text("")
        return 0

    monkeypatch.delitem(sys.modules, "vllm", raising=False)
    assert ensure_vllm(fake_pip, requirements) is True and commands == [install_command(requirements)]
    assert ensure_vllm(fake_pip, requirements) is False and len(commands) == 1  # present now: no second install


def test_a_failed_install_stops_the_job(tmp_path):
    requirements = tmp_path / "requirements-vllm.txt"
    requirements.write_text("vllm==0.33.0\n")
    with pytest.raises(JobError, match="installing requirements-vllm.txt failed \\(pip exit status 1\\)"):
        ensure_vllm(lambda command: 1, requirements)
