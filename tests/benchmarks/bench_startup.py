"""Cold start of FlexDesk to the main window on a 300-employee database, beside a bare
PySide6 window started the same way in the same run. Goal: under 2.5x the bare window."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, make_office, median_time, print_table

from flexdesk.services.demo import DEMO_PASSWORD

BARE = """
import time, sys
t = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1200, 760); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


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

        def start_app() -> None:
            out = subprocess.run(cmd, env=app_env, capture_output=True, text=True, check=True)
            assert "main-window-shown" in out.stdout, out.stdout + out.stderr

        def start_login() -> None:
            out = subprocess.run(
                cmd,
                env=dict(env, FLEXDESK_STARTUP_PROBE="first-window"),
                capture_output=True,
                text=True,
                check=True,
            )
            assert "first-window-shown" in out.stdout, out.stdout + out.stderr

        def start_bare() -> None:
            subprocess.run([sys.executable, "-c", BARE], env=env, check=True, capture_output=True)

        bare = median_time(start_bare, repeat=args.repeat)
        app = median_time(start_app, repeat=args.repeat)
        first = median_time(start_login, repeat=args.repeat)
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
        ]
    )


if __name__ == "__main__":
    main()
