"""Log Output: SKP, daily output log with evidence, supervisor review, recap.

``outputs_page`` is the main window's page factory; importing this package also adds the
"Log Output" tab to the settings page (evidence limits, wellbeing thresholds).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.main_window import QT_TRANSLATE_NOOP
from flexdesk.ui.pages.settings import SETTINGS_TABS


def outputs_page(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.outputs.page import OutputsPage

    return OutputsPage(ctx)


def _settings_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.outputs.settings_tab import OutputSettingsTab

    return OutputSettingsTab(ctx)


SETTINGS_TABS.append(
    (QT_TRANSLATE_NOOP("Pages", "Log Output"), Action.SETTINGS_EDIT, _settings_tab)
)
