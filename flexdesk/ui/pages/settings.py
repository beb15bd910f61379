"""Pengaturan: language and paper, office profile, work units, user accounts.

Capabilities list their own tabs (e.g. Kebijakan kerja fleksibel) in their ``SETTINGS_TABS``;
``capability_tabs`` gathers them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import FlexDeskError
from flexdesk.services import office
from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.i18n import LANGUAGES
from flexdesk.ui.pages.tab_spec import SettingsTab


def capability_tabs() -> list[SettingsTab]:
    """The capabilities' tabs, after the general ones: schedule, output log, audit/backup."""
    from flexdesk.ui.pages import audit, outputs, schedule

    return [*schedule.SETTINGS_TABS, *outputs.SETTINGS_TABS, *audit.SETTINGS_TABS]


class GeneralTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        current = str(ctx.settings.value("ui/language", ctx.lang))
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow(self.tr("Bahasa antarmuka"), self.language)
        self.note = QLabel(self.tr("Perubahan bahasa berlaku setelah FlexDesk dibuka ulang."))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        form.addRow("", self.note)
        self.paper = QComboBox()
        self.paper.setObjectName("paper_size")
        self.paper.addItem(self.tr("A4 (210 × 297 mm)"), "A4")
        self.paper.addItem(self.tr("F4/Folio (215 × 330 mm)"), "F4")
        with ctx.db.read_session() as session:
            paper = office.get_setting(session, "paper_size")
        self.paper.setCurrentIndex(max(self.paper.findData(paper), 0))
        self.paper.setEnabled(ctx.actor.can(Action.SETTINGS_EDIT))
        self.paper.currentIndexChanged.connect(self._paper_changed)
        form.addRow(self.tr("Ukuran kertas formulir"), self.paper)

    def _language_changed(self) -> None:
        self.ctx.settings.setValue("ui/language", self.language.currentData())
        self.ctx.settings.sync()

    def _paper_changed(self) -> None:
        try:
            self.ctx.services.call(office.set_setting, "paper_size", self.paper.currentData())
        except FlexDeskError as exc:
            QMessageBox.warning(self, self.tr("Pengaturan"), self.ctx.message(exc))


class SettingsPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        from flexdesk.ui.pages.settings_office import OfficeTab, UnitsTab
        from flexdesk.ui.pages.settings_users import UsersTab

        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.addWidget(QLabel("<h2>" + self.tr("Pengaturan") + "</h2>"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.tabs.addTab(GeneralTab(ctx), self.tr("Umum"))
        self.tabs.addTab(OfficeTab(ctx), self.tr("Profil kantor"))
        if ctx.actor.can(Action.UNIT_MANAGE):
            self.tabs.addTab(UnitsTab(ctx), self.tr("Unit kerja"))
        if ctx.actor.can(Action.USER_MANAGE):
            self.tabs.addTab(UsersTab(ctx), self.tr("Pengguna"))
        for title, action, factory in capability_tabs():
            if action is None or ctx.actor.can(action):
                self.tabs.addTab(factory(ctx), QCoreApplication.translate("Pages", title))
        layout.addWidget(self.tabs, 1)
