"""Item models of the recap (RHK realisation, hours per week) and a progress-bar delegate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from flexdesk.domain.outputs import RhkKind
from flexdesk.services.outputs.recap import RecapRow, WeekHours
from flexdesk.ui.pages.outputs.common import number
from flexdesk.ui.widgets.style import ERROR_COLOUR

Index = QModelIndex | QPersistentModelIndex
#: the value (0..100+) a progress column paints
PROGRESS_ROLE = int(Qt.ItemDataRole.UserRole) + 2


class RecapModel(QAbstractTableModel):
    """One row per RHK: target for the period, realisation, progress, not yet reviewed."""

    COL_NO, COL_RHK, COL_TARGET, COL_REALISED, COL_PROGRESS, COL_PENDING = range(6)

    def __init__(self, lang: str = "id") -> None:
        super().__init__()
        self._rows: list[RecapRow] = []
        self._lang = lang

    def set_rows(self, rows: list[RecapRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("No"),
            self.tr("RHK"),
            self.tr("Target periode"),
            self.tr("Realisasi"),
            self.tr("Capaian"),
            self.tr("Belum direviu"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_NO:
                return str(index.row() + 1)
            if col == self.COL_RHK:
                extra = self.tr(" (tambahan)") if row.kind is RhkKind.TAMBAHAN else ""
                return row.text + extra
            if col == self.COL_TARGET:
                return f"{number(row.target, self._lang)} {row.unit}"
            if col == self.COL_REALISED:
                return f"{number(row.realised, self._lang)} {row.unit}"
            if col == self.COL_PROGRESS:
                return f"{row.percent:.0f}%"
            return number(row.pending, self._lang) if row.pending else ""
        if role == PROGRESS_ROLE and col == self.COL_PROGRESS:
            return row.percent
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_RHK:
            return self.tr("{text}\nTarget setahun: {target} {unit}").format(
                text=row.text, target=number(row.annual_target, self._lang), unit=row.unit
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (self.COL_RHK,):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class WeekModel(QAbstractTableModel):
    """Logged hours per week against the weekly hours of Perpres 21/2023 (office setting)."""

    def __init__(self, lang: str = "id") -> None:
        super().__init__()
        self._weeks: list[WeekHours] = []
        self._limit = 37.5
        self._lang = lang

    def set_weeks(self, weeks: list[WeekHours], limit: float) -> None:
        self.beginResetModel()
        self._weeks = list(weeks)
        self._limit = limit
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._weeks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            (self.tr("Minggu mulai"), self.tr("Jam tercatat"))[section]
            if section in (0, 1)
            else None
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._weeks):
            return None
        week = self._weeks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return week.monday.strftime("%d/%m/%Y")
            return f"{number(round(week.hours, 1), self._lang)}"
        if role == PROGRESS_ROLE and index.column() == 1:
            return 100.0 * week.hours / self._limit if self._limit else 0.0
        if role == Qt.ItemDataRole.ForegroundRole and week.over:
            return QColor(ERROR_COLOUR)
        return None


class ProgressDelegate(QStyledItemDelegate):
    """Paints PROGRESS_ROLE as a progress bar with the cell's text on it; red past 100%
    when ``warn_over`` (hours), green at 100% or more otherwise (realisation)."""

    def __init__(self, parent: Any = None, *, warn_over: bool = False) -> None:
        super().__init__(parent)
        self.warn_over = warn_over

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(PROGRESS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 4, -3, -4)
        bar.minimum = 0
        bar.maximum = 100
        bar.progress = max(0, min(100, round(float(value))))
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        palette = QPalette(option.palette)
        if self.warn_over and float(value) > 100:
            colour = QColor("#c0392b")
        elif not self.warn_over and float(value) >= 100:
            colour = QColor("#2e8b57")
        else:
            colour = QColor("#1f5fa8")
        palette.setColor(QPalette.ColorRole.Highlight, colour)
        bar.palette = palette
        style = QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
