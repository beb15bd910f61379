"""The grid's table view: spans for unit headings, sizes, and the keyboard.

Arrow keys (with Shift to extend the selection) move as in any table. Typing a code letter
(O/W for the office, H, A, C, S, D, T, L) fills the selected cells; Delete or Backspace empties
them; Enter, F2 or a double click opens the cell's details. The view only reports these
gestures to its handler (the page's editing helper); it never writes anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from flexdesk.ui.pages.schedule.delegate import CellDelegate
from flexdesk.ui.pages.schedule.grid_model import RowKind, ScheduleGridModel

#: what a user may type into a cell (W is WFO, as in other tools)
CODE_KEYS = frozenset("OWHACSDTL")

MONTH_COLUMN = 34
WEEK_COLUMN = 96
ROW_HEIGHT = 24
NAME_WIDTH = 230


@dataclass(frozen=True)
class KeptCells:
    """Where the user is in the grid, by employee and day (row numbers move on a reload)."""

    current: tuple[str, date] | None
    selected: tuple[tuple[str, date], ...]
    scroll: tuple[int, int]


class GridHandler(Protocol):
    def type_code(self, letter: str) -> None: ...

    def clear_selection(self) -> None: ...

    def edit_details(self) -> None: ...


class ScheduleGridView(QTableView):
    def __init__(self, handler: GridHandler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.handler = handler
        self.setObjectName("schedule_grid")
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setShowGrid(True)
        self.setStyleSheet("QTableView { gridline-color: #c9ced6; }")
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setFixedWidth(NAME_WIDTH)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        vertical.setTextElideMode(Qt.TextElideMode.ElideRight)
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        horizontal.setDefaultSectionSize(MONTH_COLUMN)
        horizontal.setMinimumHeight(self.fontMetrics().height() * 2 + 10)
        horizontal.setHighlightSections(True)

    def setModel(self, model: ScheduleGridModel | None) -> None:  # type: ignore[override]
        old = self.model()
        if isinstance(old, ScheduleGridModel):
            old.modelReset.disconnect(self._after_reset)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._after_reset)
        self._after_reset()

    def grid_model(self) -> ScheduleGridModel:
        model = self.model()
        assert isinstance(model, ScheduleGridModel)
        return model

    def _after_reset(self) -> None:
        model = self.model()
        if not isinstance(model, ScheduleGridModel):
            return
        self.clearSpans()
        columns = model.columnCount()
        week = model.week is not None
        self.horizontalHeader().setDefaultSectionSize(WEEK_COLUMN if week else MONTH_COLUMN)
        for row in model.unit_rows():
            if columns > 1:
                self.setSpan(row, 0, 1, columns)

    # -- keyboard and mouse -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        text = event.text().upper()
        if mods == Qt.KeyboardModifier.NoModifier and len(text) == 1 and text in CODE_KEYS:
            self.handler.type_code(text)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.handler.clear_selection()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.handler.edit_details()
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and self.grid_model().cell_at(index) is not None:
            self.setCurrentIndex(index)
            self.handler.edit_details()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def move_right(self) -> None:
        """After typing into one cell, go to the next day (as a spreadsheet would)."""
        current = self.currentIndex()
        if current.isValid() and current.column() + 1 < self.grid_model().columnCount():
            self.setCurrentIndex(current.sibling(current.row(), current.column() + 1))

    def select_cell(self, index: QModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_row_kind(self) -> RowKind | None:
        index = self.currentIndex()
        return self.grid_model().row_info(index.row()).kind if index.isValid() else None

    # -- kept across a reload of the same month (a change from another PC) ------------------------

    def keep_cells(self) -> KeptCells:
        model = self.grid_model()
        selected = (model.cell_at(i) for i in self.selectionModel().selectedIndexes())
        return KeptCells(
            model.cell_at(self.currentIndex()),
            tuple(c for c in selected if c is not None),
            (self.horizontalScrollBar().value(), self.verticalScrollBar().value()),
        )

    def restore_cells(self, kept: KeptCells) -> None:
        """Put the cursor, the selection and the scroll position back where they were, so the
        next key the user types goes to the cell they are on."""
        model = self.grid_model()
        selection = self.selectionModel()
        if kept.current is not None:
            current = model.cell_index(*kept.current)
            if current.isValid():
                selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        for cell in kept.selected:
            index = model.cell_index(*cell)
            if index.isValid():
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
        self.horizontalScrollBar().setValue(kept.scroll[0])
        self.verticalScrollBar().setValue(kept.scroll[1])
