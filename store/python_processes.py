"""Running this package's own modules as processes: the index workers, the folder-scan helper."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)


def module_command(module: str, *args: str, site: bool = True) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that run ``python -m module args`` with this copy of zhreader.

    The folder holding the package goes first on PYTHONPATH, so that a source
    checkout works without being installed. ``site=False`` starts Python with
    -S (no site-packages to set up, 10-20 ms sooner): only for a module that
    imports nothing but the standard library and this package.
    """
    path = os.pathsep.join(filter(None, [_PACKAGE_PARENT, os.environ.get("PYTHONPATH")]))
    return [sys.executable, *([] if site else ["-S"]), "-m", module, *args], {**os.environ, "PYTHONPATH": path}
