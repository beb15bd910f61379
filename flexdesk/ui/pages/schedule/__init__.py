"""Jadwal: the flexible-work schedule grid, and its settings tabs (policy, holiday calendar).

``schedule_page`` is the main window's page factory. Importing this package adds the
"Kebijakan kerja fleksibel" and "Kalender libur" tabs to the settings page.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.main_window import QT_TRANSLATE_NOOP
from flexdesk.ui.pages.settings import SETTINGS_TABS


def schedule_page(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.schedule.page import SchedulePage

    return SchedulePage(ctx)


def _policy_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.schedule.policy_tab import PolicyTab

    return PolicyTab(ctx)


def _calendar_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.schedule.calendar_tab import CalendarTab

    return CalendarTab(ctx)


SETTINGS_TABS.append(
    (QT_TRANSLATE_NOOP("Pages", "Kebijakan kerja fleksibel"), Action.SCHEDULE_POLICY, _policy_tab)
)
SETTINGS_TABS.append(
    (QT_TRANSLATE_NOOP("Pages", "Kalender libur"), Action.CALENDAR_MANAGE, _calendar_tab)
)
