"""Log harian: the filterable lazy table of entries, and the employee's own actions on them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.outputs import LogStatus
from flexdesk.services import units
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs.logs import LogFilter, LogRow, RhkChoice
from flexdesk.services.permissions import Action, Actor, Role
from flexdesk.services.staff_scope import employee_choices
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.outputs.common import (
    combo_value,
    fill_combo,
    from_qdate,
    run_each,
    status_label,
    to_qdate,
    warn,
)
from flexdesk.ui.pages.outputs.log_dialog import LogDialog
from flexdesk.ui.pages.outputs.log_model import COL_EMPLOYEE, LogTableModel, fit_columns
from flexdesk.ui.widgets.style import ERROR_COLOUR


def _filter_choices(
    session: Any, actor: Actor
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The employee and unit filters' choices, in one trip to the database worker."""
    people = employee_choices(session, actor, Action.OUTPUT_VIEW)
    return people, [(u.id, u.name) for u in units.list_units(session, actor)]


class LogTab(QWidget):
    def __init__(self, ctx: UiContext, store: AttachmentStore) -> None:
        super().__init__()
        self.ctx = ctx
        self.store = store
        self.dialog: LogDialog | None = None
        self.confirm: QMessageBox | None = None
        self._keep: list[str] = []  # the selection to put back after a reload
        self._select_next: list[str] | None = None  # entries just changed: select, show
        staff_view = ctx.actor.role is not Role.EMPLOYEE
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(self._build_filters(staff_view))
        layout.addLayout(self._build_actions())
        layout.addWidget(self._build_table(staff_view), 1)
        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.note_label = QLabel()
        self.note_label.setObjectName("selected_note")
        self.note_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.note_label.setWordWrap(True)
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.note_label, 1)
        layout.addLayout(bottom)
        self._connect()
        self.add_button.setVisible(ctx.actor.can(Action.OUTPUT_LOG))
        # new entries, reviews, SKP (the RHK filter), the approved schedule (the "⚠" of a mode
        # that differs from the plan), staff and units (the filters)
        ctx.events.follow(self, ["outputs", "schedule", "employees", "units"], self.refresh)
        self._selection_changed()
        self._update_count()
        self.refresh()

    def _build_filters(self, staff_view: bool) -> QHBoxLayout:
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("log_search")
        self.search.setPlaceholderText(self.tr("Cari kegiatan atau nama… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.employee = QComboBox()
        self.employee.setObjectName("employee_filter")
        self.employee.setMinimumContentsLength(16)
        self.unit = QComboBox()
        self.unit.setObjectName("unit_filter")
        self.unit.setMinimumContentsLength(14)
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.status.addItem(self.tr("Semua status"), "")
        for st in LogStatus:
            self.status.addItem(status_label(st), st.value)
        top.addWidget(self.search, 3)
        top.addWidget(self.employee, 2)
        top.addWidget(self.unit, 2)
        top.addWidget(self.status, 1)
        self.employee.setVisible(staff_view)
        self.unit.setVisible(staff_view)
        return top

    def _build_actions(self) -> QHBoxLayout:
        second = QHBoxLayout()
        today = date.today()
        self.date_from = QDateEdit(
            to_qdate((today.replace(day=1) - timedelta(days=1)).replace(day=1))
        )
        self.date_to = QDateEdit(to_qdate(today))
        for edit, name in ((self.date_from, "date_from"), (self.date_to, "date_to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.rhk = QComboBox()
        self.rhk.setObjectName("rhk_filter")
        self.rhk.setMinimumContentsLength(22)
        second.addWidget(QLabel(self.tr("Tanggal")))
        second.addWidget(self.date_from)
        second.addWidget(QLabel(self.tr("s.d.")))
        second.addWidget(self.date_to)
        second.addWidget(self.rhk, 2)
        second.addStretch(1)
        self.add_button = QPushButton(self.tr("Catat output"))
        self.add_button.setObjectName("add_log")
        self.add_button.setToolTip(self.tr("Catat output (Ctrl+N)"))
        self.submit_button = QPushButton(self.tr("Ajukan"))
        self.submit_button.setObjectName("submit_logs")
        self.submit_button.setToolTip(self.tr("Ajukan entri terpilih ke atasan"))
        self.withdraw_button = QPushButton(self.tr("Tarik kembali"))
        self.delete_button = QPushButton(self.tr("Hapus"))
        for button in (
            self.add_button,
            self.submit_button,
            self.withdraw_button,
            self.delete_button,
        ):
            second.addWidget(button)
        return second

    def _build_table(self, staff_view: bool) -> QTableView:
        self.model = LogTableModel(
            self.ctx, self, self.current_filter(), self.ctx.lang, autoload=False
        )
        self.model.loaded.connect(self._loaded)
        self.table = QTableView()
        self.table.setObjectName("log_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_columns(self.table, (86, 150, 190, 240, 96, 92, 58, 100, 48))
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(COL_EMPLOYEE, not staff_view)
        return self.table

    def _connect(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.unit, self.status, self.rhk):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.employee.currentIndexChanged.connect(lambda _i: self._employee_changed())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._dates_changed())
        self.add_button.clicked.connect(self._add_clicked)
        self.submit_button.clicked.connect(self.submit_selected)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.delete_button.clicked.connect(self._delete_clicked)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        for key, slot in ((QKeySequence.StandardKey.Find, self._focus_search),
                          (QKeySequence.StandardKey.New, self.add_log)):  # fmt: skip
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)

    # -- filters ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the filters' choices again, then the entries (the change bus calls this)."""
        QueryOp(self.ctx, _filter_choices).on_success(self._show_choices).run(parent=self)

    def _show_choices(self, choices: tuple[list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        people, unit_rows = choices
        fill_combo(self.employee, people, self.tr("Semua pegawai"))
        if self.ctx.actor.role is Role.EMPLOYEE:
            self.employee.setCurrentIndex(
                max(self.employee.findData(self.ctx.actor.employee_id), 0)
            )
        fill_combo(self.unit, unit_rows, self.tr("Semua unit"))
        self._load_rhk()

    def _load_rhk(self) -> None:
        """The RHK filter's choices for the employee and year, then the entries."""
        emp = combo_value(self.employee)
        year = from_qdate(self.date_from.date()).year
        if not emp:
            self._show_rhk([])
            return
        QueryOp(self.ctx, outputs.rhk_choices, emp, year).on_success(self._show_rhk).run(
            parent=self
        )

    def _show_rhk(self, choices: list[RhkChoice]) -> None:
        fill_combo(
            self.rhk, [(c.id, f"{c.position}. {c.text}") for c in choices], self.tr("Semua RHK")
        )
        self.rhk.setEnabled(bool(choices))
        self.apply_filter()

    def _employee_changed(self) -> None:
        self._load_rhk()

    def _dates_changed(self) -> None:
        self._load_rhk()

    def current_filter(self) -> LogFilter:
        status = combo_value(self.status)
        return LogFilter(
            employee_id=combo_value(self.employee),
            unit_id=combo_value(self.unit),
            date_from=from_qdate(self.date_from.date()),
            date_to=from_qdate(self.date_to.date()),
            status=LogStatus(status) if status else None,
            rhk_id=combo_value(self.rhk),
            text=self.search.text(),
        )

    def apply_filter(self) -> None:
        """Read the entries for the filters; the selection is put back when they arrive."""
        if self._select_next is None:
            self._keep = [r.id for r in self.selected_rows()]
        self.model.set_filter(self.current_filter())

    def _loaded(self) -> None:
        changed = self._select_next
        self._select_next = None
        if changed is not None:
            self.table.clearSelection()
        for log_id in self._keep if changed is None else changed:
            row = self.model.row_of(log_id)
            if row >= 0:
                self.table.selectRow(row)
                if changed is not None:
                    self.table.scrollTo(self.model.index(row, 0))
        self._update_count()
        self._selection_changed()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} entri").format(n=self.model.total))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- selection and actions ----------------------------------------------------------------
    def selected_rows(self) -> list[LogRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_data(r) for r in rows if r < self.model.rowCount()]

    def _mine(self, row: LogRow) -> bool:
        return self.ctx.actor.role is Role.ADMIN or row.employee_id == self.ctx.actor.employee_id

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        mine = [r for r in rows if self._mine(r)]
        self.submit_button.setEnabled(any(r.editable for r in mine))
        self.withdraw_button.setEnabled(any(r.status is LogStatus.SUBMITTED for r in mine))
        self.delete_button.setEnabled(bool(mine) and all(r.editable for r in mine))
        notes = [r.review_note for r in rows if r.status is LogStatus.RETURNED and r.review_note]
        self.note_label.setText(
            self.tr("Catatan atasan: {note}").format(note=notes[0])
            if len(rows) == 1 and notes
            else ""
        )

    def _add_clicked(self) -> None:
        self.add_log()

    def _delete_clicked(self) -> None:
        self.delete_selected()

    def add_log(self, day: date | None = None) -> None:
        if not self.ctx.actor.can(Action.OUTPUT_LOG):
            return
        self._open_dialog(LogDialog(self.ctx, self.store, employee_id=combo_value(self.employee),
                                    day=day, parent=self))  # fmt: skip

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_log(self.model.row_data(index.row()).id)

    def open_log(self, log_id: str) -> None:
        def show(row: LogRow) -> None:
            editable = row.editable and self._mine(row) and self.ctx.actor.can(Action.OUTPUT_LOG)
            self._open_dialog(
                LogDialog(self.ctx, self.store, row, read_only=not editable, parent=self)
            )

        QueryOp(self.ctx, outputs.get_log, log_id).on_success(show).on_failure(
            lambda exc: warn(self, self.ctx, self.tr("Log output"), exc)
        ).run(parent=self)

    def _open_dialog(self, dialog: LogDialog) -> None:
        """Window-modal and non-blocking (``open``): tests drive it like a user."""
        self.dialog = dialog

        def done() -> None:
            if dialog.saved is not None:
                self._after_change([dialog.saved.id])

        dialog.accepted.connect(done)
        dialog.open()

    def _after_change(self, ids: list[str]) -> None:
        """Entries were stored (the change bus is reloading the table): select them when the
        reload arrives, or at the next show of a hidden tab."""
        self._select_next = ids

    def submit_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if self._mine(r) and r.editable]
        if not ids:
            return
        MutationOp(self.ctx, outputs.submit_logs, ids, topics=["outputs"]).on_success(
            lambda _rows: self._after_change(ids)
        ).on_failure(lambda exc: warn(self, self.ctx, self.tr("Ajukan"), exc)).run(parent=self)

    def withdraw_selected(self) -> None:
        ids = [
            r.id for r in self.selected_rows() if self._mine(r) and r.status is LogStatus.SUBMITTED
        ]
        run_each(
            self.ctx,
            self,
            outputs.withdraw_log,
            ids,
            title=self.tr("Tarik kembali"),
            then=lambda: self._after_change(ids),
        )

    def delete_selected(self, *, confirm: bool = True) -> None:
        rows = [r for r in self.selected_rows() if self._mine(r) and r.editable]
        if not rows:
            return
        if not confirm:
            self._delete(rows)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Hapus entri"),
            self.tr("Hapus {n} entri log output terpilih?").format(n=len(rows)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Hapus"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Batal"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm = box
        box.finished.connect(lambda _r: self._delete(rows) if box.clickedButton() is yes else None)
        box.open()

    def _delete(self, rows: list[LogRow]) -> None:
        run_each(
            self.ctx,
            self,
            outputs.delete_log,
            [r.id for r in rows],
            title=self.tr("Hapus entri"),
            then=lambda: self._after_change([]),
        )
