"""Log Output: SKP, daily output log with evidence, supervisor review, recap.

``outputs_page`` is the main window's page factory; ``SETTINGS_TABS`` holds its
"Log Output" tab in the settings page (evidence limits, wellbeing thresholds).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.i18n import QT_TRANSLATE_NOOP
from flexdesk.ui.pages.tab_spec import SettingsTab


def outputs_page(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.outputs.page import OutputsPage

    return OutputsPage(ctx)


def _settings_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.outputs.settings_tab import OutputSettingsTab

    return OutputSettingsTab(ctx)


#: this capability's tabs in the settings page
SETTINGS_TABS: list[SettingsTab] = [
    (QT_TRANSLATE_NOOP("Pages", "Log Output"), Action.SETTINGS_EDIT, _settings_tab),
]
