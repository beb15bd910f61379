#!/usr/bin/env python3
"""Set up a FlexDesk environment and run it: the two commands of the README.

    python3 installers/dev.py demo     # create .venv, install FlexDesk, open the demo office
    python3 installers/dev.py test     # create .venv, install FlexDesk + test tools, run checks
    python3 installers/dev.py bench    # run the benchmarks and print their table

Only the standard library is used here, so it runs on a fresh machine with Python 3.11+
(Debian/Ubuntu: the python3-venv package must be installed; Windows: the python.org installer).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("FLEXDESK_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_env(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - explain instead of a syntax error
        sys.exit("FlexDesk needs Python 3.11 or newer.")
    if not PY.exists():
        print(f"Creating virtual environment in {VENV}")
        try:
            venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(VENV)
        except (OSError, subprocess.CalledProcessError) as exc:
            sys.exit(
                f"Cannot create a virtual environment ({exc}). On Debian/Ubuntu install it with: "
                "sudo apt install python3-venv"
            )
    stamp = VENV / f".installed-{extras or 'base'}"
    pyproject = ROOT / "pyproject.toml"
    if not stamp.exists() or stamp.stat().st_mtime < pyproject.stat().st_mtime:
        target = f".[{extras}]" if extras else "."
        run(PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target)
        stamp.touch()


def cmd_demo(extra: list[str]) -> None:
    ensure_env("")
    run(PY, "-m", "flexdesk", "--demo", *extra)


def cmd_test(extra: list[str]) -> None:
    ensure_env("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    run(PY, "-m", "ruff", "check", "flexdesk", "tests", "installers")
    run(PY, "-m", "ruff", "format", "--check", "flexdesk", "tests", "installers")
    run(PY, "-m", "mypy")
    run(BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports"))  # pyproject contracts
    run(PY, "-m", "pytest", *(extra or ["-q"]), env=env)


def cmd_bench(extra: list[str]) -> None:
    ensure_env("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    run(PY, "tests/benchmarks/run.py", *extra, env=env)


COMMANDS = {"demo": cmd_demo, "test": cmd_test, "bench": cmd_bench}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
