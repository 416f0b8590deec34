import json

import boto3
import pytest
from botocore.stub import Stubber

from jobkit import JobError, fetch_secret
from jobkit.aws_secrets import region_from_arn

ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:hf-token-AbCdEf"
TOKEN = "hf_abcdefghijklmnopqrstuvwxyz0123456789"


@pytest.fixture
def client():
    return boto3.client("secretsmanager", region_name="eu-west-1",
                        aws_access_key_id="test", aws_secret_access_key="test")


def stub_value(client, **response):
    stubber = Stubber(client)
    stubber.add_response("get_secret_value", {"ARN": ARN, "Name": "hf-token", **response}, {"SecretId": ARN})
    stubber.activate()
    return stubber


def stub_error(client, code):
    stubber = Stubber(client)
    stubber.add_client_error("get_secret_value", service_error_code=code, service_message="nope",
                             http_status_code=400, expected_params={"SecretId": ARN})
    stubber.activate()
    return stubber


def test_plain_string_secret(client):
    stubber = stub_value(client, SecretString=f"  {TOKEN}\n")
    assert fetch_secret(ARN, client=client) == TOKEN
    stubber.assert_no_pending_responses()


@pytest.mark.parametrize("key", ["HF_TOKEN", "token", "hf_token"])
def test_json_secret_with_known_key(client, key):
    stub_value(client, SecretString=json.dumps({key: TOKEN, "owner": "ml-team", "n": 1}))
    assert fetch_secret(ARN, client=client) == TOKEN


def test_json_secret_with_one_unknown_string_key(client):
    stub_value(client, SecretString=json.dumps({"huggingface": TOKEN}))
    assert fetch_secret(ARN, client=client) == TOKEN


def test_json_secret_with_ambiguous_keys_names_keys_not_values(client):
    stub_value(client, SecretString=json.dumps({"a": TOKEN, "b": "other"}))
    with pytest.raises(JobError, match="found keys: a, b") as err:
        fetch_secret(ARN, client=client)
    assert TOKEN not in str(err.value)


def test_binary_secret(client):
    stub_value(client, SecretBinary=TOKEN.encode())
    assert fetch_secret(ARN, client=client) == TOKEN


def test_empty_secret(client):
    stub_value(client, SecretString="  ")
    with pytest.raises(JobError, match="is empty"):
        fetch_secret(ARN, client=client)


@pytest.mark.parametrize("code,hint", [
    ("AccessDeniedException", "secretsmanager:GetSecretValue"),
    ("ResourceNotFoundException", "no such secret"),
])
def test_client_errors_become_job_errors(client, code, hint):
    stub_error(client, code)
    with pytest.raises(JobError, match=f"cannot read secret {ARN}: {code}: .*{hint}"):
        fetch_secret(ARN, client=client)


def test_value_is_never_printed(client, capsys):
    stub_value(client, SecretString=TOKEN)
    fetch_secret(ARN, client=client)
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err


def test_region_from_arn():
    assert region_from_arn(ARN) == "eu-west-1"
    assert region_from_arn("hf-token") is None


def test_empty_arn():
    with pytest.raises(JobError, match="empty secret ARN"):
        fetch_secret(" ")
