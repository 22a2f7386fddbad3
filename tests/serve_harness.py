"""Helpers for the `cramp serve` tests: the real server as a subprocess on a free loopback port,
plain HTTP requests, a websocket handshake by hand, and the server's child processes.

Every wait is bounded in time. Only 127.0.0.1 is ever used.
"""

from __future__ import annotations

import base64
import http.client
import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

HOST = "127.0.0.1"
ADDRESS_LINE = re.compile(r"cramp: open (\S+) in a web browser")


def needs(condition: bool, why: str) -> None:
    """Skip on a developer's machine, fail in CI: the server tests must not silently pass there."""
    if condition:
        return
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{why} (CI is set, so this fails rather than skips; .ci/run installs "
                    "chromium with apt-get, the test extra installs playwright and textual-serve)")
    pytest.skip(why)


def importable(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(predicate: Callable[[], object], timeout: float, what: str,
             log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    shown = log.read_text(errors="replace") if log and log.exists() else "(none)"
    detail = f"\n--- log ---\n{shown}"
    raise AssertionError(f"timed out after {timeout} s waiting for {what}{detail}")


def trace_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


@dataclass
class Running:
    """A running `cramp serve`: where it listens, the address it printed, its files."""

    process: subprocess.Popen[bytes]
    port: int
    address: str  # as printed, with ?token=...
    trace: Path  # what each tab's app saw (CRAMP_TRACE, see tui/app/trace.py)
    log: Path  # the server's stdout and stderr

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.address).query)["token"][0]

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def running_server(tmp_path: Path, *args: str) -> Iterator[Running]:
    """`python -m tui serve --port N ARGS` on loopback until it prints its address; stopped (with
    every process it started) afterwards."""
    needs(importable("textual_serve"), "textual-serve is not installed")
    port = free_port()
    trace, log = tmp_path / "trace.log", tmp_path / "server.log"
    env = {**os.environ, "CRAMP_TRACE": str(trace)}  # conftest already set private config dirs
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui", "serve", "--port", str(port), *args], cwd=tmp_path,
            env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,  # a group of its own, so cleanup reaches only what it started
        )

    def printed_address() -> str | None:
        if process.poll() is not None:
            raise AssertionError(f"cramp serve exited with {process.returncode}:\n"
                                 f"{log.read_text(errors='replace')}")
        found = ADDRESS_LINE.search(log.read_text(errors="replace"))
        return found.group(1) if found else None

    try:
        wait_for(printed_address, 30, f"cramp serve to print its address (port {port})", log)
        yield Running(process, port, printed_address() or "", trace, log)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then whatever is left of the process's own group, bounded."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def get(port: int, target: str, cookie: str | None = None) -> Reply:
    """GET `target` (path and query) from the server."""
    connection = http.client.HTTPConnection(HOST, port, timeout=15)
    try:
        connection.request("GET", target, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def session_cookie(running: Running) -> str:
    """Visit the printed address as a browser does first; the cookie it sets ("name=value")."""
    address = urlsplit(running.address)
    reply = get(running.port, f"{address.path}?{address.query}")
    assert reply.status == 200, (reply.status, reply.body, address)
    set_cookie = reply.headers.get("Set-Cookie", "")
    assert set_cookie, "the first visit with the secret set no cookie"
    return set_cookie.split(";", 1)[0]


@contextmanager
def websocket(port: int, cookie: str | None = None,
              origin: str | None = None) -> Iterator[tuple[int, socket.socket]]:
    """Open the app's websocket as a page would (the handshake by hand); the HTTP status of the
    answer (101 when accepted) and the socket, kept open (a browser tab) until the block ends."""
    sock = socket.create_connection((HOST, port), timeout=15)
    headers = [
        "GET /ws?width=80&height=24 HTTP/1.1", f"Host: {HOST}:{port}", "Upgrade: websocket",
        "Connection: Upgrade", "Sec-WebSocket-Version: 13",
        f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}",
    ]
    if origin is not None:
        headers.append(f"Origin: {origin}")
    if cookie is not None:
        headers.append(f"Cookie: {cookie}")
    try:
        sock.sendall(("\r\n".join(headers) + "\r\n\r\n").encode())
        answer = b""
        while b"\r\n" not in answer:  # the socket's timeout bounds each read
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
        yield status, sock
    finally:
        sock.close()


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return children


def alive(pid: int) -> bool:
    """Whether `pid` is a running (not zombie) process."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
