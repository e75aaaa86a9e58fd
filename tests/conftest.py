"""Shared fixtures: every test gets its own data, cache and config directories."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore the same examples on every run: the suite is deterministic.
settings.register_profile("zhreader", derandomize=True, deadline=None, database=None)
settings.load_profile("zhreader")

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every zhreader and XDG directory into tmp_path."""
    home = tmp_path / "home"
    for name, sub in [
        ("ZHREADER_DATA_DIR", "data"),
        ("ZHREADER_CACHE_DIR", "cache"),
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("XDG_CONFIG_HOME", "xdg-config"),
    ]:
        monkeypatch.setenv(name, str(tmp_path / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("ZHREADER_LIBRARY", raising=False)
    return tmp_path


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
