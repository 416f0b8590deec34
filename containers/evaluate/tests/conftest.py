"""Fixtures for the evaluate tests (the trained model and data come from containers/conftest.py)."""
from __future__ import annotations

import pytest


def converse_reply(text: str) -> dict:
    """A complete Bedrock Converse response (Stubber checks it against the service model)."""
    return {"output": {"message": {"role": "assistant", "content": [{"text": text}]}}, "stopReason": "end_turn",
            "usage": {"inputTokens": 10, "outputTokens": 5, "totalTokens": 15}, "metrics": {"latencyMs": 12}}


@pytest.fixture
def bedrock():
    """A bedrock-runtime client whose calls botocore's Stubber answers; (client, stubber, reply maker)."""
    import boto3
    from botocore.stub import Stubber

    client = boto3.client("bedrock-runtime", region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    with Stubber(client) as stubber:
        yield client, stubber, converse_reply
        stubber.assert_no_pending_responses()
