"""The `danchu` console script installed by pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def _danchu() -> str:
    script = Path(sys.executable).with_name("danchu")
    return str(script) if script.exists() else shutil.which("danchu") or "danchu"


def test_console_script_maps_dashes_to_commands():
    result = subprocess.run(
        [_danchu(), "import-households", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "--skip-bad" in result.stdout


def test_console_script_lists_the_danchu_commands():
    result = subprocess.run([_danchu(), "help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for name in ("import_units", "import_villages", "import_households", "audit", "demo", "seed"):
        assert name in result.stdout
