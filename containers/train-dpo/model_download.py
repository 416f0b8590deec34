"""The base model as a local folder: the `model` channel, or a Hub snapshot downloaded once.

Downloading before torchrun starts means one download, not one per rank, and the Hugging Face
token (fetched from Secrets Manager by ARN) is used in this one process only, never written
to disk or to the environment.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from jobkit import JobError, fetch_secret, is_local_model, resolve_model_source

# Llama 3 repositories also ship the original 16 GB consolidated.*.pth checkpoint.
SKIP_IN_SNAPSHOT = ["original/*", "*.pth", "*.pt", "*.gguf"]


def local_base_model(channel_dir: str, values: Mapping[str, Any], download_dir: str) -> str:
    """Folder holding the base model's config, weights and tokenizer."""
    source = resolve_model_source(channel_dir, values["model_id"] or None)
    if is_local_model(source):
        return source
    token = fetch_secret(values["hf_token_secret_arn"]) if values["hf_token_secret_arn"] else None
    return download_snapshot(source, token, download_dir)


def download_snapshot(model_id: str, token: str | None, download_dir: str) -> str:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    target = Path(download_dir) / model_id.replace("/", "--")
    print(f"downloading {model_id} from the Hugging Face Hub into {target}", flush=True)
    try:
        return snapshot_download(model_id, token=token, local_dir=target, ignore_patterns=SKIP_IN_SNAPSHOT)
    except (HfHubHTTPError, LocalEntryNotFoundError) as err:
        hint = "" if token else " (gated models such as Llama 3 need hf_token_secret_arn)"
        first_line = (str(err).splitlines() or [""])[0]
        raise JobError(f"cannot download {model_id}: {type(err).__name__}: {first_line}{hint}") from None
