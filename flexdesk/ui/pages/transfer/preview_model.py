"""The import preview as a Qt table model: one row per file row, its status and the values,
each refused cell red with its reason as the tooltip, each changed cell yellow."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from flexdesk.services.transfer.preview import ImportPreview, PreviewRow, RowStatus

_Index = QModelIndex | QPersistentModelIndex
_STATUS_COLOURS = {
    RowStatus.NEW: QColor("#E3F2E1"),
    RowStatus.UPDATED: QColor("#FFF4CE"),
    RowStatus.UNCHANGED: QColor("#F2F2F2"),
    RowStatus.REFUSED: QColor("#FBE3E1"),
}
_BAD_CELL = QColor("#F4B9B2")
_CHANGED_CELL = QColor("#FFE49A")
FIXED_COLUMNS = 3  #: line number, status, reasons


class PreviewTableModel(QAbstractTableModel):
    """Read-only view of an :class:`ImportPreview` (refused rows first is the dialog's sort)."""

    def __init__(self, lang: str = "id") -> None:
        super().__init__()
        self._lang = lang
        self.preview: ImportPreview | None = None
        self._rows: tuple[PreviewRow, ...] = ()

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self._rows = preview.rows if preview is not None else ()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.preview is None:
            return 0
        return FIXED_COLUMNS + len(self.preview.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return self.tr("Baris")
        if section == 1:
            return self.tr("Status")
        if section == 2:
            return self.tr("Keterangan")
        if self.preview is None or section - FIXED_COLUMNS >= len(self.preview.labels):
            return None
        return self.preview.labels[section - FIXED_COLUMNS]

    def _field(self, column: int) -> str:
        assert self.preview is not None
        return self.preview.fields[column - FIXED_COLUMNS]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.preview is None or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return row.line
            if col == 1:
                return row.status.label_id if self._lang == "id" else row.status.label_en
            if col == 2:
                return self._reasons(row)
            return row.values[col - FIXED_COLUMNS]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        return None

    def _reasons(self, row: PreviewRow) -> str:
        """What the user must fix (refused) or what changes (updated), in one line."""
        if row.issues:
            labels = (
                dict(zip(self.preview.fields, self.preview.labels, strict=True))
                if self.preview
                else {}
            )
            return "; ".join(
                f"{labels.get(i.field, i.field)}: {i.message if self._lang == 'id' else i.message_en}"
                for i in row.issues
            )
        if row.changed:
            labels = (
                dict(zip(self.preview.fields, self.preview.labels, strict=True))
                if self.preview
                else {}
            )
            return self.tr("diubah: {fields}").format(
                fields=", ".join(labels.get(f, f) for f in row.changed)
            )
        return ""

    def _background(self, row: PreviewRow, col: int) -> QColor | None:
        if col >= FIXED_COLUMNS:
            fld = self._field(col)
            if row.issue_for(fld) is not None:
                return _BAD_CELL
            if fld in row.changed:
                return _CHANGED_CELL
        return _STATUS_COLOURS[row.status]

    def _tooltip(self, row: PreviewRow, col: int) -> str | None:
        issues = row.issues if col < FIXED_COLUMNS else [
            i for i in row.issues if i.field == self._field(col)
        ]  # fmt: skip
        if not issues:
            return None
        return "\n".join(i.message if self._lang == "id" else i.message_en for i in issues)

    def row_data(self, row: int) -> PreviewRow:
        return self._rows[row]
