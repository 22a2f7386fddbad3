"""The `cramp` command fed random argument lists: never a traceback, whatever is typed.

Arguments are built from the real parser's subcommands and option names, mixed with random text
(escape sequences, bidi controls, lone surrogates as undecodable bytes arrive, very long words) and
huge or odd numbers. Each list runs through the real entry point, `tui.__main__.main`, in process
with stdin at end of file (so plain mode is chosen and every walk ends at once); a few run as real
subprocesses. Exiting through SystemExit (argparse, --help) is fine; any other exception, a
"Traceback" on stderr, or a control character in an error message fails.

Side effects stay in temporary directories: the working directory and HOME are temporary, the
random text never contains "/" or "~" (so `-o FILE` writes there), `serve` is stubbed out and the
full-screen app may never start.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.terminal import REPO, cramp_command
from tests.test_cli_common_options import SHIN_FLOW
from tui.__main__ import main
from tui.app.app import CrampApp
from tui.cli.parser import build_parser


def command_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(subcommand path, [(option, takes a value)], number of positionals) at every level."""
    options, positionals, subcommands = [], 0, []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            subcommands += action.choices.items()
        elif action.option_strings:
            options += [(o, action.nargs != 0) for o in action.option_strings]
        else:
            positionals += 1
    yield path, options, positionals
    for name, sub in subcommands:
        yield from command_paths(sub, (*path, name))


PATHS = list(command_paths(build_parser()))
COMMANDS = sorted({word for path, _, _ in PATHS for word in path})
OPTIONS = sorted({option for _, options, _ in PATHS for option, _ in options})
NASTY = ["\x1b[2J", "\x1b]0;pwned\x07", "\u202e", "\u200b", "\r", "\n", "\t", "[/]", "[b]x",
         "\udcff", "\udc80", "\ud800", "-", "--", "=", "", " ", "x" * 5000, "é", "𝄞"]
NUMBERS = ["9223372036854775807", "9223372036854775808", "-9223372036854775809", "1" * 5000,
           "1e400", "-1e400", "nan", "inf", "-0", "0", "0x10", "1_000", "٣", "3.5", " 2 "]
# Values the commands accept, so that walks, diary writes and exports really run.
PLAUSIBLE = ["calf", "Calf", "foot", "shin", "1", "2", "3", "30", "90", "md", "csv", "json",
             "exercise,cold", "none", "03:10", "2026-01-01 03:10", "now", "quinine", "export.md",
             ".", "guides", "ansi-dark", "cramp-high-contrast"]

text = st.text(st.characters(exclude_characters="/~\x00"), max_size=20)
random_text = st.one_of(text, st.sampled_from(NASTY),
                        st.lists(st.sampled_from(NASTY) | text, max_size=4).map("".join))
number = st.one_of(st.sampled_from(NUMBERS), st.integers(-(10**30), 10**30).map(str))
value = st.one_of(st.sampled_from(PLAUSIBLE), random_text, number, st.sampled_from(COMMANDS))
option_with_value = st.tuples(st.sampled_from([o for o in OPTIONS if o.startswith("--")]),
                              value).map("=".join)
token = st.one_of(st.sampled_from(COMMANDS), st.sampled_from(OPTIONS), option_with_value, value)


@st.composite
def command_line(draw) -> list[str]:
    """A subcommand path with its own options and values, the shared options on either side,
    and now and then a stray token."""
    path, options, positionals = draw(st.sampled_from(PATHS))
    args = draw(st.lists(st.sampled_from(["--plain", "--guides", "--theme"]), max_size=2))
    args = [word for option in args
            for word in ([option] if option == "--plain" else [option, draw(value)])]
    args += list(path)
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 9))
        if choice < 6 and options:
            option, takes_value = draw(st.sampled_from(options))
            args += [option, draw(value)] if takes_value else [option]
        elif choice < 8 and positionals:
            args.append(draw(value))
        else:
            args.append(draw(token))
    return args


argv = st.one_of(command_line(), st.lists(token, max_size=8))


def no_full_screen(self, *args, **kwargs):
    raise AssertionError("the full-screen app started during the argument fuzz")


def refuse_control_characters(message: str) -> None:
    """Error messages quote what was typed: never with a control character in it."""
    for char in message:
        assert char in "\n\t" or not (ord(char) < 32 or 0x7F <= ord(char) < 0xA0), repr(message)


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A temporary working directory and HOME, stdin at end of file, no app and no server."""
    work = tmp_path / "work"
    (work / "guides" / "flows").mkdir(parents=True)  # `--guides guides` adds a site: shin
    (work / "guides" / "flows" / "shin.toml").write_text(SHIN_FLOW, encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(CrampApp, "run", no_full_screen)
    monkeypatch.setattr("tui.web.serve.serve", lambda **kwargs: 0)
    with open("/dev/null", encoding="utf-8") as empty:
        monkeypatch.setattr(sys, "stdin", empty)
        yield work


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(args=argv)
def test_random_arguments_never_give_a_traceback(sandbox, args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as stop:  # argparse's usage errors, --help, --version
            code = stop.code
    assert code is None or isinstance(code, int)
    assert "Traceback (most recent call last)" not in err.getvalue()
    refuse_control_characters(err.getvalue())


# Real subprocesses, for what only a real process shows: bytes that are not UTF-8 as the system
# hands them over, Python's own flush at exit, and the exit status.
SAMPLES = [
    [b"log", b"add", b"--where", b"calf", b"--minutes", b"2", b"--note", b"\xff\xfe"],
    [b"serve", b"--host", b"\xff"],
    [b"--guides", b"\xc3\x28", b"now"],
    [b"log", b"delete", b"9223372036854775808", b"--yes"],
    [b"log", b"edit", b"1" * 5000, b"--minutes", b"1e400"],
    [b"read", b"\x1b]0;pwned\x07\x1b[2J"],
    [b"now", b"--where", b"\xe2\x80\xae"],
    [b"--theme", b"\x1b[2J", b"now", b"--plain"],
    [b"log", b"export", b"--days", b"-0", b"--format", b"\x1b[31m"],
]


@pytest.mark.parametrize("args", SAMPLES)
def test_random_arguments_in_a_real_process(sandbox, args):
    result = subprocess.run(cramp_command(*args), stdin=subprocess.DEVNULL, capture_output=True,
                            timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode in (0, 1, 2), result.stderr
    assert b"Traceback (most recent call last)" not in result.stderr
    refuse_control_characters(result.stderr.decode("utf-8", "replace"))
