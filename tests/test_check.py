"""`cramp check` as a content author meets it: broken copies of the bundled guides, each problem
named with its file and its step or line and a message a person understands, and never a
traceback. Also extra guide directories, for `cramp check` and for load_library()."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

import tui.content
from tui.__main__ import main
from tui.content import ContentError, bundled_guides_dir, check_dir, load_library
from tui.content.models import Context
from tui.walk.engine import CONTINUE, EASED, Engine

GUIDES = bundled_guides_dir()
REPO = Path(__file__).resolve().parents[1]


# -- helpers ----------------------------------------------------------------------------------

# A line every bundled stretch step has, to add fields after.
EASED_LINE = 'eased = "aftercare:start"'


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def line_of(path: Path, marker: str, last: bool = False) -> int:
    numbers = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
               if marker in line]
    assert numbers, f"{marker!r} not in {path}"
    return numbers[-1] if last else numbers[0]


END_STEP = '''
[[step]]
id = "{id}"
kind = "end"
title = "Nobody gets here"
outcome = "stopped"
text = "Unreachable."
'''

LOOP_STEP = '''
[[step]]
id = "loop"
kind = "info"
title = "Round and round"
text = "This step only ever goes back to itself."
next = "loop"
'''


@dataclass
class Breakage:
    """One thing broken in a copy of the guides, and what `cramp check` must say about it."""

    file: str  # relative to the guides dir
    apply: Callable[[Path], None]
    message: str  # part of the message a person reads
    line: str | None = None  # a marker on the line the problem must point at
    last: bool = False  # the marker's last occurrence, not its first
    step: str | None = None  # the step the problem must name


def _flow(name: str) -> Callable[[Path], Path]:
    return lambda root: root / "flows" / name


BREAKAGES: dict[str, Breakage] = {
    "bad TOML syntax": Breakage(
        "flows/calf.toml",
        lambda r: edit(r / "flows/calf.toml", EASED_LINE, EASED_LINE + "\nhold = = 5"),
        "not valid TOML", line="hold = = 5"),
    "unknown field in a step": Breakage(
        "flows/calf.toml",
        lambda r: edit(r / "flows/calf.toml", EASED_LINE, EASED_LINE + "\nholdd = 3"),
        "unknown field", line="holdd = 3", step="stretch"),
    "target that does not exist": Breakage(
        "flows/calf.toml",
        lambda r: edit(r / "flows/calf.toml", 'eased = "aftercare:start"', 'eased = "nowhere"'),
        "goes to 'calf:nowhere', which does not exist", line='id = "stretch"', step="stretch"),
    "unreachable step": Breakage(
        "flows/quad.toml", lambda r: append(r / "flows/quad.toml", END_STEP.format(id="orphan")),
        "cannot be reached from any start", line='id = "orphan"', step="orphan"),
    "dead end": Breakage(
        "flows/quad.toml",
        lambda r: (edit(r / "flows/quad.toml", 'eased = "aftercare:start"', 'eased = "loop"'),
                   append(r / "flows/quad.toml", LOOP_STEP)),
        "no path from here reaches an end step", line='id = "loop"', step="loop"),
    "hold is zero": Breakage(
        "flows/calf.toml",
        lambda r: edit(r / "flows/calf.toml", EASED_LINE, EASED_LINE + "\nhold = 0"),
        "a hold must be from 1 to 60 seconds, not 0", line="hold = 0", step="stretch"),
    "hold is negative": Breakage(
        "flows/foot.toml",
        lambda r: edit(r / "flows/foot.toml", EASED_LINE, EASED_LINE + "\nhold = -5"),
        "a hold must be from 1 to 60 seconds, not -5", line="hold = -5", step="stretch"),
    "hold is nan": Breakage(
        "flows/foot.toml",
        lambda r: edit(r / "flows/foot.toml", EASED_LINE, EASED_LINE + "\nhold = nan"),
        "a hold must be from 1 to 60 seconds, not nan", line="hold = nan", step="stretch"),
    "unknown source id": Breakage(
        "flows/quad.toml",
        lambda r: edit(r / "flows/quad.toml", "sources = [", 'sources = [\n    "NOPE",'),
        "cites unknown source 'NOPE'", line="sources = ["),
    "duplicate step id": Breakage(
        "flows/quad.toml", lambda r: append(r / "flows/quad.toml", END_STEP.format(id="stretch")),
        "duplicate step id", line="[[step]]", last=True, step="stretch"),
    "duplicate flow id": Breakage(
        "flows/quad2.toml",
        lambda r: shutil.copy(r / "flows/quad.toml", r / "flows/quad2.toml"),
        "flow id 'quad' is already used", line='id = "quad"'),
    "escape sequence in a flow string": Breakage(
        "flows/calf.toml",
        lambda r: edit(r / "flows/calf.toml", 'why = "A cramp', r'why = "\u001b[31mA cramp'),
        "control character '\\x1b'", line=r'why = "\u001b', step="stretch"),
    "escape sequence in a field name": Breakage(
        "flows/calf.toml",
        lambda r: edit(r / "flows/calf.toml", EASED_LINE, EASED_LINE + '\n"\\u001b[2J" = 1'),
        "unknown field", step="stretch"),
    "control character in a page": Breakage(
        "pages/quinine.md",
        lambda r: edit(r / "pages/quinine.md", "Here is why.", "Here is \x1b[2Jwhy."),
        "control character '\\x1b'", line="Here is \x1b"),
    "page with a broken link": Breakage(
        "pages/night-cramps.md",
        lambda r: edit(r / "pages/night-cramps.md", "(pregnancy.md)", "(pregnancyy.md)"),
        "points to page 'pregnancyy', which does not exist", line="(pregnancyy.md)"),
    "page with a broken section link": Breakage(
        "pages/night-cramps.md",
        lambda r: edit(r / "pages/night-cramps.md", "(sodium-water.md#no-salt-water-before-bed)",
                       "(sodium-water.md#no-such-section)"),
        "points to section '#no-such-section', which page 'sodium-water' does not have",
        line="#no-such-section"),
    "page without front matter": Breakage(
        "pages/quinine.md",
        lambda r: (r / "pages/quinine.md").write_text(
            (r / "pages/quinine.md").read_text(encoding="utf-8").split("+++", 2)[2].lstrip(),
            encoding="utf-8"),
        "a page must start with a +++ line", line="# Why not quinine"),
    "page citing an unknown source": Breakage(
        "pages/quinine.md",
        lambda r: edit(r / "pages/quinine.md", 'sources = ["', 'sources = ["NOPE", "'),
        "cites unknown source 'NOPE'", line="sources = ["),
    "source address that is not a web address": Breakage(
        "sources.toml",
        lambda r: edit(r / "sources.toml", 'url = "https://www.nhs.uk/conditions/leg-cramps/"',
                       'url = "see the NHS site"'),
        "url must be a web address starting with https://", line="[[source]]"),
    "missing page referenced by a flow": Breakage(
        "flows/aftercare.toml", lambda r: (r / "pages/night-cramps.md").unlink(),
        "links to page 'night-cramps', which does not exist", line='pages = ["night-cramps"]',
        step="night"),
}


@pytest.fixture
def guides_copy(tmp_path: Path) -> Path:
    root = tmp_path / "guides"
    shutil.copytree(GUIDES, root)
    return root


def broken_copy(root: Path, case: str) -> Breakage:
    breakage = BREAKAGES[case]
    breakage.apply(root)
    return breakage


def expect_reported(root: Path, breakage: Breakage, out: str) -> None:
    """The problem's file, its line or step, and the message are on one line of the output."""
    assert "Traceback" not in out
    assert "could not be checked" not in out
    assert "\x1b" not in out, "an escape sequence from a guide file reached the terminal"
    file = root / breakage.file
    lines = [line for line in out.splitlines() if line.startswith(f"{file}:")]
    assert lines, f"{file} not named in:\n{out}"
    place = f"{file}:{line_of(file, breakage.line, breakage.last)}:" if breakage.line else None
    step = f"step '{breakage.step}'" if breakage.step else None
    assert place or step
    assert any(breakage.message in line and (place is None or line.startswith(place))
               and (step is None or step in line) for line in lines), \
        f"expected {place or ''} {step or ''} {breakage.message!r} in:\n{out}"


# -- every breakage, through main() ------------------------------------------------------------

@pytest.mark.parametrize("case", BREAKAGES, ids=list(BREAKAGES))
def test_check_reports_breakage(guides_copy: Path, case: str, capsys):
    breakage = broken_copy(guides_copy, case)
    assert main(["check", str(guides_copy)]) == 1
    out, err = capsys.readouterr()
    expect_reported(guides_copy, breakage, out)
    assert "problem" in err and str(guides_copy) in err
    # Every problem line names a file under the checked directory: nothing is reported elsewhere.
    assert all(line.startswith(f"{guides_copy}/") for line in out.splitlines()), out


@pytest.mark.parametrize("case", ["unknown field in a step", "hold is zero", "dead end",
                                  "escape sequence in a flow string"])
def test_check_in_a_real_process(guides_copy: Path, case: str):
    breakage = broken_copy(guides_copy, case)
    result = subprocess.run([sys.executable, "-m", "tui", "check", str(guides_copy)],
                            capture_output=True, text=True, cwd=REPO, timeout=60,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    expect_reported(guides_copy, breakage, result.stdout)
    assert result.stderr.strip().endswith(str(guides_copy))


def test_one_broken_step_is_one_problem(guides_copy: Path, capsys):
    """pydantic adds "Tuple should have at least 1 item" when a step fails: not for the author."""
    broken_copy(guides_copy, "hold is zero")
    assert main(["check", str(guides_copy)]) == 1
    out, _ = capsys.readouterr()
    assert len(out.splitlines()) == 1, out
    assert "Tuple" not in out and "needs 'hold'" not in out


def test_problems_with_and_without_lines_sort_together(guides_copy: Path):
    """A duplicate step (no line before) next to a problem with a line in the same file."""
    broken_copy(guides_copy, "duplicate step id")
    edit(guides_copy / "flows/quad.toml", "sources = [", 'sources = [\n    "NOPE",')
    problems = check_dir(guides_copy)
    assert [p.file.name for p in problems] == ["quad.toml", "quad.toml"]
    assert problems == sorted(problems)


# -- the bundled guides and a missing directory -----------------------------------------------

@pytest.mark.parametrize("argv", [["check"], ["check", str(GUIDES)]], ids=["default", "dir"])
def test_check_bundled_guides(argv: list[str], capsys):
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert len(lines) == 1
    assert ": ok (" in lines[0] and "flows" in lines[0] and "pages" in lines[0]


def test_check_missing_directory(tmp_path: Path, capsys):
    missing = tmp_path / "no-such-guides"
    assert main(["check", str(missing)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert f"{missing}: not a directory" in out or f"{missing}: does not exist" in out
    assert "1 problem" in err


def test_check_missing_directory_in_a_real_process(tmp_path: Path):
    missing = tmp_path / "no-such-guides"
    result = subprocess.run([sys.executable, "-m", "tui", "check", str(missing)],
                            capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert str(missing) in result.stdout


# -- extra guides: a directory without sources.toml ---------------------------------------------

EXTRA_FLOW = '''id = "shin"
title = "Shin cramp"
site = "shin"
site_label = "Front of the lower leg"
key = "5"
start = "stretch"
sources = ["NHS", "000_abf1707212c7f4f9.txt"]

[[step]]
id = "stretch"
kind = "stretch"
title = "Sit down and rest the leg"
do = "Sit down with the leg relaxed and rub the muscle gently. Repeat until it eases."
how = "Gently, never into pain."
why = "Rubbing a cramped muscle helps it relax."
hold = 5
eased = "{eased}"
'''


def extra_dir(tmp_path: Path, eased: str = "aftercare:start", name: str = "extra") -> Path:
    root = tmp_path / name
    (root / "flows").mkdir(parents=True)
    (root / "flows" / "extra.toml").write_text(EXTRA_FLOW.format(eased=eased), encoding="utf-8")
    return root


def test_check_good_extra_dir(tmp_path: Path, capsys):
    root = extra_dir(tmp_path)
    assert not (root / "sources.toml").exists()
    assert main(["check", str(root)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and len(out.splitlines()) == 1 and "ok" in out


def test_check_broken_extra_dir_reports_only_its_own_files(tmp_path: Path, capsys):
    root = extra_dir(tmp_path, eased="aftercare:nowhere")
    assert main(["check", str(root)]) == 1
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines and all(line.startswith(f"{root / 'flows' / 'extra.toml'}:") for line in lines)
    assert "goes to 'aftercare:nowhere', which does not exist" in out
    assert str(GUIDES) not in out


def test_check_extra_dir_that_breaks_the_bundled_guides(tmp_path: Path, capsys):
    """An extra flow that replaces the bundled aftercare without its "start" step leaves every
    bundled stretch pointing nowhere: that is this directory's problem, not "ok"."""
    root = tmp_path / "extra"
    (root / "flows").mkdir(parents=True)
    (root / "flows" / "aftercare.toml").write_text(
        EXTRA_FLOW.replace('id = "shin"', 'id = "aftercare"').format(eased="done")
        + END_STEP.format(id="done"), encoding="utf-8")
    assert main(["check", str(root)]) == 1
    out, _ = capsys.readouterr()
    where = f"{root / 'flows' / 'aftercare.toml'}:"
    assert all(line.startswith(where) for line in out.splitlines())
    assert "replaces part of the bundled guides" in out and "aftercare:start" in out


# -- extra guides: load_library -----------------------------------------------------------------

def test_load_library_skips_a_broken_extra_dir(tmp_path: Path):
    bundled = load_library().library
    loaded = load_library(extra_dirs=[extra_dir(tmp_path, eased="aftercare:nowhere")])
    assert set(loaded.library.flows) == set(bundled.flows)
    assert loaded.warnings
    assert all("extra.toml" in w for w in loaded.warnings)
    assert any("aftercare:nowhere" in w for w in loaded.warnings)


def test_load_library_skips_an_unparsable_extra_file(tmp_path: Path):
    root = extra_dir(tmp_path)
    edit(root / "flows" / "extra.toml", "hold = 5", "hold = = 5")
    good = extra_dir(tmp_path, name="good")
    loaded = load_library(extra_dirs=[root, good])
    assert "shin" in loaded.library.flows  # from the good directory
    assert len(loaded.warnings) == 1 and "not valid TOML" in loaded.warnings[0]
    assert str(root / "flows" / "extra.toml") in loaded.warnings[0]


def test_load_library_skips_a_missing_extra_dir(tmp_path: Path):
    loaded = load_library(extra_dirs=[tmp_path / "nope"])
    assert set(loaded.library.flows) == set(load_library().library.flows)
    assert len(loaded.warnings) == 1 and "nope" in loaded.warnings[0]


def test_load_library_adds_a_good_extra_flow(tmp_path: Path):
    loaded = load_library(extra_dirs=[extra_dir(tmp_path)])
    assert loaded.warnings == ()
    lib = loaded.library
    assert lib.site_flow("shin").key == "5"
    assert "shin" in [f.site for f in lib.site_flows]
    engine = Engine(lib)
    walk = engine.start("shin", Context())
    assert walk.qid == "shin:stretch"
    walk = engine.answer(walk, EASED)
    assert walk.qid == "aftercare:start"
    while not engine.finished(walk):
        walk = engine.answer(walk, CONTINUE)
    assert engine.step(walk).outcome == "eased"


def test_load_library_never_lets_an_extra_break_the_bundled_flows(tmp_path: Path):
    root = tmp_path / "extra"
    (root / "flows").mkdir(parents=True)
    (root / "flows" / "aftercare.toml").write_text(
        EXTRA_FLOW.replace('id = "shin"', 'id = "aftercare"').format(eased="done")
        + END_STEP.format(id="done"), encoding="utf-8")
    loaded = load_library(extra_dirs=[root])
    assert loaded.warnings and "aftercare.toml" in loaded.warnings[0]
    engine = Engine(loaded.library)
    for site in ("calf", "hamstring", "quad", "foot"):
        walk = engine.answer(engine.start(site, Context()), EASED)
        assert walk.qid == "aftercare:start"  # the bundled aftercare, still whole


def test_broken_bundled_guides_raise_content_error(guides_copy: Path, monkeypatch):
    broken_copy(guides_copy, "target that does not exist")
    monkeypatch.setattr(tui.content, "bundled_guides_dir", lambda: guides_copy)
    with pytest.raises(ContentError) as raised:
        load_library()
    assert raised.value.problems
    assert "calf.toml" in str(raised.value) and "nowhere" in str(raised.value)


# -- reading limits: warnings with file and line, never errors ----------------------------------
def test_bundled_stretches_are_within_the_reading_limits(capsys):
    assert main(["check"]) == 0
    out, _ = capsys.readouterr()
    assert "warning" not in out


def test_a_long_stretch_step_is_warned_about_with_its_file_and_line(tmp_path: Path, capsys):
    root = extra_dir(tmp_path)
    flow = root / "flows" / "extra.toml"
    long_do = ("Sit down with the leg relaxed and rub the muscle gently. Then stand up. Then sit "
               "down again. Then rub it once more, slowly and with care, until it eases.")
    edit(flow, 'title = "Sit down and rest the leg"',
         'title = "Sit down on a chair or the floor and rest the leg well"')
    edit(flow, 'do = "Sit down with the leg relaxed and rub the muscle gently. Repeat until it '
         'eases."', f'do = "{long_do}"')
    assert main(["check", str(root)]) == 0  # a warning, not a failure
    out, _ = capsys.readouterr()
    line = line_of(flow, 'id = "stretch"')  # the step's own line
    warned = [w for w in out.splitlines() if w.startswith("warning:")]
    assert len(warned) == 3, out
    assert all(f"{flow}:{line}: step 'stretch':" in w for w in warned), (line, warned)
    assert "title has 13 words (at most 8)" in out
    assert "'do' has 30 words (at most 25)" in out and "'do' has 4 sentences (at most 3)" in out
