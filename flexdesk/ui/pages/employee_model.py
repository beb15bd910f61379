"""Lazy table model of employees: fetches pages from the service as the view scrolls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from flexdesk.services import employees
from flexdesk.services.app import Services
from flexdesk.services.employees import EmployeeFilter, EmployeeRow

PAGE_SIZE = 200

Index = QModelIndex | QPersistentModelIndex


class EmployeeTableModel(QAbstractTableModel):
    COLUMN_COUNT = 6

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._filter = EmployeeFilter()
        self._rows: list[EmployeeRow] = []
        self._total = 0
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def set_filter(self, flt: EmployeeFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._total = self._services.read(employees.count_employees, self._filter)
        self._rows = self._services.read(
            employees.list_employees, self._filter, offset=0, limit=PAGE_SIZE
        )
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._services.read(
            employees.list_employees, self._filter, offset=len(self._rows), limit=PAGE_SIZE
        )
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

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
