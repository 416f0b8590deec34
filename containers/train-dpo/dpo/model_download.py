"""The base model as a local folder: the `model` channel, or a Hub snapshot downloaded once.

One download per node, not one per rank: before train_dpo.py relaunches itself under torchrun,
or on local rank 0 while the node's other ranks wait (when SageMaker started the ranks). The
Hugging Face token (fetched from Secrets Manager by ARN) is used by that one process only, and
never written to disk, to the environment or to the log.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from jobkit import JobError, fetch_secret, is_local_model, resolve_model_source

# Llama 3 repositories also ship the original 16 GB consolidated.*.pth checkpoint.
SKIP_IN_SNAPSHOT = ["original/*", "*.pth", "*.pt", "*.gguf"]


def local_base_model(channel_dir: str, values: Mapping[str, Any], download_dir: str, downloader: bool = True) -> str:
    """Folder holding the base model's config, weights and tokenizer.

    With a Hub id, only the ``downloader`` fetches the token and downloads; the node's other
    ranks run after it (see launch.local_main_first) and use its folder.
    """
    source = resolve_model_source(channel_dir, values["model_id"] or None)
    if is_local_model(source):
        return source
    target = Path(download_dir) / source.replace("/", "--")
    if not downloader:
        if not (target / "config.json").is_file():
            raise JobError(f"{target}: the model download by local rank 0 is missing")
        return str(target)
    token = fetch_secret(values["hf_token_secret_arn"]) if values["hf_token_secret_arn"] else None
    return download_snapshot(source, token, target)


def download_snapshot(model_id: str, token: str | None, target: Path) -> str:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    print(f"downloading {model_id} from the Hugging Face Hub into {target}", flush=True)
    try:
        return snapshot_download(model_id, token=token, local_dir=target, ignore_patterns=SKIP_IN_SNAPSHOT)
    except (HfHubHTTPError, LocalEntryNotFoundError) as err:
        hint = "" if token else " (gated models such as Llama 3 need hf_token_secret_arn)"
        first_line = (str(err).splitlines() or [""])[0]
        raise JobError(f"cannot download {model_id}: {type(err).__name__}: {first_line}{hint}") from None
