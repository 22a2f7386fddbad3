"""The secret that lets only the person who started `cramp serve` in (no aiohttp, no Textual).

A random secret per run goes into the address `cramp serve` prints (`/?token=...`), the way
Jupyter does it. The first visit with it sets a cookie, so the page's own requests (its script,
font and websocket) carry it without the secret in every address. The cookie holds a value derived
from the secret rather than the secret itself, so it is always cookie-safe whatever `--token` a
person chose, and the same token (a bookmark) gives the same cookie across restarts.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import quote

MIN_LENGTH = 8  # shorter is guessable by trying
MAX_LENGTH = 256  # it goes into an address; a bookmark needs no more
QUERY_NAME = "token"


def new_token() -> str:
    """A fresh secret for this run: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def token_problem(token: str) -> str | None:
    """What is wrong with a token a person chose, in a few words; None when it will do.

    Visible ASCII only (letters, digits, punctuation): it is typed into or pasted from an address
    bar, and it must never carry spaces or control characters into the printed address.
    """
    if not MIN_LENGTH <= len(token) <= MAX_LENGTH:
        return (f"must be {MIN_LENGTH} to {MAX_LENGTH} characters long "
                f"(this one has {len(token)})")
    for position, character in enumerate(token, start=1):
        if not "!" <= character <= "~":
            return (f"may hold only visible ASCII characters (letters, digits, punctuation), "
                    f"not the one at position {position}")
    return None


def matches(given: str | None, expected: str) -> bool:
    """Compare in constant time, so the time taken says nothing about how much was right."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"),
                               expected.encode("utf-8"))


def cookie_value(token: str) -> str:
    """What the cookie holds for this token: derived from it, and always cookie-safe."""
    return hmac.new(token.encode("utf-8"), b"cramp serve cookie", hashlib.sha256).hexdigest()


def cookie_name(port: int) -> str:
    """Cookies belong to a host, not a port: two servers on one machine must not share one."""
    return f"cramp-serve-{port}"


def address_with_token(base: str, token: str) -> str:
    """The address to print: the page at `base` with the secret in its query."""
    return f"{base.rstrip('/')}/?{QUERY_NAME}={quote(token, safe='')}"
