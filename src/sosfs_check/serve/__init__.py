"""`sosfs-check serve`: the checks, reports and template as a local web page (see `app`)."""

from __future__ import annotations

import os
import re
import socket
import sys

from ..errors import UserError
from ..settings import Settings
from .guard import is_loopback

TOKEN_ENV = "SOSFS_CHECK_TOKEN"
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9._~+-]{16,}")
MISSING_EXTRA = (
    "serve behöver tillägget 'serve' (FastAPI och uvicorn), som inte är installerat: "
    "installera det med  pip install 'sosfs-check[serve]'"
)


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


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          token: str | None = None) -> None:
    """Check the options, print where to go, and serve under `settings` until Ctrl-C."""
    token = token_for(host, token)
    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401  (uploads)
        import uvicorn
    except ImportError:
        raise UserError(MISSING_EXTRA) from None
    from .app import create_app

    guarded = create_app(settings, token)
    shown = socket.getfqdn() if host in ("0.0.0.0", "::") else f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if token:
        url += f"login/{guarded.one_time_link()}"
        note = "länken fungerar en gång; sedan krävs nyckeln"
    else:
        note = "bara den här datorn når sidan"
    server = uvicorn.Server(uvicorn.Config(guarded, host=host, port=port, access_log=False, log_level="warning",
                                           server_header=False, timeout_graceful_shutdown=5))
    _when_started(server, f"sosfs-check serve: öppna {url} ({note}). Avsluta med Ctrl-C.", url if open_browser else None)
    problem = f"kan inte lyssna på {host}:{port}; porten används kanske redan (välj en annan med --port)"
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind
        raise UserError(problem) from None
    if not server.started:
        raise UserError(problem)


def _when_started(server, message: str, url: str | None) -> None:
    """As soon as the server listens: say where the page is, and open it when `url` is given."""
    import threading
    import time
    import webbrowser

    def wait() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            print(message, file=sys.stderr, flush=True)
            if url:
                webbrowser.open(url)

    threading.Thread(target=wait, daemon=True).start()
