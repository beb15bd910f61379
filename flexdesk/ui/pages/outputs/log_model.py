"""Lazy table model of output-log entries: a count, then pages fetched as the view scrolls.

Every read is a ``QueryOp`` on the database worker: a reload (new filter, or a change on the
bus) arrives as one model reset with the count and the first page, then ``loaded`` is emitted;
each further page arrives later and is inserted with ``beginInsertRows``. An answer for an
older filter is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView, QWidget

from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs.logs import LogFilter, LogRow
from flexdesk.services.permissions import Actor
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.outputs.common import (
    STATUS_COLOURS,
    mode_label,
    mode_short,
    number,
    status_label,
)

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex

COL_DAY, COL_EMPLOYEE, COL_RHK, COL_ACTIVITY, COL_OUTPUT, COL_TIME, COL_MODE, COL_STATUS, COL_EVIDENCE = range(9)  # fmt: skip


def fit_columns(view: QTableView, widths: tuple[int, ...]) -> None:
    """Column widths for the log table: at least the given pixels, and wide enough for the
    header text in the UI language (English headers run longer in places)."""
    model = view.model()
    metrics = view.horizontalHeader().fontMetrics()
    for col, width in enumerate(widths):
        header = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        view.setColumnWidth(col, max(width, metrics.horizontalAdvance(header) + 20))


def _first_page(session: Any, actor: Actor, flt: LogFilter) -> tuple[int, list[LogRow]]:
    """The count and the first page in one unit of work (one trip to the worker)."""
    total = outputs.count_logs(session, actor, flt)
    return total, outputs.list_logs(session, actor, flt, offset=0, limit=PAGE_SIZE)


class LogTableModel(QAbstractTableModel):
    COLUMN_COUNT = 9

    #: a reload has arrived (the count and the first page are shown)
    loaded = Signal()

    def __init__(
        self,
        ctx: UiContext,
        owner: QWidget,
        flt: LogFilter | None = None,
        lang: str = "id",
        *,
        autoload: bool = True,
    ) -> None:
        """``owner``: the widget showing the model; answers after it is gone are dropped.
        Without ``autoload`` nothing is read until the first :meth:`set_filter`."""
        super().__init__()
        self._ctx = ctx
        self._owner = owner
        self._filter = flt or LogFilter()
        self._lang = lang
        self._rows: list[LogRow] = []
        self._total = 0
        self._asked = 0  # the latest reload; answers for older ones are dropped
        self._fetching = False  # a page is on its way: do not ask for the same one twice
        # Slots connected to the model's signals may ask for more rows while a reset or an
        # insertion is under way: answer "no more" until it is finished, or the same offset
        # would be fetched twice.
        self._busy = False
        if autoload:
            self.reload()

    # -- loading ---------------------------------------------------------------------------
    @property
    def filter(self) -> LogFilter:
        return self._filter

    def set_filter(self, flt: LogFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self._asked += 1
        asked = self._asked
        QueryOp(self._ctx, _first_page, self._filter).on_success(
            lambda found: self._reloaded(asked, found)
        ).run(parent=self._owner)

    def _reloaded(self, asked: int, found: tuple[int, list[LogRow]]) -> None:
        if asked != self._asked:
            return
        self._busy = True
        try:
            self.beginResetModel()
            self._total, self._rows = found
            self._fetching = False
            self.endResetModel()
        finally:
            self._busy = False
        self.loaded.emit()

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self._busy
            and not self._fetching
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._busy or self._fetching:
            return
        self._fetching = True
        asked = self._asked
        QueryOp(
            self._ctx, outputs.list_logs, self._filter, offset=len(self._rows), limit=PAGE_SIZE
        ).on_success(lambda more: self._fetched(asked, more)).run(parent=self._owner)

    def _fetched(self, asked: int, more: list[LogRow]) -> None:
        if asked != self._asked:
            return
        self._fetching = False
        if not more:
            self._total = len(self._rows)
            return
        self._busy = True
        try:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._busy = False

    def row_data(self, row: int) -> LogRow:
        return self._rows[row]

    def row_of(self, log_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == log_id), -1)

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("Tanggal"),
            self.tr("Pegawai"),
            self.tr("RHK"),
            self.tr("Kegiatan"),
            self.tr("Output"),
            self.tr("Jam"),
            self.tr("Mode"),
            self.tr("Status"),
            self.tr("Bukti"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def _text(self, row: LogRow, col: int) -> str:
        if col == COL_DAY:
            return row.day.strftime("%d/%m/%Y")
        if col == COL_EMPLOYEE:
            return row.employee_name
        if col == COL_RHK:
            return row.rhk_text
        if col == COL_ACTIVITY:
            return row.activity.replace("\n", " ")
        if col == COL_OUTPUT:
            return f"{number(row.quantity, self._lang)} {row.unit}"
        if col == COL_TIME:
            return f"{row.start_time:%H.%M}–{row.end_time:%H.%M}"
        if col == COL_MODE:
            return mode_short(row.work_mode) + (" ⚠" if row.mode_mismatch else "")
        if col == COL_STATUS:
            return status_label(row.status)
        return str(row.evidence_count) if row.evidence_count else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return STATUS_COLOURS[row.status]
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_MODE and row.mode_mismatch:
            return QColor("#8a4b00")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_EVIDENCE, COL_OUTPUT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _tooltip(self, row: LogRow, col: int) -> str:
        if col == COL_MODE:
            text = mode_label(row.work_mode)
            if row.location:
                text += f"\n{row.location}"
            if row.mode_mismatch and row.planned_mode is not None:
                text += "\n" + self.tr("Jadwal: {mode}").format(mode=mode_label(row.planned_mode))
            return text
        if col == COL_STATUS and row.review_note:
            return self.tr("Catatan atasan: {note}").format(note=row.review_note)
        if col in (COL_RHK, COL_ACTIVITY, COL_EMPLOYEE):
            return self._text(row, col)
        return ""
