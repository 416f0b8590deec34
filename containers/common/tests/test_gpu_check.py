"""containers/gpu_check.py: the parts that run without a GPU (the GPU runs need one: see its header)."""
import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "gpu_check.py"


def test_without_a_gpu_it_says_so_and_exits_1():
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": ""}, timeout=300)
    assert result.returncode == 1 and "no GPU visible" in result.stderr and "Traceback" not in result.stderr


def test_the_summary_reads_the_real_job_outputs(two_training_runs):
    sys.path.insert(0, str(SCRIPT.parent))
    import gpu_check

    first, _, out = two_training_runs
    summary = gpu_check.summarise(first.stdout, out / "data" / "stats.json")
    assert summary["tokens_per_second"]["last"] > 0 and summary["global_step"] == 4  # stats of the resumed run
    assert summary["merge"]["dtype"] == "float32" and "peak_gpu_memory_gib" not in summary  # CPU: no GPU figures
    stats = json.loads((out / "data" / "stats.json").read_text())
    assert summary["planned_steps"] == stats["planned_steps"]


def test_the_model_it_builds_has_llama_3_proportions(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    import gpu_check

    config = json.loads((gpu_check.build_model(tmp_path / "m", 256, 2) / "config.json").read_text())
    assert (config["hidden_size"], config["intermediate_size"], config["num_attention_heads"],
            config["num_key_value_heads"], config["num_hidden_layers"]) == (256, 896, 4, 1, 2)
