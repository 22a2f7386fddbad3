"""The options every mode shares mean the same before and after the subcommand, plain mode is
chosen whenever a full screen cannot work, and `now --where` knows every site the guides define.
Driven through the real `cramp` command, in a pseudo-terminal where a terminal matters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.terminal import ALT_SCREEN_ON, REPO, Terminal, cramp_command
from tui.cli.parser import build_parser
from tui.content import load_library

LIBRARY = load_library().library
CALF = LIBRARY.site_flow("calf").steps[0]
SHIN_FLOW = """\
id = "shin"
title = "Shin cramp"
summary = "Point the foot gently to stretch the front of the shin."
site = "shin"
site_label = "Shin (front of the lower leg)"
key = "5"
start = "stretch"
sources = ["NHS"]

[[step]]
id = "stretch"
kind = "stretch"
title = "Point the foot gently to ease the shin"
do = "Sit with the leg straight and gently point the foot away from you. Repeat until it eases."
how = "Gently, never into pain."
why = "Lengthening the cramped muscle helps it relax."
hold = 5
eased = "aftercare:start"
"""


@pytest.fixture
def shin_guides(tmp_path: Path) -> Path:
    """An extra guides directory that adds a cramp site the bundled guides do not have."""
    (tmp_path / "shin" / "flows").mkdir(parents=True)
    (tmp_path / "shin" / "flows" / "shin.toml").write_text(SHIN_FLOW, encoding="utf-8")
    return tmp_path / "shin"


def piped(*args: str, input: str = "") -> subprocess.CompletedProcess:
    result = subprocess.run(cramp_command(*args), input=input, capture_output=True, text=True,
                            cwd=REPO, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# -- before or after the subcommand ----------------------------------------------------------
@pytest.mark.parametrize("args", [["--plain", "now", "--where", "calf"],
                                  ["now", "--where", "calf", "--plain"]])
def test_plain_before_or_after_now_gives_plain_text_in_a_terminal(args):
    with Terminal(*args) as term:
        assert term.read_until(lambda out: b"> " in out), term.output
        term.send(b"q\n")
        assert term.finish() == 0
    assert ALT_SCREEN_ON not in term.output
    assert CALF.title.encode() in term.output and b"Stopped." in term.output


def test_plain_before_read_prints_the_page_in_a_terminal():
    with Terminal("--plain", "read", "quinine") as term:
        assert term.finish() == 0
    assert ALT_SCREEN_ON not in term.output
    assert LIBRARY.pages["quinine"].title.encode() in term.output


def test_guides_before_now_are_loaded(shin_guides):
    out = piped("--guides", str(shin_guides), "now", input="q\n")
    assert "Shin (front of the lower leg)" in out.stdout  # offered at "Where is the cramp?"


def test_guides_on_both_sides_are_all_loaded(tmp_path):
    args = build_parser().parse_args(["--guides", "a", "now", "--guides", "b", "--where", "calf"])
    assert args.guides == [Path("a"), Path("b")]
    assert build_parser().parse_args(["--guides", "a", "serve"]).guides == [Path("a")]


# -- choosing plain mode ----------------------------------------------------------------------
def test_no_input_in_a_terminal_gives_plain_mode_that_ends():
    with Terminal("now", "--where", "calf", stdin=subprocess.DEVNULL) as term:
        code = term.finish()
    assert ALT_SCREEN_ON not in term.output
    assert code == 0, term.output
    assert CALF.title.encode() in term.output and b"Input ended; stopping." in term.output


def test_errors_sent_to_a_file_give_plain_mode(tmp_path):
    # The full screen is drawn on stderr: sent to a file, a person would see nothing at all.
    with open(tmp_path / "errors.txt", "wb") as errors:
        with Terminal("now", "--where", "calf", stderr=errors) as term:
            assert term.read_until(lambda out: b"> " in out), term.output
            term.send(b"q\n")
            assert term.finish() == 0
    assert ALT_SCREEN_ON not in term.output + (tmp_path / "errors.txt").read_bytes()
    assert b"Stopped." in term.output


# -- the sites come from the guides -----------------------------------------------------------
def test_a_site_an_extra_guide_defines_can_be_started(shin_guides):
    out = piped("now", "--where", "shin", "--guides", str(shin_guides), input="q\n")
    assert out.returncode == 0
    assert "Point the foot gently to ease the shin" in out.stdout


def test_a_site_is_matched_whatever_its_case():
    out = piped("now", "--where", "Calf", input="q\n")
    assert out.returncode == 0 and CALF.title in out.stdout


def test_an_unknown_site_names_the_sites_the_guides_define(shin_guides, private_dirs):
    out = piped("now", "--where", "elbow", "--guides", str(shin_guides))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == ("cramp now: --where: there is no cramp site 'elbow' in the guides. "
                          "Choose one of: calf, hamstring, quad, foot, shin\n")
    assert not (private_dirs / "data").exists()  # nothing was started or logged


def test_a_mistyped_site_gets_a_suggestion():
    out = piped("now", "--where", "claf")
    assert out.returncode == 2 and "Did you mean calf?" in out.stderr


def test_an_unknown_site_in_plain_mode_imports_no_textual(tmp_path):
    code = ("import sys; from tui.__main__ import main; rc = main(sys.argv[1:]); "
            "print(rc, 'textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, "now", "--where", "elbow"],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            cwd=REPO, timeout=60)
    assert result.stdout.split() == ["2", "False"]

