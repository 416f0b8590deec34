"""Fetch a secret (the Hugging Face token) from AWS Secrets Manager at run time.

The pipeline passes only the secret's ARN; the value never appears in a pipeline
definition, an environment variable set by the definition, a hyperparameter or a log line.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from .errors import JobError

# Keys accepted when the secret is a JSON object, in order of preference.
TOKEN_KEYS = ("HF_TOKEN", "hf_token", "HUGGING_FACE_HUB_TOKEN", "token", "TOKEN", "value")

_HINTS = {
    "AccessDeniedException": "the job's execution role needs secretsmanager:GetSecretValue "
    "on this secret (and kms:Decrypt if it uses a customer-managed key)",
    "ResourceNotFoundException": "no such secret in this account and region",
    "DecryptionFailure": "the secret's KMS key cannot be used by the job's role",
    "InvalidRequestException": "the secret is scheduled for deletion or disabled",
    "InvalidParameterException": "the secret ARN is malformed",
}


def fetch_secret(secret_arn: str, *, client: Any = None) -> str:
    """Return the secret's value as a string.

    A SecretString that is a JSON object must hold one of TOKEN_KEYS (or exactly one
    string value); any other SecretString is returned as is (stripped). ``client`` is a
    boto3 ``secretsmanager`` client; by default one is made for the ARN's region.
    Raises JobError with a hint on AccessDenied, not found, etc. Never logs the value.
    """
    if not secret_arn or not secret_arn.strip():
        raise JobError("empty secret ARN")
    client = client or _default_client(secret_arn)
    response = _get_secret_value(client, secret_arn)
    raw = response.get("SecretString")
    if raw is None and response.get("SecretBinary") is not None:
        raw = _decode_binary(secret_arn, response["SecretBinary"])
    value = _extract_value(secret_arn, raw or "")
    if not value:
        raise JobError(f"secret {secret_arn} is empty")
    return value


def region_from_arn(secret_arn: str) -> Optional[str]:
    """``arn:aws:secretsmanager:<region>:<account>:secret:<name>`` -> region, else None."""
    parts = secret_arn.split(":")
    if len(parts) >= 6 and parts[0] == "arn" and parts[2] == "secretsmanager":
        return parts[3] or None
    return None


def _default_client(secret_arn: str) -> Any:
    import boto3  # imported here: only jobs that need a secret pay for it

    return boto3.client("secretsmanager", region_name=region_from_arn(secret_arn))


def _get_secret_value(client: Any, secret_arn: str) -> dict:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return client.get_secret_value(SecretId=secret_arn)
    except ClientError as err:
        code = err.response.get("Error", {}).get("Code", "ClientError")
        hint = _HINTS.get(code, err.response.get("Error", {}).get("Message", ""))
        raise JobError(f"cannot read secret {secret_arn}: {code}: {hint}") from None
    except BotoCoreError as err:  # no credentials, no region, endpoint unreachable
        raise JobError(f"cannot read secret {secret_arn}: {err}") from None


def _decode_binary(secret_arn: str, blob: bytes) -> str:
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError:
        raise JobError(f"secret {secret_arn} is binary, expected a UTF-8 token") from None


def _extract_value(secret_arn: str, raw: str) -> str:
    try:
        parsed = json.loads(raw)
    except ValueError:
        return raw.strip()
    if isinstance(parsed, str):
        return parsed.strip()
    if not isinstance(parsed, dict):
        return raw.strip()
    return _value_from_object(secret_arn, parsed)


def _value_from_object(secret_arn: str, parsed: dict) -> str:
    for key in TOKEN_KEYS:
        if isinstance(parsed.get(key), str):
            return parsed[key].strip()
    strings = [v for v in parsed.values() if isinstance(v, str)]
    if len(strings) == 1:
        return strings[0].strip()
    # Name the keys, never the values.
    raise JobError(
        f"secret {secret_arn} is a JSON object without a token key; expected one of "
        f"{', '.join(TOKEN_KEYS)}, found keys: {', '.join(sorted(map(str, parsed))) or '(none)'}"
    )
