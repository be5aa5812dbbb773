"""What the serve tests share: real `sosfs-check serve` processes on free loopback ports."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from helpers import free_port


@pytest.fixture
def start_server(tmp_path):
    """`start_server(*options, env=None)`: `sosfs-check serve` in `tmp_path` on a free loopback port,
    once it answers; returns (url, process). Every server started is stopped after the test."""
    started: list[subprocess.Popen] = []

    def start(*options: str, env: dict | None = None) -> tuple[str, subprocess.Popen]:
        port = free_port()
        process = subprocess.Popen([sys.executable, "-m", "sosfs_check", "serve", "--port", str(port), *options],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path)
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(url + "/healthz").status_code == 200:
                    return url, process
            except httpx.TransportError:
                time.sleep(0.05)
        process.kill()
        pytest.fail(process.communicate()[0].decode())

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(10)
