"""Shared fixtures: paths to test data, a redirected user folder, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

# No test may touch the real user folder or settings.
os.environ.setdefault("NAION_USER_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) /
                                            f"naion-test-user-{os.getpid()}"))


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def example_cell_path() -> Path:
    return DATA / "example-na-32140.toml"


@pytest.fixture(autouse=True)
def _user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NAION_USER_DIR", str(tmp_path / "user"))
    from naion_designer.io import library

    library._cache = None
    yield
    library._cache = None
