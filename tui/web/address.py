"""Addresses for `cramp serve`: where it listens, what a browser opens, and the origin a page
served from it has (no aiohttp, no Textual)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_loopback(host: str) -> bool:
    """Whether listening on `host` keeps the server reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def public_url(host: str, port: int) -> str:
    """The address a browser opens; the page's websocket address is built from it too."""
    host = host.strip("[]")
    if host in WILDCARD_HOSTS:
        host = "localhost"  # listening everywhere: this machine at least reaches it here
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    return f"http://{host}:{port}"


def origin_of(url: str) -> str | None:
    """scheme://host:port of an address or an Origin header, spelled one way; None if it has none.

    The port is always written out, so http://localhost and http://localhost:80 compare equal.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:  # a port out of range or not a number
        return None
    host = parts.hostname  # lower case, IPv6 without brackets
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"
