"""`cramp serve`: the app in a real headless Chromium, through textual-serve, on loopback only.

How the browser test knows what the app shows: textual-serve draws the terminal with xterm.js on a
canvas, so the page's DOM holds no text of the app, and the xterm object is not reachable from the
page's scripts. Instead the app process itself reports: with CRAMP_TRACE=FILE in its environment
(textual-serve passes its environment to each app process it starts), the app appends
"screen HomeScreen", "key enter", "screen WhereScreen" ... to FILE (tui/trace.py). The test asserts
on those lines, plus the page's own signal that terminal output arrived (textual.js puts the class
-first-byte on <body> once the app's first frame has been written to the terminal), and saves
screenshots under tmp_path for a person to look at.

Chromium is Debian's (/usr/bin/chromium; `.ci/run` installs it). Playwright only drives it: never
`playwright install`, which downloads a browser. Without Chromium the test skips on a developer's
machine but fails in CI (CI set), so CI can never pass without having run it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.serve_harness import (
    get,
    importable,
    needs,
    running_server,
    stop,
    trace_lines,
    wait_for,
)
from tui.cli import serve as serve_cli
from tui.cli.parser import build_parser
from tui.web.address import is_loopback, origin_of, public_url
from tui.web.serve import app_command, offline_templates, startup_lines

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As this machine's notes prescribe for headless Chromium; the background-networking flags keep
# Chromium from reaching for Google's servers. Playwright gives every launch a fresh, empty
# --user-data-dir of its own (it refuses one in args).
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def server(tmp_path):
    """`python -m tui serve --port N` as a subprocess on loopback; stopped (with its apps) after."""
    with running_server(tmp_path) as running:
        yield running


def test_home_renders_and_keys_reach_the_app_in_headless_chromium(server, tmp_path):
    needs(importable("playwright"), "playwright is not installed")
    needs(os.access(CHROMIUM, os.X_OK), f"Chromium is not installed ({CHROMIUM}); "
          "install it with: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    trace = server.trace
    elsewhere: list[str] = []  # any request the page makes beyond this server (there must be none)

    def only_loopback(route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host in LOOPBACK_HOSTS or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 720})
            page.route("**/*", only_loopback)
            page.goto(server.address)  # as printed: with the secret, which sets the cookie

            # (1) Home renders: the app process behind this tab mounted Home, and its first frame
            # reached the browser's terminal (textual.js marks <body> once output is written).
            wait_for(lambda: "screen HomeScreen" in trace_lines(trace), 30,
                     "the app to show Home", trace)
            page.wait_for_selector("body.-first-byte", state="attached", timeout=30_000)
            page.wait_for_timeout(700)  # let the frame paint (and fade in) for the screenshot
            page.screenshot(path=tmp_path / "home.png")
            # The secret left the address bar once the cookie stood in for it.
            assert "token=" not in page.url and page.url.startswith(server.origin)

            # (2) A key press reaches the app, with no click first: the page focuses the terminal
            # (xterm's hidden textarea) itself, and Enter on Home starts "Cramp now" with the
            # "where is it?" question.
            page.wait_for_function(
                "document.activeElement?.classList.contains('xterm-helper-textarea')",
                timeout=10_000)
            page.keyboard.press("Enter")
            wait_for(lambda: "screen WhereScreen" in trace_lines(trace), 30,
                     "Enter in the browser to open the 'where' question", trace)
            assert "key enter" in trace_lines(trace)
            page.wait_for_timeout(500)
            page.screenshot(path=tmp_path / "where.png")

            # (3) The stretch and a hold in progress: the large countdown, as a person at arm's
            # length sees it in the browser (hold.png, for a person to look at).
            page.keyboard.press("1")
            wait_for(lambda: "screen StepScreen" in trace_lines(trace), 30,
                     "1 in the browser to open the calf stretch", trace)
            page.wait_for_timeout(300)
            page.keyboard.press(" ")
            wait_for(lambda: "key space" in trace_lines(trace), 30, "space to start the hold",
                     trace)
            page.wait_for_timeout(1200)
            page.screenshot(path=tmp_path / "hold.png")
            if os.environ.get("CRAMP_SCREENSHOTS"):  # keep them: CRAMP_SCREENSHOTS=DIR
                for name in ("home.png", "where.png", "hold.png"):
                    shutil.copy(tmp_path / name, Path(os.environ["CRAMP_SCREENSHOTS"]) / name)

            # A browser without the secret (a fresh profile: no cookie) is turned away.
            stranger = browser.new_page()
            assert stranger.goto(server.origin + "/").status == 403
            assert "printed" in stranger.inner_text("body")
        finally:
            browser.close()

    assert not elsewhere, f"the page reached beyond the local server: {elsewhere}"
    assert all((tmp_path / name).stat().st_size > 0 for name in ("home.png", "hold.png"))
    # One app process was started for the one tab, and it did not crash.
    assert "Traceback" not in server.output()


def test_serve_prints_where_to_open_and_listens_on_loopback_only(server):
    address = urlsplit(server.address)
    assert f"http://127.0.0.1:{server.port}/?token=" in server.address
    assert address.path == "/" and len(server.token) >= 32  # secrets.token_urlsafe(32)
    assert server.output().startswith(f"cramp: open {server.address} in a web browser")
    assert "WARNING" not in server.output()
    connections = subprocess.run(["ss", "-Hltn", f"sport = :{server.port}"], capture_output=True,
                                 text=True) if shutil.which("ss") else None
    if connections and connections.returncode == 0 and connections.stdout.strip():
        assert all(" 127.0.0.1:" in line for line in connections.stdout.splitlines()), \
            connections.stdout
    # The secret is not written anywhere else, such as a logged request line (read once the
    # server has stopped and flushed what it writes).
    assert get(server.port, f"/?token={server.token}").status == 200
    assert get(server.port, "/?token=not-the-secret").status == 403
    stop(server.process)
    assert "not-the-secret" not in server.output()
    assert server.output().count(server.token) == 1


def test_a_new_secret_every_run(tmp_path):
    with running_server(tmp_path) as first:
        pass
    with running_server(tmp_path) as second:
        assert second.token != first.token


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST", "::1",
                                  "[::1]"])
def test_loopback_hosts_print_no_warning(host):
    assert is_loopback(host)
    assert startup_lines(host, "http://127.0.0.1:8000/?token=t", url_given=False) == [
        "cramp: open http://127.0.0.1:8000/?token=t in a web browser (Ctrl+C stops the server)"]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.168.1.20", "my-laptop.lan"])
def test_any_other_host_prints_who_can_reach_the_diary(host):
    assert not is_loopback(host)
    lines = startup_lines(host, "http://localhost:8000/?token=t", url_given=True)
    assert lines[0].startswith("cramp: open http://localhost:8000/?token=t")
    warning = lines[1]
    assert warning.startswith("cramp: WARNING: listening on ")
    assert "not only on this machine" in warning and "diary" in warning
    assert "whoever can reach this machine and has the address" in warning
    assert len(lines) == 2  # --public-url given: no advice to give one


def test_listening_everywhere_without_a_public_url_says_which_address_to_open():
    lines = startup_lines("0.0.0.0", "http://localhost:8000/?token=t", url_given=False)
    assert "--public-url http://ADDRESS:PORT" in lines[2]


def test_page_needs_nothing_but_the_local_server(tmp_path):
    """The stock page links Google Fonts; ours serves textual-serve's own copy of the font."""
    needs(importable("textual_serve"), "textual-serve is not installed")
    html = (offline_templates(tmp_path) / "app_index.html").read_text()
    assert "googleapis" not in html and "gstatic" not in html
    assert "{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf" in html


def test_each_tab_runs_this_python_and_this_app_with_the_guides_passed_on(tmp_path):
    guides = tmp_path / "my guides"
    command = app_command([guides])
    # exec: the shell becomes the app, so the server holds (and can stop) the app itself
    assert command.startswith(f"exec {sys.executable} -m tui.web.serve" if " " not in
                              sys.executable else f"exec '{sys.executable}' -m tui.web.serve")
    assert f"--guides '{guides.resolve()}'" in command
    assert app_command() == app_command([]) and "--guides" not in app_command()


def test_cli_defaults_to_loopback_and_port_8000():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.public_url, args.token) == ("127.0.0.1", 8000, None, None)
    assert args.run is serve_cli.run
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000",
                                      "--guides", "extra"])
    assert (args.host, args.port, args.guides) == ("0.0.0.0", 9000, [Path("extra")])


@pytest.mark.parametrize("host, url", [
    ("127.0.0.1", "http://127.0.0.1:8000"), ("::1", "http://[::1]:8000"),
    ("0.0.0.0", "http://localhost:8000"), ("[::1]", "http://[::1]:8000"),
])
def test_public_url(host, url):
    assert public_url(host, 8000) == url


@pytest.mark.parametrize("address, origin", [
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ("http://127.0.0.1:8000/?token=x", "http://127.0.0.1:8000"),
    ("HTTP://LocalHost", "http://localhost:80"),
    ("https://example.org/cramp", "https://example.org:443"),
    ("http://[::1]:8000", "http://[::1]:8000"),
    ("null", None), ("", None), ("file:///etc", None), ("http://", None), ("http://h:99999", None),
])
def test_origin_of(address, origin):
    assert origin_of(address) == origin


@pytest.mark.parametrize("url", ["localhost:8000", "ftp://example.org", "http://:8000"])
def test_a_public_url_without_scheme_or_host_is_one_line_and_exit_2(url, capsys):
    code = serve_cli.run(build_parser().parse_args(["serve", "--public-url", url]))
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("cramp serve: --public-url must be an http")


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_bad_port_is_a_usage_error(port, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["serve", "--port", port])
    assert exit_.value.code == 2
    assert "not a port number" in capsys.readouterr().err


def test_without_textual_serve_one_line_and_exit_2(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import raises ImportError
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    code = serve_cli.run(build_parser().parse_args(["serve"]))
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "pip install 'cramp[web]'" in err and "Traceback" not in err


def test_without_textual_serve_from_the_command_line(tmp_path):
    """The real command, in a Python where textual_serve cannot be imported: no traceback."""
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "textual_serve.py").write_text("raise ImportError('blocked for the test')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocker), str(REPO)])}
    result = subprocess.run([sys.executable, "-m", "tui", "serve"], env=env, capture_output=True,
                            text=True, timeout=30, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == serve_cli.INSTALL_HINT
    assert "Traceback" not in result.stderr


def test_port_in_use_is_a_clear_error(tmp_path):
    needs(importable("textual_serve"), "textual-serve is not installed")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "tui", "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert result.returncode == 1
    assert f"cramp serve: cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_terminal_path_never_imports_textual_serve():
    code = ("import sys; from tui.cli.parser import build_parser; build_parser(); "
            "import tui.app, tui.app.trace; assert 'textual_serve' not in sys.modules, 'imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr
