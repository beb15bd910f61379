"""Jadwal: the flexible-work schedule grid, and its settings tabs (policy, holiday calendar).

``schedule_page`` is the main window's page factory. ``SETTINGS_TABS`` are its
"Kebijakan kerja fleksibel" and "Kalender libur" tabs in the settings page.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.i18n import QT_TRANSLATE_NOOP
from flexdesk.ui.pages.tab_spec import SettingsTab


def schedule_page(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.schedule.page import SchedulePage

    return SchedulePage(ctx)


def _policy_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.schedule.policy_tab import PolicyTab

    return PolicyTab(ctx)


def _calendar_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.schedule.calendar_tab import CalendarTab

    return CalendarTab(ctx)


#: this capability's tabs in the settings page
SETTINGS_TABS: list[SettingsTab] = [
    (QT_TRANSLATE_NOOP("Pages", "Kebijakan kerja fleksibel"), Action.SCHEDULE_POLICY, _policy_tab),
    (QT_TRANSLATE_NOOP("Pages", "Kalender libur"), Action.CALENDAR_MANAGE, _calendar_tab),
]
