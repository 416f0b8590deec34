"""Fixtures for the train-dpo tests (the tiny Llama comes from containers/conftest.py)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("dpo_test_helpers", Path(__file__).with_name("dpo_test_helpers.py"))
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)


@pytest.fixture(scope="session")
def dpo_helpers():
    return helpers


@pytest.fixture(scope="session")
def preference_data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pairs")
    helpers.write_preference_data(root)
    return root
