"""Main-window behaviour: remembered geometry, crash dialog, refusing a newer database."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services import demo
from flexdesk.services.app import Services, login
from flexdesk.ui import app as ui_app
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.crash import install_excepthook
from flexdesk.ui.main_window import MainWindow


def _dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def _context(database: Database, data_paths: DataPaths) -> UiContext:
    with database.session() as session:
        demo.create_demo_office(session, employees=6)
    actor = login(database, "admin", demo.DEMO_PASSWORD)
    return UiContext(data_paths, database, Services(database, actor), ui_settings(data_paths))


def test_window_geometry_is_remembered(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    ctx = _context(database, data_paths)
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    # (the offscreen screen is 800x600: stay inside it)
    first.setGeometry(QRect(30, 40, 710, 480))
    qtbot.waitUntil(lambda: first.width() == 710)
    first.close()
    assert (data_paths.root / "ui.ini").exists()

    ctx2 = UiContext(data_paths, database, ctx.services, ui_settings(data_paths))
    second = MainWindow(ctx2)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (710, 480)


def test_every_page_opens_and_none_is_a_placeholder(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    window = MainWindow(_context(database, data_paths))
    qtbot.addWidget(window)
    window.show()
    for spec in window.specs:
        page = window.page(spec.key)
        assert window.stack.currentWidget() is page
        # every capability has landed: no page says "belum tersedia" any more
        assert page.findChild(type(window.user_label), "placeholder_status") is None
    evaluation = window.page("evaluation")
    assert type(evaluation).__name__ == "EvaluationPage"
    assert evaluation.findChild(type(window.user_label), "placeholder_status") is None


def test_uncaught_exception_shows_dialog_with_log_location(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_file = tmp_path / "logs" / "flexdesk.log"
    install_excepthook(log_file)
    try:
        raise RuntimeError("kabel putus")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    box = shown[0]
    assert str(log_file) in box.informativeText()
    assert "kabel putus" in box.detailedText()


def test_newer_database_is_refused_with_a_dialog(
    qtbot: QtBot, database: Database, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE alembic_version SET version_num = 'ffff'"
                " WHERE version_num = (SELECT MIN(version_num) FROM alembic_version)"
            )
        )
    database.dispose()
    before = _dump(data_paths.database)
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: messages.append(self.text()) or 0)
    assert ui_app.run_gui(data_paths) == 2
    assert len(messages) == 1 and "versi yang lebih baru" in messages[0]
    assert _dump(data_paths.database) == before
