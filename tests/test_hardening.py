"""Hardening: the Never list in design.md, checked with random input.

- Random key sequences and terminal resizes (and jumps of the clock) on every screen never crash
  the app, and afterwards the danger signs are still one key away.
- Randomly broken guide files are only ever reported: `check_dir`, `load_library` and
  `cramp check` never raise or print a traceback.
- Escape sequences and control characters in a user's guide file are rejected with a message
  naming the file and step, and never reach the library (so never the terminal).

The Hypothesis runs are derandomized (the same examples on every run, so CI is stable) and sized to
keep this file near a minute on 2 cores. For a longer local hunt:
    CRAMP_HYPOTHESIS_SCALE=10 .venv/bin/python -m pytest tests/test_hardening.py
and CRAMP_HYPOTHESIS_SHRINK=1 to shrink a failing example to a minimal one.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib.util
import os
import random
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events

from tests.conftest import FakeClock
from tui.app.app import Start, make_app
from tui.content import Problem, bundled_guides_dir, check_dir, load_library
from tui.content.models import Context
from tui.walk.engine import Engine
from tui.app.screens.danger import DangerScreen
from tui.settings import Settings

SCALE = max(1, int(os.environ.get("CRAMP_HYPOTHESIS_SCALE", "1")))
ROOT = Path(__file__).resolve().parent.parent


def hypothesis_settings(examples: int) -> settings:
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        derandomize=SCALE == 1,  # fixed examples in CI; a wider random search when scaled up
        database=None,
        print_blob=True,
        # Shrinking a failing key sequence can take minutes: on request only (the failing example
        # is printed either way).
        phases=[Phase.explicit, Phase.reuse, Phase.generate]
        + ([Phase.shrink] if os.environ.get("CRAMP_HYPOTHESIS_SHRINK") else []),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                               HealthCheck.data_too_large],
    )


# -- random keys and resizes --------------------------------------------------------------------

# Screens that Home opens with one key. Each is driven only if its module exists in this tree (they
# are being written alongside); test_home_keys_open_their_screens says which are missing.
SCREEN_KEYS = {"l": "tui.app.screens.library", "slash": "tui.app.screens.search",
               "d": "tui.app.screens.diary", "o": "tui.app.screens.settings"}


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


AVAILABLE_SCREEN_KEYS = [k for k, m in SCREEN_KEYS.items() if _exists(m)]

# Every key the app binds, the keys a person might hit by mistake, navigation and editing keys.
# Left out: q / ctrl+q / ctrl+c (quit: the run would end early; test_journeys covers them) and
# ctrl+p (the command palette can save a screenshot into the working directory).
KEYS = [
    "enter", "space", "escape", "tab", "shift+tab", "up", "down", "left", "right", "home",
    "end", "pageup", "pagedown", "backspace", "delete",
    "y", "n", "h", "b", "s", "t", "p", "1", "2", "3", "4", "5", "0", "9",
    "exclamation_mark", "question_mark", "a", "e", "x", "z", "c", "m", "r", "w", "k", "j",
    "comma", "full_stop", "minus", "plus", "at", "f1", "ctrl+l",
    *AVAILABLE_SCREEN_KEYS,
]
SIZES = st.tuples(st.sampled_from([10, 20, 39, 40, 59, 60, 80, 119, 120, 200]),
                  st.sampled_from([4, 8, 11, 12, 19, 20, 24, 40, 60]))
# Keys come in bursts, posted the way the terminal driver posts them: without waiting for the app
# to finish the previous one (a person mashing keys, or keys arriving mid screen switch).
BURST = st.lists(st.sampled_from(KEYS), min_size=1, max_size=8).map(lambda keys: ("keys", *keys))
ACTION = st.one_of(
    *[BURST] * 6,
    SIZES.map(lambda size: ("resize", *size)),
    st.sampled_from([1.0, 5.0, 30.0, 601.0]).map(lambda s: ("time", s)),
)
START = st.one_of(
    st.just(None),  # `cramp`: Home
    st.builds(lambda ctx: Start(ctx=ctx), st.builds(Context)),  # `cramp now`: where is it?
    st.builds(
        lambda site, helper, position, pregnant: Start(
            site=site, ctx=Context(helper=helper, position=position, pregnant=pregnant)),
        st.sampled_from(["calf", "hamstring", "quad", "foot"]), st.booleans(),
        st.sampled_from([None, "bed", "sitting", "standing"]), st.booleans(),
    ),
)


def _key_event(key: str) -> events.Key:
    """The Key event a terminal would deliver for `key` (as Pilot builds it)."""
    if len(key) == 1:
        return events.Key(key, key)
    special = {"enter": "\r", "tab": "\t", "escape": "\x1b", "space": " ", "backspace": "\x7f",
               "at": "@", "plus": "+", "minus": "-", "slash": "/", "delete": None}
    if key in special:
        return events.Key(key, special[key])
    try:
        return events.Key(key, unicodedata.lookup(key.upper().replace("_", " ")))
    except KeyError:
        return events.Key(key, None)


def _tick_everything(app) -> None:
    """What the real timers would do after the clock moved: let every clock on screen notice."""
    from tui.app.widgets.cramp_clock import CrampClock
    from tui.app.widgets.hold_timer import HoldTimer

    for widget in [*app.screen.query(HoldTimer), *app.screen.query(CrampClock)]:
        widget.tick()


def _ended(app) -> bool:
    return app.return_code is not None or app._exception is not None


async def _still_answers(pilot) -> bool:
    """The danger signs open with "!" (after closing whatever has the keyboard, if needed)."""
    app = pilot.app
    for _ in range(6):
        if _ended(app):
            return True  # it left by its own quit path; run_test re-raises if it crashed
        if isinstance(app.screen, DangerScreen):
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        if isinstance(app.screen, DangerScreen):
            return True
        await pilot.press("escape")  # an input, a palette or a dialog had the key
        await pilot.pause()
    return False


async def _drive(start, actions, size) -> None:
    clock = FakeClock()
    app = make_app(start=start, clock=clock, settings=Settings())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for action in actions:
            if _ended(app):
                break
            if action[0] == "keys":
                for key in action[1:]:
                    app.post_message(_key_event(key))
                await pilot.pause()
            elif action[0] == "resize":
                await pilot.resize_terminal(action[1], action[2])
            else:
                clock.advance(action[1])
                _tick_everything(app)
                await pilot.pause()
        await pilot.resize_terminal(80, 24)
        assert await _still_answers(pilot), (
            f"'!' no longer opens the danger signs; stuck on {type(app.screen).__name__}")
    assert app.return_code in (None, 0), f"exit code {app.return_code}"


@hypothesis_settings(examples=18)
@given(start=START, actions=st.lists(ACTION, min_size=15, max_size=35), size=SIZES)
def test_random_keys_and_resizes_never_crash(start, actions, size):
    asyncio.run(_drive(start, actions, size))


# -- crashes the random runs found, kept as plain tests (each also crashes the real `cramp` in a
# pseudo-terminal with the same keys) ----------------------------------------------------------


async def _burst(pilot, *keys: str) -> None:
    """Keys as a terminal delivers a fast double press or key repeat: queued all at once."""
    for key in keys:
        pilot.app.post_message(_key_event(key))
    await pilot.pause()
    await pilot.pause()


async def test_escape_on_the_first_screen_of_cramp_now_goes_home(new_app):
    """`cramp now --where calf`, then Esc. The stretch screen is the app's first (default) screen,
    and switch_screen() cannot replace that one: IndexError in Screen._pop_result_callback."""
    from tui.app.screens.home import HomeScreen

    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_keys_that_arrive_before_the_stretch_screen_is_mounted(new_app):
    """Home: Enter, 1, then y held down (key repeat). The first y reaches the new StepScreen
    before its widgets are mounted: NoMatches 'CrampClock' in StepScreen.go."""
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await _burst(pilot, "1", "y", "y")
        assert app.screen.session.walk.flow in ("calf", "aftercare")


async def test_double_yes_on_the_blood_clot_question(new_app):
    """Pregnant, the clot question, "y" pressed twice quickly: each key starts a worker that
    answers whatever step the walk is on by then, so the second answers the urgent end step:
    WalkError "'y' is not an answer to step safety:clot-urgent"."""
    app = new_app(start=Start(site="calf", ctx=Context(pregnant=True)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.session.view.qid == "safety:clot-check"
        await _burst(pilot, "y", "y")
        assert app.screen.session.view.qid == "safety:clot-urgent"


async def test_no_then_still_cramping_on_the_blood_clot_question(new_app):
    """Pregnant, the clot question: "n" (no), then "n" at once (still cramping, hold again). The
    two answers run as two workers whose render_step calls interleave in ChoiceList.show:
    DuplicateIds 'choice-hold'. (Deterministic in a real terminal: `cramp now --where calf
    --pregnant`, then type nn.)"""
    app = new_app(start=Start(site="calf", ctx=Context(pregnant=True)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _burst(pilot, "n", "n")
        assert app.screen.session.view.qid == "calf:stretch"


@pytest.mark.parametrize("site_key", ["1", "4"])
async def test_enter_escape_and_a_site_key_in_quick_succession(new_app, site_key):
    """Home: Enter, Esc, 1 typed fast (a terminal with the kitty keyboard protocol, which Textual
    turns on, sends Esc without the usual escape delay). The "1" still reaches the Where screen
    after Esc popped it; start_walk then switches the screen under it and the new StepScreen's
    on_mount finds no StepCard: NoMatches."""
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _burst(pilot, "enter", "escape", site_key)
        assert await _still_answers(pilot)


@pytest.mark.parametrize("size", [(30, 10), (20, 4), (10, 40)])
async def test_page_down_in_the_library_below_the_minimum_size(new_app, size):
    """Below 40x12 the screen says which size it needs; the library's list underneath has no
    lines, and Down / PageDown then crash Textual's OptionList (KeyError in _move_page)."""
    app = new_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("down", "pagedown", "pageup", "end")
        await pilot.pause()
        assert await _still_answers(pilot)


@pytest.mark.parametrize("key", sorted(SCREEN_KEYS))
async def test_home_keys_open_their_screens(new_app, key):
    """Each Home row opens its screen; a row whose screen is not written yet would crash."""
    if not _exists(SCREEN_KEYS[key]):
        pytest.skip(f"{SCREEN_KEYS[key]} does not exist yet: pressing {key!r} on Home would crash")
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = type(app.screen)
        await pilot.press(key)
        await pilot.pause()
        assert type(app.screen) is not home
        assert await _still_answers(pilot)


async def test_resize_in_the_middle_of_a_hold(new_app, clock):
    """Shrinking the terminal below the minimum and back, mid-hold, neither crashes nor moves the
    end of the hold."""
    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        for width, height in [(30, 8), (10, 4), (200, 60), (40, 12), (39, 11), (80, 24)]:
            clock.advance(0.5)
            await pilot.resize_terminal(width, height)
            app.screen.timer.tick()
            await pilot.pause()
            assert app.screen.timer.state == "holding"
        clock.advance(2.0)  # 3 s went by in the loop: 5 s in all
        app.screen.timer.tick()
        await pilot.pause()
        assert app.screen.timer.state == "done"


# -- broken guide files --------------------------------------------------------------------------

BUNDLED = bundled_guides_dir()
CONTENT_FILES = sorted(
    str(p.relative_to(BUNDLED))
    for p in [*BUNDLED.glob("flows/*.toml"), *BUNDLED.glob("pages/*.md"),
              BUNDLED / "danger.toml", BUNDLED / "sources.toml"]
)
ORIGINAL = {name: (BUNDLED / name).read_text(encoding="utf-8") for name in CONTENT_FILES}
SNIPPETS = [
    "[[step]]", "[[step.choice]]", "[[step.variant]]", 'id = "stretch"', 'id = "calf"',
    'next = "nowhere"', 'next = "aftercare:start"', "hold = 0", "hold = nan", "hold = -5",
    "hold = 1e400", 'key = "1"', 'kind = "question"', 'kind = "end"', "gate = true",
    'when = { pregnant = true }', 'default = "z"', '"""', "+++", "[", "]", "=", '"', "\\",
    'title = "\\u001b[2J"', 'text = "\\u0007 bell"', "\x1b[31m", "\x00", "\x9b", "\u202e",
    "\ufeff", "é", "💪", "\t", "\r", "pages = [\"nope\"]", "sources = []",
    "related = [\"night-cramps\"]", "[link](missing.md#x)", "[x](https://example.com)",
    "# Heading", "a" * 300,
]


@st.composite
def broken_file(draw):
    """A bundled content file with a few random edits: delete, duplicate, replace or insert
    characters or lines, or swap lines."""
    name = draw(st.sampled_from(CONTENT_FILES))
    text = ORIGINAL[name]
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        j = draw(st.integers(0, max(len(lines) - 1, 0)))
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        op = draw(st.sampled_from(["del-line", "dup-line", "swap-lines", "del-chars",
                                   "replace-char", "insert", "truncate", "replace-line"]))
        if op == "del-line":
            del lines[i]
        elif op == "dup-line":
            lines.insert(j, lines[i])
        elif op == "swap-lines":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "replace-line":
            lines[i] = draw(st.sampled_from(SNIPPETS))
        if op in ("del-line", "dup-line", "swap-lines", "replace-line"):
            text = "\n".join(lines)
        elif op == "del-chars":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif op == "replace-char":
            char = draw(st.one_of(st.characters(), st.sampled_from(list('"[]=\\\n#{}+:,'))))
            text = text[:at] + char + text[at + 1:]
        elif op == "insert":
            text = text[:at] + draw(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=8))) \
                + text[at:]
        else:
            text = text[:at]
    return name, text


def _check_problems(problems) -> None:
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        shown = str(problem)
        assert "\x1b" not in shown and "\x9b" not in shown


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")


@pytest.fixture(scope="module")
def guides_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("guides") / "guides"
    shutil.copytree(BUNDLED, copy)
    return copy


@hypothesis_settings(examples=120)
@given(change=broken_file())
def test_broken_guides_are_reported_never_raised(guides_copy, tmp_path_factory, change):
    name, text = change
    target = guides_copy / name
    try:
        _write(target, text)
        _check_problems(check_dir(guides_copy))  # a complete set of guides, one file broken
    finally:
        target.write_text(ORIGINAL[name], encoding="utf-8")

    extra = tmp_path_factory.mktemp("extra")  # the same file as a user's extra guide
    _write(extra / name, text)
    _check_problems(check_dir(extra))
    loaded = load_library(extra_dirs=[extra])
    for warning in loaded.warnings:
        assert isinstance(warning, str) and "\x1b" not in warning
    engine = Engine(loaded.library)  # whatever was let in still works
    for flow in loaded.library.site_flows:
        engine.start(flow.site, Context())
    shutil.rmtree(extra)


def _mangle(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(12):
        at = rng.randrange(len(chars))
        chars[at] = rng.choice(['"', "[", "]", "=", "\n", "\x1b", "é", "\\", "{"])
    return "".join(chars)


def test_cramp_check_never_shows_a_traceback(tmp_path):
    rng = random.Random(2026)
    cases = {
        "mangled": lambda d: _write(d / "flows/calf.toml",
                                    _mangle(rng, ORIGINAL["flows/calf.toml"])),
        "truncated": lambda d: _write(d / "flows/safety.toml", ORIGINAL["flows/safety.toml"][:333]),
        "not-utf8": lambda d: (d / "pages/quinine.md").write_bytes(
            b"+++\nid = \"\xff\xfe\"\n+++\n"),
        "page-front-matter": lambda d: _write(
            d / "pages/night-cramps.md", ORIGINAL["pages/night-cramps.md"].replace("+++", "++", 1)),
        "flows-is-a-file": lambda d: (shutil.rmtree(d / "flows"), _write(d / "flows", "x")),
    }
    for label, breakage in cases.items():
        root = tmp_path / label
        shutil.copytree(BUNDLED, root)
        breakage(root)
        out = subprocess.run([sys.executable, "-m", "tui", "check", str(root)], capture_output=True,
                             text=True, cwd=ROOT, timeout=60)
        shown = out.stdout + out.stderr
        assert "Traceback" not in shown, f"{label}:\n{shown}"
        assert out.returncode in (0, 1), f"{label}: exit {out.returncode}\n{shown}"
        if label != "flows-is-a-file":
            assert out.returncode == 1 and shown.strip(), f"{label}: not reported\n{shown}"


# -- untrusted content ---------------------------------------------------------------------------

HOSTILE_FLOW = '''id = "evil"
title = "Evil cramp"
site = "evil"
site_label = "Evil"
key = "9"
start = "stretch"
sources = ["NHS"]

[[step]]
id = "stretch"
kind = "stretch"
title = "Pull your toes up{payload}"
do = "Pull."
how = "Gently."
why = "Because."
hold = 5
eased = "done"

[[step]]
id = "done"
kind = "end"
title = "Done"
outcome = "eased"
'''

HOSTILE_PAGE = '''+++
id = "evil-page"
title = "Evil page"
summary = "Looks harmless."
sources = ["NHS"]
+++

# Evil page

Some text.{payload}
'''

# In TOML a \\u escape is the only way to get a control character into a string; a raw one is a
# TOML error. Both must be refused.
PAYLOADS = {
    "csi-escaped": "\\u001b[2J\\u001b[31m",
    "osc-title": "\\u001b]0;pwned\\u0007",
    "c1-csi": "\\u009b31m",
    "bell": "\\u0007",
    "bidi-override": "\\u202e",
    "raw-escape": "\x1b[31m",
}


def _all_text(library) -> str:
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    for group in (library.flows, library.pages, library.sources):
        for model in group.values():
            walk(dataclasses.asdict(model))
    if library.danger:
        walk(dataclasses.asdict(library.danger))
    return "\n".join(parts)


@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
def test_escape_sequences_in_a_users_flow_are_rejected(tmp_path, payload):
    extra = tmp_path / "mine"
    _write(extra / "flows" / "evil.toml", HOSTILE_FLOW.replace("{payload}", PAYLOADS[payload]))
    loaded = load_library(extra_dirs=[extra])
    assert "evil" not in loaded.library.flows
    assert loaded.warnings, "the rejected file must be reported"
    warning = "\n".join(loaded.warnings)
    assert "evil.toml" in warning
    if payload != "raw-escape":  # a raw ESC is a TOML syntax error: the file and line are named
        assert "step 'stretch'" in warning and "control character" in warning, warning
    for shown in (warning, _all_text(loaded.library)):
        assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown
    problems = check_dir(extra)
    assert any(p.file.name == "evil.toml" for p in problems)
    _check_problems(problems)


@pytest.mark.parametrize("payload", ["csi-escaped", "c1-csi", "raw-escape"])
def test_escape_sequences_in_a_users_page_are_rejected(tmp_path, payload):
    extra = tmp_path / "mine"
    # In the page body the text is Markdown, not TOML: decode the \u escape into the real char.
    body = PAYLOADS[payload].encode().decode("unicode_escape")
    _write(extra / "pages" / "evil-page.md", HOSTILE_PAGE.replace("{payload}", body))
    loaded = load_library(extra_dirs=[extra])
    assert "evil-page" not in loaded.library.pages
    warning = "\n".join(loaded.warnings)
    assert "evil-page.md" in warning and "control character" in warning, warning
    assert "\x1b[" not in _all_text(loaded.library) and "\x1b" not in warning


def test_every_control_character_is_found_among_printable_text():
    """first_control (which keeps escapes out of the library) finds every Cc and Cf character,
    in the Basic Multilingual Plane and beyond, wherever it sits in otherwise clean text."""
    from tui.content.models import first_control

    astral = [0x110BD, 0x1D173, 0xE0001, 0xE007F, 0x1F600, 0x10FFFD]
    for code in [*range(0x10000), *astral]:
        char = chr(code)
        expected = (None if char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cf")
                    else 6)
        assert first_control(f"Calf\n\t{char}é ok") == expected, hex(code)


def test_a_damaged_content_cache_is_ignored(tmp_path, monkeypatch):
    """Whatever is in the cache file (truncated, garbage, another version's), the guides load."""
    from tui.content import cache

    monkeypatch.setenv("CRAMP_CACHE_DIR", str(tmp_path / "cache"))
    expected = set(load_library().library.flows)
    for junk in (b"", b"\x80\x04garbage", cache.cache_path().read_bytes()[:50], b"\x00" * 999):
        cache.cache_path().write_bytes(junk)
        assert set(load_library().library.flows) == expected


def test_cramp_check_does_not_pass_escapes_to_the_terminal(tmp_path):
    extra = tmp_path / "mine"
    _write(extra / "flows" / "evil.toml",
           HOSTILE_FLOW.replace("{payload}", PAYLOADS["csi-escaped"]))
    out = subprocess.run([sys.executable, "-m", "tui", "check", str(extra)], capture_output=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 1
    shown = out.stdout + out.stderr
    assert b"evil.toml" in shown and b"step 'stretch'" in shown
    assert b"\x1b" not in shown


async def test_escape_twice_on_the_first_screen_of_cramp_now(new_app):
    from tui.app.screens.home import HomeScreen

    app = new_app(start=Start(site="calf"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _burst(pilot, "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter", "enter")  # a new walk from Home, and home again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_broken_bundled_guides_are_named_on_screen_not_a_crash(new_app, monkeypatch):
    from tui.content import ContentError, Problem
    from tests.conftest import screen_text
    from tui.app.screens.content_error import ContentErrorScreen

    def broken(*args, **kwargs):
        raise ContentError([Problem(Path("guides/flows/calf.toml"), 3, "", "broken for the test")])

    monkeypatch.setattr("tui.content.load_library", broken)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ContentErrorScreen)
        assert "calf.toml:3" in screen_text(app)
