"""Undo/redo of grid edits: each command holds the cells before and after one gesture."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from flexdesk.services.schedule.service import CellChange

#: applies changes through the services; False when they were refused (message shown)
ApplyFn = Callable[[Sequence[CellChange]], bool]


class SetCellsCommand(QUndoCommand):
    """One gesture (typing, clearing, a fill, a pattern, a copied week).

    The change is already stored when the command is pushed, so the first ``redo`` (which
    QUndoStack calls on push) does nothing. If undoing or redoing is refused later (the month
    was submitted or approved meanwhile), the command becomes obsolete and leaves the stack.
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
        if not self._apply(self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._apply(self.before):
            self.setObsolete(True)
