"""The evaluation list: employees in scope for a period, with status, ratings and predikat.

``list_evaluations`` answers with every row of the period at once (an office has at most a
few hundred employees, one small dataclass each); the model hands them to the view a page at
a time through ``canFetchMore``/``fetchMore``, so a long list opens as fast as a short one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.errors import FlexDeskError
from flexdesk.services.evaluation import service as ev
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.evaluation.common import (
    PREDIKAT_COLOURS,
    STATUS_COLOURS,
    predikat_text,
    rating_short,
    rating_text,
    status_text,
)

PAGE_SIZE = 100
Index = QModelIndex | QPersistentModelIndex

# The NIP is in the name's tooltip (and on the form): a column for it left too little room
# for names with gelar at 1280 pixels.
COL_NAME, COL_UNIT, COL_STATUS, COL_RATINGS, COL_PREDIKAT, COL_COMMENT = range(6)


def nip_text(nip: str) -> str:
    """18 digits grouped as printed: "19850312 201001 1 003"."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


class EvaluationListModel(QAbstractTableModel):
    COLUMN_COUNT = 6
    #: the rows of the last ``load`` are in
    loaded = Signal()
    #: the last ``load`` was refused (FlexDeskError); the old rows stay
    failed = Signal(object)

    def __init__(self, ctx: UiContext, owner: QWidget) -> None:
        super().__init__()
        self._ctx = ctx
        self._owner = owner  # the page: answers for a closed page are dropped
        self._lang = ctx.lang
        self._all: list[ev.EvaluationSummary] = []
        self._shown = 0
        self._busy = False
        self._generation = 0  # one per load: an answer to an older load is dropped
        self.period: ev.PeriodRef | None = None
        self.unit_id: str | None = None
        self.status: EvaluationStatus | None = None

    # -- loading ---------------------------------------------------------------------------
    def load(
        self,
        period: ev.PeriodRef | None,
        *,
        unit_id: str | None = None,
        status: EvaluationStatus | None = None,
    ) -> None:
        """Fetch the rows for ``period`` on the database worker; ``loaded`` when they are in,
        ``failed`` (the old rows stay) when refused."""
        self._generation += 1
        generation = self._generation
        if period is None:
            self._show(generation, None, unit_id, status, [])
            return
        QueryOp(self._ctx, ev.list_evaluations, period, unit_id=unit_id, status=status).on_success(
            lambda rows: self._show(generation, period, unit_id, status, rows)
        ).on_failure(lambda exc: self._refused(generation, exc)).run(parent=self._owner)

    def _refused(self, generation: int, exc: FlexDeskError) -> None:
        if generation == self._generation:
            self.failed.emit(exc)

    def _show(
        self,
        generation: int,
        period: ev.PeriodRef | None,
        unit_id: str | None,
        status: EvaluationStatus | None,
        rows: list[ev.EvaluationSummary],
    ) -> None:
        if generation != self._generation:
            return
        self.period, self.unit_id, self.status = period, unit_id, status
        self._busy = True
        try:
            self.beginResetModel()
            self._all = rows
            self._shown = min(len(rows), PAGE_SIZE)
            self.endResetModel()
        finally:
            self._busy = False
        self.loaded.emit()

    def reload(self) -> None:
        self.load(self.period, unit_id=self.unit_id, status=self.status)

    @property
    def total(self) -> int:
        return len(self._all)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._busy and self._shown < len(self._all)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._busy or self._shown >= len(self._all):
            return
        more = min(PAGE_SIZE, len(self._all) - self._shown)
        self._busy = True
        try:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
            self._shown += more
            self.endInsertRows()
        finally:
            self._busy = False

    def row_data(self, row: int) -> ev.EvaluationSummary:
        return self._all[row]

    def rows(self) -> list[ev.EvaluationSummary]:
        """Every row of the period (also those not fetched into the view yet)."""
        return list(self._all)

    def row_of_employee(self, employee_id: str) -> int:
        for i, r in enumerate(self._all):
            if r.employee_id == employee_id:
                while i >= self._shown and self.canFetchMore():
                    self.fetchMore()
                return i
        return -1

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("Pegawai"),
            self.tr("Unit kerja"),
            self.tr("Status"),
            self.tr("Rating hasil / perilaku"),
            self.tr("Predikat"),
            self.tr("Tanggapan"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def _text(self, row: ev.EvaluationSummary, col: int) -> str:
        if col == COL_NAME:
            return row.employee_name
        if col == COL_UNIT:
            return row.unit_name
        if col == COL_STATUS:
            return status_text(row.status, self._lang)
        if col == COL_RATINGS:
            if row.rating_hasil_kerja is None and row.rating_perilaku is None:
                return ""
            return f"{rating_short(row.rating_hasil_kerja)} / {rating_short(row.rating_perilaku)}"
        if col == COL_PREDIKAT:
            return predikat_text(row.predikat, self._lang)
        return self.tr("ada") if row.has_comment else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self._all[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_NAME:
                return "\n".join(
                    t
                    for t in (
                        row.employee_name,
                        f"NIP {nip_text(row.nip)}" if row.nip else "",
                        row.jabatan,
                        self.tr("Pejabat penilai: {name}").format(name=row.supervisor_name)
                        if row.supervisor_name
                        else "",
                    )
                    if t
                )
            if col == COL_RATINGS:
                return "\n".join(
                    (
                        self.tr("Hasil kerja: {r}").format(
                            r=rating_text(row.rating_hasil_kerja, self._lang) or "–"
                        ),
                        self.tr("Perilaku kerja: {r}").format(
                            r=rating_text(row.rating_perilaku, self._lang) or "–"
                        ),
                    )
                )
            if col == COL_STATUS and not row.can_rate and row.status is None:
                return self.tr("Hanya atasan langsung yang dapat memulai evaluasi ini.")
            return self._text(row, col) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_STATUS:
                return STATUS_COLOURS[row.status] if row.status else QColor("#8a4b00")
            if col == COL_PREDIKAT and row.predikat is not None:
                return PREDIKAT_COLOURS[row.predikat]
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.evaluation_id or ""
        if role == Qt.ItemDataRole.UserRole + 1:
            return row.employee_id
        return None
