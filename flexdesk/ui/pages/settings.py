"""Pengaturan: language and paper, office profile, work units, user accounts.

Capabilities list their own tabs (e.g. Kebijakan kerja fleksibel) in their ``SETTINGS_TABS``;
``capability_tabs`` gathers them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from flexdesk.services import office
from flexdesk.services.permissions import Action, Actor
from flexdesk.ui.context import UiContext
from flexdesk.ui.i18n import LANGUAGES
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.tab_spec import SettingsTab


def capability_tabs() -> list[SettingsTab]:
    """The capabilities' tabs, after the general ones: schedule, output log, audit/backup."""
    from flexdesk.ui.pages import audit, outputs, schedule

    return [*schedule.SETTINGS_TABS, *outputs.SETTINGS_TABS, *audit.SETTINGS_TABS]


def paper_size(session: Any, _actor: Actor) -> object:
    """The paper of the printed forms (a setting every signed-in user may read)."""
    return office.get_setting(session, "paper_size")


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
        self.paper.setEnabled(False)  # until the office's setting is in
        self.paper.currentIndexChanged.connect(self._paper_changed)
        form.addRow(self.tr("Ukuran kertas formulir"), self.paper)
        QueryOp(ctx, paper_size).on_success(self._show_paper).run(parent=self)

    def _show_paper(self, paper: object) -> None:
        self.paper.blockSignals(True)
        self.paper.setCurrentIndex(max(self.paper.findData(paper), 0))
        self.paper.blockSignals(False)
        self.paper.setEnabled(self.ctx.actor.can(Action.SETTINGS_EDIT))

    def _language_changed(self) -> None:
        self.ctx.settings.setValue("ui/language", self.language.currentData())
        self.ctx.settings.sync()

    def _paper_changed(self) -> None:
        MutationOp(
            self.ctx,
            office.set_setting,
            "paper_size",
            self.paper.currentData(),
            topics=["settings"],
        ).titled(self.tr("Pengaturan")).run(parent=self)


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
