"""The server's gate, as plain ASGI middleware: who may ask, how much they may send, and the
security headers on every answer.

- With a token, every request carries it: `Authorization: Bearer TOKEN`, or the cookie that the
  one-time link printed at start (or the sign-in form) sets.
- Without one the server listens on loopback only, and answers only to a loopback host name, so
  that a web page elsewhere cannot reach it through DNS rebinding.
- A form posted from another site's page (its `Origin` is not this server) is refused.
- A request body larger than the limit is refused with 413 while it streams in.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

COOKIE = "sosfs_check_token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


class TooLarge(Exception):
    """The request body passed the limit while streaming in."""


class Guard:
    """Wraps the app: checks host, origin, token and body size; adds `HEADERS` to every answer."""

    def __init__(self, app, token: str | None, max_body: int, sign_in_page):
        self.app = app
        self.token = token
        self.max_body = max_body
        self.sign_in_page = sign_in_page  # wrong=False -> HTML of the sign-in form, in the page's language
        self.links: set[str] = set()  # one-time link codes not yet used

    def one_time_link(self) -> str:
        """A new code for /login/CODE, which sets the cookie once."""
        code = secrets.token_urlsafe(24)
        self.links.add(code)
        return code

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal:
            return await _answer(send_with_headers, *refusal)
        if scope["path"].startswith("/login/") and self.token:
            return await self._sign_in(scope["path"].removeprefix("/login/"), send_with_headers)
        if scope["method"] == "POST" and scope["path"] == "/login" and self.token:
            return await self._sign_in_form(receive, send_with_headers)
        if self.token and not self._carries_token(headers):
            if scope["method"] == "GET" and "text/html" in headers.get("accept", ""):
                return await _answer(send_with_headers, 401, self.sign_in_page(), "text/html; charset=utf-8")
            return await _answer(send_with_headers, 401, _detail("åtkomstnyckel saknas eller är fel"))
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            return await _answer(send_with_headers, 413, _detail(_too_large(self.max_body)))
        seen = 0
        started = False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise TooLarge
            return message

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except TooLarge:
            if not started:
                await _answer(send_with_headers, 413, _detail(_too_large(self.max_body)))

    def _refusal(self, scope, headers) -> tuple[int, bytes] | None:
        host = headers.get("host", "")
        if not self.token and not is_loopback(_hostname(host)):
            return 421, _detail("servern svarar bara på 127.0.0.1 eller localhost")
        origin = headers.get("origin")
        if scope["method"] not in ("GET", "HEAD") and origin and urlsplit(origin).netloc.lower() != host.lower():
            return 403, _detail("formulär från en annan webbplats tas inte emot")
        return None

    def _carries_token(self, headers) -> bool:
        offered = ""
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            offered = value.strip()
        elif "cookie" in headers:
            cookie = SimpleCookie()
            try:
                cookie.load(headers["cookie"])
            except Exception:  # a malformed cookie header carries no token
                return False
            offered = cookie[COOKIE].value if COOKIE in cookie else ""
        return bool(offered) and hmac.compare_digest(offered.encode(), self.token.encode())

    async def _sign_in(self, code: str, send) -> None:
        if code not in self.links:
            return await _answer(send, 401, self.sign_in_page(), "text/html; charset=utf-8")
        self.links.discard(code)
        await _redirect_with_cookie(send, self.token)

    async def _sign_in_form(self, receive, send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > 4096:
                return await _answer(send, 413, _detail("formuläret är för stort"))
            if not message.get("more_body"):
                break
        offered = parse_qs(body.decode("utf-8", "replace")).get("token", [""])[0]
        if not hmac.compare_digest(offered.encode(), self.token.encode()):
            return await _answer(send, 401, self.sign_in_page(wrong=True), "text/html; charset=utf-8")
        await _redirect_with_cookie(send, self.token)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: reachable from this computer only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _hostname(host: str) -> str:
    """The Host header without its port: '127.0.0.1:8000' -> '127.0.0.1', '[::1]:8000' -> '[::1]'."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def _detail(message: str) -> bytes:
    return json.dumps({"detail": message}, ensure_ascii=False).encode()


def _too_large(limit: int) -> str:
    return f"begäran är för stor (gränsen är {limit / 1024 / 1024:.0f} MB); höj gränsen med --max-size MB"


async def _answer(send, status: int, body: bytes, media: str = "application/json") -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(send, token: str) -> None:
    cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
