"""Import hygiene: what must work without a screen imports neither Textual nor Rich.

Each check runs in a fresh interpreter, so nothing a test imported earlier can hide an import.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREEN_LIBRARIES = ("textual", "rich")


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CRAMP_CONFIG_DIR": str(tmp_path / "c"),
            "CRAMP_DATA_DIR": str(tmp_path / "d"), "CRAMP_CACHE_DIR": str(tmp_path / "cache")}


def _loaded_after(code: str, tmp_path: Path) -> list[str]:
    probe = (f"{code}\nimport sys\n"
             f"print(' '.join(m for m in sys.modules if m.split('.')[0] in {SCREEN_LIBRARIES!r}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=ROOT, env=_env(tmp_path), timeout=60, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


@pytest.mark.parametrize("module", ["tui", "tui.content", "tui.content.loader",
                                    "tui.content.validate", "tui.walk.engine", "tui.settings",
                                    "tui.walk.start", "tui.content.search", "tui.plain.walker",
                                    "tui.plain.render",
                                    "tui.cli.parser"])
def test_module_imports_no_textual_or_rich(tmp_path, module):
    pytest.importorskip(module)  # modules still being written are skipped, not failed
    assert _loaded_after(f"import {module}", tmp_path) == []


def test_loading_the_guides_imports_no_textual_or_rich(tmp_path):
    code = "from tui.content import load_library; load_library(); load_library()"
    assert _loaded_after(code, tmp_path) == []


def test_engine_walk_imports_no_textual_or_rich(tmp_path):
    code = ("from tui.content import load_library\nfrom tui.walk.engine import Engine\n"
            "from tui.content.models import Context\n"
            "engine = Engine(load_library().library)\n"
            "walk = engine.start('calf', Context())\nwalk = engine.answer(walk, 'y')")
    assert _loaded_after(code, tmp_path) == []


def _imported_modules(argv: list[str], tmp_path: Path, stdin: str = "") -> list[str]:
    """Every module `python -X importtime -m tui ARGV` imported (its stderr lists them)."""
    env = _env(tmp_path)  # tests.fast_cramp: the real command, holds counted through at once
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "tests.fast_cramp", *argv],
                         input=stdin, capture_output=True, text=True, cwd=ROOT, env=env,
                         timeout=60)
    lines = [line for line in (out.stdout + out.stderr).splitlines()
             if line.startswith("import time:")]
    assert lines, "no -X importtime output"
    return [line.rsplit("|", 1)[-1].strip() for line in lines]


def _screen_imports(modules: list[str]) -> list[str]:
    return [m for m in modules if re.match(rf"^({'|'.join(SCREEN_LIBRARIES)})(\.|$)", m)]


def test_cramp_check_imports_no_textual_or_rich(tmp_path):
    modules = _imported_modules(["check"], tmp_path)
    assert "tui.content" in modules
    assert _screen_imports(modules) == []


def test_cramp_check_of_a_broken_dir_imports_no_textual_or_rich(tmp_path):
    flows = tmp_path / "mine" / "flows"
    flows.mkdir(parents=True)
    (flows / "bad.toml").write_text('id = "Bad!"\n', encoding="utf-8")
    assert _screen_imports(_imported_modules(["check", str(flows.parent)], tmp_path)) == []


def test_version_imports_no_textual_or_rich(tmp_path):
    modules = _imported_modules(["--version"], tmp_path)
    assert _screen_imports(modules) == []
    assert not any(m.startswith("pydantic") for m in modules)  # --version is instant


@pytest.mark.parametrize("argv", [["now", "--plain", "--where", "calf"], ["--plain"]])
def test_plain_mode_imports_no_textual_or_rich(tmp_path, argv):
    pytest.importorskip("tui.plain.walker")
    assert _screen_imports(_imported_modules(argv, tmp_path, stdin="\ny\n" + "\n" * 20)) == []


def test_cached_plain_mode_imports_no_pydantic(tmp_path):
    """Once the validated guides are cached, plain mode starts without pydantic (its first
    instruction must be on screen within 80 ms)."""
    pytest.importorskip("tui.content.cache")
    argv = ["now", "--plain", "--where", "calf"]
    _imported_modules(argv, tmp_path, stdin="q\n")  # fills the cache
    modules = _imported_modules(argv, tmp_path, stdin="q\n")
    assert not any(m.startswith("pydantic") for m in modules)


def _run_then_report(code: str, report: str, tmp_path: Path, stdin: str = "") -> str:
    """Run `code` in a fresh interpreter; at exit, print the value of `report`."""
    probe = (f"import atexit, sys\natexit.register(lambda: print('REPORT', {report}))\n{code}")
    out = subprocess.run([sys.executable, "-c", probe], input=stdin, capture_output=True,
                         text=True, cwd=ROOT, env=_env(tmp_path), timeout=60)
    return out.stdout.rsplit("REPORT", 1)[-1].strip()


def test_cached_plain_mode_never_loads_inspect(tmp_path):
    """dataclasses imports inspect (a sixth of plain mode's start) and only needs it for a class
    without a docstring: cramp stands in for it until it is used (tui/__init__.py)."""
    run = ("import runpy\nsys.argv = ['cramp', 'now', '--plain', '--where', 'calf']\n"
           "runpy.run_module('tests.fast_cramp', run_name='__main__')\n")
    loaded = "'signature' in vars(sys.modules['inspect'])"
    _run_then_report(run, loaded, tmp_path, stdin="q\n")  # fills the content cache
    assert _run_then_report(run, loaded, tmp_path, stdin="q\n") == "False"


def test_the_inspect_stand_in_becomes_the_real_module_on_first_use(tmp_path):
    code = ("import tui\nimport inspect as early\nfrom dataclasses import dataclass\n"
            "@dataclass\nclass NoDoc:\n    a: int\n"  # dataclass uses inspect for its docstring
            "from inspect import Parameter\nimport inspect\n"
            "assert inspect is sys.modules['inspect'] and inspect is not early\n"
            "assert early.Parameter is Parameter is inspect.Parameter\n"
            "result = NoDoc.__doc__ + ' ' + str(early.signature(lambda a, b=1: 0))\n")
    assert _run_then_report(code, "result", tmp_path) == "NoDoc(a: int) (a, b=1)"
