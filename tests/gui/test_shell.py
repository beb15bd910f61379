"""Main-window behaviour: remembered geometry, crash dialog, refusing a newer database."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services import demo, startup
from flexdesk.services.app import Services, login
from flexdesk.ui import app as ui_app
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.crash import install_excepthook
from flexdesk.ui.main_window import MainWindow
from tests.support.helpers import ADMIN_PASSWORD, ADMIN_USERNAME, DEFAULT_PROFILE, setup_office


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


def _visible_logins() -> list[QWidget]:
    from flexdesk.ui.login import LoginDialog

    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()
    ]


def test_sign_in_window_is_shown_before_the_database_is_opened(
    qtbot: QtBot, database: Database, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A set-up office: the sign-in window (with the office's name) is on screen while the
    database layer loads and the database is opened; the same window then signs in."""
    setup_office(database)
    database.dispose()
    assert startup.glance_office(data_paths.database) == (
        f"{DEFAULT_PROFILE.unit_kerja} — {DEFAULT_PROFILE.instansi}"
    )
    import flexdesk.services.app as services_app

    real_open = services_app.open_database
    seen: list[list[str]] = []

    def watching_open(*args: object, **kwargs: object) -> Database:
        seen.append([w.findChild(QLabel).text() for w in _visible_logins()])
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    from flexdesk.ui.login import LoginDialog

    def sign_in(dialog: LoginDialog) -> int:
        dialog.username.setText(ADMIN_USERNAME)
        dialog.password.setText(ADMIN_PASSWORD)
        dialog._try_login()
        return 1 if dialog.actor is not None else 0

    monkeypatch.setattr(services_app, "open_database", watching_open)
    monkeypatch.setattr(LoginDialog, "exec", sign_in)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    # windows of earlier tests may not be collected yet, and Qt lists top-level widgets in no
    # particular order: look only at the window this start-up made
    before = QApplication.topLevelWidgets()  # kept: a wrapper's id is unique while it lives
    assert ui_app.run_gui(data_paths) == 0
    assert seen == [[f"<b>{DEFAULT_PROFILE.unit_kerja} — {DEFAULT_PROFILE.instansi}</b>"]]
    windows = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and not any(w is old for old in before)
    ]
    assert [w.ctx.actor.username for w in windows] == [ADMIN_USERNAME]
    for w in windows:
        w.close()


def test_newer_database_closes_the_early_sign_in_window(
    qtbot: QtBot, database: Database, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_office(database)
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE alembic_version SET version_num = 'ffff'"
                " WHERE version_num = (SELECT MIN(version_num) FROM alembic_version)"
            )
        )
    database.dispose()
    messages: list[tuple[str, int]] = []
    monkeypatch.setattr(
        QMessageBox,
        "exec",
        lambda self: messages.append((self.text(), len(_visible_logins()))) or 0,
    )
    assert ui_app.run_gui(data_paths) == 2
    # the refusal is shown once, and no sign-in window is left behind it
    assert [(m, n) for m, n in messages] == [(messages[0][0], 0)]
    assert "versi yang lebih baru" in messages[0][0]


def test_glance_reads_nothing_it_cannot_trust(
    tmp_path: Path, database: Database, data_paths: DataPaths
) -> None:
    assert startup.glance_office(tmp_path / "none.sqlite3") is None
    assert not (tmp_path / "none.sqlite3").exists()  # never created
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"bukan basis data" * 100)
    assert startup.glance_office(junk) is None
    assert startup.glance_office(data_paths.database) is None  # migrated, not set up yet
