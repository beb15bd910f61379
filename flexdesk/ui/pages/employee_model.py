"""Lazy table model of employees: fetches pages from the service as the view scrolls.

Every page arrives through a :class:`~flexdesk.ui.ops.QueryOp` (the database worker), and is
inserted with ``beginInsertRows`` when it is there; a page of an older filter is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from flexdesk.errors import FlexDeskError
from flexdesk.services import employees
from flexdesk.services.employees import EmployeeFilter, EmployeeRow
from flexdesk.services.permissions import Actor
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp

PAGE_SIZE = 200

Index = QModelIndex | QPersistentModelIndex


def first_page(
    session: Any, actor: Actor, flt: EmployeeFilter, limit: int
) -> tuple[int, list[EmployeeRow]]:
    """How many match ``flt``, and the first ``limit`` of them (one trip to the worker)."""
    total = employees.count_employees(session, actor, flt)
    return total, employees.list_employees(session, actor, flt, offset=0, limit=limit)


class EmployeeTableModel(QAbstractTableModel):
    COLUMN_COUNT = 6
    #: the first page of a (new) filter is in, with the total
    loaded = Signal()
    #: a refused or failed fetch (FlexDeskError); the rows shown stay
    failed = Signal(object)

    def __init__(self, ctx: UiContext, owner: QWidget) -> None:
        super().__init__()
        self._ctx = ctx
        self._owner = owner  # the page: results for a closed page are dropped
        self._filter = EmployeeFilter()
        self._rows: list[EmployeeRow] = []
        self._total = 0
        self._generation = 0  # one per reload: a page of an older filter is dropped
        self._fetching = False
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def set_filter(self, flt: EmployeeFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self._fetching = True
        QueryOp(self._ctx, first_page, self._filter, PAGE_SIZE).on_success(
            lambda answer: self._reset(generation, *answer)
        ).on_failure(lambda exc: self._failed(generation, exc)).run(parent=self._owner)

    def _reset(self, generation: int, total: int, rows: list[EmployeeRow]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._total, self._rows = total, rows
        self.endResetModel()
        self._fetching = False  # (after the reset: a view asking for more meanwhile waits)
        self.loaded.emit()

    def _failed(self, generation: int, exc: FlexDeskError, *, more: bool = False) -> None:
        if generation == self._generation:
            self._fetching = False
            if more:  # no endless retries from the view: the next reload starts afresh
                self._total = len(self._rows)
            self.failed.emit(exc)

    @property
    def total(self) -> int:
        return self._total

    @property
    def busy(self) -> bool:
        """A page is on its way."""
        return self._fetching

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        QueryOp(
            self._ctx,
            employees.list_employees,
            self._filter,
            offset=len(self._rows),
            limit=PAGE_SIZE,
        ).on_success(lambda more: self._append(generation, more)).on_failure(
            lambda exc: self._failed(generation, exc, more=True)
        ).run(parent=self._owner)

    def _append(self, generation: int, more: list[EmployeeRow]) -> None:
        if generation != self._generation:
            return
        if not more:
            self._fetching = False
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
        self._fetching = False  # (after the insert: the rows' offset is known only now)

    def row_data(self, row: int) -> EmployeeRow:
        return self._rows[row]

    def row_of(self, employee_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == employee_id:
                return i
        return -1

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = (
                self.tr("NIP"),
                self.tr("Nama"),
                self.tr("Pangkat/Gol."),
                self.tr("Jabatan"),
                self.tr("Unit kerja"),
                self.tr("Atasan"),
            )
            return headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 0:
                return row.nip_display or self.tr("(non-ASN)")
            if col == 1:
                return row.display_name
            if col == 2:
                return row.pangkat
            if col == 3:
                return row.jabatan
            if col == 4:
                return row.unit_name
            return row.supervisor_name
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{row.display_name}\n{row.jabatan}\n{row.unit_name}"
            return tip if row.active else f"{tip}\n{self.tr('Nonaktif')}"
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QColor("#8a8a8a")  # inactive staff (listed only when asked for)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
