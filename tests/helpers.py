"""Shared by the tests: a minimal valid rule file, an in-process CLI runner and a free port."""

import socket
import sys

import pytest

from sosfs_check.cli import main

GOOD_RULE = """\
rules:
  - id: TEST-1
    title: Riskanalys
    area: riskanalys
    profiles: [kvalitetsberattelse]
    severity: warning
    legal_basis: ["SOSFS 2011:9 5 kap. 1 §"]
    check:
      type: section
      headings: [riskanalys]
    message: Riskanalys saknas.
    fix: Lägg till en riskanalys.
"""


def run_cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["sosfs-check", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    return done.value.code or 0, out.out, out.err


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
