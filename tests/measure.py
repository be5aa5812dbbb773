"""Running the command in its own process and measuring its time and its own peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs the command and writes the process's own peak memory (VmHWM, in kB) to the file named by
# $PEAK at exit. ru_maxrss from wait4 would also count the test process the child was forked
# from: Linux keeps the larger of the two across exec.
_PEAK = (
    "import atexit, os, runpy\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    open(os.environ['PEAK'], 'w').write(status.split('VmHWM:')[1].split()[0])\n"
    "atexit.register(peak)\n"
    "runpy.run_module('sosfs_check', run_name='__main__')\n"
)


def measured(*args: str) -> tuple[int, str, float, int]:
    """Run `sosfs-check ARGS` in its own process: (exit code, stdout and stderr, seconds, peak memory in MB)."""
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder) / "peak"
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", _PEAK, *args], capture_output=True, text=True,
                              env={**os.environ, "PEAK": str(peak)})
        seconds = time.monotonic() - start
        return proc.returncode, proc.stdout + proc.stderr, seconds, int(peak.read_text()) // 1024
