"""What the system or a careless argument does to the `cramp` command: undecodable arguments,
numbers too big for the diary, a full disk, a closed pipe, closed standard streams, escape
sequences typed as arguments, and SIGTERM or SIGHUP to the full-screen app. Each gives one clear
line (or silence for a reader that left), the right exit status, no traceback, and every file as
it was. Driven through the real command: subprocesses, and a pseudo-terminal for the terminal."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.terminal import (ALT_SCREEN_OFF, ALT_SCREEN_ON, CURSOR_SHOWN, MOUSE_OFF, REPO,
                            Terminal, cramp_command)
from tui.content import load_library
from tui.diary.paths import diary_path

CALF = load_library().library.site_flow("calf").steps[0]
FULL_DISK = "cramp: cannot write the output: No space left on device\n"


def cramp(*args: str | bytes, stdout=subprocess.PIPE, preexec_fn=None,
          input: bytes = b"") -> subprocess.CompletedProcess:
    result = subprocess.run(cramp_command(*args), input=input, stdout=stdout,
                            stderr=subprocess.PIPE, cwd=REPO, timeout=60, preexec_fn=preexec_fn)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    return result


@pytest.fixture
def diary() -> Path:
    """A diary with one entry in it; the test checks that its file is unchanged afterwards."""
    assert cramp("log", "add", "--where", "calf", "--minutes", "2").returncode == 0
    return diary_path()


# -- arguments that are not valid text ---------------------------------------------------------
@pytest.mark.parametrize("args, where", [
    ([b"log", b"add", b"--where", b"calf", b"--minutes", b"2", b"--note", b"cramp \xff"],
     "the value of '--note'"),
    ([b"log", b"add", b"--where", b"calf", b"--minutes", b"2", b"--note=cramp \xff"],
     "the value of '--note'"),
    ([b"serve", b"--host", b"cramp \xff"], "the value of '--host'"),
    ([b"read", b"cramp \xff"], "argument 2"),
])
def test_invalid_utf8_in_an_argument_is_named(diary, args, where):
    before = diary.read_bytes()
    result = cramp(*args)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (f"cramp: {where} is not valid UTF-8 text: 'cramp \\xff'. "
                                      "Type it again in UTF-8 (most terminals use it).\n")
    assert diary.read_bytes() == before


# -- numbers too big for the diary ----------------------------------------------------------
@pytest.mark.parametrize("action", [["delete", "--yes"], ["edit", "--minutes", "3"]])
def test_an_id_too_big_for_the_diary_is_a_usage_error(diary, action):
    before = diary.read_bytes()
    result = cramp("log", action[0], "9223372036854775808", *action[1:])
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (f"cramp log {action[0]}: ID must be from 1 to "
                                      "9223372036854775807 (got '9223372036854775808')\n")
    assert diary.read_bytes() == before


# -- output that cannot be written -------------------------------------------------------------
OUTPUT_COMMANDS = [
    ["log", "list"], ["log", "export"], ["log", "summary"], ["read", "--list"], ["check"],
    ["now", "--plain", "--where", "calf"], ["--help"], ["--version"],
]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", OUTPUT_COMMANDS)
def test_a_full_disk_is_one_line_and_exit_1(diary, args):
    before = diary.read_bytes()
    with open("/dev/full", "wb") as full:
        result = cramp(*args, stdout=full)
    assert (result.returncode, result.stderr.decode()) == (1, FULL_DISK)
    assert diary.read_bytes() == before


@pytest.mark.parametrize("args", OUTPUT_COMMANDS)
def test_a_reader_that_left_is_a_quiet_exit(diary, args):
    before = diary.read_bytes()
    read_end, write_end = os.pipe()
    os.close(read_end)  # `cramp ... | head -0`: the reader is gone before the first line
    try:
        result = cramp(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, b"")
    assert diary.read_bytes() == before


# -- standard streams closed before cramp starts ---------------------------------------------
def test_no_stdin_at_all_in_a_terminal_gives_plain_mode_that_ends():
    with Terminal("now", "--where", "calf", stdin=subprocess.DEVNULL,
                  preexec_fn=lambda: os.close(0)) as term:
        code = term.finish()
    assert b"Traceback" not in term.output
    assert ALT_SCREEN_ON not in term.output and code == 0
    assert CALF.title.encode() in term.output and b"Input ended; stopping." in term.output


@pytest.mark.parametrize("closed", [1, 2])
def test_no_stdout_or_stderr_at_all_still_ends_cleanly(closed):
    result = cramp("now", "--where", "calf", preexec_fn=lambda: os.close(closed))
    assert (result.returncode, result.stderr) == (0, b"")
    if closed == 2:  # stdout still works: the walk was shown
        assert b"Input ended; stopping." in result.stdout


# -- escape sequences typed as arguments -------------------------------------------------------
PWNED = "\x1b]0;pwned\x07\x1b[2J"
SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J"


@pytest.mark.parametrize("args, message, code", [
    (["read", PWNED], f"cramp read: there is no page '{SHOWN}'.", 2),
    (["now", "--where", PWNED], f"there is no cramp site '{SHOWN}' in the guides.", 2),
    (["now", PWNED], f"cramp: error: unrecognized arguments: {SHOWN}", 2),
    (["log", "list", "--days", PWNED], "--days must be a whole number", 2),
    (["check", PWNED], f"1 problem in {SHOWN}", 1),
])
def test_escape_sequences_in_arguments_never_reach_the_terminal(args, message, code):
    result = cramp(*args)
    assert result.returncode == code
    assert message in result.stderr.decode()
    for control in (b"\x1b", b"\x07"):
        assert control not in result.stdout + result.stderr


def test_escape_sequences_in_an_unknown_theme_never_reach_the_terminal():
    with Terminal("--theme", PWNED) as term:
        assert term.finish() == 2
    assert f"no theme called '{SHOWN}'".encode() in term.output
    assert b"\x07" not in term.output and b"\x1b]0" not in term.output


# -- signals to the full-screen app ----------------------------------------------------------
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("moment", [b"Cramp", b""], ids=["home-drawn", "while-starting"])
def test_a_signal_to_the_full_screen_app_gives_the_terminal_back(signum, moment):
    with Terminal() as term:
        assert term.read_until(lambda out: ALT_SCREEN_ON in out and moment in out), term.output
        started = len(term.output)
        term.proc.send_signal(signum)

        def restored(out: bytes) -> bool:
            after = out[started:]
            return all(seq in after for seq in (ALT_SCREEN_OFF, CURSOR_SHOWN, *MOUSE_OFF))

        assert term.read_until(restored, timeout=30), term.output[started:]
        assert term.finish(timeout=30) == 128 + signum
    assert b"Traceback" not in term.output
