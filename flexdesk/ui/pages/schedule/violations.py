"""The violations panel: every broken rule as a sentence; clicking one selects its cell.

Errors come first, then warnings, each by day. An empty or half-planned month holds many
"hours not yet planned" warnings, so the list can be narrowed to errors (or warnings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.rules import RULES, Violation

Index = QModelIndex | QPersistentModelIndex

SHOW_ALL, SHOW_ERRORS, SHOW_WARNINGS = "all", "error", "warning"


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ViolationListModel(QAbstractListModel):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self._rows: list[Violation] = []
        self._icons = {"error": _dot("#C62828"), "warning": _dot("#EF8F00")}

    def set_rows(self, rows: Sequence[Violation]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def violation(self, row: int) -> Violation:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return v.message(self.lang)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[v.severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            info = RULES.get(v.rule_id)
            if info is None:
                return None
            title = info.title_en if self.lang == "en" else info.title_id
            return f"{title}\n{info.source}"
        return None


class ViolationsPanel(QWidget):
    """Filter, count and list; ``on_pick`` gets the violation a user clicked."""

    def __init__(self, lang: str, on_pick: Callable[[Violation], None]) -> None:
        super().__init__()
        self.on_pick = on_pick
        self._all: list[Violation] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        title = QLabel("<b>" + self.tr("Pelanggaran aturan") + "</b>")
        self.filter = QComboBox()
        self.filter.setObjectName("violation_filter")
        self.filter.addItem(self.tr("Semua"), SHOW_ALL)
        self.filter.addItem(self.tr("Kesalahan saja"), SHOW_ERRORS)
        self.filter.addItem(self.tr("Peringatan saja"), SHOW_WARNINGS)
        head.addWidget(title, 1)
        head.addWidget(self.filter)
        layout.addLayout(head)
        self.count = QLabel()
        self.count.setObjectName("violation_count")
        self.count.setStyleSheet("color: #555;")
        layout.addWidget(self.count)
        self.model = ViolationListModel(lang)
        self.list = QListView()
        self.list.setObjectName("violation_list")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(2)
        self.list.setIconSize(QSize(10, 10))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        layout.addWidget(self.list, 1)
        self.filter.currentIndexChanged.connect(lambda _i: self._show())
        self.list.clicked.connect(self._clicked)
        self.list.activated.connect(self._clicked)

    def set_violations(self, violations: Sequence[Violation]) -> None:
        self._all = sorted(violations, key=lambda v: (v.severity != "error", v.sort_key()))
        self._show()

    def _show(self) -> None:
        wanted = self.filter.currentData()
        rows = [v for v in self._all if wanted in (SHOW_ALL, v.severity)]
        self.model.set_rows(rows)
        errors = sum(v.severity == "error" for v in self._all)
        warnings = len(self._all) - errors
        if not self._all:
            self.count.setText(self.tr("Tidak ada pelanggaran."))
        else:
            self.count.setText(
                self.tr("{errors} kesalahan, {warnings} peringatan").format(
                    errors=errors, warnings=warnings
                )
            )

    def shown(self) -> list[Violation]:
        return [self.model.violation(i) for i in range(self.model.rowCount())]

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.on_pick(self.model.violation(index.row()))
