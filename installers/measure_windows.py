#!/usr/bin/env python3
"""Benchmark of the Windows build under Wine (or natively on Windows): build time, sizes, and
start-up to the sign-in window beside a bare PySide6 window built the same way.

    python installers/measure_windows.py [--build] [--runs 7]

``--build`` runs ``installers/build_windows.py`` first and reports its step times; without it
the existing ``dist/windows`` is measured. The bare program (one QWidget, nothing else) is
frozen once by the same Windows Python and PyInstaller (one-dir, no excludes) into
``build/windows/bare``. Start-up is taken from process start to the line each program prints
when its first window is shown (FlexDesk: ``FLEXDESK_STARTUP_PROBE=first-window``, on a demo
office), offscreen, medians of ``--runs``; runs of the two alternate. Under Wine each run also
pays Wine's own start and exit (about 1-3 s, measured as ``wine cmd /c exit``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_windows as bw

BARE_SOURCE = """\
import sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("bare PySide6 window")
label.resize(400, 200)
label.show()
app.processEvents()
print(f"first-window-shown {time.perf_counter() - t0:.3f}s", flush=True)
"""


def time_to_line(cmd: list[str], env: dict[str, str], marker: str, timeout: float = 120) -> float:
    full = cmd if bw.NATIVE else ["wine", *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(
        full, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, errors="replace",
    )  # fmt: skip
    assert proc.stdout is not None
    seen = None
    for line in proc.stdout:
        if line.startswith(marker):
            seen = time.perf_counter() - start
            break
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if seen is None:
        sys.exit(f"no {marker!r} from {full}")
    return seen


def build_bare(python: Path, env: dict[str, str]) -> Path:
    work = bw.WORK / "bare"
    exe = work / "dist" / "bare" / "bare.exe"
    if exe.exists():
        return exe
    work.mkdir(parents=True, exist_ok=True)
    script = work / "bare.py"
    script.write_text(BARE_SOURCE, encoding="utf-8")
    result = bw.wine_run(
        [
            python, "-m", "PyInstaller", "--noconfirm", "--onedir", "--log-level", "WARN",
            "--name", "bare", "--distpath", bw.win_path(work / "dist"),
            "--workpath", bw.win_path(work / "pyinstaller"), "--specpath", bw.win_path(work),
            bw.win_path(script),
        ],
        env, check=False, timeout=900,
    )  # fmt: skip
    if result.returncode != 0 or not exe.exists():
        sys.exit(f"bare PySide6 build failed:\n{result.stdout[-3000:]}")
    return exe


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="run build_windows.py first")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cache = Path(os.environ.get("FLEXDESK_WINDOWS_CACHE", bw.DEFAULT_CACHE)).resolve()
    if args.build:
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, str(bw.ROOT / "installers" / "build_windows.py")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if out.returncode != 0:
            sys.exit(out.stdout[-3000:] + out.stderr[-2000:])
        summary = out.stdout[out.stdout.rindex("FlexDesk ") :]
        print(summary.rstrip())
        print(f"  (build_windows.py wall time {time.perf_counter() - t0:.0f} s)")
    python = bw.prepare_python(cache, bw.host_pip())
    env = dict(os.environ) if bw.NATIVE else bw.prepare_wine_prefix(cache / "wineprefix", cache)
    env.update(WINEQT_QPA_PLATFORM="offscreen", QT_QPA_PLATFORM="offscreen")
    version = bw.linux_build.project_version()
    setup = bw.DIST / f"flexdesk-{version}-setup.exe"
    if not bw.EXE.exists():
        sys.exit(f"{bw.EXE} missing: run installers/build_windows.py (or --build)")
    files = sum(1 for p in bw.APP_DIR.rglob("*") if p.is_file())
    print(f"dist/windows/flexdesk/  {bw.linux_build.human(bw.linux_build.folder_size(bw.APP_DIR))}"
          f" in {files} files")  # fmt: skip
    if setup.exists():
        print(f"{setup.name}  {bw.linux_build.human(setup.stat().st_size)}")
    bare = build_bare(python, env)
    print(f"bare PySide6 one-dir  {bw.linux_build.human(bw.linux_build.folder_size(bare.parent))}")

    data = bw.WORK / "measure-demo"
    if not (data / "flexdesk.sqlite3").exists():
        bw.wine_run([bw.EXE, "demo", "--data-dir", bw.win_path(data)], env)
    flexdesk_env = dict(env, FLEXDESK_STARTUP_PROBE="first-window")
    commands = {
        "FlexDesk sign-in window": ([str(bw.EXE), "--data-dir", bw.win_path(data)], flexdesk_env),
        "bare PySide6 window": ([str(bare)], env),
    }
    results: dict[str, list[float]] = {name: [] for name in commands}
    for cmd, cmd_env in commands.values():  # warm the page cache once
        time_to_line(cmd, cmd_env, "first-window-shown")
    wine_own: list[float] = []
    for _ in range(args.runs):
        for name, (cmd, cmd_env) in commands.items():
            results[name].append(time_to_line(cmd, cmd_env, "first-window-shown"))
        if not bw.NATIVE:
            t0 = time.perf_counter()
            subprocess.run(["wine", "cmd", "/c", "exit"], env=env, capture_output=True, check=False)
            wine_own.append(time.perf_counter() - t0)
    where = "native" if bw.NATIVE else "Wine " + subprocess.run(
        ["wine", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()  # fmt: skip
    print(f"start-up, offscreen, {where}  {'median':>8} {'min':>8} {'max':>8}   (n={args.runs})")
    for name, times in results.items():
        print(
            f"  {name:<28} {statistics.median(times):7.3f}s {min(times):7.3f}s {max(times):7.3f}s"
        )
    if wine_own:
        print(f"  {'wine cmd /c exit':<28} {statistics.median(wine_own):7.3f}s")
    flex, plain = (statistics.median(results[n]) for n in commands)
    print(f"sign-in window / bare PySide6 window = {flex / plain:.2f}")


if __name__ == "__main__":
    main()
