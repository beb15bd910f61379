"""The Windows release under Wine: build flexdesk.exe and the setup with
``installers/build_windows.py``, then run the Windows program as an office PC would: --version,
self-test, the frozen GUI check (offscreen and with Windows' own platform plugin under Xvfb), the
start-up to the sign-in window in the default %LOCALAPPDATA% folder, and a silent per-user
install, start and uninstall that keeps the user's data.

The checks run in a fresh Wine prefix whose Windows user is "Siti Aminah" (a space in every
profile path) and use a data folder with non-ASCII letters. On by FLEXDESK_RUN_WINDOWS_TESTS=1
(the CI's fourth run); then a missing Wine is a failure, not a skip. What Wine cannot show is
reported as a skip whose reason starts with "Wine limitation" (never as a pass).
"""

from __future__ import annotations

import faulthandler
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installers"))
import build_windows as bw  # noqa: E402

pytestmark = [pytest.mark.installer, pytest.mark.windows_build]

USER = "Siti Aminah"
NATIVE = os.name == "nt"
#: LIMIT lines the frozen checks printed (reported by test_wine_limitations)
LIMITS: list[str] = []


def _version() -> str:
    return bw.linux_build.project_version()


@pytest.fixture(scope="module")
def build() -> tuple[Path, Path]:
    """The release command itself, once for the module: (app folder, setup.exe)."""
    if not NATIVE:
        missing = [
            tool for tool in ("wine", "wineserver", "xvfb-run") if shutil.which(tool) is None
        ]
        assert not missing, f"the Windows run needs {missing} (apt-get install wine wine64 ...)"
    faulthandler.cancel_dump_traceback_later()  # the build takes 5-10 minutes
    setup = bw.DIST / f"flexdesk-{_version()}-setup.exe"
    if os.environ.get("FLEXDESK_WINDOWS_REUSE_BUILD") == "1" and setup.is_file():
        return bw.APP_DIR, setup  # while working on these tests: the last build
    result = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "build_windows.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=2400, check=False,
    )  # fmt: skip
    print(result.stdout[-4000:])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert bw.EXE.is_file() and setup.is_file(), result.stdout[-3000:]
    return bw.APP_DIR, setup


@pytest.fixture(scope="module")
def env(
    build: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """A fresh Windows 10 prefix for user "Siti Aminah" (not the build's prefix)."""
    if NATIVE:
        yield dict(os.environ)
        return
    prefix = tmp_path_factory.mktemp("wine") / "prefix"
    cache = Path(os.environ.get("FLEXDESK_WINDOWS_CACHE", bw.DEFAULT_CACHE))
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FLEXDESK_", "PYTHON", "VIRTUAL_ENV", "QT_", "WINE"))
    }
    base.update(USER=USER, LOGNAME=USER, LANG="C.UTF-8")
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(base)
    try:
        wine = bw.prepare_wine_prefix(prefix, cache)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    yield wine
    subprocess.run(["wineserver", "-k"], env=wine, check=False)
    shutil.rmtree(prefix, ignore_errors=True)


def _profile(env: dict[str, str]) -> Path:
    """C:\\users\\Siti Aminah as a Linux path."""
    return Path(env["WINEPREFIX"]) / "drive_c" / "users" / USER


def _win(path: Path, env: dict[str, str]) -> str:
    if NATIVE:
        return str(path)
    drive_c = Path(env["WINEPREFIX"]) / "drive_c"
    try:
        return "C:\\" + str(path.relative_to(drive_c)).replace("/", "\\")
    except ValueError:
        return bw.win_path(path)


def _run(
    cmd: list[str | Path], env: dict[str, str], timeout: float = 180, **extra: str
) -> subprocess.CompletedProcess[str]:
    return bw.wine_run(cmd, dict(env, **extra), check=False, timeout=timeout)


def _offscreen(env: dict[str, str], **extra: str) -> dict[str, str]:
    """Qt's offscreen platform (Wine passes WINEQT_* on as QT_*) with the bundled fonts: a
    Wine prefix has almost none, and offscreen Qt on Windows reads fonts from a folder."""
    fonts = bw.APP_DIR / "_internal" / "flexdesk_resources" / "fonts"
    return dict(
        env,
        WINEQT_QPA_PLATFORM="offscreen",
        QT_QPA_PLATFORM="offscreen",
        WINEQT_QPA_FONTDIR=bw.win_path(fonts),
        QT_QPA_FONTDIR=bw.win_path(fonts),
        **extra,
    )


def _xvfb(cmd: list[str | Path]) -> list[str | Path]:
    return ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", *cmd]


def _run_x(
    cmd: list[str | Path], env: dict[str, str], timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    """A Windows program on an X server (Wine's X11 driver): Qt's own Windows platform plugin,
    and Inno Setup, whose wizard forms exist (hidden) even in a silent install. Output
    through a pipe (see build_windows.wine_run)."""
    if NATIVE:
        return _run(cmd, env, timeout)
    # the uninstaller runs on from a copy of itself after the first process exits: wait for
    # every Wine process of the prefix before xvfb-run takes the X server away
    script = 'wine "$@"; rc=$?; wineserver -w; exit $rc'
    full = [str(c) for c in _xvfb(["sh", "-c", script, "sh", *cmd])]
    return subprocess.run(
        full, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace",
        timeout=timeout, check=False,
    )  # fmt: skip


def _xvfb_run(cmd: list[str | Path], env: dict[str, str], timeout: float = 240) -> str:
    result = _run_x(cmd, env, timeout)
    assert result.returncode == 0, result.stdout[-6000:]
    return result.stdout


@pytest.fixture(scope="module")
def demo_office(build: tuple[Path, Path], env: dict[str, str]) -> Path:
    """A demo office made by the Windows program, in a folder with a space and non-ASCII
    letters below the user's %LOCALAPPDATA%."""
    data = _profile(env) / "AppData" / "Local" / "Kantor Uji – Désa Ñ"
    result = _run([bw.EXE, "demo", "--data-dir", _win(data, env)], _offscreen(env))
    assert result.returncode == 0, result.stdout
    assert (data / "flexdesk.sqlite3").is_file(), result.stdout
    return data


def _office_copy(demo_office: Path, name: str) -> Path:
    copy = demo_office.with_name(f"{demo_office.name} {name}")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(demo_office, copy)
    return copy


def test_files_of_the_windows_build(build: tuple[Path, Path]) -> None:
    app, setup = build
    internal = app / "_internal"
    assert (internal / "flexdesk_resources/fonts/DejaVuSans.ttf").is_file()  # ReportLab's fonts
    assert (internal / "flexdesk_resources/i18n/flexdesk_en.qm").is_file()
    assert (internal / "flexdesk/db/migrations/env.py").is_file()
    plugins = internal / "PySide6/plugins"
    for plugin in (
        "platforms/qwindows.dll", "platforms/qoffscreen.dll", "imageformats/qpdf.dll",
        "imageformats/qsvg.dll", "styles/qmodernwindowsstyle.dll",
    ):  # fmt: skip
        assert (plugins / plugin).is_file(), plugin
    for dll in ("Qt6Pdf.dll", "Qt6PdfWidgets.dll", "Qt6PrintSupport.dll", "Qt6Charts.dll"):
        assert (internal / "PySide6" / dll).is_file(), dll
    # the office's PostgreSQL server: psycopg's binary binding and the libpq.dll it carries
    assert list(internal.glob("psycopg_binary/pq*.pyd")), "psycopg_binary's libpq binding"
    assert list(internal.rglob("libpq*.dll")), "libpq"
    # the C++ runtime travels along (from the shiboken6 wheel)
    assert "msvcp140.dll" in {p.name.lower() for p in (internal / "PySide6").iterdir()}
    assert not list(internal.rglob("*WebEngine*"))
    assert not list(internal.rglob("Qt6Quick*"))
    exe = bw.EXE.read_bytes()
    # the version resource (Explorer's Details tab) and the icon are in the executable
    assert f"{_version()}".encode("utf-16-le") in exe
    assert "FlexDesk".encode("utf-16-le") in exe
    # the manifest: no UAC prompt (per-user install, no admin), paths beyond 260 characters
    assert b'requestedExecutionLevel level="asInvoker"' in exe
    assert re.search(rb"<longPathAware[^>]*>true</longPathAware>", exe)
    # a console program that hides its own console when started from Explorer/Start menu
    # (PyInstaller hide_console="hide-early"): subsystem 3 = Windows CUI
    pe = exe[int.from_bytes(exe[0x3C:0x40], "little") :]
    assert pe[:4] == b"PE\0\0"
    subsystem = int.from_bytes(pe[24 + 68 : 24 + 70], "little")
    assert subsystem == 3, subsystem
    assert b"pyi-hide-console hide-early" in exe  # the bootloader's run-time option
    assert setup.stat().st_size > 20 * 1024 * 1024


def test_version_and_self_test(build: tuple[Path, Path], env: dict[str, str]) -> None:
    version = _run([bw.EXE, "--version"], env)
    assert version.returncode == 0, version.stdout
    assert version.stdout.strip().splitlines()[-1] == f"FlexDesk {_version()}"
    result = _run([bw.EXE, "self-test"], _offscreen(env), timeout=300)
    out = result.stdout
    assert result.returncode == 0, out
    assert "beku (PyInstaller)" in out and "Windows" in out, out
    assert "all 5 checks passed" in out, out
    assert "4 berkas dari 2 proses" in out, out  # worker processes of the frozen program
    assert "(.qm ada)" in out, out
    assert "salinan rusak ditolak" in out, out  # the damaged bundle copy is refused


def test_self_test_reaches_the_office_server(
    build: tuple[Path, Path], env: dict[str, str], server_database: str
) -> None:
    """The Windows program on the installer run's PostgreSQL server (Wine is a Linux process:
    127.0.0.1 is the cluster of .ci/run) through the bundled psycopg and libpq.dll."""
    result = _run(
        [bw.EXE, "self-test", "--database-url", server_database], _offscreen(env), timeout=300
    )
    out = result.stdout
    assert result.returncode == 0, out
    assert "all 6 checks passed" in out, out
    assert re.search(r"^OK +server .*psycopg 3\.[\d.]+ \(binary\), skema kosong", out, re.M), out


def test_runs_from_a_folder_with_non_ascii_letters(
    build: tuple[Path, Path], env: dict[str, str]
) -> None:
    """The bootloader, Python and the worker processes from a path like an installation under
    C:\\Users\\Désirée (PyInstaller's bootloader converts the path to UTF-8 and back)."""
    app, _setup = build
    copy = _profile(env) / "Program Désa Ñ" / "flexdesk"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(app, copy)
    try:
        result = _run([copy / "flexdesk.exe", "self-test"], _offscreen(env), timeout=300)
        assert result.returncode == 0, result.stdout
        assert "all 5 checks passed" in result.stdout and "4 berkas dari 2 proses" in result.stdout
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


def _sidebar_keys() -> list[str]:
    source = (ROOT / "flexdesk/ui/main_window.py").read_text(encoding="utf-8")
    return re.findall(r'PageSpec\(\s*"(\w+)"', source)


def _check_output(out: str) -> None:
    # (under xvfb-run Wine may add a line about the X server going away after the last one)
    assert re.search(r"^frozen-check passed$", out, re.M), out
    assert "FAILED" not in out, out
    assert "frozen-check FlexDesk" in out and ", beku," in out, out
    keys = _sidebar_keys()
    assert {"schedule", "outputs", "evaluation", "sync", "settings"} <= set(keys), keys
    for key in keys:
        assert re.search(rf"^ok +page {key} ", out, re.M), f"page {key} not opened:\n{out}"
    assert re.search(
        r"^ok +pdf .*evaluasi\.pdf 2 hal\., QPdfView ok, printed\.pdf 1 hal\.", out, re.M
    ), out
    assert re.search(r"^ok +pdf preview dialog .* 2 hal\. dicetak ke PDF", out, re.M), out
    LIMITS.extend(line for line in out.splitlines() if line.startswith("LIMIT"))


def test_gui_every_page_offscreen(
    build: tuple[Path, Path], env: dict[str, str], demo_office: Path
) -> None:
    data = _office_copy(demo_office, "offscreen")
    result = _run(
        [bw.EXE, "--data-dir", _win(data, env)],
        _offscreen(env, FLEXDESK_FROZEN_CHECK="1"),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout
    _check_output(result.stdout)
    assert "platform offscreen" in result.stdout
    # the automatic backup (temp file, fsync, rename) works on Windows file semantics
    assert "backup failed" not in result.stdout, result.stdout
    assert list((data / "backups").glob("*.sqlite3")), result.stdout


def test_gui_every_page_native_windows_platform(
    build: tuple[Path, Path], env: dict[str, str], demo_office: Path, tmp_path: Path
) -> None:
    """Windows' own platform plugin (qwindows.dll) on Wine's X11 driver: the real window
    code path, with a grab of the Jadwal page."""
    data = _office_copy(demo_office, "xvfb")
    grab = tmp_path / "jadwal.png"
    cmd: list[str | Path] = [
        bw.EXE, "--data-dir", _win(data, env), "--grab", bw.win_path(grab),
        "--grab-page", "schedule",
    ]  # fmt: skip
    out = _xvfb_run(cmd, dict(env, FLEXDESK_FROZEN_CHECK="1"), timeout=300)
    _check_output(out)
    assert "platform windows" in out, out
    from PIL import Image

    with Image.open(grab) as image:
        assert image.width >= 1000 and image.height >= 600, image.size
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50, "the grab looks empty"


def test_first_start_uses_localappdata(build: tuple[Path, Path], env: dict[str, str]) -> None:
    """No --data-dir: the data folder is %LOCALAPPDATA%\\FlexDesk (C:\\users\\Siti Aminah\\...)."""
    result = _run(
        [bw.EXE, "--demo"], _offscreen(env, FLEXDESK_STARTUP_PROBE="admin:demo123456"), timeout=240
    )
    assert result.returncode == 0, result.stdout
    assert "main-window-shown" in result.stdout, result.stdout
    local = _profile(env) / "AppData" / "Local" / "FlexDesk"
    assert (local / "demo" / "flexdesk.sqlite3").is_file(), sorted(local.parent.iterdir())
    assert USER in result.stdout or (local / "demo").is_dir()


def test_silent_install_start_and_uninstall_keeps_data(
    build: tuple[Path, Path], env: dict[str, str]
) -> None:
    """Per-user silent install, the installed program starting, then a silent uninstall that
    removes the program and keeps %LOCALAPPDATA%\\FlexDesk."""
    _app, setup = build
    local = _profile(env) / "AppData" / "Local"
    app_dir = local / "Programs" / "FlexDesk"
    log = _profile(env) / "flexdesk-setup.log"
    cmd: list[str | Path] = [
        setup, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER",
        "/TASKS=desktopicon", f"/LOG={_win(log, env)}",
    ]  # fmt: skip
    installed = _run_x(cmd, env, timeout=600)
    setup_log = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    assert installed.returncode == 0, installed.stdout + setup_log[-3000:]
    exe = app_dir / "flexdesk.exe"
    assert exe.is_file(), setup_log[-3000:]
    assert (app_dir / "_internal" / "python313.dll").is_file()
    start_menu = _profile(env) / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
    links = sorted(p.name for p in start_menu.rglob("*.lnk"))
    assert "FlexDesk.lnk" in links, links
    assert any("demo" in name for name in links), links
    reg = _run(
        ["reg", "query", r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall", "/s"], env
    )
    assert "FlexDesk" in reg.stdout, reg.stdout[-2000:]

    # the installed program, as the Start menu's demo entry starts it
    version = _run([exe, "--version"], env)
    assert version.stdout.strip().splitlines()[-1] == f"FlexDesk {_version()}", version.stdout
    started = _run(
        [exe, "--demo"], _offscreen(env, FLEXDESK_STARTUP_PROBE="admin:demo123456"), timeout=240
    )
    assert "main-window-shown" in started.stdout, started.stdout
    data = local / "FlexDesk"
    assert (data / "demo" / "flexdesk.sqlite3").is_file()

    uninstallers = sorted(app_dir.glob("unins*.exe"))
    assert uninstallers, sorted(p.name for p in app_dir.iterdir())
    removed = _run_x([uninstallers[0], "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"], env)
    assert removed.returncode == 0, removed.stdout
    assert not exe.exists(), "flexdesk.exe is still there after uninstalling"
    assert not (start_menu / "FlexDesk.lnk").exists()
    assert (data / "demo" / "flexdesk.sqlite3").is_file(), "the uninstaller deleted user data"


def test_wine_limitations() -> None:
    """What the frozen checks could not check under Wine, by name (a skip, never a pass)."""
    if not LIMITS:
        return
    # "LIMIT  print dialog: why" -> "print dialog (why)"
    named = sorted({re.sub(r"^LIMIT\s+([^:]+):\s*(.*)$", r"\1 (\2)", line) for line in LIMITS})
    pytest.skip("Wine limitation: " + " | ".join(named))


LOCK_SCRIPT = r"""
import subprocess, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from flexdesk.instance_lock import InstanceLock
folder = Path(sys.argv[2])
if len(sys.argv) > 3:
    print("second", InstanceLock(folder).acquire())
    sys.exit(0)
first = InstanceLock(folder)
print("first", first.acquire())
again = lambda: subprocess.run([sys.executable, *sys.argv, "again"], capture_output=True,
                               text=True).stdout.strip()
print("while held:", again())
first.release()
print("after release:", again())
"""


def test_one_instance_per_data_folder_with_msvcrt_locking(
    build: tuple[Path, Path], env: dict[str, str], tmp_path: Path
) -> None:
    """flexdesk.instance_lock's Windows branch (msvcrt.locking), in two Windows processes of
    the build's Python, on a folder with a space and non-ASCII letters."""
    cache = Path(os.environ.get("FLEXDESK_WINDOWS_CACHE", bw.DEFAULT_CACHE)).resolve()
    python = cache / "python" / "python.exe"
    assert python.is_file(), "the build's Windows Python is missing"
    script = tmp_path / "lock_check.py"
    script.write_text(LOCK_SCRIPT, encoding="utf-8")
    folder = _profile(env) / "AppData" / "Local" / "Kunci Uji Ñ"
    result = _run([python, bw.win_path(script), bw.win_path(ROOT), _win(folder, env)], env)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.strip().splitlines()
    assert lines[-3:] == ["first True", "while held: second False", "after release: second True"]
