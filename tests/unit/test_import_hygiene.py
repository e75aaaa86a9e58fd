"""store/ must never pull in the terminal layers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

STORE = Path(__file__).resolve().parents[2] / "store"
MODULES = sorted(
    "store" if p.name == "__init__.py" else f"store.{p.stem}"
    for p in STORE.glob("*.py")
)


@pytest.mark.parametrize("module", MODULES)
def test_store_module_does_not_import_ui(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich', 'tui'}); "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"


def test_every_store_module_is_checked() -> None:
    assert "store.article" in MODULES
    assert len(MODULES) == len(list(STORE.glob("*.py")))
