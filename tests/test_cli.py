"""The `cramp` command line: options reach the app, bad input gets a clear message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tui.__main__ import main
from tui.app.app import CrampApp


@pytest.fixture
def launched(monkeypatch):
    """Run `cramp ...` up to the point the full-screen app would start; return that app."""
    apps = []
    monkeypatch.setattr(CrampApp, "run", lambda self, *a, **k: apps.append(self))
    monkeypatch.setattr("tui.cli.launch.wants_plain", lambda args: False)
    return apps


def test_cramp_now_options_skip_the_questions(launched):
    assert main(["now", "--where", "quad", "--helper", "--standing", "--pregnant"]) == 0
    (app,) = launched
    assert app.start.site == "quad"
    ctx = app.start.ctx
    assert (ctx.helper, ctx.position, ctx.pregnant) == (True, "standing", True)
    session = app.new_session()
    session.begin(app.start.site)
    assert session.view.qid == "safety:clot-check"  # pregnant: the blood-clot question first


def test_cramp_now_without_where_still_asks_where(launched):
    assert main(["now", "--in-bed"]) == 0
    (app,) = launched
    assert app.start.site is None and app.start.ctx.position == "bed"


def test_position_options_exclude_each_other(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["now", "--in-bed", "--standing"])
    assert exit_info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_unknown_site_is_named(capsys):
    assert main(["now", "--where", "elbow"]) == 2
    assert "there is no cramp site 'elbow'" in capsys.readouterr().err


def test_unknown_theme_is_refused_with_the_choices(capsys, launched):
    assert main(["--theme", "neon"]) == 2
    err = capsys.readouterr().err
    assert "no theme called 'neon'" in err and "cramp-high-contrast" in err


def test_version_and_help_do_not_import_textual():
    code = ("import sys; from tui.__main__ import main\n"
            "try: main(['--version'])\nexcept SystemExit: pass\n"
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip().endswith("False")


def test_theme_before_now_reaches_the_app(launched):
    assert main(["--theme", "ansi-dark", "now", "--where", "calf"]) == 0
    (app,) = launched
    assert app.theme == "ansi-dark"


def test_unknown_theme_before_now_is_refused(launched, capsys):
    assert main(["--theme", "neon", "now"]) == 2
    assert "no theme called 'neon'" in capsys.readouterr().err
    assert launched == []


def test_cramp_alone_starts_from_the_parsers_own_defaults():
    """`cramp` alone skips argparse for a faster first frame; it must mean what the parser says."""
    from tui.cli.parser import build_parser
    from tui.cli.tui_home import home_args

    assert vars(home_args()) == vars(build_parser().parse_args([]))


def test_a_command_line_means_the_same_to_the_parser_that_builds_only_its_command():
    """main() builds a subcommand's parser only when it is chosen: the help it prints and what
    each command line means must be those of the parser built whole."""
    from tui.cli.parser import COMMANDS, build_parser

    assert (build_parser(every_command=False).format_help()
            == build_parser().format_help())
    for name in COMMANDS:
        assert name in build_parser(every_command=False).format_help()
    for argv in (["now", "--where", "calf", "--in-bed", "--guides", "x"],
                 ["--plain", "--guides", "a", "now", "--plain", "--guides", "b"],
                 ["check", "somewhere"], ["log", "add", "--severity", "3", "--in-bed"],
                 ["log"], ["--guides", "a", "serve", "--port", "9000"],
                 ["read", "why", "--list", "--theme", "ansi-dark"]):
        lazy = build_parser(every_command=False).parse_args(argv)
        assert vars(lazy) == vars(build_parser().parse_args(argv)), argv


def test_cramp_now_imports_no_other_command(tmp_path):
    """Each subcommand's module is imported only when it is chosen (a faster `cramp now`)."""
    code = ("import sys; from tui.__main__ import main\n"
            "main(['now', '--plain', '--where', 'calf'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('tui.cli.')))")
    env = {**os.environ, "CRAMP_CONFIG_DIR": str(tmp_path / "c"),
           "CRAMP_DATA_DIR": str(tmp_path / "d"), "CRAMP_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, env=env).stdout
    for other in ("check", "log", "serve", "read"):
        assert f"'tui.cli.{other}'" not in out.splitlines()[-1]
    assert "'tui.cli.now'" in out.splitlines()[-1]
