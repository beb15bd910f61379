"""Jejak audit and Cadangan: the admin's audit-trail viewer and backup tab in the settings page.

``SETTINGS_TABS`` lists both (``audit.view``, ``backup.manage``).
Its texts are chosen by ``ctx.lang`` in code (like error messages) rather than through the
shared translation file.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.pages.tab_spec import SettingsTab

TAB_TITLE = "Jejak audit"
BACKUP_TAB_TITLE = "Cadangan"


def audit_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.audit.page import AuditTab

    return AuditTab(ctx)


def backup_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.audit.backup_tab import BackupTab

    return BackupTab(ctx)


SETTINGS_TABS: list[SettingsTab] = [
    (TAB_TITLE, Action.AUDIT_VIEW, audit_tab),
    (BACKUP_TAB_TITLE, Action.BACKUP_MANAGE, backup_tab),
]
