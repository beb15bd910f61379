"""GUI test helpers: waiting for the database worker (flexdesk.ui.ops) like a user waits."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from flexdesk.ui.context import UiContext


def wait_ops(qtbot: QtBot, ctx: UiContext, timeout: int = 10_000) -> None:
    """Wait until every service call the GUI started has run and its result was shown."""
    qtbot.waitUntil(ctx.ops.idle, timeout=timeout)
