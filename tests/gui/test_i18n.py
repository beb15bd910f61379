"""The English UI: every Indonesian source string has a translation, and it loads."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services import demo
from flexdesk.services.app import Services, login
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.i18n import install_translators
from flexdesk.ui.main_window import MainWindow
from installers import i18n


def test_every_ui_string_has_an_english_translation(tmp_path: Path) -> None:
    """Runs pyside6-lupdate over the UI code into a copy of the .ts: a new string without a
    translation (or a translation that went stale) fails here."""
    shutil.copy(i18n.I18N / "flexdesk_en.ts", tmp_path / "flexdesk_en.ts")
    (ts,) = i18n.update(tmp_path)
    root = ET.parse(ts).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 100
    untranslated = [
        m.findtext("source")
        for m in messages
        if m.find("translation") is None
        or m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not (m.findtext("translation") or "").strip()
    ]
    assert untranslated == []


@pytest.fixture
def english(qapp: QCoreApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    translators = install_translators(qapp, "en")
    yield translators
    for tr in translators:
        qapp.removeTranslator(tr)


def test_english_interface_loads(
    qtbot: QtBot, english: object, database: Database, data_paths: DataPaths
) -> None:
    with database.session() as session:
        demo.create_demo_office(session, employees=8)
    actor = login(database, "admin", demo.DEMO_PASSWORD)
    ctx = UiContext(
        data_paths, database, Services(database, actor), ui_settings(data_paths), lang="en"
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == [
        "Dashboard", "Employees", "Schedule", "Output log", "Evaluation", "Sync", "Settings",
    ]  # fmt: skip
    assert window.user_label.text().startswith("User: ")
    evaluation = window.page("evaluation")
    qtbot.waitUntil(ctx.ops.idle)  # the periods arrive from the database worker
    assert evaluation.findChild(type(window.user_label), "placeholder_status") is None
    status = evaluation.findChild(QComboBox, "evaluation_status")
    assert [status.itemText(i) for i in range(1, status.count())] == ["Draft", "Shared", "Final"]
    periods = evaluation.findChild(QComboBox, "evaluation_period")
    year = evaluation.findChild(QSpinBox, "evaluation_year").value()
    assert periods.itemText(2) == f"March {year}"
    assert periods.itemText(periods.count() - 1) == f"Annual {year}"
    schedule = window.page("schedule")
    assert (
        schedule.findChild(type(window.user_label), "period_status")
        .text()
        .startswith("Select an employee's cell")
    )
