"""Sinkronisasi: the office signing key, the central key, exporting signed bundles to a folder
or USB drive, importing central's receipts, and the bundle history.

``sync_page`` is the main window's page factory. Everything the page does goes through
``flexdesk.services.sync.office``; long work (key creation, export) runs in a worker with a
cancellable progress dialog, and every dialog is opened with ``open()`` (non-blocking).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from flexdesk.ui.context import UiContext


def sync_page(ctx: UiContext) -> QWidget:
    from flexdesk.ui.pages.sync.page import SyncPage

    return SyncPage(ctx)
