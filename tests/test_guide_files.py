"""Files and directories an attacker or an unlucky person can hand cramp: extra guide directories
(`--guides DIR`, `cramp check DIR`), the settings file and the content cache.

Each case drives the real command in a subprocess and asserts the one-line message (file and
line), the exit status, that first aid still runs on the bundled guides, and that the files
involved are unchanged. Every run has a timeout: a hang fails the test instead of blocking it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.content import load_library

from tui.content import bundled_guides_dir

GUIDES = bundled_guides_dir()
ROOT = Path(__file__).resolve().parent.parent
FIRST_AID = "Pull your foot and toes up toward your shin"  # the calf stretch's first instruction


def cramp(*argv: str, tmp: Path, stdin: str = "",
          timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "CRAMP_CONFIG_DIR": str(tmp / "config"),
           "CRAMP_DATA_DIR": str(tmp / "data"), "CRAMP_CACHE_DIR": str(tmp / "cache"),
           "PYTHONPATH": str(ROOT)}
    # tests.fast_cramp: the real command, a hold counted through at once.
    return subprocess.run([sys.executable, "-m", "tests.fast_cramp", *argv], input=stdin,
                          capture_output=True, text=True, cwd=tmp, env=env, timeout=timeout)


def first_aid(tmp: Path, extra: Path, *flags: str, stdin: str = "") -> subprocess.CompletedProcess:
    return cramp("now", "--plain", "--where", "calf", *flags, "--guides", str(extra), tmp=tmp,
                 stdin=stdin)


def line_of(path: Path, start: str, nth: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, start=1) if line.startswith(start)][nth]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under root with its bytes (FIFOs and links by their kind)."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            out[str(path)] = b"link " + os.readlink(path).encode()
        elif path.is_fifo():
            out[str(path)] = b"fifo"
        elif path.is_file():
            out[str(path)] = path.read_bytes()
    return out


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def extra_flow(root: Path, name: str, text: str) -> Path:
    (root / "flows").mkdir(parents=True, exist_ok=True)
    path = root / "flows" / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_FLOW = '''id = "ankle"
title = "Ankle cramp"
site = "ankle"
site_label = "Ankle"
key = "5"
start = "stretch"
sources = ["NHS"]

[[step]]
id = "stretch"
kind = "stretch"
title = "Ease the ankle"
do = "Bring the foot gently up toward the shin."
hold = {hold}
eased = "done"

[[step]]
id = "done"
kind = "end"
title = "{title}"
outcome = "eased"
text = "Good."
'''


# -- depth and size ---------------------------------------------------------------------------

def test_deeply_nested_toml_is_a_message_and_first_aid_runs(tmp_path):
    extra = tmp_path / "extra"
    deep = extra_flow(extra, "deep.toml", 'id = "x"\ntitle = ' + "[" * 100_000 + "\n")
    before = snapshot(extra)
    checked = cramp("check", str(extra), tmp=tmp_path)
    no_traceback(checked)
    assert checked.returncode == 1
    assert f"{deep}:" in checked.stdout and "nested too deeply" in checked.stdout
    ran = first_aid(tmp_path, extra)
    no_traceback(ran)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert "skipped" in ran.stderr and str(deep) in ran.stderr
    assert snapshot(extra) == before


def test_deeply_nested_settings_json_is_a_message_and_first_aid_runs(tmp_path):
    settings = tmp_path / "config" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{"a":' * 100_000, encoding="utf-8")
    before = settings.read_bytes()
    ran = cramp("now", "--plain", "--where", "calf", tmp=tmp_path)
    no_traceback(ran)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert f"Settings file {settings}" in ran.stderr and "nested too deeply" in ran.stderr
    assert settings.read_bytes() == before


def test_a_guide_file_over_the_size_limit_is_skipped(tmp_path):
    extra = tmp_path / "extra"
    big = extra_flow(extra, "big.toml", "# padding\n" * 200_000)  # 2 MB of comments
    checked = cramp("check", str(extra), tmp=tmp_path)
    no_traceback(checked)
    assert checked.returncode == 1
    assert f"{big}: " in checked.stdout and "larger than 1 MiB" in checked.stdout


# -- not a regular file -----------------------------------------------------------------------

def test_a_guide_linked_to_dev_zero_is_refused(tmp_path):
    extra = tmp_path / "extra"
    (extra / "flows").mkdir(parents=True)
    (extra / "flows" / "zero.toml").symlink_to("/dev/zero")
    checked = cramp("check", str(extra), tmp=tmp_path, timeout=30)
    no_traceback(checked)
    assert checked.returncode == 1
    assert "zero.toml: not a regular file" in checked.stdout
    ran = first_aid(tmp_path, extra)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert "zero.toml: not a regular file" in ran.stderr


@pytest.mark.parametrize("where", ["flows/x.toml", "pages/x.md", "danger.toml", "sources.toml",
                                   "notes.md", "deep/inside/x.toml"])
def test_a_fifo_anywhere_under_a_guides_dir_never_hangs(tmp_path, where):
    extra = tmp_path / "extra"
    fifo = extra / where
    fifo.parent.mkdir(parents=True)
    (extra / "flows").mkdir(exist_ok=True)
    os.mkfifo(fifo)
    checked = cramp("check", str(extra), tmp=tmp_path, timeout=30)
    no_traceback(checked)
    if where.count("/") < 2 and where != "notes.md":  # a file the loader reads
        assert checked.returncode == 1
        assert f"{fifo}: not a regular file" in checked.stdout
    ran = first_aid(tmp_path, extra)
    no_traceback(ran)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert fifo.is_fifo()


# -- wrong shapes -----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["5", '"NHS"', '{ id = "x" }'])
def test_source_that_is_not_a_list_of_tables(tmp_path, value):
    guides = tmp_path / "guides"
    shutil.copytree(GUIDES, guides)
    sources = guides / "sources.toml"
    sources.write_text(f"source = {value}\n", encoding="utf-8")
    checked = cramp("check", str(guides), tmp=tmp_path)
    no_traceback(checked)
    assert checked.returncode == 1
    assert f"{sources}:1: field 'source': must be [[source]] tables" in checked.stdout


@pytest.mark.parametrize("hold", ["1e308", "1000000", "nan", "inf", "0.5", "61"])
def test_holds_outside_one_to_sixty_seconds_are_rejected(tmp_path, hold):
    extra = tmp_path / "extra"
    flow = extra_flow(extra, "ankle.toml", GOOD_FLOW.format(hold=hold, title="Eased"))
    checked = cramp("check", str(extra), tmp=tmp_path)
    no_traceback(checked)
    assert checked.returncode == 1
    assert f"{flow}:{line_of(flow, 'hold =')}: step 'stretch', field 'hold':" in checked.stdout
    assert "from 1 to 60 seconds" in checked.stdout


def test_a_sensible_hold_passes(tmp_path):
    extra = tmp_path / "extra"
    extra_flow(extra, "ankle.toml", GOOD_FLOW.format(hold="30", title="Eased"))
    checked = cramp("check", str(extra), tmp=tmp_path)
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("title", ["", "   "])
def test_blank_titles_are_rejected(tmp_path, title):
    extra = tmp_path / "extra"
    flow = extra_flow(extra, "ankle.toml", GOOD_FLOW.format(hold="5", title=title))
    checked = cramp("check", str(extra), tmp=tmp_path)
    no_traceback(checked)
    assert checked.returncode == 1
    line = line_of(flow, "title =", nth=2)
    assert f"{flow}:{line}: step 'done', field 'title': must not be blank" in checked.stdout


# -- extra guides never replace the safety content --------------------------------------------

def test_an_extra_flow_may_replace_an_ordinary_one_with_a_notice(tmp_path):
    extra = tmp_path / "extra"
    text = (GUIDES / "flows" / "calf.toml").read_text(encoding="utf-8")
    text = text.replace("Pull your foot and toes up toward your shin",
                        "Lift your foot and toes toward your shin", 1)
    calf = extra_flow(extra, "calf.toml", text)
    ran = first_aid(tmp_path, extra)
    no_traceback(ran)
    assert ran.returncode == 0 and "Lift your foot and toes toward your shin" in ran.stdout
    assert f"{calf}: replaces the bundled flow 'calf'" in ran.stderr


def test_an_extra_danger_sheet_is_ignored_with_a_warning(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    text = (GUIDES / "danger.toml").read_text(encoding="utf-8")
    danger = extra / "danger.toml"
    danger.write_text(text.replace('title = "', 'title = "Nothing to worry about ', 1),
                      encoding="utf-8")
    before = snapshot(extra)
    ran = first_aid(tmp_path, extra, stdin="!\n")
    no_traceback(ran)
    assert ran.returncode == 0
    assert "Nothing to worry about" not in ran.stdout
    assert f"{danger}: ignored: the bundled danger signs cannot be replaced" in ran.stderr
    checked = cramp("check", str(extra), tmp=tmp_path)
    assert checked.returncode == 1
    assert f"{danger}: ignored: the bundled danger signs cannot be replaced" in checked.stdout
    assert snapshot(extra) == before


def test_an_extra_safety_flow_is_ignored_with_a_warning(tmp_path):
    extra = tmp_path / "extra"
    text = (GUIDES / "flows" / "safety.toml").read_text(encoding="utf-8")
    # The "nothing to do" replacement: every gate question is gone.
    head = text[: text.index("[[step]]")]
    safety = extra_flow(extra, "safety.toml", head.replace('start = "', 'start = "x" #', 1)
                        + '[[step]]\nid = "x"\nkind = "end"\ntitle = "Nothing to do"\n'
                          'outcome = "eased"\ntext = "Fine."\n')
    ran = first_aid(tmp_path, extra, "--pregnant")
    no_traceback(ran)
    assert f"{safety}: ignored: the bundled safety flow 'safety' cannot be replaced" in ran.stderr
    # Pregnant: the blood-clot question is still asked before the first stretch.
    clot = load_library().library.step("safety", "clot-check").title
    assert clot in ran.stdout
    checked = cramp("check", str(extra), tmp=tmp_path)
    assert checked.returncode == 1 and "cannot be replaced" in checked.stdout


def test_an_extra_flow_cannot_add_a_safety_gate(tmp_path):
    extra = tmp_path / "extra"
    flow = extra_flow(extra, "gate.toml", '''id = "fine"
title = "All fine"
start = "ask"
sources = ["NHS"]

[[step]]
id = "ask"
kind = "question"
gate = true
title = "Are you fine?"
choices = [{ key = "y", label = "Yes", next = "end" }]

[[step]]
id = "end"
kind = "end"
title = "Nothing to do"
outcome = "eased"
text = "Fine."
''')
    ran = first_aid(tmp_path, extra)
    no_traceback(ran)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout and "Are you fine?" not in ran.stdout
    assert f"{flow}: ignored: safety gates come only from the bundled guides" in ran.stderr


def test_a_site_flow_must_have_a_stretch(tmp_path):
    extra = tmp_path / "extra"
    flow = extra_flow(extra, "calf.toml", '''id = "calf"
title = "Calf cramp"
site = "calf"
site_label = "Calf"
key = "1"
start = "end"
sources = ["NHS"]

[[step]]
id = "end"
kind = "end"
title = "Nothing to do"
outcome = "eased"
text = "Fine."
''')
    checked = cramp("check", str(extra), tmp=tmp_path)
    assert checked.returncode == 1
    assert f"{flow}:6: field 'start': a site flow must lead to a stretch step" in checked.stdout
    ran = first_aid(tmp_path, extra)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout and str(flow) in ran.stderr


# -- the content cache ------------------------------------------------------------------------

class _Plant:
    def __reduce__(self):
        return (os.system, (f"touch {MARKER}",))


MARKER = ""


def test_a_planted_cache_file_never_runs_code(tmp_path):
    global MARKER
    MARKER = str(tmp_path / "pwned")
    from tui.content import cache

    os.environ["CRAMP_CACHE_DIR"] = str(tmp_path / "cache")
    try:
        planted = cache.cache_path()
    finally:
        del os.environ["CRAMP_CACHE_DIR"]
    planted.parent.mkdir(parents=True)
    planted.write_bytes(pickle.dumps(("any key", _Plant())))
    before = hashlib.sha256(planted.read_bytes()).hexdigest()
    ran = cramp("now", "--plain", "--where", "calf", tmp=tmp_path)
    no_traceback(ran)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert not Path(MARKER).exists()
    assert before  # the planted file may be replaced by a valid cache; it never runs


def test_no_temp_file_is_left_when_the_cache_cannot_be_replaced(tmp_path):
    from tui.content import cache

    os.environ["CRAMP_CACHE_DIR"] = str(tmp_path / "cache")
    try:
        target = cache.cache_path()
    finally:
        del os.environ["CRAMP_CACHE_DIR"]
    target.mkdir(parents=True)  # a directory where the cache file goes: the replace fails
    (target / "keep").write_text("mine", encoding="utf-8")
    ran = cramp("now", "--plain", "--where", "calf", tmp=tmp_path)
    no_traceback(ran)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert (target / "keep").read_text(encoding="utf-8") == "mine"


# -- the settings file ------------------------------------------------------------------------

async def test_no_temp_file_is_left_when_settings_cannot_be_replaced(tmp_path, clock):
    from tests.conftest import screen_text  # noqa: F401 - the app's own words are checked below
    from tui.app.app import make_app

    settings = tmp_path / "config" / "settings.json"
    settings.mkdir(parents=True)  # a directory where the file goes: every save fails
    app = make_app(clock=clock, settings_path=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#hold").focus()
        await pilot.press("9")
        await pilot.pause()
        assert any("Could not save the setting" in str(n.message)
                   for n in app._notifications)
    assert [p.name for p in settings.parent.iterdir()] == ["settings.json"]
    assert settings.is_dir() and not any(settings.iterdir())


def test_a_settings_fifo_never_hangs(tmp_path):
    settings = tmp_path / "config" / "settings.json"
    settings.parent.mkdir()
    os.mkfifo(settings)
    ran = cramp("now", "--plain", "--where", "calf", tmp=tmp_path, timeout=30)
    no_traceback(ran)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert f"Settings file {settings} could not be read (not a regular file (a FIFO))" \
        in ran.stderr
    assert settings.is_fifo()


def test_a_cache_others_can_write_is_not_used(tmp_path):
    """The cache is data, yet whoever can write it decides what the guides say: one that is not
    the user's own, owner-writable file is ignored and rebuilt from the guides."""
    first = cramp("now", "--plain", "--where", "calf", tmp=tmp_path)
    assert FIRST_AID in first.stdout
    from tui.content import cache

    os.environ["CRAMP_CACHE_DIR"] = str(tmp_path / "cache")
    try:
        path = cache.cache_path()
    finally:
        del os.environ["CRAMP_CACHE_DIR"]
    data = path.read_bytes()
    assert FIRST_AID.encode() in data  # the cache holds the instruction as data
    planted = "Nothing to do, go back to sleep".ljust(len(FIRST_AID), ".")  # same length
    path.write_bytes(data.replace(FIRST_AID.encode(), planted.encode()))
    path.chmod(0o666)
    ran = cramp("now", "--plain", "--where", "calf", tmp=tmp_path)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert "Nothing to do" not in ran.stdout


def test_an_escape_in_an_extra_file_name_never_reaches_the_terminal(tmp_path):
    extra = tmp_path / "extra"
    text = (GUIDES / "flows" / "calf.toml").read_text(encoding="utf-8")
    calf = extra_flow(extra, "calf\x1b]0;pwned\x07.toml", text)
    ran = first_aid(tmp_path, extra)
    no_traceback(ran)
    assert ran.returncode == 0 and FIRST_AID in ran.stdout
    assert "\x1b" not in ran.stderr + ran.stdout and "\x07" not in ran.stderr
    assert "calf\\x1b]0;pwned\\x07.toml: replaces the bundled flow 'calf'" in ran.stderr
    assert calf.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("depth", [40, 300])
def test_nesting_under_pythons_limit_is_refused_before_validation(tmp_path, depth):
    extra = tmp_path / "extra"
    deep = extra_flow(extra, "deep.toml", GOOD_FLOW.format(hold="5", title="Eased").replace(
        'sources = ["NHS"]', 'sources = ' + "[" * depth + "]" * depth))
    checked = cramp("check", str(extra), tmp=tmp_path)
    no_traceback(checked)
    assert checked.returncode == 1
    assert f"{deep}: arrays or tables nested too deeply (more than 32 levels)" in checked.stdout


async def test_a_deep_extra_guide_is_skipped_inside_the_app(tmp_path, new_app):
    """The app loads the guides from inside Textual's own call stack, far deeper than a
    command's: nesting there must be refused the same way."""
    from tui.app.screens.where import WhereScreen

    extra = tmp_path / "extra"
    extra_flow(extra, "deep.toml", GOOD_FLOW.format(hold="5", title="Eased").replace(
        'sources = ["NHS"]', 'sources = ' + "[" * 250 + "]" * 250))
    app = new_app(guides=(extra,))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WhereScreen)
        assert any("nested too deeply" in str(n.message) for n in app._notifications)


def test_an_extra_source_never_changes_a_bundled_one(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    bundled = (GUIDES / "sources.toml").read_text(encoding="utf-8")
    sources = extra / "sources.toml"
    # Only in the extra directory's copy: the NHS source retitled.
    sources.write_text(bundled.replace('title = "', 'title = "Trust me: ', 1), encoding="utf-8")
    ran = first_aid(tmp_path, extra, stdin="!\n")
    no_traceback(ran)
    assert ran.returncode == 0 and "Trust me" not in ran.stdout
    assert "ignored: a bundled source cannot be replaced" in ran.stderr
    assert ran.stderr.count("cannot be replaced") == 1  # unchanged copies of the others are fine
