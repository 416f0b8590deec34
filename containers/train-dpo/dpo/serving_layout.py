"""Make the saved model readable by the serving image's transformers 4.x, not only by training's 5.x.

The flagship serves with LMI 17 (djl-inference 0.35.0-lmi17.0.0-cu128): vLLM 0.11.1 on
transformers 4.57.1 (deepjavalibrary/djl-serving v0.35.0, serving/docker/lmi-container-requirements.txt).
transformers 5 writes three things 4.x reads differently, each found by loading our output with
4.57.6 (containers/train-dpo/tests/test_serving_layout.py):
- config.json keeps RoPE under ``rope_parameters``; 4.x reads a top-level ``rope_theta`` and falls
  back to 10000 without one (Llama 3 needs 500000: every position silently wrong), and reads a
  non-default RoPE (Llama 3.1's "llama3") from ``rope_scaling``.
- config.json says ``dtype``; 4.x and vLLM's "auto" dtype read ``torch_dtype``.
- tokenizer_config.json names ``"tokenizer_class": "TokenizersBackend"``, a class 4.x does not have
  (AutoTokenizer raises), where 4.x's generic fast tokenizer is ``PreTrainedTokenizerFast``.
The chat template stays in chat_template.jinja (4.57 reads it) and is also written into
tokenizer_config.json, where readers older than the .jinja file look for it.
Keys are only added or renamed to their 4.x spelling; transformers 5 still reads the folder.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

# transformers 5 class names with no 4.x counterpart -> the 4.x class that reads the same files.
TOKENIZER_CLASSES_4X = {"TokenizersBackend": "PreTrainedTokenizerFast"}


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def config_for_4x(config: dict[str, Any]) -> dict[str, Any]:
    out = dict(config)
    rope = config.get("rope_parameters")
    if isinstance(rope, dict) and "rope_theta" in rope:
        out.setdefault("rope_theta", rope["rope_theta"])
        if rope.get("rope_type", "default") != "default":
            out.setdefault("rope_scaling", {k: v for k, v in rope.items() if k != "rope_theta"})
    if "dtype" in config:
        out.setdefault("torch_dtype", config["dtype"])
    return out


def tokenizer_config_for_4x(tokenizer_config: dict[str, Any], chat_template: Optional[str]) -> dict[str, Any]:
    out = dict(tokenizer_config)
    name = out.get("tokenizer_class")
    if name in TOKENIZER_CLASSES_4X:
        out["tokenizer_class"] = TOKENIZER_CLASSES_4X[name]
    if chat_template and not out.get("chat_template"):
        out["chat_template"] = chat_template
    return out


def write_serving_layout(folder: Path) -> dict[str, Any]:
    """Rewrite ``folder``'s config.json and tokenizer_config.json in place; returns what changed."""
    folder = Path(folder)
    config_path, tokenizer_path = folder / "config.json", folder / "tokenizer_config.json"
    template_path = folder / "chat_template.jinja"
    config, tokenizer_config = _read(config_path), _read(tokenizer_path)
    template = template_path.read_text(encoding="utf-8") if template_path.is_file() else None
    new_config, new_tokenizer = config_for_4x(config), tokenizer_config_for_4x(tokenizer_config, template)
    _write(config_path, new_config)
    _write(tokenizer_path, new_tokenizer)
    return {"config": sorted(set(new_config) - set(config)),
            "tokenizer_config": sorted(k for k in new_tokenizer if new_tokenizer[k] != tokenizer_config.get(k))}
