"""generate.py run as a subprocess on the tiny Llama (transformers backend, CPU)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

JOB = Path(__file__).resolve().parents[1]
SCRIPT = JOB / "generate.py"


# Any AWS call would go to a closed local port and fail: a run that succeeds made none.
NO_AWS = {"AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
          "AWS_DEFAULT_REGION": "us-east-1"}
SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:hf-token"


def run(*args) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **NO_AWS})


def outputs(tmp_path, name):
    return ["--responses-dir", tmp_path / name / "responses", "--manifest-dir", tmp_path / name / "manifest"]


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def shipped_run(tiny_llama_dir, tmp_path_factory):
    """One real run over the shipped Example Bank questions and context."""
    out = tmp_path_factory.mktemp("generate")
    result = run("--questions", JOB / "data" / "questions.jsonl", "--context-file", JOB / "data" / "context.md",
                 "--model-dir", tiny_llama_dir, "--num-responses", 2, "--max-new-tokens", 4, "--batch-size", 25, *outputs(out, "a"))
    assert result.returncode == 0, result.stderr
    return out / "a", result


def test_writes_manifest_responses_and_stats(shipped_run):
    out, result = shipped_run
    manifest = read_jsonl(out / "manifest" / "manifest.jsonl")
    responses = read_jsonl(out / "responses" / "responses.jsonl")
    stats = json.loads((out / "responses" / "stats.json").read_text())
    assert json.loads(result.stdout) == stats
    assert len(manifest) == len(responses) == stats["questions"] == 50
    assert all(set(line) == {"id", "source", "responses", "truncated"} and len(line["responses"]) == 2 for line in manifest)
    assert stats["truncated_responses"] >= 90  # 4 new tokens: a random tiny model rarely ends a turn that soon
    assert manifest[0]["id"] == "card-lost" and manifest[0]["source"].startswith("I think I lost my debit card")
    assert [r["id"] for r in responses] == [m["id"] for m in manifest]
    assert stats["responses"] == 100 and stats["backend"] == "transformers" and stats["system_prompt"] is True
    assert stats["sampling"] == {"n": 2, "temperature": 1.0, "top_p": 0.95, "max_new_tokens": 4, "seed": 42}
    assert stats["model_from_channel"] is True


def test_same_seed_same_output_and_model_id_used_when_channel_is_empty(shipped_run, tiny_llama_dir, tmp_path):
    # The shipped run again with the same seed (42), the model given as "Hub id" and an empty channel
    # (a local folder stands in for the Hub: no network in tests). One subprocess checks both.
    # (different seeds giving different answers: test_generation_backends.py)
    (tmp_path / "empty-channel").mkdir()
    result = run("--questions", JOB / "data" / "questions.jsonl", "--context-file", JOB / "data" / "context.md",
                 "--model-dir", tmp_path / "empty-channel", "--model-id", tiny_llama_dir, "--num-responses", 2,
                 "--hf-token-secret-arn", SECRET_ARN,  # a local folder as model id: no Secrets Manager call
                 "--max-new-tokens", 4, "--batch-size", 25, *outputs(tmp_path, "b"))
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["model"] == str(tiny_llama_dir)
    first, _ = shipped_run
    for name in ("manifest/manifest.jsonl", "responses/responses.jsonl"):
        assert (tmp_path / "b" / name).read_text() == (first / name).read_text()


@pytest.mark.parametrize("setup,args,message", [
    (lambda p: (p / "q.jsonl").write_text('{"question": "ok"}\n{"question": 3}\n'),
     ["--questions", "{tmp}/q.jsonl", "--model-dir", "{model}"], r"q.jsonl:2: field 'question' should be"),
    (lambda p: (p / "q.txt").write_text("Hi?\n"),
     ["--questions", "{tmp}/q.txt", "--model-dir", "{tmp}/absent"], "no base model"),
    (lambda p: (p / "q.txt").write_text("Hi?\n"),
     ["--questions", "{tmp}/q.txt", "--model-dir", "{model}", "--backend", "vllm"], "--backend vllm needs a GPU"),
    (lambda p: (p / "q.txt").write_text("Hi?\n"),  # a Hub id does need the token: the (unreachable) call fails
     ["--questions", "{tmp}/q.txt", "--model-id", "meta-llama/Meta-Llama-3-8B-Instruct", "--model-dir", "{tmp}/none",
      "--hf-token-secret-arn", SECRET_ARN], "cannot read secret"),
    (lambda p: (p / "q.txt").write_text("Hi?\n"),
     ["--questions", "{tmp}/q.txt", "--model-dir", "{model}", "--top-p", "0"], "--top-p must be in (0, 1]"),
    (lambda p: None, ["--questions", "{tmp}/none.txt", "--model-dir", "{model}"], "no such file or folder"),
])
def test_bad_input_exits_1_without_traceback_or_outputs(tiny_llama_dir, tmp_path, setup, args, message):
    setup(tmp_path)
    args = [a.format(tmp=tmp_path, model=tiny_llama_dir) for a in args]
    result = run(*args, *outputs(tmp_path, "out"))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: ") and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
