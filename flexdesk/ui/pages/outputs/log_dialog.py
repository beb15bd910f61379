"""Add / edit one output-log entry, with evidence by file picker, drag and drop, or link."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.outputs import PlannedDay, WorkMode
from flexdesk.errors import FlexDeskError
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs.logs import LogInput, LogRow, RhkChoice
from flexdesk.services.permissions import Action, Actor
from flexdesk.services.staff_scope import employee_choices
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.outputs.common import combo_value, from_qdate, mode_label, to_qdate
from flexdesk.ui.pages.outputs.log_conflict import handle_conflict
from flexdesk.ui.pages.outputs.log_evidence import EvidenceSection
from flexdesk.ui.widgets.forms import ErrorLabel
from flexdesk.ui.widgets.style import ERROR_COLOUR

_UNIT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the RHK's target unit, to pre-fill the unit


def _context(
    session: Any, actor: Actor, employee_id: str, day: date
) -> tuple[list[RhkChoice], PlannedDay | None]:
    """The employee's RHK of the day's year and the day's approved plan, in one trip."""
    choices = outputs.rhk_choices(session, actor, employee_id, day.year)
    return choices, outputs.planned_day(session, actor, employee_id, day)


class LogDialog(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        store: AttachmentStore,
        existing: LogRow | None = None,
        *,
        employee_id: str | None = None,
        day: date | None = None,
        read_only: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store = store
        self.existing = existing
        self.saved: LogRow | None = None
        #: the entry's revision the form shows; a save against a newer one is refused
        self.expected_rev = existing.rev if existing else None
        self.conflict: QDialog | None = None
        locked = existing is not None and not existing.editable
        self.read_only = locked if read_only is None else read_only or locked
        self._mode_touched = existing is not None
        self._default_unit = ""
        self._wanted_rhk = existing.rhk_id if existing else ""  # until the choices arrive
        self._asked = 0  # the latest context asked for; older answers are dropped
        self._planned: PlannedDay | None = None
        if existing is None:
            self.setWindowTitle(self.tr("Catat output"))
        elif self.read_only:
            self.setWindowTitle(self.tr("Entri log output"))
        else:
            self.setWindowTitle(self.tr("Ubah entri log output"))
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_note(existing))
        layout.addLayout(self._build_form(existing, day))
        self._build_evidence(layout, existing)
        layout.addWidget(self._build_buttons())
        self._connect()
        if existing is not None:
            self._load(existing)
        if self.read_only:
            fields: tuple[QWidget, ...] = (
                self.day, self.rhk, self.activity, self.quantity, self.unit, self.start, self.end,
                self.mode, self.location,
            )  # fmt: skip
            for field in fields:
                field.setEnabled(False)
            self.evidence_section.set_read_only()
        self.activity.setFocus()
        wanted = existing.employee_id if existing else employee_id or ctx.actor.employee_id
        QueryOp(ctx, employee_choices, Action.OUTPUT_LOG).on_success(
            lambda people: self._show_people(people, wanted or "")
        ).run(parent=self)

    def _build_note(self, existing: LogRow | None) -> QLabel:
        self.note = QLabel()
        self.note.setObjectName("review_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "background: #fdecea; color: #8c1d18; border: 1px solid #f1b8b3; padding: 6px;"
        )
        self.note.setVisible(bool(existing and existing.review_note))
        if existing is not None and existing.review_note:
            self.note.setText(self.tr("Catatan atasan: {note}").format(note=existing.review_note))
        return self.note

    def _build_form(self, existing: LogRow | None, day: date | None) -> QFormLayout:
        form = QFormLayout()
        self.errors: dict[str, ErrorLabel] = {}

        def add(label: str, widget: QWidget, field: str) -> None:
            widget.setObjectName(field)
            form.addRow(label, widget)
            err = ErrorLabel()
            err.setObjectName(f"{field}_error")
            form.addRow("", err)
            self.errors[field] = err

        self.employee = QComboBox()
        self.employee.setEnabled(False)  # until the choices have arrived
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setMaximumDate(QDate.currentDate())
        self.day.setDate(to_qdate(existing.day if existing else day or date.today()))
        self.rhk = QComboBox()
        self.rhk.setMinimumContentsLength(40)
        self.activity = QPlainTextEdit()
        self.activity.setPlaceholderText(self.tr("Apa yang dikerjakan dan hasilnya"))
        self.activity.setFixedHeight(64)
        self.activity.setTabChangesFocus(True)
        self.mode = QComboBox()
        for mode in WorkMode:
            self.mode.addItem(mode_label(mode), mode.value)
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("Lokasi kerja (wajib untuk WFA)"))
        self.plan = QLabel()
        self.plan.setObjectName("plan_label")
        self.plan.setWordWrap(True)
        add(self.tr("Pegawai"), self.employee, "employee")
        add(self.tr("Tanggal"), self.day, "day")
        add(self.tr("RHK"), self.rhk, "rhk")
        add(self.tr("Kegiatan *"), self.activity, "activity")
        add(self.tr("Output"), self._build_output(), "quantity")
        add(self.tr("Jam mulai–selesai"), self._build_times(), "end_time")
        add(self.tr("Mode kerja"), self.mode, "work_mode")
        form.addRow("", self.plan)
        add(self.tr("Lokasi"), self.location, "location")
        self.errors["unit"] = self.errors["quantity"]
        return form

    def _build_output(self) -> QWidget:
        self.quantity = QDoubleSpinBox()
        self.quantity.setRange(0, 1_000_000)
        self.quantity.setDecimals(2)
        self.quantity.setValue(1)
        self.unit = QLineEdit()
        self.unit.setObjectName("unit")
        self.unit.setPlaceholderText(self.tr("mis. dokumen"))
        output_row = QWidget()
        out_layout = QHBoxLayout(output_row)
        out_layout.setContentsMargins(0, 0, 0, 0)
        out_layout.addWidget(self.quantity)
        out_layout.addWidget(self.unit, 1)
        return output_row

    def _build_times(self) -> QWidget:
        self.start = QTimeEdit(QTime(7, 30))
        self.end = QTimeEdit(QTime(9, 0))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH.mm")
        times = QWidget()
        time_layout = QHBoxLayout(times)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.addWidget(self.start)
        time_layout.addWidget(QLabel("–"))
        time_layout.addWidget(self.end)
        time_layout.addStretch(1)
        return times

    def _build_evidence(self, layout: QVBoxLayout, existing: LogRow | None) -> None:
        section = EvidenceSection(self.ctx, self.store, existing, self)
        self.evidence_section = section
        layout.addWidget(section)
        # the parts tests and the read-only switch reach
        self.evidence = section.list
        self.add_file_button, self.link = section.add_file_button, section.link
        self.add_link_button, self.remove_button = section.add_link_button, section.remove_button
        self.open_button = section.open_button
        self.errors["evidence"] = section.error
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("general_error")
        layout.addWidget(self.general_error)

    def _build_buttons(self) -> QDialogButtonBox:
        self.save_button: QPushButton | None = None
        if self.read_only:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
            buttons.rejected.connect(self.reject)
            return buttons
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def _connect(self) -> None:
        self.employee.currentIndexChanged.connect(lambda _i: self._context_changed())
        self.day.dateChanged.connect(lambda _d: self._context_changed())
        self.rhk.currentIndexChanged.connect(lambda _i: self._rhk_changed())
        self.mode.activated.connect(lambda _i: setattr(self, "_mode_touched", True))
        self.mode.currentIndexChanged.connect(lambda _i: self._show_plan())

    # -- context: RHK choices and the schedule's plan -----------------------------------------
    def employee_id(self) -> str:
        return combo_value(self.employee) or ""

    def _show_people(self, people: list[tuple[str, str]], wanted: str) -> None:
        self.employee.blockSignals(True)
        for emp_id, name in people:
            self.employee.addItem(name, emp_id)
        self.employee.setCurrentIndex(max(self.employee.findData(wanted), 0))
        self.employee.blockSignals(False)
        self.employee.setEnabled(self.existing is None and self.employee.count() > 1)
        self._context_changed()

    def _context_changed(self) -> None:
        """Ask for the RHK choices and the plan of the employee's day (answered later)."""
        emp = self.employee_id()
        day = from_qdate(self.day.date())
        self._asked += 1
        asked = self._asked
        if not emp:
            self._show_context(asked, day, ([], None))
            return
        QueryOp(self.ctx, _context, emp, day).on_success(
            lambda found: self._show_context(asked, day, found)
        ).run(parent=self)

    def _show_context(
        self, asked: int, day: date, found: tuple[list[RhkChoice], PlannedDay | None]
    ) -> None:
        if asked != self._asked:  # the employee or the day changed again meanwhile
            return
        choices, self._planned = found
        current = combo_value(self.rhk) or self._wanted_rhk
        self.rhk.blockSignals(True)
        self.rhk.clear()
        for choice in choices:
            self.rhk.addItem(f"{choice.position}. {choice.text}", choice.id)
            self.rhk.setItemData(self.rhk.count() - 1, choice.unit, _UNIT_ROLE)
        if not choices:
            self.rhk.addItem(self.tr("(belum ada SKP tahun {year})").format(year=day.year), "")
            self.rhk.setItemData(0, "", _UNIT_ROLE)
        self.rhk.setCurrentIndex(max(self.rhk.findData(current), 0))
        self.rhk.blockSignals(False)
        self._rhk_changed()
        if self._planned is not None and self._planned.mode is not None and not self._mode_touched:
            self.mode.setCurrentIndex(self.mode.findData(self._planned.mode.value))
            if self._planned.location and not self.location.text():
                self.location.setText(self._planned.location)
        self._show_plan()

    def _rhk_changed(self) -> None:
        unit = combo_value(self.rhk, _UNIT_ROLE) or ""
        if not self.unit.text() or self.unit.text() == self._default_unit:
            self.unit.setText(str(unit))
        self._default_unit = str(unit)

    def _show_plan(self) -> None:
        plan = self._planned
        if plan is None:
            self.plan.setText(self.tr("Tidak ada jadwal yang disetujui untuk hari ini."))
            self.plan.setStyleSheet("color: #5f6b7a;")
        elif plan.is_leave:
            self.plan.setText(
                self.tr("Jadwal: {leave}. Output tidak dicatat pada hari cuti.").format(
                    leave=plan.leave
                )
            )
            self.plan.setStyleSheet(f"color: {ERROR_COLOUR};")
        elif plan.mode is not None and plan.mode.value != combo_value(self.mode):
            self.plan.setText(
                self.tr("Jadwal: {mode}. Mode berbeda akan ditandai untuk atasan.").format(
                    mode=mode_label(plan.mode)
                )
            )
            self.plan.setStyleSheet("color: #8a4b00;")
        elif plan.mode is not None:
            self.plan.setText(self.tr("Sesuai jadwal: {mode}.").format(mode=mode_label(plan.mode)))
            self.plan.setStyleSheet("color: #1e7b34;")
        else:
            self.plan.setText("")

    def _load(self, row: LogRow) -> None:
        self.activity.setPlainText(row.activity)
        self.quantity.setValue(row.quantity)
        self.unit.setText(row.unit)
        self.start.setTime(QTime(row.start_time.hour, row.start_time.minute))
        self.end.setTime(QTime(row.end_time.hour, row.end_time.minute))
        self.mode.setCurrentIndex(self.mode.findData(row.work_mode.value))
        self.location.setText(row.location)

    # -- evidence ---------------------------------------------------------------------------
    def add_files(self, paths: list[Path]) -> None:
        self.evidence_section.add_files(paths)

    # -- saving -----------------------------------------------------------------------------
    def form_input(self) -> LogInput:
        items = self.evidence.entries()
        start, end = self.start.time(), self.end.time()
        return LogInput(
            employee_id=self.employee_id(),
            day=from_qdate(self.day.date()),
            rhk_id=combo_value(self.rhk) or "",
            activity=self.activity.toPlainText(),
            quantity=self.quantity.value(),
            unit=self.unit.text(),
            start_time=time(start.hour(), start.minute()),
            end_time=time(end.hour(), end.minute()),
            work_mode=WorkMode(combo_value(self.mode) or WorkMode.WFO.value),
            location=self.location.text(),
            add_files=tuple(Path(i.key) for i in items if i.kind == "file"),
            add_links=tuple(i.key for i in items if i.kind == "link"),
            remove_evidence_ids=tuple(self.evidence_section.removed),
        )

    def save(self) -> None:
        """Store the entry on the database worker; Save waits meanwhile. Stored: the dialog
        closes; refused: the message shows under its field and nothing typed is lost."""
        for err in {*self.errors.values(), self.general_error}:
            err.clear_error()
        data = self.form_input()
        if self.existing is None:
            op = MutationOp(
                self.ctx, outputs.create_log, data, store=self.store, topics=["outputs"]
            )
        else:
            op = MutationOp(
                self.ctx, outputs.update_log, self.existing.id, data, store=self.store,
                expected_rev=self.expected_rev, topics=["outputs"],
            )  # fmt: skip
        if self.save_button is not None:
            self.save_button.setEnabled(False)
        op.on_success(self._saved).on_failure(self._refused).run(parent=self)

    def _saved(self, row: LogRow) -> None:
        self.saved = row
        if self.save_button is not None:
            self.save_button.setEnabled(True)
        self.accept()

    def _refused(self, exc: FlexDeskError) -> None:
        if self.save_button is not None:
            self.save_button.setEnabled(True)
        if handle_conflict(self, exc):  # changed on another PC: theirs / overwrite / merge
            return
        label = self.errors.get(exc.field or "", self.general_error)
        label.show_error(self.ctx.message(exc))
        target = self.findChild(QWidget, exc.field or "")
        if target is not None:
            target.setFocus()
