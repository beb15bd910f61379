#!/usr/bin/env python3
"""Start-up time of the frozen build against ``python -m flexdesk`` (medians of N runs).

    python installers/measure_startup.py [--runs 5] [--exe dist/flexdesk/flexdesk]

Both sign in to the same demo office through ``FLEXDESK_STARTUP_PROBE`` and quit when the main
window is shown. The time is taken from process start to the probe's line on stdout (the
probe's own figure starts later, when flexdesk.ui.app is imported). Offscreen platform, so a
run measures FlexDesk and not the X server.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = "admin:demo12345"


def time_to_window(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    seen = None
    for line in proc.stdout:
        if line.startswith("main-window-shown"):
            seen = time.perf_counter() - start
            break
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    if seen is None:
        sys.exit(f"no main window from {cmd}")
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--exe", default=str(ROOT / "dist" / "flexdesk" / "flexdesk"))
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        subprocess.run(
            [sys.executable, "-m", "flexdesk", "demo", "--data-dir", str(data)],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        probe_env = dict(env, FLEXDESK_STARTUP_PROBE=PROBE)
        commands = {
            "frozen (one-dir)": [args.exe, "--data-dir", str(data)],
            "python -m flexdesk": [sys.executable, "-m", "flexdesk", "--data-dir", str(data)],
        }
        for cmd in commands.values():  # warm the page cache once
            time_to_window(cmd, probe_env)
        results = {
            name: [time_to_window(cmd, probe_env) for _ in range(args.runs)]
            for name, cmd in commands.items()
        }
    print(f"{'start-up to main window':<24} {'median':>8} {'min':>8} {'max':>8}   (n={args.runs})")
    for name, times in results.items():
        print(f"{name:<24} {statistics.median(times):7.3f}s {min(times):7.3f}s {max(times):7.3f}s")
    frozen, source = (statistics.median(t) for t in results.values())
    print(f"ratio frozen / python: {frozen / source:.2f}")


if __name__ == "__main__":
    main()
