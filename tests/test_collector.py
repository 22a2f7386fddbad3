"""Garbage collection is paused while cramp starts and runs again once cramp waits for the person
(tui/collector.py): a long session must not pile up what only the collector frees."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui import collector
from tui.app.app import make_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def collection_restored():
    was = gc.isenabled()
    yield
    collector.resume()
    gc.enable() if was else gc.disable()


def test_resume_undoes_only_its_own_pause(collection_restored):
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled()
    gc.disable()  # a program embedding cramp that runs without collection keeps it off
    collector.pause()
    collector.resume()
    assert not gc.isenabled()


async def test_the_app_collects_again_once_its_first_frame_is_drawn(collection_restored, clock):
    collector.pause()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()


def test_plain_mode_collects_again_once_it_asks_for_an_answer(tmp_path):
    """The second answer is read with collection on (the first instruction came without it)."""
    probe = (
        "import gc, runpy, sys\n"
        "from tui.plain import reader\n"
        "asked = reader.LineReader.readline\n"
        "seen = []\n"
        "def readline(self, *args):\n"
        "    seen.append(gc.isenabled())\n"
        "    return asked(self, *args)\n"
        "reader.LineReader.readline = readline\n"
        "import atexit\n"
        "atexit.register(lambda: print('COLLECTING', seen[1:]))\n"
        "sys.argv = ['cramp', 'now', '--plain', '--where', 'calf']\n"
        "runpy.run_module('tests.fast_cramp', run_name='__main__')\n")
    env = {**os.environ, "CRAMP_CONFIG_DIR": str(tmp_path / "c"),
           "CRAMP_DATA_DIR": str(tmp_path / "d"), "CRAMP_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", probe], input="\n\nq\n", capture_output=True,
                         text=True, cwd=ROOT, env=env, timeout=60)
    seen = out.stdout.rsplit("COLLECTING", 1)[-1].strip()
    assert seen.startswith("[True") and "False" not in seen, out.stdout[-500:]
