"""No network: the TUI, plain mode and `cramp check` never open an internet socket.

Every way to reach the network from Python goes through socket.socket.connect / connect_ex /
bind / sendto, socket.create_connection or getaddrinfo; each is replaced by a guard that records
the attempt and refuses it. Unix sockets stay allowed: asyncio's event loop makes a socketpair for
its self-pipe. (`cramp serve` is the one exception the design allows, on loopback;
tests/test_serve.py covers it.)
"""

from __future__ import annotations

import io
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import screen_text
from tui.app.app import Start
from tui.app.screens.danger import DangerScreen

ROOT = Path(__file__).resolve().parent.parent
INTERNET = (socket.AF_INET, socket.AF_INET6)


@pytest.fixture
def attempts(monkeypatch) -> list[str]:
    """Install the guards; the test asserts the returned list stays empty."""
    seen: list[str] = []

    def guard(name, original):
        def method(self, *args, **kwargs):
            if self.family in INTERNET:
                seen.append(f"socket.{name}{args!r}")
                raise OSError(f"network use in a test: socket.{name}{args!r}")
            return original(self, *args, **kwargs)

        return method

    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, guard(name, getattr(socket.socket, name)))

    def refuse(name):
        def function(*args, **kwargs):
            seen.append(f"socket.{name}{args!r}")
            raise OSError(f"network use in a test: socket.{name}{args!r}")

        return function

    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return seen


def test_the_guard_works(attempts):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(OSError):
            sock.bind(("127.0.0.1", 0))
    finally:
        sock.close()
    a, b = socket.socketpair()  # what asyncio uses: allowed
    a.close()
    b.close()
    assert len(attempts) == 2
    attempts.clear()


async def test_tui_journey_opens_no_socket(attempts, new_app, clock):
    """Home, the danger signs, Cramp now, a hold, eased, aftercare to the end, then the library,
    search and diary from Home."""
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, DangerScreen)
        await pilot.press("escape", "enter", "1")
        await pilot.pause()
        assert app.screen.session.view.qid == "calf:stretch"
        await pilot.press("space")
        clock.advance(5.0)
        app.screen.timer.tick()
        await pilot.pause()
        assert "Release" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        for _ in range(10):
            if app.screen.session.finished:
                break
            await pilot.press("enter")
            await pilot.pause()
        assert app.screen.session.finished
        opened = {"l": "LibraryScreen", "slash": "SearchScreen", "d": "DiaryScreen",
                  "o": "SettingsScreen"}
        for key, name in opened.items():  # each opens from Home and closes with Esc
            app.go_home()
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == name
            if key == "slash":
                await pilot.press(*"magnesium")
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
    assert attempts == []


async def test_cramp_now_opens_no_socket(attempts, new_app):
    app = new_app(start=Start(site="foot"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h", "b", "space")
        await pilot.pause()
    assert attempts == []


def test_plain_mode_opens_no_socket(attempts, clock):
    plain = pytest.importorskip("tui.plain.walker")
    out = io.StringIO()
    code = plain.main(None, None, (), stdin=io.StringIO("1\n\ny\n" + "\n" * 20), stdout=out,
                      stderr=io.StringIO(), clock=clock, sleep=clock.sleep)
    assert code == 0
    assert "Release" in out.getvalue()
    assert attempts == []


def test_cramp_check_opens_no_socket(attempts, capsys, tmp_path):
    from tui.__main__ import main

    assert main(["check"]) == 0
    broken = tmp_path / "mine" / "flows"
    broken.mkdir(parents=True)
    (broken / "bad.toml").write_text('id = "bad"\n[[step]]\nid = "x"\n', encoding="utf-8")
    assert main(["check", str(broken.parent)]) == 1
    assert attempts == []


GUARD = """
import socket, sys
def refuse(*args, **kwargs):
    sys.stderr.write("NETWORK-USE\\n"); sys.stderr.flush(); raise OSError("network use")
for name in ("connect", "connect_ex", "bind", "sendto"):
    original = getattr(socket.socket, name)
    def method(self, *a, _original=original, **k):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse()
        return _original(self, *a, **k)
    setattr(socket.socket, name, method)
socket.create_connection = refuse
socket.getaddrinfo = refuse
import runpy
sys.argv = ["cramp", *sys.argv[1:]]
runpy.run_module("tests.fast_cramp", run_name="__main__")  # holds count through at once
"""


@pytest.mark.parametrize("argv, stdin", [
    (["check"], ""),
    (["now", "--plain", "--where", "calf"], "\ny\n" + "\n" * 20),
    (["--plain"], "2\n\nn\ny\n" + "\n" * 20),
], ids=["check", "now-plain", "plain"])
def test_commands_open_no_socket_in_a_fresh_process(tmp_path, argv, stdin):
    """The same in a real process, where nothing a test imported earlier can hide an import."""
    env = {"CRAMP_CONFIG_DIR": str(tmp_path / "c"), "CRAMP_DATA_DIR": str(tmp_path / "d"),
           "CRAMP_CACHE_DIR": str(tmp_path / "cache"),
           "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", GUARD, *argv], input=stdin, capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=60)
    assert "NETWORK-USE" not in out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    assert out.returncode == 0, out.stderr
