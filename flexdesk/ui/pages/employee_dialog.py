"""Add / edit an employee, with inline errors and a live NIP check."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.people import EmployeeType, normalize_nip
from flexdesk.errors import FlexDeskError, StaleEdit
from flexdesk.services import employees, units
from flexdesk.services.employees import EmployeeInput, EmployeeRow
from flexdesk.services.permissions import Action, Actor
from flexdesk.services.units import UnitRow
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.widgets.conflict import Choice, FieldDiff, show_conflict
from flexdesk.ui.widgets.forms import ErrorLabel


def dialog_choices(session: Any, actor: Actor) -> tuple[list[UnitRow], list[tuple[str, str]]]:
    """The work units and the supervisor choices, in one trip to the database worker."""
    return units.list_units(session, actor), employees.supervisor_choices(session, actor)


class EmployeeDialog(QDialog):
    def __init__(
        self, ctx: UiContext, existing: EmployeeRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.existing = existing
        self.saved: EmployeeRow | None = None
        self.conflict: QDialog | None = None  # open while a refused stale save is resolved
        self._choices_loaded = False
        self._saving = False
        self.setWindowTitle(self.tr("Ubah pegawai") if existing else self.tr("Tambah pegawai"))
        self.setMinimumWidth(520)
        admin = ctx.actor.can(Action.EMPLOYEE_EDIT_ANY)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_form())
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("general_error")
        layout.addWidget(self.general_error)
        layout.addWidget(self._build_buttons())

        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.nip.textEdited.connect(self._check_nip)
        self._type_changed()
        if existing is not None:
            self._load(existing)
        if not admin:
            # Personnel data is the admin's; the service enforces this too.
            for widget in (
                self.type_combo, self.nip, self.golongan, self.jabatan, self.unit,
                self.supervisor, self.flex, self.active,
            ):  # fmt: skip
                widget.setEnabled(False)
        (self.nip if admin and existing is None else self.nama).setFocus()
        self._update_save()
        QueryOp(ctx, dialog_choices).on_success(self._show_choices).run(parent=self)

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.errors: dict[str, ErrorLabel] = {}

        def add(label: str, widget: QWidget, field: str) -> None:
            widget.setObjectName(field)
            form.addRow(label, widget)
            err = ErrorLabel()
            err.setObjectName(f"{field}_error")
            form.addRow("", err)
            self.errors[field] = err

        self._build_fields()
        add(self.tr("Jenis pegawai"), self.type_combo, "employee_type")
        add(self.tr("NIP"), self.nip, "nip")
        add(self.tr("Gelar depan"), self.gelar_depan, "gelar_depan")
        add(self.tr("Nama *"), self.nama, "nama")
        add(self.tr("Gelar belakang"), self.gelar_belakang, "gelar_belakang")
        add(self.tr("Pangkat/golongan"), self.golongan, "golongan")
        add(self.tr("Jabatan"), self.jabatan, "jabatan")
        add(self.tr("Unit kerja"), self.unit, "unit")
        add(self.tr("Atasan langsung"), self.supervisor, "supervisor")
        form.addRow("", self.flex)
        form.addRow("", self.active)
        return form

    def _build_fields(self) -> None:
        self.type_combo = QComboBox()
        for etype, label in (
            (EmployeeType.PNS, self.tr("PNS")),
            (EmployeeType.PPPK, self.tr("PPPK")),
            (EmployeeType.NON_ASN, self.tr("Non-ASN")),
        ):
            self.type_combo.addItem(label, etype.value)
        self.nip = QLineEdit()
        self.nip.setPlaceholderText(self.tr("18 digit, mis. 19850312 201001 1 003"))
        self.nip.setMaxLength(24)
        self.gelar_depan = QLineEdit()
        self.gelar_depan.setPlaceholderText(self.tr("mis. Dr. / drg."))
        self.nama = QLineEdit()
        self.gelar_belakang = QLineEdit()
        self.gelar_belakang.setPlaceholderText(self.tr("mis. S.Kom., M.Si."))
        self.golongan = QComboBox()
        self.jabatan = QLineEdit()
        self.unit = QComboBox()
        self.unit.addItem(self.tr("(belum ditentukan)"), None)
        self.supervisor = QComboBox()
        self.supervisor.setEditable(True)
        self.supervisor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.supervisor.addItem(self.tr("(tidak ada)"), None)
        completer = self.supervisor.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.flex = QCheckBox(self.tr("Boleh bekerja fleksibel (WFH/WFA)"))
        self.flex.setChecked(True)
        self.active = QCheckBox(self.tr("Aktif"))
        self.active.setChecked(True)

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def _show_choices(self, choices: tuple[list[UnitRow], list[tuple[str, str]]]) -> None:
        """The units and supervisors are in: fill the pickers (with the employee's own)."""
        unit_rows, supervisors = choices
        for unit in unit_rows:
            self.unit.addItem(unit.name, unit.id)
        existing = self.existing
        for emp_id, name in supervisors:
            if existing is None or emp_id != existing.id:
                self.supervisor.addItem(name, emp_id)
        if existing is not None:
            self.unit.setCurrentIndex(max(self.unit.findData(existing.unit_id), 0))
            self.supervisor.setCurrentIndex(
                max(self.supervisor.findData(existing.supervisor_id), 0)
            )
        self._choices_loaded = True
        self._update_save()

    def _update_save(self) -> None:
        # Saving before the pickers are filled would clear the unit and the supervisor.
        self.save_button.setEnabled(self._choices_loaded and not self._saving)

    def _etype(self) -> EmployeeType:
        return EmployeeType(self.type_combo.currentData())

    def _type_changed(self) -> None:
        etype = self._etype()
        current = self.golongan.currentData()
        self.golongan.clear()
        self.golongan.addItem(self.tr("(kosong)"), "")
        for code, label in employees.golongan_choices(etype):
            self.golongan.addItem(label, code)
        idx = self.golongan.findData(current)
        self.golongan.setCurrentIndex(max(idx, 0))
        non_asn = etype is EmployeeType.NON_ASN
        self.nip.setEnabled(not non_asn)
        if non_asn:
            self.nip.clear()
        self._check_nip()

    def _check_nip(self) -> None:
        text = self.nip.text()
        if not text.strip():
            self.errors["nip"].clear_error()
            return
        problem = employees.nip_problem(text, self._etype())
        if problem is None:
            self.errors["nip"].clear_error()
        else:
            self.errors["nip"].show_error(problem[1] if self.ctx.lang == "en" else problem[0])

    def _load(self, row: EmployeeRow) -> None:
        self.type_combo.setCurrentIndex(self.type_combo.findData(row.employee_type.value))
        self.nip.setText(row.nip_display)
        self.gelar_depan.setText(row.gelar_depan)
        self.nama.setText(row.nama)
        self.gelar_belakang.setText(row.gelar_belakang)
        self.golongan.setCurrentIndex(max(self.golongan.findData(row.golongan), 0))
        self.jabatan.setText(row.jabatan)
        # the unit and the supervisor: once the pickers are filled (_show_choices)
        self.flex.setChecked(row.flex_eligible)
        self.active.setChecked(row.active)

    def _supervisor_id(self) -> str | None:
        text = self.supervisor.currentText()
        idx = self.supervisor.findText(text)
        data = self.supervisor.itemData(idx) if idx >= 0 else None
        return str(data) if data else None

    def form_input(self) -> EmployeeInput:
        base = self.existing.to_input() if self.existing else EmployeeInput(nama="")
        return EmployeeInput(
            nama=self.nama.text(),
            employee_type=self._etype(),
            nip=self.nip.text(),
            gelar_depan=self.gelar_depan.text(),
            gelar_belakang=self.gelar_belakang.text(),
            golongan=str(self.golongan.currentData() or ""),
            jabatan=self.jabatan.text(),
            unit_id=self.unit.currentData(),
            supervisor_id=self._supervisor_id(),
            flex_eligible=self.flex.isChecked(),
            active=self.active.isChecked(),
            gender=base.gender,
            birth_date=base.birth_date,
        )

    def save(self) -> None:
        if not self.save_button.isEnabled():  # (Enter while the choices or a save are on the way)
            return
        for err in self.errors.values():
            err.clear_error()
        self.general_error.clear_error()
        data = self.form_input()
        if self.existing is None:
            op = MutationOp(self.ctx, employees.create_employee, data, topics=["employees"])
        else:  # against the revision the form shows: a change on another PC is not overwritten
            op = MutationOp(
                self.ctx, employees.update_employee, self.existing.id, data,
                expected_rev=self.existing.rev, topics=["employees"],
            )  # fmt: skip
        self._saving = True
        self._update_save()
        op.on_success(self._saved).on_failure(self._refused).run(parent=self)

    def _saved(self, row: EmployeeRow) -> None:
        self._saving = False
        self.saved = row
        self.accept()

    def _refused(self, exc: FlexDeskError) -> None:
        self._saving = False
        self._update_save()
        if isinstance(exc, StaleEdit) and isinstance(exc.current, EmployeeRow):
            self.conflict = show_conflict(
                self, exc, self._diffs(exc.current), lambda c: self._resolve(exc, c)
            )
            return
        label = self.errors.get(exc.field or "", self.general_error)
        label.show_error(self.ctx.message(exc))
        target = self.findChild(QWidget, exc.field or "")
        if target is not None:
            target.setFocus()

    def _diffs(self, theirs: EmployeeRow) -> list[FieldDiff]:
        mine = self.form_input()
        yes, no = self.tr("Ya"), self.tr("Tidak")
        unit = self.unit.currentText() if mine.unit_id else ""
        supervisor = self.supervisor.currentText() if mine.supervisor_id else ""
        return [
            FieldDiff(self.tr("NIP"), theirs.nip or "", normalize_nip(mine.nip)),
            FieldDiff(self.tr("Gelar depan"), theirs.gelar_depan, mine.gelar_depan),
            FieldDiff(self.tr("Nama"), theirs.nama, mine.nama),
            FieldDiff(self.tr("Gelar belakang"), theirs.gelar_belakang, mine.gelar_belakang),
            FieldDiff(self.tr("Pangkat/golongan"), theirs.golongan, mine.golongan),
            FieldDiff(self.tr("Jabatan"), theirs.jabatan, mine.jabatan),
            FieldDiff(self.tr("Unit kerja"), theirs.unit_name, unit),
            FieldDiff(self.tr("Atasan langsung"), theirs.supervisor_name, supervisor),
            FieldDiff(
                self.tr("Fleksibel"),
                yes if theirs.flex_eligible else no,
                yes if mine.flex_eligible else no,
            ),
            FieldDiff(self.tr("Aktif"), yes if theirs.active else no, yes if mine.active else no),
        ]

    def _resolve(self, exc: StaleEdit, choice: Choice) -> None:
        """Keep theirs: the form shows their version (saving it again is a new edit).
        Overwrite: save what is typed against their revision."""
        theirs = exc.current
        assert isinstance(theirs, EmployeeRow) and self.existing is not None
        if choice is Choice.THEIRS:
            self.existing = theirs
            self._load(theirs)
            self.unit.setCurrentIndex(max(self.unit.findData(theirs.unit_id), 0))
            self.supervisor.setCurrentIndex(max(self.supervisor.findData(theirs.supervisor_id), 0))
            self.general_error.show_error(self.tr("Versi mereka dimuat; tidak ada yang disimpan."))
            return
        self.existing = replace(self.existing, rev=exc.current_rev or theirs.rev)
        self.save()
