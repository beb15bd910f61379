"""The Linux release as a user gets it: build the one-dir bundle and the .deb, unpack the .deb
into a throwaway root, then run the installed files (``--version``, ``self-test``, the GUI up to
the main window on a demo office) the way an office PC would start them."""

from __future__ import annotations

import configparser
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
pytestmark = [
    pytest.mark.installer,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .deb is Linux-only"),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb"),
]


def _version() -> str:
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


@pytest.fixture(scope="module")
def deb() -> Path:
    """Build everything once for the module with the release command itself."""
    # the build takes 2-4 minutes: no "Timeout" stack dump (pytest's faulthandler_timeout)
    faulthandler.cancel_dump_traceback_later()
    result = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "build.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    print(result.stdout[-3000:])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    debs = sorted((ROOT / "dist").glob(f"flexdesk_{_version()}_*.deb"))
    assert debs, "no .deb produced"
    return debs[-1]


@pytest.fixture(scope="module")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The package's files unpacked into an empty root, as dpkg would place them."""
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FLEXDESK_", "PYTHON", "VIRTUAL_ENV", "QT_"))
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
        PATH="/usr/bin:/bin",  # no virtualenv: the frozen app must not need Python
    )
    env.update(extra)
    return env


def _run(
    cmd: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_package_metadata_and_files(deb: Path, installed: Path) -> None:
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Package: flexdesk" in fields
    assert f"Version: {_version()}" in fields
    for lib in ("libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libxcb-cursor0"):
        assert lib in fields
    assert os.readlink(installed / "usr/bin/flexdesk") == "/opt/flexdesk/flexdesk"
    assert os.readlink(installed / "usr/bin/flexdesk-central") == "/opt/flexdesk/flexdesk"
    assert (installed / "usr/share/icons/hicolor/256x256/apps/flexdesk.png").is_file()
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(installed / "usr/share/applications/flexdesk.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"].split()[0] == "flexdesk"
    assert entry["Icon"] == "flexdesk"
    assert "Office;" in entry["Categories"]
    assert entry["Comment[id]"] and entry["Comment"]
    if shutil.which("desktop-file-validate"):
        check = _run(["desktop-file-validate", str(installed / "usr/share/applications/flexdesk.desktop")], os.environ.copy())  # fmt: skip
        assert check.returncode == 0, check.stdout + check.stderr
    internal = installed / "opt/flexdesk/_internal"
    assert (internal / "flexdesk_resources/fonts/DejaVuSans.ttf").is_file()
    assert (internal / "flexdesk_resources/i18n/flexdesk_en.qm").is_file()
    assert (internal / "flexdesk/db/migrations/env.py").is_file()
    plugins = internal / "PySide6/Qt/plugins"
    for plugin in (
        "platforms/libqxcb.so", "platforms/libqoffscreen.so", "platforms/libqwayland.so",
        "imageformats/libqpdf.so", "imageformats/libqsvg.so",
        "printsupport/libcupsprintersupport.so",
    ):  # fmt: skip
        assert (plugins / plugin).is_file(), plugin
    # the PDF preview (QtPdf, QtPdfWidgets) and printing; the frozen check below uses them
    # and the Evaluasi page's chart (QtCharts)
    for lib in (
        "libQt6Pdf.so.6", "libQt6PdfWidgets.so.6", "libQt6PrintSupport.so.6", "libQt6Charts.so.6"
    ):  # fmt: skip
        assert (internal / "PySide6/Qt/lib" / lib).is_file(), lib
    for module in ("QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg", "QtCharts"):
        assert (internal / f"PySide6/{module}.abi3.so").is_file(), module
    assert not list(internal.rglob("*WebEngine*"))
    assert not list(internal.rglob("libQt6Quick*"))
    # the office's PostgreSQL server: psycopg, its binary binding and the libpq it carries
    assert list(internal.glob("psycopg_binary/pq*.so")), "psycopg_binary's libpq binding"
    assert list(internal.rglob("libpq*.so*")), "libpq"


def test_installed_version_and_self_test(installed: Path, tmp_path: Path) -> None:
    exe = str(installed / "opt/flexdesk/flexdesk")
    env = _env(tmp_path)
    version = _run([exe, "--version"], env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"FlexDesk {_version()}"
    result = _run([exe, "self-test"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "beku (PyInstaller)" in result.stdout
    assert "all 5 checks passed" in result.stdout
    assert "4 berkas dari 2 proses" in result.stdout  # worker processes of the frozen program
    assert "(.qm ada)" in result.stdout  # the compiled English translation is shipped


def test_central_cli_by_its_name(installed: Path, tmp_path: Path) -> None:
    link = tmp_path / "bin" / "flexdesk-central"
    link.parent.mkdir()
    link.symlink_to(installed / "opt/flexdesk/flexdesk")
    result = _run([str(link), "--help"], _env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "flexdesk-central" in result.stdout


@pytest.fixture(scope="module")
def demo_office(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo office made by the installed ``flexdesk demo``; tests work on copies of it."""
    work = tmp_path_factory.mktemp("demo")
    data = work / "office"
    demo = _run(
        [str(installed / "opt/flexdesk/flexdesk"), "demo", "--data-dir", str(data)], _env(work)
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    return data


def _office_copy(demo_office: Path, tmp_path: Path) -> Path:
    data = tmp_path / "office"
    shutil.copytree(demo_office, data)
    return data


def _probe_main_window(exe: str, data: Path, env: dict[str, str]) -> str:
    result = _run(
        [exe, "--data-dir", str(data)], dict(env, FLEXDESK_STARTUP_PROBE="admin:demo123456")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "main-window-shown" in result.stdout, result.stdout + result.stderr
    return result.stdout


def _sidebar_keys() -> list[str]:
    """The page keys of the main window's sidebar, read from the source being packaged."""
    source = (ROOT / "flexdesk/ui/main_window.py").read_text(encoding="utf-8")
    return re.findall(r'PageSpec\(\s*"(\w+)"', source)


def _frozen_check(cmd: list[str], env: dict[str, str]) -> str:
    """installers/frozen_check.py inside the frozen app: every page, QtPdf, print support."""
    result = _run(cmd, dict(env, FLEXDESK_FROZEN_CHECK="1"), timeout=180)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert out.rstrip().endswith("frozen-check passed"), out
    assert "FAILED" not in out, out
    assert "frozen-check FlexDesk" in out and ", beku," in out, out  # really the frozen code
    keys = _sidebar_keys()
    assert {"schedule", "outputs", "evaluation", "sync", "settings"} <= set(keys), keys
    for key in keys:
        assert re.search(rf"^ok +page {key} ", out, re.M), f"page {key} not opened:\n{out}"
    assert re.search(
        r"^ok +pdf .*evaluasi\.pdf 2 hal\., QPdfView ok, printed\.pdf 1 hal\.", out, re.M
    ), out
    # the app's own preview dialog, its print dialog, and printing through its worker thread
    assert re.search(
        r"^ok +pdf preview dialog .*dialog cetak dibuka, 2 hal\. dicetak", out, re.M
    ), out
    return out


def test_installed_gui_shows_the_main_window_offscreen(
    installed: Path, demo_office: Path, tmp_path: Path
) -> None:
    data = _office_copy(demo_office, tmp_path)
    _probe_main_window(str(installed / "opt/flexdesk/flexdesk"), data, _env(tmp_path))


def test_installed_gui_opens_every_page_and_previews_a_pdf(
    installed: Path, demo_office: Path, tmp_path: Path
) -> None:
    """Pages are imported when first opened and Qt loads plugins when first needed: only
    opening them in the frozen app shows what the build left out."""
    data = _office_copy(demo_office, tmp_path)
    exe = str(installed / "opt/flexdesk/flexdesk")
    _frozen_check([exe, "--data-dir", str(data)], _env(tmp_path))


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")
def test_installed_gui_on_x11(installed: Path, demo_office: Path, tmp_path: Path) -> None:
    """The xcb platform plugin with the system's X libraries, as on a real desktop: the normal
    start-up to the main window, then every page, with a grab of the Jadwal page."""
    exe = str(installed / "opt/flexdesk/flexdesk")
    data = _office_copy(demo_office, tmp_path)
    env = _env(tmp_path, QT_QPA_PLATFORM="xcb")
    xvfb = ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24"]
    started = _run(
        [*xvfb, exe, "--data-dir", str(data)], dict(env, FLEXDESK_STARTUP_PROBE="admin:demo123456")
    )
    out = started.stdout + started.stderr
    assert started.returncode == 0, out
    assert "main-window-shown" in out, out
    grab = tmp_path / "jadwal.png"
    out = _frozen_check(
        [*xvfb, exe, "--data-dir", str(data), "--grab", str(grab), "--grab-page", "schedule"], env
    )
    assert "platform xcb" in out, out
    from PIL import Image

    with Image.open(grab) as image:
        assert image.width >= 1000 and image.height >= 600, image.size
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50, "the grab looks empty"


def test_installed_program_uses_the_office_server(
    installed: Path, tmp_path: Path, server_database: str
) -> None:
    """An installed FlexDesk on a PostgreSQL server (the throwaway cluster of .ci/run): the
    self-test's server check through the bundled psycopg, a demo office made on the server,
    then the GUI to the main window from a data folder whose database-url.txt names the
    server, as the first-run wizard leaves it."""
    from flexdesk.paths import DataPaths
    from flexdesk.services.storage.location import save_database_url

    exe = str(installed / "opt/flexdesk/flexdesk")
    env = _env(tmp_path)
    check = _run([exe, "self-test", "--database-url", server_database], env, timeout=180)
    out = check.stdout + check.stderr
    assert check.returncode == 0, out
    assert "all 6 checks passed" in out, out
    assert re.search(r"^OK +server .*psycopg 3\.[\d.]+ \(binary\), skema kosong", out, re.M), out
    data = DataPaths(tmp_path / "office").ensure()
    demo = _run([exe, "demo", "--data-dir", str(data.root), "--database-url", server_database], env)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    save_database_url(data, server_database)
    _probe_main_window(exe, data.root, env)
    again = _run([exe, "self-test", "--database-url", server_database], env, timeout=180)
    assert re.search(r"^OK +server .*skema terbaru, (?!belum ada kantor)", again.stdout, re.M), (
        again.stdout + again.stderr
    )
