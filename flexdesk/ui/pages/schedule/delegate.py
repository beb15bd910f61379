"""Painting the grid's cells: legend colours, shaded days off, violation marks, footers."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from flexdesk.ui.pages.schedule.grid_model import (
    FOOTER,
    SHORT,
    UNIT,
    CellStyle,
    RowKind,
    ScheduleGridModel,
)

Index = QModelIndex | QPersistentModelIndex

WEEKEND = QColor("#E4E7EB")
HOLIDAY = QColor("#F6D6D6")
ERROR = QColor("#C62828")
WARNING = QColor("#EF8F00")
SELECTED = QColor(31, 95, 168, 90)
CURRENT = QColor("#1F5FA8")
INK = QColor("#111827")
LOCKED_TEXT = QColor("#4B5563")


class CellDelegate(QStyledItemDelegate):
    """Paints one cell from the model's :class:`CellStyle`."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        if not isinstance(model, ScheduleGridModel):
            super().paint(painter, option, index)
            return
        style = model.cell_style(index.row(), index.column())
        rect: QRect = option.rect
        painter.save()
        try:
            if style.kind is RowKind.UNIT:
                painter.fillRect(rect, UNIT)
                return
            background = self._background(style)
            if background is not None:
                painter.fillRect(rect, background)
            if option.state & QStyle.StateFlag.State_Selected:
                painter.fillRect(rect, SELECTED)
            if style.text:
                self._text(painter, option, rect, style)
            if style.severity and style.kind is RowKind.EMPLOYEE:
                self._mark(painter, rect, ERROR if style.severity == "error" else WARNING)
            if option.state & QStyle.StateFlag.State_HasFocus:
                painter.setPen(QPen(CURRENT, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
        finally:
            painter.restore()

    @staticmethod
    def _background(style: CellStyle) -> QColor | None:
        if style.colour:
            return QColor(style.colour)
        if style.kind is RowKind.FOOTER and style.severity == "error":
            return SHORT
        shade = None
        if style.day_kind == "weekend":
            shade = WEEKEND
        elif style.day_kind is not None:
            shade = HOLIDAY
        if style.kind is RowKind.FOOTER:
            return FOOTER if shade is None else shade.darker(104)
        return shade

    @staticmethod
    def _text(
        painter: QPainter, option: QStyleOptionViewItem, rect: QRect, style: CellStyle
    ) -> None:
        font = QFont(option.font)
        if style.kind is RowKind.FOOTER or len(style.text) == 1:
            font.setBold(True)
        painter.setFont(font)
        if style.kind is RowKind.FOOTER and style.severity == "error":
            painter.setPen(ERROR)
        else:
            painter.setPen(INK if style.editable else LOCKED_TEXT)
        painter.drawText(rect.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignCenter, style.text)

    @staticmethod
    def _mark(painter: QPainter, rect: QRect, colour: QColor) -> None:
        """A frame and a corner triangle: visible without relying on colour alone."""
        painter.setPen(QPen(colour, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -2, -2))
        size = min(9, rect.height() // 2)
        corner = QPolygonF(
            [
                QPointF(rect.right() - size, rect.top()),
                QPointF(rect.right() + 1, rect.top()),
                QPointF(rect.right() + 1, rect.top() + size),
            ]
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(corner)
