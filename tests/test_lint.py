"""The code checks CI runs, as tests: `ruff check .` and `mypy` (both configured in
pyproject.toml; mypy is strict) pass on the whole tree, run from the repository root with the
venv's own executables."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is a test dependency: pip install '.[test]'"
    return found


def test_ruff_finds_nothing():
    result = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing(tmp_path):
    # A cache of its own in the test's tmp dir: every run checks from scratch, independently.
    result = subprocess.run([_tool("mypy"), f"--cache-dir={tmp_path / 'mypy'}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_diary_package_names_every_name_it_serves():
    # tui.diary lists its public names by hand for the checkers; each must be one it loads.
    import tui.diary

    assert sorted(tui.diary.__all__) == sorted(tui.diary._EXPORTS)
    for name in tui.diary.__all__:
        assert getattr(tui.diary, name) is not None
