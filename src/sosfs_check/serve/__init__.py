"""`sosfs-check serve`: the checks, reports and template as a local web page (see `app`)."""

from __future__ import annotations

import ipaddress
import os
import re
import sys
from pathlib import Path

from ..errors import UserError

TOKEN_ENV = "SOSFS_CHECK_TOKEN"
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9._~+-]{16,}")
MISSING_EXTRA = (
    "serve behöver tillägget 'serve' (FastAPI och uvicorn), som inte är installerat: "
    "installera det med  pip install 'sosfs-check[serve]'"
)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: reachable from this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_for(host: str, token: str | None) -> str | None:
    """The token to require: the option, else the environment variable; refused when a
    host other than loopback is asked for without one, or when it is too easy to guess."""
    token = token or os.environ.get(TOKEN_ENV) or None
    if token is None and not is_loopback(host):
        raise UserError(
            f"--host {host}: servern nås då från andra datorer och kräver en åtkomstnyckel; "
            f"ange --token NYCKEL eller miljövariabeln {TOKEN_ENV} (minst 16 tecken), "
            "eller lyssna bara på den här datorn med --host 127.0.0.1"
        )
    if token is not None and not TOKEN_SHAPE.fullmatch(token):
        raise UserError(
            "--token: åtkomstnyckeln ska ha minst 16 tecken av A–Z, a–z, 0–9 och . _ ~ + -; "
            "skapa en med t.ex.  python3 -c 'import secrets; print(secrets.token_urlsafe())'"
        )
    return token


def serve(host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False, rule_dirs=(),
          config: Path | None = None, lang: str | None = None, max_size: int | None = None,
          token: str | None = None) -> None:
    """Check the options, load the rules once, print where to go, and serve until Ctrl-C."""
    token = token_for(host, token)
    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401  (uploads)
        import uvicorn
    except ImportError:
        raise UserError(MISSING_EXTRA) from None
    from ..config import configured_rules, load_config
    from .app import create_app
    from .work import Checker

    settings = load_config(config)
    checker = Checker(configured_rules(settings, tuple(rule_dirs or ())), settings, max_size)
    language = lang or settings.lang or "sv"
    guarded = create_app(checker, language, token)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if token:
        url += f"login/{guarded.one_time_link()}"
        print(f"sosfs-check serve: öppna {url} (länken fungerar en gång; sedan krävs nyckeln)", file=sys.stderr)
    else:
        print(f"sosfs-check serve: öppna {url} (bara den här datorn når sidan)", file=sys.stderr)
    print("Avsluta med Ctrl-C.", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(guarded, host=host, port=port, access_log=False, log_level="warning",
                                           server_header=False, timeout_graceful_shutdown=5))
    if open_browser:
        _open_when_started(server, url)
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind
        raise UserError(f"kan inte lyssna på {host}:{port}; porten används kanske redan (välj en annan med --port)")
    if not server.started:
        raise UserError(f"kan inte lyssna på {host}:{port}; porten används kanske redan (välj en annan med --port)")


def _open_when_started(server, url: str) -> None:
    """Open the page in the default browser as soon as the server listens."""
    import threading
    import time
    import webbrowser

    def wait_and_open() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            webbrowser.open(url)

    threading.Thread(target=wait_and_open, daemon=True).start()

