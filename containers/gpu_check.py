"""GPU check: the real train_dpo.py and evaluate.py on one GPU with a small Llama built on the fly.

    python containers/gpu_check.py [--out DIR] [--steps 30] [--hidden 1024] [--layers 8] [--cpu]

No network, no AWS: the model is random (built here, Llama 3's proportions in miniature), the
preference pairs are the test pairs of the Example Bank questions. Runs, each a subprocess exactly
as SageMaker would run the entry scripts:
  1. train_dpo.py in bf16 (bf16=true: it fails if the GPU has none), max_length 1024, batch 1;
  2. train_dpo.py with load_in_4bit=true, when bitsandbytes is importable (the Dockerfile image);
  3. evaluate.py on run 1's output (the served merged model against the base model);
  4. generate.py --backend vllm over the shipped questions, when vllm is importable (on SageMaker the
     job installs requirements-vllm.txt itself; this machine may have no network to do so).
Prints one JSON summary: tokens/s (train/tokens_per_second metric lines), peak GPU memory (stats.json,
torch.cuda.max_memory_allocated/reserved), optimizer steps, merge survival, evaluation figures.
Exit 0 when every run succeeded. --cpu runs the same flow on the CPU with fp32 (bf16 off) and
without the 4-bit run: it checks the script, not the GPU.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "common"), str(HERE / "common" / "tests")]

import dpo_test_helpers as helpers  # noqa: E402  (the same data and script paths the tests use)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=None, help="work folder (default: a new temporary folder)")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--hidden", type=int, default=1024)
    parser.add_argument("--layers", type=int, default=8)
    parser.add_argument("--cpu", action="store_true", help="run on the CPU (checks the script, not the GPU)")
    return parser.parse_args(argv)


def gpu_present() -> bool:
    import torch

    return torch.cuda.is_available()


def build_model(folder: Path, hidden: int, layers: int) -> Path:
    """A random Llama of Llama 3's proportions (GQA 4:1, MLP 3.5x) with the tests' byte-level tokenizer."""
    from tiny_llama import build_tiny_llama

    heads = max(hidden // 64, 1)
    return build_tiny_llama(folder, hidden_size=hidden, intermediate_size=hidden * 7 // 2, num_hidden_layers=layers,
                            num_attention_heads=heads, num_key_value_heads=max(heads // 4, 1),
                            max_position_embeddings=2048)


def train(data: Path, model: Path, out: Path, steps: int, env: dict, **hyper: str) -> dict:
    args = helpers.train_args(data, model, out, steps, max_length="1024", per_device_train_batch_size="1",
                              logging_steps="5", save_steps=str(steps), eval_steps=str(steps),
                              learning_rate="2e-5", warmup_ratio="0.1", **hyper)
    return run_job(helpers.TRAIN_SCRIPT, args, env, out / "data" / "stats.json")


def evaluate(data: Path, model: Path, trained: Path, out: Path, env: dict) -> dict:
    redteam = HERE / "evaluate" / "data" / "redteam.jsonl"
    args = ["--model-dir", str(trained / "model"), "--test-dir", str(data / "test"), "--base-model-dir", str(model),
            "--redteam-file", str(redteam), "--output-dir", str(out), "--work-dir", str(out / "scratch"),
            "--max-new-tokens", "64", "--batch-size", "8"]
    result = run_job(helpers.EVALUATE_SCRIPT, args, env, out / "stats.json")
    result["evaluation"] = json.loads((out / "evaluation.json").read_text())["metrics"] if result["ok"] else None
    return result


def generate_vllm(model: Path, out: Path, env: dict) -> dict:
    data = HERE / "generate" / "data"
    args = ["--questions", str(data / "questions.jsonl"), "--context-file", str(data / "context.md"),
            "--model-dir", str(model), "--backend", "vllm", "--num-responses", "4", "--max-new-tokens", "64",
            "--responses-dir", str(out / "responses"), "--manifest-dir", str(out / "manifest")]
    result = run_job(HERE / "generate" / "generate.py", args, env, out / "responses" / "stats.json")
    if result["ok"]:
        stats = json.loads((out / "responses" / "stats.json").read_text())
        result.update({key: stats[key] for key in ("backend", "responses", "truncated_responses", "seconds")})
    return result


def run_job(script: Path, args: list, env: dict, stats_path: Path) -> dict:
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, env=env, timeout=1800)
    summary = summarise(proc.stdout, stats_path if proc.returncode == 0 else None)
    summary.update(ok=proc.returncode == 0, seconds=round(time.monotonic() - started, 1))
    if proc.returncode != 0:
        summary["stderr_tail"] = proc.stderr[-2000:]
    return summary


def summarise(stdout: str, stats_path) -> dict:
    """tokens/s from the metric lines, and the stats.json figures that matter for a GPU check."""
    speeds = [float(v) for v in re.findall(r"^metric: train/tokens_per_second=([-+0-9.eE]+)", stdout, re.MULTILINE)]
    stats = json.loads(Path(stats_path).read_text()) if stats_path else {}
    keys = ("gpu", "gpu_memory_gib", "peak_gpu_memory_gib", "peak_gpu_memory_reserved_gib", "bf16", "global_step",
            "planned_steps", "merge", "runtime_seconds", "pairs_scored")
    return {"tokens_per_second": {"last": speeds[-1], "max": max(speeds)} if speeds else None,
            **{key: stats[key] for key in keys if key in stats}}


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.cpu and not gpu_present():
        print("error: no GPU visible (pass --cpu to check the script on the CPU)", file=sys.stderr)
        return 1
    root = Path(args.out or tempfile.mkdtemp(prefix="gpu-check-"))
    env = {**helpers.offline_env(), "PYTORCH_CUDA_ALLOC_CONF": "expandable_segments:True"}
    if not args.cpu:
        env.pop("CUDA_VISIBLE_DEVICES", None)
        env["CUDA_VISIBLE_DEVICES"] = os.environ.get("CUDA_VISIBLE_DEVICES", "0")  # one GPU
    data = root / "pairs"
    helpers.write_preference_data(data, repeats=10)
    model = build_model(root / "model", args.hidden, args.layers)
    precision = {} if args.cpu else {"bf16": "true"}
    report = {"device": "cpu" if args.cpu else "gpu", "model": {"hidden": args.hidden, "layers": args.layers}}
    report["train_bf16"] = train(data, model, root / "train-bf16", args.steps, env, **precision)
    if not args.cpu and importlib.util.find_spec("bitsandbytes") is not None:
        report["train_4bit"] = train(data, model, root / "train-4bit", args.steps, env, load_in_4bit="true")
    else:
        report["train_4bit"] = "skipped: " + ("--cpu" if args.cpu else "bitsandbytes is not installed")
    if report["train_bf16"]["ok"]:
        report["evaluate"] = evaluate(data, model, root / "train-bf16", root / "evaluate", env)
    if not args.cpu and importlib.util.find_spec("vllm") is not None:
        report["generate_vllm"] = generate_vllm(model, root / "generate", env)
    else:
        report["generate_vllm"] = "skipped: " + ("--cpu" if args.cpu else "vllm is not installed here")
    print(json.dumps(report, indent=2))
    runs = [v for v in report.values() if isinstance(v, dict) and "ok" in v]
    return 0 if runs and all(run["ok"] for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
