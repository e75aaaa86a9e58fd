"""Fixtures for Pilot tests: a small library and a data folder in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_support import write_library


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"
