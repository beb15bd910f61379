"""Cold start of FlexDesk to the main window on a 300-employee database, beside a bare
PySide6 window started the same way in the same run. Goal: under 2.5x the bare window.

Each time is from starting the process to the moment it reports its window on screen (a line
on stdout, after the window was shown and painted); the process then quits, not counted. The
sign-in window appears before the database layer is loaded; the main window needs all of it
plus one argon2 password check.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, make_office, print_table

from flexdesk.services.demo import DEMO_PASSWORD

BARE = """
import time, sys
t = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1200, 760); w.show()
def shown():
    print("bare-window-shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


#: "after-sign-in" times the probe reported (password check + main window, see ui/app.py)
AFTER_SIGN_IN: list[float] = []


def time_to_line(cmd: list[str], env: dict[str, str], marker: str) -> float:
    """Seconds from starting ``cmd`` until it prints a line starting with ``marker``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.startswith(marker) and elapsed is None:
            elapsed = time.perf_counter() - start
            words = line.split()
            if "after-sign-in" in words:
                AFTER_SIGN_IN.append(float(words[words.index("after-sign-in") + 1].rstrip("s")))
    _, err = proc.communicate()
    assert proc.returncode == 0 and elapsed is not None, err
    return elapsed


def median_of(fn: Callable[[], float], repeat: int) -> float:
    fn()  # warm-up: file cache, compiled bytecode, the .qm translation
    return statistics.median(fn() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # An installed FlexDesk has compiled bytecode; measure that, not a recompile on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_office(Path(tmp) / "office", args.employees)
        app_env = dict(env, FLEXDESK_STARTUP_PROBE=f"admin:{DEMO_PASSWORD}")
        cmd = [sys.executable, "-m", "flexdesk", "--data-dir", str(paths.root)]

        login_env = dict(env, FLEXDESK_STARTUP_PROBE="first-window")
        bare = median_of(
            lambda: time_to_line([sys.executable, "-c", BARE], env, "bare-window-shown"),
            args.repeat,
        )
        app = median_of(lambda: time_to_line(cmd, app_env, "main-window-shown"), args.repeat)
        first = median_of(lambda: time_to_line(cmd, login_env, "first-window-shown"), args.repeat)
    print_table(
        [
            Row(
                "cold start to sign-in dialog",
                f"{args.employees} employees",
                first,
                "bare PySide6 window",
                bare,
                "the first window a person sees",
            ),
            Row(
                "cold start to main window",
                f"{args.employees} employees",
                app,
                "bare PySide6 window",
                bare,
                "goal < 2.5x; includes one argon2 check (~0.2 s)",
            ),
            Row(
                "pressing Masuk to main window",
                f"{args.employees} employees",
                statistics.median(AFTER_SIGN_IN),
                "bare PySide6 window",
                bare,
                "what a person waits for after typing the password (argon2 + main window)",
            ),
        ]
    )


if __name__ == "__main__":
    main()
