#!/usr/bin/env python3
"""Translations: refresh the .ts sources from the code, or compile them to .qm.

    python installers/i18n.py update    # pyside6-lupdate flexdesk/ui -> resources/i18n/*.ts
    python installers/i18n.py build     # pyside6-lrelease *.ts -> *.qm (installer builds)

Source strings are Indonesian; ``flexdesk_en.ts`` holds English. Edit it with Qt Linguist
(``pyside6-linguist``) or any text editor. Compiled .qm files are build output, not committed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGS = ("en",)


def tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 in this environment")
    return found


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "flexdesk" / "ui").rglob("*.py"))


def update(ts_dir: Path = I18N) -> list[Path]:
    out = []
    for lang in LANGS:
        ts = ts_dir / f"flexdesk_{lang}.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), *ui_sources(), "-ts", str(ts),
             "-target-language", lang, "-no-obsolete", "-locations", "none"],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        _drop_extracomments(ts)
        out.append(ts)
    return out


def _drop_extracomments(ts: Path) -> None:
    """lupdate reads Python ``#:`` comments as notes for translators and glues them to the next
    string, however unrelated; FlexDesk uses ``#:`` only to document attributes."""
    text = ts.read_text(encoding="utf-8")
    ts.write_text(
        re.sub(r"\n *<extracomment>.*?</extracomment>", "", text, flags=re.S), encoding="utf-8"
    )


def build() -> list[Path]:
    out = []
    for lang in LANGS:
        ts = I18N / f"flexdesk_{lang}.ts"
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        print("\n".join(map(str, update())))
    elif sys.argv[1:] == ["build"]:
        print("\n".join(map(str, build())))
    else:
        sys.exit(__doc__)
