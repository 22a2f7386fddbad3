"""Shared test helpers: every test gets its own config and data directories and a fake clock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.app.app import CrampApp, Start, make_app
from tui.settings import Settings


class FakeClock:
    """A monotonic clock that only moves when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        """As time.sleep: the hold in plain mode counts through at once."""
        self.now += max(seconds, 0.0)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Never touch the real user's settings, diary or cache, nor the checkout (reports are
    written to the current directory)."""
    work = tmp_path.with_name(tmp_path.name + "-cwd")  # beside tmp_path: tests list its files
    work.mkdir()
    monkeypatch.chdir(work)
    # A child process started from there must run the same cramp as the tests (this checkout),
    # not whatever copy is installed in the environment.
    root = str(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH", "")) if p))
    monkeypatch.setenv("CRAMP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CRAMP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CRAMP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def new_app(clock):
    def build(start: Start | None = None, settings: Settings | None = None, **kwargs) -> CrampApp:
        return make_app(start=start, clock=clock, settings=settings or Settings(), **kwargs)

    return build


def text(widget) -> str:
    """The plain text a widget shows, without markup."""
    visual = widget.visual
    return getattr(visual, "plain", None) or str(visual)


def screen_text(app) -> str:
    """Everything the current screen shows in Static widgets and choices, as plain text."""
    from tui.app.widgets.choice_list import ChoiceList

    return "\n".join(
        ("\n".join(t.plain for t in w.texts()) if isinstance(w, ChoiceList) else text(w))
        for w in app.screen.query("Static, ChoiceList") if w.display)


async def click_choice(pilot, name: str) -> None:
    """Click the row named `name` (Row.row_name: "now", "calf", "y", "hold"...) of the choices
    on screen, where the terminal drew it."""
    from tui.app.widgets.choice_list import ChoiceList

    for choices in pilot.app.screen.query(ChoiceList):
        if any(row.row_name == name for row in choices.rows):
            await pilot.click(choices, offset=(3, choices.line_of(name)))
            return
    raise AssertionError(f"no choice named {name!r} on {pilot.app.screen}")
