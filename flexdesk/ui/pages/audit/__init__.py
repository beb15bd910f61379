"""Jejak audit: the admin's viewer of the audit trail, as a tab of the settings page.

Importing this package registers the tab (``SETTINGS_TABS``, admin only via ``audit.view``).
Its texts are chosen by ``ctx.lang`` in code (like error messages) rather than through the
shared translation file.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.pages.settings import SETTINGS_TABS

TAB_TITLE = "Jejak audit"


def audit_tab(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.audit.page import AuditTab

    return AuditTab(ctx)


if not any(title == TAB_TITLE for title, _, _ in SETTINGS_TABS):
    SETTINGS_TABS.append((TAB_TITLE, Action.AUDIT_VIEW, audit_tab))
