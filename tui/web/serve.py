"""`cramp serve`: the same app in a web browser, through textual-serve (the optional `[web]` extra).

textual-serve starts one app process per browser tab and talks to it over a websocket. That process
is this module run as `python -m tui.web.serve [--guides DIR]...`, with the very Python that runs the
server, and it builds the app with make_app() like the CLI and the tests do. It does not go through
`cramp`'s launcher because the launcher falls back to plain text when stdout is not a terminal, and
under textual-serve stdout is a pipe to the web driver.

Only serve() imports textual_serve; nothing on the terminal path imports this module.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

LOOPBACK = "127.0.0.1"
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
TITLE = "cramp: leg cramp first aid"


def app_command(guides: Sequence[Path] = ()) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this app."""
    parts = [sys.executable, "-m", "tui.web.serve"]
    for directory in guides:
        parts += ["--guides", str(Path(directory).resolve())]
    return " ".join(shlex.quote(part) for part in parts)


def public_url(host: str, port: int) -> str:
    """The address a browser opens; the page's websocket address is built from it too."""
    if host in WILDCARD_HOSTS:
        host = "localhost"  # listening everywhere: this machine at least reaches it here
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    return f"http://{host}:{port}"


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


def offline_templates(directory: Path) -> Path:
    """textual-serve's page template, rewritten so the page needs nothing but this server and
    takes keys without a click first.

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
    if count != 1 or focus != 1 or "googleapis" in html or "gstatic" in html:
        raise RuntimeError(f"unexpected textual-serve page template: {stock}")
    (directory / "app_index.html").write_text(html, encoding="utf-8")
    return directory


def serve(host: str = LOOPBACK, port: int = 8000, guides: Sequence[Path] = (),
          url: str | None = None) -> int:
    """Run the web server until Ctrl+C or SIGTERM. Raises ImportError without textual-serve."""
    from textual_serve.server import Server

    address = url or public_url(host, port)

    class CrampServer(Server):
        async def on_startup(self, app) -> None:  # instead of textual-serve's banner
            print(f"cramp: open {address} in a web browser (Ctrl+C stops the server)", flush=True)
            if host in WILDCARD_HOSTS and not url:
                print("cramp: from another machine, open this machine's address instead, and "
                      "start the server with --public-url http://ADDRESS:PORT", flush=True)

    with tempfile.TemporaryDirectory(prefix="cramp-serve-") as templates:
        server = CrampServer(app_command(guides), host=host, port=port, title=TITLE,
                             public_url=address,
                             templates_path=offline_templates(Path(templates)))
        server.serve()
    return 0


def run_tab(argv: Sequence[str] | None = None) -> int:
    """One browser tab's app: what textual-serve runs (see app_command)."""
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
