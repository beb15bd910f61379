"""The audit trail viewer: a lazily fetched table with filters and a "check the chain" button."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import FlexDeskError
from flexdesk.services.storage import audit
from flexdesk.services.storage.audit import AuditFilter, AuditRow
from flexdesk.ui.context import UiContext
from flexdesk.ui.events import TOPICS
from flexdesk.ui.ops import QueryOp

PAGE = 200
_Index = QModelIndex | QPersistentModelIndex
COLUMNS = {
    "id": ("#", "Waktu (UTC)", "Pengguna", "Aksi", "Data", "Id", "Perubahan"),
    "en": ("#", "Time (UTC)", "User", "Action", "Entity", "Id", "Change"),
}
ENTITIES = ("", "employee", "user", "work_unit", "office", "settings", "skp", "output_log")


def describe_change(row: AuditRow) -> str:
    if row.op == "insert":
        return json.dumps(row.after, ensure_ascii=False)[:300]
    if row.op == "delete":
        return json.dumps(row.before, ensure_ascii=False)[:300]
    keys = [k for k in row.after if k not in {"rev", "change_seq", "updated_at"}]
    return "; ".join(f"{k}: {row.before.get(k)!r} → {row.after[k]!r}" for k in keys)[:300]


class AuditModel(QAbstractTableModel):
    """Rows fetched a page at a time from ``services.audit.list_entries``, newest first,
    through QueryOp (the database worker): a page is inserted when it arrives, and a page of
    an older filter is dropped."""

    #: a refused fetch (FlexDeskError); the rows shown stay
    failed = Signal(object)

    def __init__(self, ctx: UiContext, owner: QWidget) -> None:
        super().__init__()
        self.ctx = ctx
        self._owner = owner  # results for a closed tab are dropped
        self.flt = AuditFilter()
        self.rows: list[AuditRow] = []
        self._more = True
        self._fetching = False
        self._generation = 0
        self._headers = COLUMNS["en" if ctx.lang == "en" else "id"]

    def set_filter(self, flt: AuditFilter) -> None:
        self._generation += 1
        generation = self._generation
        self._fetching = True
        QueryOp(self.ctx, audit.list_entries, flt, offset=0, limit=PAGE).on_success(
            lambda first: self._reset(generation, flt, first)
        ).on_failure(lambda exc: self._failed(generation, exc)).run(parent=self._owner)

    def _reset(self, generation: int, flt: AuditFilter, first: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.flt, self.rows, self._more = flt, list(first), len(first) == PAGE
        self.endResetModel()
        self._fetching = False

    def _failed(self, generation: int, exc: FlexDeskError) -> None:
        if generation == self._generation:
            self._fetching, self._more = False, False
            self.failed.emit(exc)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        QueryOp(
            self.ctx, audit.list_entries, self.flt, offset=len(self.rows), limit=PAGE
        ).on_success(lambda page: self._append(generation, page)).on_failure(
            lambda exc: self._failed(generation, exc)
        ).run(parent=self._owner)

    def _append(self, generation: int, page: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()
        self._fetching = False  # (after the insert: the next offset is known only now)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.rows[index.row()]
        values = (
            str(row.seq),
            row.at.strftime("%Y-%m-%d %H:%M:%S"),
            row.actor_name,
            row.op,
            row.entity,
            row.entity_id,
            describe_change(row),
        )
        return values[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class AuditTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        en = ctx.lang == "en"
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.entity = QComboBox()
        self.entity.setObjectName("audit_entity")
        for name in ENTITIES:
            self.entity.addItem(name or ("all records" if en else "semua data"), name)
        self.user = QLineEdit()
        self.user.setObjectName("audit_user")
        self.user.setPlaceholderText("user name" if en else "nama pengguna")
        self.op = QComboBox()
        self.op.setObjectName("audit_op")
        for op in ("", "insert", "update", "delete"):
            self.op.addItem(op or ("all actions" if en else "semua aksi"), op)
        self.verify_button = QPushButton("Check the chain" if en else "Periksa keutuhan")
        self.verify_button.setObjectName("audit_verify")
        for widget in (self.entity, self.user, self.op):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.verify_button)
        layout.addLayout(bar)
        self.status = QLabel()
        self.status.setObjectName("audit_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model = AuditModel(ctx, self)
        self.model.failed.connect(self._show_error)
        self.view = QTableView()
        self.view.setObjectName("audit_table")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.entity.currentIndexChanged.connect(self.refresh)
        self.op.currentIndexChanged.connect(self.refresh)
        self.user.editingFinished.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.refresh()
        # every committed change writes the audit trail
        ctx.events.follow(self, TOPICS, self.refresh)

    def _show_error(self, exc: FlexDeskError) -> None:
        self.status.setText(exc.message_en if self.ctx.lang == "en" else exc.message)

    def refresh(self) -> None:
        self.model.set_filter(
            AuditFilter(
                entity=str(self.entity.currentData() or ""),
                actor_name=self.user.text().strip(),
                op=str(self.op.currentData() or ""),
            )
        )

    def verify(self) -> None:
        # the backups folder: its files are anchors the trail may not be shorter than
        QueryOp(self.ctx, audit.verify, self.ctx.paths.backups).on_success(
            self._verified
        ).on_failure(self._show_error).run(parent=self)

    def _verified(self, problems: list[audit.Problem]) -> None:
        en = self.ctx.lang == "en"
        if not problems:
            self.status.setText("The audit trail is intact." if en else "Jejak audit utuh.")
            return
        head = f"{len(problems)} problem(s) found:" if en else f"Ditemukan {len(problems)} masalah:"
        self.status.setText(head + "\n" + "\n".join(p.text(self.ctx.lang) for p in problems[:10]))
