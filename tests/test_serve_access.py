"""`cramp serve` lets in only the person who started it (issue 11): the real server on a free
loopback port, asked as a stranger, as another web page, and as the person with the address."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.serve_harness import (
    alive,
    children_of,
    free_port,
    get,
    needs,
    running_server,
    session_cookie,
    trace_lines,
    wait_for,
    websocket,
)


@pytest.fixture
def server(tmp_path):
    needs(Path("/proc/self/stat").exists(), "counting the server's app processes needs /proc")
    with running_server(tmp_path) as running:
        yield running


def no_app_started_for(seconds: float, pid: int) -> None:
    """The server starts no app process during `seconds` (a spawn would show as its child)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert children_of(pid) == [], "an app process was started"
        time.sleep(0.05)


def test_a_stranger_gets_403_and_no_app_process(server):
    port = server.port
    for target in ("/", "/static/js/textual.js", "/static/", "/download/x", "/nothing-here"):
        reply = get(port, target)
        assert reply.status == 403, target
        assert "Set-Cookie" not in reply.headers
        assert b"the address that `cramp serve` printed" in reply.body
    # The websocket that starts an app, from the server's own page but without the secret.
    with websocket(port, origin=server.origin) as (status, _):
        assert status == 403
        no_app_started_for(1.5, server.process.pid)

    # The person with the printed address: the cookie from the first visit opens the websocket,
    # and only now does an app process start (which shows the check above could see one).
    cookie = session_cookie(server)
    with websocket(port, cookie=cookie, origin=server.origin) as (status, _):
        assert status == 101
        wait_for(lambda: children_of(server.process.pid), 20, "the tab's app process", server.log)
        wait_for(lambda: "screen HomeScreen" in trace_lines(server.trace), 30, "Home",
                 server.trace)


def test_a_wrong_secret_gets_403(server):
    token = server.token
    near_miss = token[:-1] + ("A" if token[-1] != "A" else "B")
    for target in (f"/?token={near_miss}", "/?token=", f"/?token={token}x",
                   f"/static/js/textual.js?token={near_miss}"):
        reply = get(server.port, target)
        assert reply.status == 403, target
        assert "Set-Cookie" not in reply.headers, target
    cookie_name = session_cookie(server).split("=", 1)[0]
    assert get(server.port, "/", cookie=f"{cookie_name}={token}").status == 403  # not the token
    assert get(server.port, "/", cookie=f"{cookie_name}=0").status == 403
    with websocket(server.port, cookie=f"{cookie_name}={token}", origin=server.origin) as (
            status, _):
        assert status == 403
        no_app_started_for(0.5, server.process.pid)
    # The right secret, and then the cookie alone, let the person in.
    assert get(server.port, f"/?token={token}").status == 200
    assert get(server.port, "/", cookie=session_cookie(server)).status == 200


def test_the_first_visit_sets_a_private_cookie_that_is_not_the_secret(server):
    address_reply = get(server.port, f"/?token={server.token}")
    set_cookie = address_reply.headers["Set-Cookie"]
    attributes = {part.strip().lower() for part in set_cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/"} <= attributes, set_cookie
    assert server.token not in set_cookie
    assert address_reply.headers["Referrer-Policy"] == "no-referrer"
    # The page drops the secret from the address bar once loaded (the cookie stands in for it).
    assert b'searchParams.delete("token")' in address_reply.body


@pytest.mark.parametrize("origin", [
    "http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1:{port}",
    "http://localhost.evil.example:{port}", "null", None,
])
def test_a_websocket_from_another_origin_is_refused(server, origin):
    cookie = session_cookie(server)  # even with the cookie: another page in the same browser
    origin = origin.format(port=server.port) if origin else None
    with websocket(server.port, cookie=cookie, origin=origin) as (status, _):
        assert status == 403
    no_app_started_for(0.5, server.process.pid)
    with websocket(server.port, cookie=cookie, origin=server.origin) as (status, _):
        assert status == 101  # the server's own page is let in


def test_only_the_files_the_page_needs_and_no_listing(server):
    cookie = session_cookie(server)
    page = get(server.port, "/", cookie=cookie)
    needed = set(re.findall(rb'"http://127\.0\.0\.1:\d+(/static/[^"]+)"', page.body))
    assert {b"/static/js/textual.js", b"/static/css/xterm.css"} <= needed, needed
    for path in needed:
        assert get(server.port, path.decode(), cookie=cookie).status == 200, path
    for path in ("/static/", "/static", "/static/js/", "/static/fonts/",
                 "/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf",  # there, but unused
                 "/static/../server.py", "/static/%2e%2e/server.py", "/templates/app_index.html"):
        reply = get(server.port, path, cookie=cookie)
        assert reply.status == 404, (path, reply.status)
        assert b"Index of" not in reply.body


@pytest.mark.parametrize("signals", [
    [signal.SIGTERM], [signal.SIGINT],
    [signal.SIGINT, signal.SIGINT],  # an impatient second Ctrl+C must not cut the shutdown short
], ids=["SIGTERM", "Ctrl+C", "Ctrl+C twice"])
def test_stopping_the_server_with_a_tab_open_stops_its_app_within_2_s(server, signals):
    cookie = session_cookie(server)
    with websocket(server.port, cookie=cookie, origin=server.origin) as (status, _):
        assert status == 101
        wait_for(lambda: "screen HomeScreen" in trace_lines(server.trace), 30,
                 "the tab's app to show Home", server.trace)
        (app,) = children_of(server.process.pid)
        assert os.getpgid(app) == app  # its own group, so helpers it starts are stopped with it
        started = time.monotonic()
        for signum in signals:
            server.process.send_signal(signum)
            time.sleep(0.05)
        try:
            server.process.wait(timeout=max(0.1, started + 2 - time.monotonic()))
        except subprocess.TimeoutExpired:
            pytest.fail(f"cramp serve still running 2 s after {signals[0].name}, with a tab open")
        wait_for(lambda: not alive(app) and group_gone(app),
                 max(0.1, started + 2 - time.monotonic()), "the tab's app process to be gone")
    assert server.process.returncode == 0, server.output()
    assert "Traceback" not in server.output()


def group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "serve", "--port", str(free_port()), *args],
                          capture_output=True, text=True, timeout=30, cwd=tmp_path)


@pytest.mark.parametrize("token, problem", [
    ("short", "8 to 256 characters"),
    ("x" * 257, "8 to 256 characters"),
    ("has a space", "position 4"),
    ("\x1b[31mred-token", "position 1"),
    ("caf\u00e9-au-lait", "position 4"),
])
def test_a_bad_token_is_one_line_and_exit_2(tmp_path, token, problem):
    result = serve(tmp_path, "--token", token)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("cramp serve: --token ")
    assert problem in result.stderr
    assert token not in result.stderr and "\x1b" not in result.stderr  # never echoed


def test_a_chosen_token_is_the_secret(tmp_path):
    token = "my-cramp-bookmark.42"
    with running_server(tmp_path, "--token", token) as running:
        assert running.address == f"http://127.0.0.1:{running.port}/?token={token}"
        assert get(running.port, f"/?token={token}").status == 200
        assert get(running.port, "/?token=my-cramp-bookmark.43").status == 403
