"""Interface language: Indonesian source strings, English from Qt Linguist translations.

The source strings in the code are Indonesian (the default UI language). English lives in
``resources/i18n/flexdesk_en.ts``; the compiled ``.qm`` is built from it (``pyside6-lrelease``)
by the installer build and, when missing (editable checkout), compiled on first use into the
user cache folder. No compiled binaries are committed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}


def _lrelease() -> str | None:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    for candidate in (str(exe), shutil.which("pyside6-lrelease"), shutil.which("lrelease")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def compile_ts(ts: Path, qm: Path) -> bool:
    tool = _lrelease()
    if tool is None:
        log.warning("pyside6-lrelease not found; UI stays in Indonesian")
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        log.warning("lrelease failed: %s", result.stderr.strip())
        return False
    return qm.exists()


def qm_path(lang: str) -> Path | None:
    """The compiled translation for ``lang``: shipped beside the .ts, or compiled to cache."""
    base = resources.files("flexdesk_resources") / "i18n"
    shipped = base / f"flexdesk_{lang}.qm"
    if shipped.is_file():
        return Path(str(shipped))
    ts = base / f"flexdesk_{lang}.ts"
    if not ts.is_file():
        return None
    ts_path = Path(str(ts))
    cached = Path(platformdirs.user_cache_dir("FlexDesk", appauthor=False)) / f"flexdesk_{lang}.qm"
    if cached.exists() and cached.stat().st_mtime >= ts_path.stat().st_mtime:
        return cached
    return cached if compile_ts(ts_path, cached) else None


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load FlexDesk's and Qt's own translations (buttons of standard dialogs) for ``lang``."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator(app)
    if qt_tr.load(QLocale(lang), "qtbase", "_", qt_dir):
        app.installTranslator(qt_tr)
        installed.append(qt_tr)
    if lang != "id":
        path = qm_path(lang)
        tr = QTranslator(app)
        if path is not None and tr.load(str(path)):
            app.installTranslator(tr)
            installed.append(tr)
        else:
            log.warning("no translation for %s; showing Indonesian", lang)
    return installed


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for pyside6-lupdate in ``context``; translated later by ``_tr``."""
    return text
