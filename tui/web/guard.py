"""The gate in front of textual-serve's routes: an aiohttp middleware, so textual-serve stays as
it is and every route (the page, its files, the websocket that starts an app) passes through here.

In order, for every request:
1. the secret: `?token=` in the address, or the cookie the first such visit set; otherwise 403,
   before any handler runs, so a stranger never gets an app process started;
2. the page's files: only those the page loads, never a directory listing (404);
3. the websocket: only from a page served at this server's own address (Origin), so another web
   page open in the same browser cannot drive the app (403), even with the cookie.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from tui.web.address import origin_of
from tui.web.secret import QUERY_NAME, cookie_name, cookie_value, matches


# What app_index.html (ours, see offline_templates) loads from textual-serve's static folder.
PAGE_FILES = frozenset({
    "css/xterm.css",
    "js/textual.js",
    "fonts/RobotoMono-VariableFont_wght.ttf",
    "images/background.png",
})
STATIC_ROUTE = "static"  # textual-serve's route names
WEBSOCKET_ROUTE = "websocket"

NO_SECRET = ("Forbidden: open the address that `cramp serve` printed when it started "
             "(it ends in ?token=...).\n")
FOREIGN_ORIGIN = "Forbidden: the app only talks to a page served at this server's own address.\n"


def route_name(request: web.Request) -> str | None:
    resource = request.match_info.route.resource
    return resource.name if resource is not None else None


def make_guard(token: str, port: int, public_url: str) -> Middleware:
    """The middleware for a server listening on `port`, reached at `public_url`, with `token`."""
    name = cookie_name(port)
    expected_cookie = cookie_value(token)
    own_origin = origin_of(public_url)
    secure = public_url.lower().startswith("https:")

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        given = request.query.get(QUERY_NAME)
        # A token in the address must be right; without one, the cookie must be.
        if given is not None:
            allowed = matches(given, token)
        else:
            allowed = matches(request.cookies.get(name), expected_cookie)
        if not allowed:
            return web.Response(status=403, text=NO_SECRET)

        route = route_name(request)
        if route == STATIC_ROUTE and request.match_info.get("filename") not in PAGE_FILES:
            raise web.HTTPNotFound()
        if route == WEBSOCKET_ROUTE:
            origin = request.headers.get("Origin")
            if own_origin is None or origin is None or origin_of(origin) != own_origin:
                return web.Response(status=403, text=FOREIGN_ORIGIN)

        response = await handler(request)
        if not response.prepared:  # a websocket or a download has sent its headers already
            response.headers["Referrer-Policy"] = "no-referrer"
            if given is not None:
                # The page's own requests (files, websocket) then carry the secret by themselves.
                # Strict: a request another site's page makes to this server never carries it.
                response.set_cookie(name, expected_cookie, path="/", httponly=True,
                                    samesite="Strict", secure=secure)
        return response

    return guard
