"""Reviu: the supervisor's queue of submitted entries; accept (locks) or return with a note."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.outputs import LogStatus
from flexdesk.errors import FlexDeskError
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs.logs import LogFilter, LogRow
from flexdesk.services.permissions import Action
from flexdesk.services.staff_scope import employee_choices
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.outputs.common import combo_value, fill_combo, mode_label, number, warn
from flexdesk.ui.pages.outputs.evidence import EvidenceList
from flexdesk.ui.pages.outputs.log_model import COL_STATUS, LogTableModel, fit_columns
from flexdesk.ui.widgets.forms import ErrorLabel


class ReviewTab(QWidget):
    def __init__(self, ctx: UiContext, store: AttachmentStore) -> None:
        super().__init__()
        self.ctx = ctx
        self.store = store
        self._current: LogRow | None = None
        self._asked = 0  # the latest entry asked for; older answers are dropped
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(self._build_bar())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_table())
        splitter.addWidget(self._build_detail())
        splitter.setSizes([380, 220])
        layout.addWidget(splitter, 1)
        self.employee.currentIndexChanged.connect(lambda _i: self.refresh(reload_people=False))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button.clicked.connect(self.return_selected)
        # the page follows "outputs" for this tab, so that the count in its title stays true
        # while another tab is shown
        self.refresh()

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.employee = QComboBox()
        self.employee.setObjectName("review_employee")
        self.employee.setMinimumContentsLength(20)
        self.count_label = QLabel()
        bar.addWidget(QLabel(self.tr("Pegawai")))
        bar.addWidget(self.employee)
        bar.addWidget(self.count_label, 1)
        self.accept_button = QPushButton(self.tr("Terima"))
        self.accept_button.setObjectName("accept_logs")
        self.accept_button.setToolTip(self.tr("Terima entri terpilih (terkunci setelah diterima)"))
        self.return_button = QPushButton(self.tr("Kembalikan"))
        self.return_button.setObjectName("return_log")
        bar.addWidget(self.accept_button)
        bar.addWidget(self.return_button)
        return bar

    def _build_table(self) -> QTableView:
        self.model = LogTableModel(self.ctx, self, self._filter(), self.ctx.lang, autoload=False)
        self.model.loaded.connect(self._loaded)
        self.table = QTableView()
        self.table.setObjectName("review_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        fit_columns(self.table, (86, 160, 200, 240, 96, 92, 58, 90, 48))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(COL_STATUS, True)  # all of them are "submitted"
        return self.table

    def _build_detail(self) -> QGroupBox:
        detail = QGroupBox(self.tr("Entri terpilih"))
        detail_layout = QHBoxLayout(detail)
        form = QFormLayout()
        self.info: dict[str, QLabel] = {}
        for key, label in (
            ("employee", self.tr("Pegawai")),
            ("rhk", self.tr("RHK")),
            ("activity", self.tr("Kegiatan")),
            ("output", self.tr("Output")),
            ("mode", self.tr("Mode kerja")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setObjectName(f"detail_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.info[key] = value
        detail_layout.addLayout(form, 3)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Bukti dukung")))
        self.evidence = EvidenceList()
        self.evidence.setAcceptDrops(False)
        self.evidence.itemDoubleClicked.connect(lambda _i: self._open_evidence())
        right.addWidget(self.evidence)
        self.note = QPlainTextEdit()
        self.note.setObjectName("review_note_edit")
        self.note.setPlaceholderText(self.tr("Catatan untuk pegawai (wajib bila dikembalikan)"))
        self.note.setFixedHeight(56)
        right.addWidget(self.note)
        self.error = ErrorLabel()
        right.addWidget(self.error)
        detail_layout.addLayout(right, 2)
        return detail

    def _filter(self) -> LogFilter:
        emp = combo_value(self.employee) if hasattr(self, "employee") else None
        return LogFilter(
            status=LogStatus.SUBMITTED, staff_only=True, oldest_first=True, employee_id=emp
        )

    def refresh(self, *, reload_people: bool = True) -> None:
        """Read the queue again (with ``reload_people`` the employee choices first)."""
        if not reload_people:
            self.model.set_filter(self._filter())
            return
        QueryOp(self.ctx, employee_choices, Action.OUTPUT_VIEW).on_success(self._show_people).run(
            parent=self
        )

    def _show_people(self, choices: list[tuple[str, str]]) -> None:
        people = [(i, n) for i, n in choices if i != self.ctx.actor.employee_id]
        fill_combo(self.employee, people, self.tr("Semua bawahan"))
        self.model.set_filter(self._filter())

    def _loaded(self) -> None:
        self.count_label.setText(self.tr("{n} entri menunggu reviu").format(n=self.model.total))
        self._show_selected()

    @property
    def pending(self) -> int:
        return self.model.total

    def selected_rows(self) -> list[LogRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_data(r) for r in rows if r < self.model.rowCount()]

    def _show_selected(self) -> None:
        rows = self.selected_rows()
        self.accept_button.setEnabled(bool(rows))
        self.return_button.setEnabled(len(rows) == 1)
        self.evidence.clear()
        self.error.clear_error()
        self._current = None
        if len(rows) != 1:
            self._asked += 1  # an entry still on its way is not shown any more
            for label in self.info.values():
                label.clear()
            if len(rows) > 1:
                self.info["employee"].setText(self.tr("{n} entri terpilih").format(n=len(rows)))
            return
        self._asked += 1
        asked = self._asked
        QueryOp(self.ctx, outputs.get_log, rows[0].id).on_success(
            lambda row: self._show_entry(row) if asked == self._asked else None
        ).on_failure(lambda exc: self.error.show_error(self.ctx.message(exc))).run(parent=self)

    def _show_entry(self, row: LogRow) -> None:
        self._current = row
        self.info["employee"].setText(f"{row.employee_name} — {row.day:%d/%m/%Y}")
        self.info["rhk"].setText(row.rhk_text)
        self.info["activity"].setText(row.activity)
        self.info["output"].setText(
            f"{number(row.quantity, self.ctx.lang)} {row.unit}, "
            f"{row.start_time:%H.%M}–{row.end_time:%H.%M}"
        )
        mode = mode_label(row.work_mode) + (f" ({row.location})" if row.location else "")
        if row.mode_mismatch and row.planned_mode is not None:
            mode += " — " + self.tr("jadwal: {mode}").format(mode=mode_label(row.planned_mode))
        self.info["mode"].setText(mode)
        for ev in row.evidence:
            self.evidence.add_existing(ev)

    def _open_evidence(self) -> None:
        if self._current is None:
            return
        for item in self.evidence.selected()[:1]:
            ev = next((e for e in self._current.evidence if e.id == item.key), None)
            if ev is None:
                continue
            if ev.kind == "link":
                QDesktopServices.openUrl(QUrl(ev.url))
                continue
            QueryOp(
                self.ctx, outputs.evidence_copy, ev.id, self.store, self.ctx.paths.cache / "bukti"
            ).on_success(self._open_copy).on_failure(
                lambda exc: self.error.show_error(self.ctx.message(exc))
            ).run(parent=self)

    def _open_copy(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def accept_selected(self) -> None:
        ids = [r.id for r in self.selected_rows()]
        if not ids:
            return
        MutationOp(self.ctx, outputs.accept_logs, ids, topics=["outputs"]).on_success(
            lambda _rows: self._reviewed()
        ).on_failure(lambda exc: warn(self, self.ctx, self.tr("Terima"), exc)).run(parent=self)

    def return_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return

        def refused(exc: FlexDeskError) -> None:
            self.error.show_error(self.ctx.message(exc))
            self.note.setFocus()

        MutationOp(
            self.ctx, outputs.return_log, rows[0].id, self.note.toPlainText(), topics=["outputs"]
        ).on_success(lambda _row: self._reviewed()).on_failure(refused).run(parent=self)

    def _reviewed(self) -> None:
        """The queue is read again by the change bus (the page follows "outputs")."""
        self.note.clear()
