#!/usr/bin/env python3
"""Build FlexDesk's release artefacts with one command.

    python installers/build.py              # translations -> PyInstaller one-dir -> .deb (Linux)
    python installers/build.py --no-deb     # the one-dir build only
    python installers/build.py --deb-only   # repackage an existing dist/flexdesk as a .deb

Outputs (never committed): ``dist/flexdesk/`` (the one-dir build) and, on Linux,
``dist/flexdesk_<version>_<arch>.deb``. The build runs the
frozen ``flexdesk --version`` and ``flexdesk self-test`` before packaging, and prints each
artefact's size and the time taken.

Run it with the Python environment FlexDesk is installed in (``pip install -e .``): PyInstaller
freezes that interpreter and its packages. PyInstaller itself is installed into it when
missing. The Windows program and its setup.exe come from ``installers/build_windows.py``
(natively or under Wine, with its own pinned Windows Python; see docs/installing.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUILD = ROOT / "build"
APP_DIR = DIST / "flexdesk"
SPEC = ROOT / "installers" / "flexdesk.spec"
ICON_PNG = ROOT / "resources" / "icons" / "flexdesk.png"
PYINSTALLER = "pyinstaller>=6.10,<7"
EXE = APP_DIR / ("flexdesk.exe" if os.name == "nt" else "flexdesk")

#: Libraries the bundled Qt loads from the system rather than from the bundle (PyInstaller
#: leaves out the graphics stack on purpose: it must match the machine's drivers). Found by
#: running ldd over the one-dir build on Debian 12 and mapping the system files to packages;
#: every name exists on Debian 12 and Ubuntu 22.04/24.04. libc6 is added with the newest glibc
#: symbol version the bundle uses (see glibc_floor).
DEB_DEPENDS = (
    "libegl1",
    "libgl1",
    "libglib2.0-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxrender1",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
)
#: printing goes through CUPS when it is there; fonts for the interface (PDFs embed their own)
DEB_RECOMMENDS = ("libcups2", "fonts-dejavu-core")

#: dpkg-deb compressor -> level. zstd -9 packs the 220 MiB build to ~85 MiB in ~15 s on two
#: cores; xz saves 10% more but takes 100-200 s. zstd needs dpkg >= 1.21.18 (Debian 12,
#: Ubuntu 22.04 and newer); use --deb-compress xz for older releases.
DEB_COMPRESSION = {"zstd": 9, "xz": 6, "gzip": 9}

DESKTOP_FILE = """\
[Desktop Entry]
Type=Application
Version=1.4
Name=FlexDesk
GenericName=Office work planner
GenericName[id]=Perencana kerja kantor
Comment=Flexible-work schedules, daily output logs and performance evaluations for civil servants
Comment[id]=Jadwal kerja fleksibel, log output harian dan evaluasi kinerja ASN
Keywords=schedule;SKP;performance;ASN;
Keywords[id]=jadwal;SKP;kinerja;ASN;presensi;
Exec=flexdesk
TryExec=flexdesk
Icon=flexdesk
Terminal=false
Categories=Office;ProjectManagement;
StartupWMClass=flexdesk
"""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: FlexDesk

Files: *
Copyright: FlexDesk team
License: MIT

Files: opt/flexdesk/_internal/flexdesk_resources/fonts/*
Copyright: Bitstream, Inc.; DejaVu fonts team
License: Bitstream-Vera
 See /opt/flexdesk/_internal/flexdesk_resources/fonts/LICENSE-DejaVu.txt

Files: opt/flexdesk/_internal/PySide6/*
Copyright: The Qt Company Ltd.
License: LGPL-3.0
 Qt and PySide6 are used as shared libraries under the LGPL version 3.
"""


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(*cmd: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    log(" ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def human(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def ensure_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        run(
            sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q", PYINSTALLER
        )


def build_translations() -> None:
    run(sys.executable, ROOT / "installers" / "i18n.py", "build")


def ensure_icon() -> None:
    if not ICON_PNG.exists():
        run(sys.executable, ROOT / "installers" / "make_icon.py")


def windows_version_file(version: str) -> None:
    """VERSIONINFO resource for flexdesk.exe (Explorer's Details tab, support calls)."""
    parts = [int(p) for p in version.split(".")[:3] if p.isdigit()]
    nums = tuple([*parts, 0, 0, 0, 0][:4])
    BUILD.mkdir(exist_ok=True)
    (BUILD / "windows-version-info.txt").write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'FlexDesk'),
      StringStruct('FileDescription', 'FlexDesk'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'flexdesk'),
      StringStruct('OriginalFilename', 'flexdesk.exe'),
      StringStruct('ProductName', 'FlexDesk'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])]
)
""",
        encoding="utf-8",
    )


def pyinstaller() -> None:
    ensure_pyinstaller()
    run(
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", DIST, "--workpath", BUILD / "pyinstaller", SPEC,
    )  # fmt: skip


def smoke_test() -> None:
    """The frozen build must at least start headless: fail the build, not the user."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = run(EXE, "--version", capture_output=True, env=env).stdout.strip()
    log(out)
    if project_version() not in out:
        sys.exit(f"frozen build reports {out!r}, expected {project_version()}")
    result = subprocess.run(
        [str(EXE), "self-test"], capture_output=True, text=True, env=env, check=False
    )
    print(result.stdout, result.stderr, sep="", end="")
    if result.returncode != 0:
        sys.exit("frozen self-test failed")


def deb_arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def glibc_floor(folder: Path) -> str:
    """Newest GLIBC_x.y symbol version any bundled ELF file needs (the libc6 dependency).

    The bundle carries the build machine's libpython and libstdc++, so it runs on that glibc
    or newer: a build on Debian 12 needs 2.36 (Ubuntu 24.04 and newer, not 22.04).
    """
    import re

    found: set[tuple[int, ...]] = set()
    if shutil.which("objdump") is None:
        return "2.36"
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or path == EXE):
            dump = subprocess.run(
                ["objdump", "-T", str(path)], capture_output=True, text=True, check=False
            ).stdout
            found.update(
                tuple(map(int, v.split("."))) for v in re.findall(r"GLIBC_([0-9.]+)", dump)
            )
    return ".".join(map(str, max(found))) if found else "2.36"


def build_deb(version: str, compress: str = "zstd") -> Path:
    """``dist/flexdesk_<version>_<arch>.deb`` from the one-dir build (dpkg-deb, no debhelper)."""
    if not shutil.which("dpkg-deb"):
        sys.exit("dpkg-deb not found: the .deb is built on Debian/Ubuntu")
    if not EXE.exists():
        sys.exit(f"{EXE} missing: run the PyInstaller step first")
    arch = deb_arch()
    stage = BUILD / "deb" / "root"
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / "flexdesk"
    shutil.copytree(APP_DIR, opt, symlinks=True)
    bindir = stage / "usr" / "bin"
    bindir.mkdir(parents=True)
    # symlinks: the bootloader finds _internal/ through /proc/self/exe, and the entry script
    # picks the central receiver's CLI by the name it was started under
    (bindir / "flexdesk").symlink_to("/opt/flexdesk/flexdesk")
    (bindir / "flexdesk-central").symlink_to("/opt/flexdesk/flexdesk")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / "flexdesk.desktop").write_text(DESKTOP_FILE, encoding="utf-8")
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(ICON_PNG, icons / "flexdesk.png")
    doc = stage / "usr" / "share" / "doc" / "flexdesk"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    for path in [stage, *stage.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)
    debian = stage / "DEBIAN"
    debian.mkdir(mode=0o755)
    installed_kib = (folder_size(stage) + 1023) // 1024
    (debian / "control").write_text(
        f"Package: flexdesk\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: FlexDesk team <flexdesk@example.invalid>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: libc6 (>= {glibc_floor(opt)}), {', '.join(DEB_DEPENDS)}\n"
        f"Recommends: {', '.join(DEB_RECOMMENDS)}\n"
        f"Section: misc\n"
        f"Priority: optional\n"
        f"Homepage: https://example.invalid/flexdesk\n"
        f"Description: offline office planner for Indonesian civil-service offices\n"
        f" FlexDesk plans flexible-work schedules with supervisor approval, logs daily\n"
        f" work outputs against SKP/RHK, prints performance evaluation forms as PDF and\n"
        f" exports signed report bundles for the central office. It works with no network.\n"
        f" Run 'flexdesk self-test' to check an installation.\n",
        encoding="utf-8",
    )
    deb = DIST / f"flexdesk_{version}_{arch}.deb"
    level = DEB_COMPRESSION[compress]
    run("dpkg-deb", "--root-owner-group", f"-Z{compress}", f"-z{level}", "--build", stage, deb)
    shutil.rmtree(stage)  # a second 220 MiB copy of the build; the .deb has it all
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-deb", action="store_true", help="skip the .deb")
    parser.add_argument("--deb-only", action="store_true", help="package an existing dist/flexdesk")
    parser.add_argument("--no-smoke", action="store_true", help="skip the frozen self-test")
    parser.add_argument("--deb-compress", choices=sorted(DEB_COMPRESSION), default="zstd")
    args = parser.parse_args(argv)
    version = project_version()
    started = time.perf_counter()
    timings: list[tuple[str, float]] = []

    def step(name: str, fn: object) -> None:
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        timings.append((name, time.perf_counter() - t0))

    if not args.deb_only:
        step("translations", build_translations)
        step("icon", ensure_icon)
        if os.name == "nt":
            windows_version_file(version)
        step("pyinstaller", pyinstaller)
        if not args.no_smoke:
            step("smoke test", smoke_test)
    deb: Path | None = None
    if sys.platform.startswith("linux") and not args.no_deb:

        def make_deb() -> None:
            nonlocal deb
            deb = build_deb(version, args.deb_compress)

        step("deb", make_deb)
    total = time.perf_counter() - started
    print()
    print(f"FlexDesk {version} build")
    for name, seconds in timings:
        print(f"  {name:<14} {seconds:7.1f} s")
    print(f"  {'total':<14} {total:7.1f} s")
    if APP_DIR.exists():
        print(f"  {APP_DIR.relative_to(ROOT)}/  {human(folder_size(APP_DIR))}")
    if deb is not None:
        print(f"  {deb.relative_to(ROOT)}  {human(deb.stat().st_size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
