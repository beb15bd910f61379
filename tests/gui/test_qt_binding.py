"""Guards against a broken Qt binding.

PySide6 6.12.0 (on CPython 3.11) took one reference from ``None`` on every binding call that
returns None; after some hundred thousand calls — an afternoon of normal use — Python aborts
with "none_dealloc". pyproject.toml excludes that release; this test fails on any binding that
leaks the same way.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QPushButton
from pytestqt.qtbot import QtBot


def test_calls_returning_none_keep_none_alive(qtbot: QtBot) -> None:
    button = QPushButton()
    combo = QComboBox()
    qtbot.addWidget(button)
    qtbot.addWidget(combo)
    combo.addItem("semua", None)
    before = sys.getrefcount(None)
    for _ in range(2000):
        button.setEnabled(True)
        combo.currentData()
    assert sys.getrefcount(None) - before > -100
