#!/usr/bin/env python3
"""Start-up time of the frozen build against ``python -m flexdesk`` (medians of N runs).

    python installers/measure_startup.py [--runs 5] [--exe dist/flexdesk/flexdesk]

Two moments, both on the same demo office through ``FLEXDESK_STARTUP_PROBE``: the sign-in
window shown (what a user waits for after clicking the icon; probe ``first-window``), and the
main window shown after signing in (probe ``admin:<password>``, which includes checking the
password hash with Argon2). The time is taken from process start to the probe's line on
stdout (the probe's own figure starts later, when flexdesk.ui.app is imported). Offscreen
platform, so a run measures FlexDesk and not the X server. Runs of the two programs
alternate, so a change in machine load hits both alike.
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
PROBE = "admin:demo123456"


def time_to_window(cmd: list[str], env: dict[str, str], marker: str) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    seen = None
    for line in proc.stdout:
        if line.startswith(marker):
            seen = time.perf_counter() - start
            break
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if seen is None:
        sys.exit(f"no {marker} from {cmd}")
    return seen


MOMENTS = {
    # name -> (probe value, line the probe prints)
    "sign-in window": ("first-window", "first-window-shown"),
    "main window": (PROBE, "main-window-shown"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--exe", default=str(ROOT / "dist" / "flexdesk" / "flexdesk"))
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        # the frozen program makes the demo office: its migrations are the ones it was built with
        subprocess.run(
            [args.exe, "demo", "--data-dir", str(data)], env=env, check=True, capture_output=True
        )
        commands = {
            "frozen (one-dir)": [args.exe, "--data-dir", str(data)],
            "python -m flexdesk": [sys.executable, "-m", "flexdesk", "--data-dir", str(data)],
        }
        results: dict[tuple[str, str], list[float]] = {}
        for moment, (probe, marker) in MOMENTS.items():
            probe_env = dict(env, FLEXDESK_STARTUP_PROBE=probe)
            for cmd in commands.values():  # warm the page cache once
                time_to_window(cmd, probe_env, marker)
            for _ in range(args.runs):
                for name, cmd in commands.items():
                    results.setdefault((moment, name), []).append(
                        time_to_window(cmd, probe_env, marker)
                    )
    print(f"{'start-up (offscreen)':<36} {'median':>8} {'min':>8} {'max':>8}   (n={args.runs})")
    for (moment, name), times in results.items():
        print(
            f"{moment + ', ' + name:<36} {statistics.median(times):7.3f}s "
            f"{min(times):7.3f}s {max(times):7.3f}s"
        )
    for moment in MOMENTS:
        frozen, source = (statistics.median(results[(moment, n)]) for n in commands)
        print(f"{moment}: frozen / python = {frozen / source:.2f}")


if __name__ == "__main__":
    main()
