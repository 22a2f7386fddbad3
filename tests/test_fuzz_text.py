"""Hypothesis: arbitrary text in every field a person or a file can set never crashes cramp and
never puts a control character on the screen or in plain output.

Text is built from the pieces that break terminals and markup (square brackets and "[/]", escape
sequences, bidi overrides, zero-width characters, lone surrogates, carriage returns, very long
lines) mixed with random characters. It goes into:
- the settings file (emergency number, theme, hold length, the wrong types);
- every text field of the guides (a copy of the bundled guides with one field changed, loaded as
  the full set, and as an extra guides directory);
- arguments (`--theme`, `--guides`, `check DIR`) of the real command.
Then every screen is drawn headless with Pilot and its cells read back; every plain-mode path runs
in-process (and the command in a subprocess); each must end without an exception and without a
control character other than a newline in what it shows.

Derandomized and sized to run in about a minute; CRAMP_HYPOTHESIS_SCALE=10 searches wider.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tui.content
from tui.content import bundled_guides_dir

SCALE = max(1, int(os.environ.get("CRAMP_HYPOTHESIS_SCALE", "1")))
GUIDES = bundled_guides_dir()
ROOT = Path(__file__).resolve().parent.parent

PIECES = ["[/]", "[b]", "[/b]", "[/EU]", "\\[", "\\", "[link=file:///etc/passwd]x[/link]",
          "[@click=app.quit]q[/]", "\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m", "\r", "\t", "\x00",
          "\x7f", "\u202e", "\u2066", "\u200b", "\ufeff", "\ud800", "\udcff", "{emergency}",
          "+++", "#", "\n", " ", "112", "é", "日本", "\U0001f9b5"]
text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=8).map("".join)
long_line = st.sampled_from(["x" * 5000, "[/]" * 2000, "word " * 1500])
fuzz_text = st.one_of(text, text, text, long_line)


def fuzz_settings(examples: int) -> settings:
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=SCALE == 1,
                    database=None, suppress_health_check=list(HealthCheck))


def controls(shown: str) -> list[str]:
    """Control and format characters other than newline that reached the output."""
    return sorted({c for c in shown if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs")})


# -- guides with one field changed --------------------------------------------------------------

# (file, key) -> the first `key = "` in that file gets the fuzz text in front of its value.
FIELDS = [
    ("danger.toml", "title"), ("danger.toml", "intro"), ("danger.toml", "heading"),
    ("danger.toml", "long_cramp_title"), ("danger.toml", "long_cramp_text"),
    ("danger.toml", "stretch_warning"), ("danger.toml", "disclaimer"),
    ("flows/calf.toml", "title"), ("flows/calf.toml", "summary"),
    ("flows/calf.toml", "site_label"), ("flows/calf.toml", "do"), ("flows/calf.toml", "how"),
    ("flows/calf.toml", "why"), ("flows/safety.toml", "label"), ("flows/aftercare.toml", "title"),
    ("sources.toml", "title"), ("pages/night-cramps.md", "title"),
    ("pages/night-cramps.md", "summary"), ("pages/night-cramps.md", "body"),
]


def toml_string(value: str) -> str:
    """value inside a TOML basic string. Lone surrogates cannot be written as UTF-8: they go in as
    their escapes, which TOML refuses (a content problem, which is one more path to check)."""
    return json.dumps(value)[1:-1]


def guides_with(root: Path, field: tuple[str, str], value: str) -> Path:
    shutil.copytree(GUIDES, root)
    path = root / field[0]
    content = path.read_text(encoding="utf-8")
    if field[1] == "body":
        content += "\n" + value.replace("\ud800", "?").replace("\udcff", "?") + "\n"
    else:
        marker = re.search(rf'^\s*{field[1]} = "', content, flags=re.MULTILINE)
        assert marker, field
        content = content[: marker.end()] + toml_string(value) + content[marker.end():]
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    return root


# -- the full-screen app ------------------------------------------------------------------------

# Notifications on: they quote settings and paths, and CrampApp.notify shows them as plain text.
NOTIFICATIONS = True


def screen_cells(app) -> str:
    """What the screen shows, cell by cell, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


# Each key sequence opens a screen from Home: the danger signs, the stretch (and with "p" the
# blood-clot question, with "y" aftercare), the library, search, settings.
DANGER, STRETCH, GATE, AFTERCARE = ["exclamation_mark"], ["enter", "1"], ["enter", "1", "p"], \
    ["enter", "1", "y"]
LIBRARY, SEARCH, SETTINGS = ["l"], ["slash", *"night"], ["o"]
# The screens that show each guide file's text (drawing all of them for every example is slow).
VISITS = {"danger.toml": [DANGER, STRETCH], "flows/calf.toml": [STRETCH],
          "flows/safety.toml": [GATE], "flows/aftercare.toml": [AFTERCARE],
          "sources.toml": [DANGER, LIBRARY], "pages/night-cramps.md": [LIBRARY, SEARCH]}


async def visit(app, visits: list[list[str]]) -> list[str]:
    """Home, then each screen in turn, back to Home between them; the cells of each."""
    from tui.app.screens.content_error import ContentErrorScreen

    seen: list[str] = []
    async with app.run_test(size=(120, 40), notifications=NOTIFICATIONS) as pilot:
        await pilot.pause()
        seen.append(screen_cells(app))
        for keys in visits:
            await pilot.press(*keys)
            await pilot.pause()
            seen.append(screen_cells(app))
            if isinstance(app.screen, ContentErrorScreen):
                return seen  # the guides did not load: this screen says why
            app.go_home()
            await pilot.pause()
    return seen


@fuzz_settings(6)
@given(number=fuzz_text, theme=fuzz_text,
       hold=st.one_of(fuzz_text, st.floats(), st.none(), st.integers()))
def test_any_settings_file_reaches_the_screen_as_plain_text(tmp_path_factory, number, theme,
                                                             hold):
    from tui.app.app import make_app

    path = tmp_path_factory.mktemp("settings") / "settings.json"
    path.write_text(json.dumps({"emergency_number": number, "theme": theme,
                                "hold_seconds": hold}), encoding="utf-8")
    app = make_app(settings_path=path)
    for shown in asyncio.run(visit(app, [DANGER, STRETCH, SETTINGS])):
        assert controls(shown) == [], shown


@pytest.fixture
def guides_root(tmp_path_factory, monkeypatch):
    def make(field, value) -> Path:
        root = guides_with(tmp_path_factory.mktemp("g") / "guides", field, value)
        monkeypatch.setattr(tui.content, "bundled_guides_dir", lambda: root)
        return root

    return make


@fuzz_settings(12)
@given(field=st.sampled_from(FIELDS), value=fuzz_text)
def test_any_guide_field_reaches_the_screen_as_plain_text(guides_root, new_app, field, value):
    guides_root(field, value)
    for shown in asyncio.run(visit(new_app(), VISITS[field[0]])):
        assert controls(shown) == [], shown


# -- plain mode, in-process ---------------------------------------------------------------------

PLAIN_INPUTS = ["!\n", "y\n", "n\ny\n", "p\ny\n", "h\nb\nn\nn\ny\n"]


@fuzz_settings(80)
@given(field=st.sampled_from(FIELDS), value=fuzz_text, number=fuzz_text,
       answers=st.sampled_from(PLAIN_INPUTS), as_extra=st.booleans(),
       site=st.sampled_from(["calf", "foot", None]))
def test_any_text_in_plain_mode_is_plain(guides_root, tmp_path_factory, monkeypatch, field,
                                         value, number, answers, as_extra, site):
    from tests.conftest import FakeClock
    from tui.plain import walker

    clock = FakeClock()  # a hold counts through at once
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("CRAMP_CONFIG_DIR", str(config))
    (config / "settings.json").write_text(json.dumps({"emergency_number": number}),
                                          encoding="utf-8")
    extra: tuple[Path, ...] = ()
    if as_extra:  # the changed file as an extra guide beside the bundled ones
        changed = guides_with(tmp_path_factory.mktemp("x") / "guides", field, value)
        extra = (changed,)
    else:
        guides_root(field, value)
    out, err = io.StringIO(), io.StringIO()
    code = walker.main(site, None, extra, stdin=io.StringIO(answers), stdout=out, stderr=err,
                       clock=clock, sleep=clock.sleep)
    assert code in (0, 1)
    assert controls(out.getvalue()) == [], out.getvalue()
    assert controls(err.getvalue()) == [], err.getvalue()
    if not as_extra and code == 0:
        from tui.settings import load_settings

        render_everything(load_settings()[0].emergency)


def render_everything(emergency: str) -> None:
    """Every render function over every step (as the walk shows it), ending and danger text of
    the library loaded."""
    from tui.content import load_library
    from tui.content.models import Context
    from tui.plain import render
    from tui.settings import Settings
    from tui.walk.engine import Walk
    from tui.walk.session import Session

    library = load_library().library
    session = Session(library, Settings(emergency_number=emergency), Context(helper=True))
    lines = render.danger_lines(library, emergency)
    lines += session.long_cramp_advice()
    for flow in library.flows.values():
        for step in flow.steps:
            qid = f"{flow.id}:{step.id}"
            session.walk = Walk(flow.id, step.id, session.ctx, visited=(qid,))
            view = session.view
            lines += render.step_lines(view)
            options = render.numbered([(a.key, a.label) for a in view.answers])
            lines += render.choice_lines(options, None) if options else []
            lines += render.end_lines(library, view, emergency) if view.kind == "end" else []
    for line in lines:
        assert controls(render.clean(line)) == [], line


# -- arguments, in the real command -------------------------------------------------------------

def run(argv: list[str], tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CRAMP_CONFIG_DIR": str(tmp / "c"), "CRAMP_DATA_DIR": str(tmp / "d"),
           "CRAMP_CACHE_DIR": str(tmp / "cache"),
           "PYTHONPATH": str(ROOT)}
    # Arguments reach a program as bytes: a lone surrogate becomes bytes that are not UTF-8.
    args = [a.encode("utf-8", "surrogatepass") for a in argv]
    return subprocess.run([os.fsencode(sys.executable), b"-m", b"tui", *args], input=b"!\n",
                          capture_output=True, cwd=tmp, env=env, timeout=60)


@fuzz_settings(6)
@given(value=fuzz_text.filter(lambda v: "\x00" not in v and v.strip()),
       form=st.sampled_from(["theme", "guides", "check"]))
def test_any_argument_is_reported_as_plain_text(tmp_path_factory, value, form):
    tmp = tmp_path_factory.mktemp("args")
    argv = {"theme": ["--theme", value, "now", "--plain", "--where", "calf"],
            "guides": ["now", "--plain", "--where", "calf", "--guides", value[:200]],
            "check": ["check", value[:200]]}[form]
    result = run(argv, tmp)
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert result.returncode in (0, 1, 2), err
    assert controls(out) == [], out
    assert controls(err) == [], err
