"""Bundle history as a table model (sequence, period, date, size, records, status) and the
page's table view of it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from flexdesk.services.sync.office import CANCELLED, HistoryRow

Index = QModelIndex | QPersistentModelIndex


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class HistoryModel(QAbstractTableModel):
    """Rows from ``sync_office.bundle_history`` (newest first; at most a few hundred)."""

    def __init__(self, lang: str = "id", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: list[HistoryRow] = []
        self.headers = [
            self.tr("No."),
            self.tr("Periode"),
            self.tr("Dibuat"),
            self.tr("Ukuran"),
            self.tr("Rekaman"),
            self.tr("Status"),
            self.tr("Keterangan"),
        ]

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def status_text(self, status: str) -> str:
        return {
            "exporting": self.tr("sedang diekspor"),
            "failed": self.tr("gagal/dibatalkan"),
            "sent": self.tr("terkirim"),
            "acknowledged": self.tr("diterima pusat"),
            "rejected": self.tr("ditolak pusat"),
            "gap": self.tr("ada yang hilang"),
        }.get(status, status)

    def note(self, row: HistoryRow) -> str:
        if row.status == "failed":
            if row.error == CANCELLED:
                return self.tr("Dibatalkan; nomor paket ini tidak dipakai lagi.")
            lines = row.error.splitlines() or [""]
            return lines[-1] if self.lang == "en" else lines[0]
        message = row.receipt_message_en if self.lang == "en" else row.receipt_message
        if message:
            return message
        if row.received_at:
            when = row.received_at.replace("T", " ")[:16] + " UTC"
            return self.tr("Tanda terima pusat {time}").format(time=when)
        if row.file_name:
            return row.file_name
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(row.seq)
            if col == 1:
                return row.period or "—"
            if col == 2:
                return row.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if col == 3:
                return human_size(row.size) if row.size else "—"
            if col == 4:
                return str(row.record_count)
            if col == 5:
                return self.status_text(row.status)
            if col == 6:
                return self.note(row)
        if role == Qt.ItemDataRole.ToolTipRole and col == 6:
            return self.note(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 5:
            color = {
                "acknowledged": "#1b7a34",
                "rejected": "#b00020",
                "failed": "#b00020",
                "gap": "#b36b00",
            }.get(row.status)
            return QColor(color) if color else None
        return None


def history_view(model: HistoryModel) -> QTableView:
    """The bundle history table of the page: one row per bundle, the note column stretched."""
    table = QTableView()
    table.setObjectName("sync_history")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
    return table
