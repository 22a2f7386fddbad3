"""Every open browser tab's app process, so that stopping the server stops them all, quickly.

textual-serve stops a tab's app by asking it to quit and waiting, and aiohttp waits up to 60 s for
an open websocket on shutdown. Here the server, on shutdown, signals each app's process group
(each tab's app starts its own session, see tui.web.serve.run_tab, so helpers it starts go too),
closes each websocket, and kills whatever has not gone within a short grace.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Coroutine
from typing import Any

GRACE = 0.8  # seconds an app gets to quit on SIGTERM (Textual's web driver exits cleanly on it)
REAP = 0.4  # seconds to wait for killed processes to be gone


def signal_group(pid: int, signum: int) -> None:
    """Signal the process group led by `pid`; just the process if it has no group of its own yet
    (it is still starting, before its setsid)."""
    try:
        os.killpg(pid, signum)
        return
    except (ProcessLookupError, PermissionError):
        pass
    try:
        os.kill(pid, signum)
    except (ProcessLookupError, PermissionError):
        pass  # gone already (and its pid not ours any more)


class Tabs:
    """The open tabs: each one's app process (asyncio) and websocket (aiohttp)."""

    def __init__(self) -> None:
        self._open: dict[int, tuple[asyncio.subprocess.Process, Any]] = {}
        self.stopping = False

    async def serve(self, process: asyncio.subprocess.Process, websocket: Any,
                    messages: Coroutine[Any, Any, None]) -> None:
        """Track a tab while its messages are processed (`messages`, until the tab closes)."""
        if self.stopping:  # its app started while the server was stopping: stop it at once
            messages.close()
            signal_group(process.pid, signal.SIGKILL)
            return
        self._open[id(process)] = (process, websocket)
        try:
            await messages
        finally:
            self._open.pop(id(process), None)

    async def stop_all(self) -> None:
        """SIGTERM every app's group and close every websocket; after GRACE, SIGKILL the rest."""
        self.stopping = True
        tabs = list(self._open.values())
        if not tabs:
            return
        for process, _ in tabs:
            signal_group(process.pid, signal.SIGTERM)
        exits = [asyncio.ensure_future(process.wait()) for process, _ in tabs]
        closes = [asyncio.ensure_future(websocket.close(code=1001, message=b"server stopped"))
                  for _, websocket in tabs]  # 1001: going away
        await asyncio.wait(exits + closes, timeout=GRACE)
        for process, _ in tabs:
            if process.returncode is None:
                signal_group(process.pid, signal.SIGKILL)
        await asyncio.wait(exits, timeout=REAP)
        for task in exits + closes:  # a browser that never answers the close: drop it
            task.cancel()
