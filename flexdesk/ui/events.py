"""The change bus: what changed, so that pages refresh instead of reloading when shown.

A :class:`flexdesk.ui.ops.MutationOp` publishes its topics (``"employees"``, ``"schedule"``,
``"outputs"``, ``"evaluation"``, ``"sync"``, ``"settings"`` …, see :data:`TOPICS`) after it
committed. A page ``follow``s the topics it shows: a visible page refreshes at once, a hidden
one once, at its next show. The same bus is where changes made on other PCs of the office will
arrive (the LAN server's notifications), so a page needs no second way to hear of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

#: The topics in use; publishing another is a programming error caught at once.
TOPICS = frozenset(
    {
        "employees",  # staff, their units and supervisors
        "units",
        "users",  # accounts and roles
        "settings",  # office profile and settings
        "policy",  # flexible-work policy and calendar
        "schedule",
        "outputs",  # SKP, output logs, reviews
        "evaluation",
        "sync",  # bundles, receipts, keys
        "audit",
        "backup",
    }
)


class ChangeBus(QObject):
    """Carries the topics of each committed change to the pages that follow them."""

    changed = Signal(object)  # frozenset[str]

    def publish(self, topics: Iterable[str]) -> None:
        topics = frozenset(topics)
        unknown = topics - TOPICS
        if unknown:
            raise ValueError(f"unknown change topics: {sorted(unknown)}")
        if topics:
            self.changed.emit(topics)

    def follow(self, widget: QWidget, topics: Iterable[str], refresh: Callable[[], None]) -> None:
        """Call ``refresh()`` after a change to one of ``topics``: at once while ``widget`` is
        visible, otherwise once when it is next shown. Ends with the widget."""
        _Follower(self, widget, frozenset(topics), refresh)


class _Follower(QObject):
    def __init__(
        self,
        bus: ChangeBus,
        widget: QWidget,
        topics: frozenset[str],
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(widget)  # deleted with the widget, which disconnects it
        unknown = topics - TOPICS
        if unknown:
            raise ValueError(f"unknown change topics: {sorted(unknown)}")
        self._widget = widget
        self._topics = topics
        self._refresh = refresh
        self._stale = False
        bus.changed.connect(self._changed)
        widget.installEventFilter(self)

    def _changed(self, topics: frozenset[str]) -> None:
        if not topics & self._topics:
            return
        if self._widget.isVisible():
            self._stale = False
            self._refresh()
        else:
            self._stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self._stale:
            self._stale = False
            self._refresh()
        return False
