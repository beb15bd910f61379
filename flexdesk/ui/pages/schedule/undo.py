"""Undo/redo of grid edits: each command holds the cells before and after one gesture."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand
from shiboken6 import isValid

from flexdesk.services.schedule.service import CellChange

#: stores changes on the database worker; calls the second argument if they were refused
#: (the page shows the message)
ApplyFn = Callable[[Sequence[CellChange], Callable[[], None]], None]


class SetCellsCommand(QUndoCommand):
    """One gesture (typing, clearing, a fill, a pattern, a copied week).

    The change is already stored when the command is pushed, so the first ``redo`` (which
    QUndoStack calls on push) does nothing. If undoing or redoing is refused later (the month
    was submitted or approved meanwhile), the command becomes obsolete and leaves the stack
    the next time the stack reaches it (the refusal arrives after the stack has moved).
    """

    def __init__(
        self,
        apply: ApplyFn,
        before: Sequence[CellChange],
        after: Sequence[CellChange],
        text: str,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.before = list(before)
        self.after = list(after)
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._apply(self.after, self._refused)

    def undo(self) -> None:
        self._apply(self.before, self._refused)

    def _refused(self) -> None:
        if isValid(self):  # the stack may have been cleared meanwhile (another month)
            self.setObsolete(True)
