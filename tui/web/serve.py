"""`cramp serve`: the same app in a web browser, through textual-serve (the optional `[web]` extra).

textual-serve starts one app process per browser tab and talks to it over a websocket. That
process is this module run as `python -m tui.web.serve [--guides DIR]...`, with the very Python
that runs the server, and it builds the app with make_app() like the CLI and the tests do. It does
not go through `cramp`'s launcher because the launcher falls back to plain text when stdout is not
a terminal, and under textual-serve stdout is a pipe to the web driver.

Only serve() imports textual_serve; nothing on the terminal path imports this module.

Private by default (issue 11): a secret in the printed address, the websocket's Origin checked, only
the page's own files served (guard.py); every tab's app stopped with the server (tabs.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shlex
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.web.address import LOOPBACK, WILDCARD_HOSTS, is_loopback, public_url

if TYPE_CHECKING:  # only serve() imports textual_serve (and aiohttp with it)
    from aiohttp import web
    from textual_serve.app_service import AppService

TITLE = "cramp: leg cramp first aid"


def app_command(guides: Sequence[Path] = ()) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this app.

    `exec`: the shell becomes the app, so the process textual-serve holds is the app itself and
    the server can signal it (and its process group) on shutdown.
    """
    parts = [sys.executable, "-m", "tui.web.serve"]
    for directory in guides:
        parts += ["--guides", str(Path(directory).resolve())]
    return "exec " + " ".join(shlex.quote(part) for part in parts)


def startup_lines(host: str, address: str, url_given: bool) -> list[str]:
    """What `cramp serve` prints once it listens: where to open it and, off loopback, the risk."""
    lines = [f"cramp: open {address} in a web browser (Ctrl+C stops the server)"]
    if not is_loopback(host):
        lines.append(
            f"cramp: WARNING: listening on {host or 'every address'}, not only on this machine: "
            "whoever can reach this machine and has the address above can read and change your "
            "cramp diary. The secret in it is the only lock"
            + (", and plain http does not encrypt it." if address.startswith("http:") else "."))
        if host in WILDCARD_HOSTS and not url_given:
            lines.append("cramp: from another machine, open this machine's address instead, and "
                         "start the server with --public-url http://ADDRESS:PORT")
    return lines


# The stock page only takes keys after a click on the terminal (and until then the app thinks it
# is in the background and hides its key bar). Mid-cramp nobody should have to click first: once
# the app's first frame has arrived, focus the terminal, which also tells the app it has focus.
AUTOFOCUS = """    <script>
      window.addEventListener("load", () => {
        const focusOnce = () => {
          if (!document.body.classList.contains("-first-byte")) return false;
          document.querySelector(".xterm-helper-textarea")?.focus();
          return true;
        };
        if (focusOnce()) return;
        new MutationObserver((_, observer) => {
          if (focusOnce()) observer.disconnect();
        }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
      });
    </script>"""


# The first visit's address holds the secret (?token=...); the cookie set with that visit now
# stands in for it. Take it out of the address bar, so it is not on screen or copied along with
# the address. (Done in the page rather than by a redirect: a SameSite=Strict cookie set during a
# navigation another site started is not sent on the redirect that follows.)
DROP_TOKEN = """    <script>
      (() => {
        const url = new URL(window.location.href);
        if (!url.searchParams.has("token")) return;
        url.searchParams.delete("token");
        window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
      })();
    </script>"""


def offline_templates(directory: Path) -> Path:
    """textual-serve's page template, rewritten so the page needs nothing but this server, takes
    keys without a click first, and drops the secret from the address bar.

    The stock template links Roboto Mono from Google Fonts, so every page view would contact
    Google (and, offline, fall back to another font). textual-serve ships the same font in its
    static files without using it; the rewritten page loads that copy instead.
    """
    import textual_serve

    stock = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    html = stock.read_text(encoding="utf-8")
    font = "{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"
    local = (
        f'<link rel="preload" href="{font}" as="font" type="font/ttf" crossorigin />\n'
        "    <style>\n"
        '      @font-face { font-family: "Roboto Mono"; font-weight: 100 700; '
        f'src: url("{font}") format("truetype"); }}\n'
        "    </style>"
    )
    html, count = re.subn(r"<link[^>]*fonts\.googleapis\.com[^>]*>", local, html)
    html, focus = re.subn(r"</body>", AUTOFOCUS + "\n  </body>", html)
    html, drop = re.subn(r"<head>", "<head>\n" + DROP_TOKEN, html)
    if count != 1 or focus != 1 or drop != 1 or "googleapis" in html or "gstatic" in html:
        raise RuntimeError(f"unexpected textual-serve page template: {stock}")
    (directory / "app_index.html").write_text(html, encoding="utf-8")
    return directory


def serve(host: str = LOOPBACK, port: int = 8000, guides: Sequence[Path] = (),
          url: str | None = None, token: str | None = None) -> int:
    """Run the web server until Ctrl+C or SIGTERM. Raises ImportError without textual-serve.

    `token` is the secret (validated by the caller, see secret.token_problem); a fresh random one
    for this run if None.
    """
    from textual_serve.server import Server

    from tui.web.guard import make_guard
    from tui.web.secret import address_with_token, new_token
    from tui.web.tabs import Tabs

    base = url or public_url(host, port)
    secret = token or new_token()
    tabs = Tabs()

    class CrampServer(Server):
        async def _make_app(self) -> web.Application:  # textual-serve's routes, behind the guard
            app = await super()._make_app()
            app.middlewares.append(make_guard(secret, port, base))
            return app

        async def _process_messages(self, websocket: web.WebSocketResponse,
                                     app_service: AppService) -> None:
            # Called once a tab's app process has started: track it until the tab closes.
            # (textual-serve 1.1.3 keeps the process in AppService._process; pinned in pyproject.)
            process = app_service._process
            assert process is not None  # started: textual-serve set it before calling this
            await tabs.serve(process, websocket, super()._process_messages(websocket, app_service))

        # Instead of textual-serve's banner:
        async def on_startup(self, app: web.Application) -> None:
            for line in startup_lines(host, address_with_token(base, secret), url is not None):
                print(line, flush=True)

        async def on_shutdown(self, app: web.Application) -> None:
            await tabs.stop_all()

        exit_requested = False

        def request_exit(self) -> None:  # on SIGINT and SIGTERM
            # Only the first: another one (an impatient second Ctrl+C) would abort the shutdown
            # half-way and leave the tabs' apps running. The shutdown is short anyway.
            if not self.exit_requested:
                self.exit_requested = True
                super().request_exit()

        def initialize_logging(self) -> None:
            super().initialize_logging()
            # aiohttp logs every request line, and the first one holds the secret.
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="cramp-serve-") as templates:
        server = CrampServer(app_command(guides), host=host, port=port, title=TITLE,
                             public_url=base,
                             templates_path=offline_templates(Path(templates)))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass  # a second Ctrl+C just as the server's loop closed: it had stopped already
        finally:
            # Stopped: the loop's own handlers are gone, and a later Ctrl+C or SIGTERM (an
            # impatient second one) would only turn this clean exit into an interrupted one.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return 0


def run_tab(argv: Sequence[str] | None = None) -> int:
    """One browser tab's app: what textual-serve runs (see app_command)."""
    try:
        # A session (and process group) of its own: the server stops the tab's app and anything
        # it starts with one signal, and a Ctrl+C meant for the server reaches only the server.
        os.setsid()
    except OSError:
        pass  # already a group leader
    parser = argparse.ArgumentParser(prog="python -m tui.web.serve",
                                     description="the app process behind one browser tab")
    parser.add_argument("--guides", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    from tui.app.app import make_app

    app = make_app(guides=tuple(args.guides))
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(run_tab())
