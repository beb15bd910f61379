"""Settings > Kebijakan kerja fleksibel: the policy versions and the form of one version.

Saving first asks the services what the version would say about approved schedules; when it
would judge some differently the admin sees the list and confirms (those schedules stay
approved under their own version).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.calendar import estimate_ramadan
from flexdesk.domain.dates import format_tanggal
from flexdesk.domain.schedule import DayCode, FlexPolicy
from flexdesk.errors import FlexDeskError
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule.policy import PolicyVersionRow, PolicyWarning
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.schedule.dialogs import pydate, qdate
from flexdesk.ui.pages.schedule.exceptions_box import ExceptionsBox
from flexdesk.ui.pages.schedule.ramadan_text import format_periods, parse_periods
from flexdesk.ui.widgets.forms import ErrorLabel

SHOWN_WARNINGS = 8


def _limit(spin: QSpinBox) -> int | None:
    return None if spin.value() < 0 else spin.value()


class PolicyTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: QMessageBox | None = None
        self.versions: list[PolicyVersionRow] = []
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("policy_versions")
        self.list.setMinimumWidth(230)
        left.addWidget(self.list, 1)
        self.new_button = QPushButton(self.tr("Versi baru"))
        self.new_button.setObjectName("new_policy")
        self.delete_button = QPushButton(self.tr("Hapus versi"))
        self.delete_button.setObjectName("delete_policy")
        left.addWidget(self.new_button)
        left.addWidget(self.delete_button)
        outer.addLayout(left)
        right = QVBoxLayout()
        right.addLayout(self._form())
        self.error = ErrorLabel()
        self.error.setObjectName("policy_error")
        self.info = ErrorLabel()
        self.info.setStyleSheet("color: #1f5f3a;")
        right.addWidget(self.error)
        right.addWidget(self.info)
        self.save_button = QPushButton(self.tr("Simpan versi"))
        self.save_button.setObjectName("save_policy")
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)
        right.addWidget(ExceptionsBox(ctx))
        right.addStretch(1)
        outer.addLayout(right, 1)
        self.list.currentRowChanged.connect(self._show_version)
        self.new_button.clicked.connect(self.new_version)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        ctx.events.follow(self, ["policy"], self._changed_elsewhere)
        self.reload()

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.effective = QDateEdit()
        self.effective.setObjectName("effective_from")
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("dd/MM/yyyy")
        self.per_week = self._spin("max_week", 7, self.tr(" hari"))
        self.per_month = self._spin("max_month", 31, self.tr(" hari"))
        self.share = self._spin("min_share", 100, " %")
        self.headcount = self._spin("min_headcount", 500, self.tr(" orang"))
        form.addRow(self.tr("Berlaku mulai"), self.effective)
        form.addRow(self.tr("Mode kerja yang diizinkan"), self._build_modes())
        form.addRow(self.tr("Maks. WFH/WFA per minggu"), self.per_week)
        form.addRow(self.tr("Maks. WFH/WFA per bulan"), self.per_month)
        form.addRow(self.tr("Minimal di kantor per unit"), self.share)
        form.addRow(self.tr("Minimal orang di kantor per unit"), self.headcount)
        form.addRow(self.tr("Jam inti (wajib dapat dihubungi)"), self._build_core_hours())
        self._build_hours(form)
        self._build_texts(form)
        return form

    def _build_modes(self) -> QHBoxLayout:
        modes = QHBoxLayout()
        self.wfo = QCheckBox(self.tr("WFO (kantor)"))
        self.wfo.setChecked(True)
        self.wfo.setEnabled(False)
        self.wfh = QCheckBox(self.tr("WFH (rumah)"))
        self.wfh.setObjectName("allow_wfh")
        self.wfa = QCheckBox(self.tr("WFA (lokasi lain, wajib diisi lokasinya)"))
        self.wfa.setObjectName("allow_wfa")
        for box in (self.wfo, self.wfh, self.wfa):
            modes.addWidget(box)
        return modes

    def _build_core_hours(self) -> QHBoxLayout:
        self.core_start, self.core_end = QTimeEdit(), QTimeEdit()
        core = QHBoxLayout()
        for edit in (self.core_start, self.core_end):
            edit.setDisplayFormat("HH.mm")
            core.addWidget(edit)
        core.addStretch(1)
        return core

    def _build_hours(self, form: QFormLayout) -> None:
        self.week_type = QComboBox()
        self.week_type.setObjectName("week_type")
        self.week_type.addItem(self.tr("5 hari (Senin–Jumat)"), 5)
        self.week_type.addItem(self.tr("6 hari (Senin–Sabtu)"), 6)
        self.weekly = QDoubleSpinBox()
        self.weekly.setObjectName("weekly_hours")
        self.ramadan_weekly = QDoubleSpinBox()
        for spin in (self.weekly, self.ramadan_weekly):
            spin.setRange(1, 84)
            spin.setDecimals(1)
            spin.setSuffix(self.tr(" jam"))
        form.addRow(self.tr("Hari kerja"), self.week_type)
        form.addRow(self.tr("Jam kerja per minggu"), self.weekly)
        form.addRow(self.tr("Jam kerja per minggu saat Ramadan"), self.ramadan_weekly)

    def _build_texts(self, form: QFormLayout) -> None:
        self.ramadan = QPlainTextEdit()
        self.ramadan.setObjectName("ramadan_periods")
        self.ramadan.setFixedHeight(60)
        self.ramadan.setPlaceholderText("2027-02-08 – 2027-03-09")
        self.positions = QPlainTextEdit()
        self.positions.setObjectName("excluded_positions")
        self.positions.setFixedHeight(60)
        self.positions.setPlaceholderText(self.tr("satu jabatan per baris, mis. Petugas Loket"))
        self.approval = QCheckBox(self.tr("Hari kerja jarak jauh perlu persetujuan atasan"))
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        for field in (self.ramadan, self.positions, self.note):
            field.setMinimumWidth(380)
        form.addRow(self.tr("Periode Ramadan"), self.ramadan)
        form.addRow(self.tr("Jabatan yang wajib di kantor"), self.positions)
        form.addRow("", self.approval)
        form.addRow(self.tr("Catatan"), self.note)

    def _spin(self, name: str, top: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(-1, top)
        spin.setSpecialValueText(self.tr("tidak dibatasi"))
        spin.setSuffix(suffix)
        return spin

    # -- loading and showing -------------------------------------------------------------------------

    def reload(self, select: date | None = None) -> None:
        QueryOp(self.ctx, schedule_policy.list_policy_versions).on_success(
            lambda versions: self._show_versions(versions, select)
        ).run(parent=self)

    def _changed_elsewhere(self) -> None:
        """A change on the bus (the calendar, another PC): read the versions again. The form
        keeps what is being typed unless the version it shows was itself changed."""
        row = self.list.currentRow()
        shown = self.versions[row] if 0 <= row < len(self.versions) else None
        QueryOp(self.ctx, schedule_policy.list_policy_versions).on_success(
            lambda versions: self._refreshed(versions, shown)
        ).run(parent=self)

    def _refreshed(self, versions: list[PolicyVersionRow], shown: PolicyVersionRow | None) -> None:
        def key(v: PolicyVersionRow) -> tuple[object, ...]:
            return (v.policy, v.note, v.is_default)

        same = [v for v in versions if shown is not None and key(v) == key(shown)]
        if shown is None or not same:
            self._show_versions(versions, shown.policy.effective_from if shown else None)
            return
        self._list_versions(versions)
        self.list.blockSignals(True)
        self.list.setCurrentRow(versions.index(same[0]))
        self.list.blockSignals(False)

    def _show_versions(self, versions: list[PolicyVersionRow], select: date | None) -> None:
        self._list_versions(versions)
        rows = [i for i, v in enumerate(self.versions) if v.policy.effective_from == select]
        self.list.setCurrentRow(rows[0] if rows else len(self.versions) - 1)
        self._show_version(self.list.currentRow())

    def _list_versions(self, versions: list[PolicyVersionRow]) -> None:
        self.versions = versions
        self.list.blockSignals(True)
        self.list.clear()
        for v in self.versions:
            text = self.tr("Berlaku mulai {date}").format(
                date=format_tanggal(v.policy.effective_from)
            )
            if v.is_default:
                text = self.tr("Bawaan FlexDesk (belum ada versi kantor)")
            elif v.approved_periods:
                text += "\n" + self.tr("{n} jadwal disetujui").format(n=v.approved_periods)
            self.list.addItem(QListWidgetItem(text))
        self.list.blockSignals(False)

    def _show_version(self, row: int) -> None:
        if not 0 <= row < len(self.versions):
            return
        version = self.versions[row]
        policy = version.policy
        if version.is_default:
            start = date.today().replace(day=1)
            policy = replace(policy, effective_from=start)
            policy = replace(policy, ramadan_periods=self._estimates(start.year))
        self._fill(policy, version.note)
        self.delete_button.setEnabled(not version.is_default)

    def _estimates(self, year: int) -> tuple[tuple[date, date], ...]:
        return tuple(p for y in (year, year + 1) for p in estimate_ramadan(y))

    def _fill(self, policy: FlexPolicy, note: str) -> None:
        self.effective.setDate(qdate(policy.effective_from))
        self.wfh.setChecked(DayCode.WFH in policy.allowed_modes)
        self.wfa.setChecked(DayCode.WFA in policy.allowed_modes)
        for spin, value in (
            (self.per_week, policy.max_remote_days_per_week),
            (self.per_month, policy.max_remote_days_per_month),
            (
                self.share,
                None if policy.min_onsite_share is None else round(policy.min_onsite_share * 100),
            ),
            (self.headcount, policy.min_onsite_headcount),
        ):
            spin.setValue(-1 if value is None else value)
        self.core_start.setTime(QTime(policy.core_hours_start.hour, policy.core_hours_start.minute))
        self.core_end.setTime(QTime(policy.core_hours_end.hour, policy.core_hours_end.minute))
        self.week_type.setCurrentIndex(max(self.week_type.findData(policy.week_type), 0))
        self.weekly.setValue(policy.weekly_hours_required)
        self.ramadan_weekly.setValue(policy.ramadan_weekly_hours)
        self.ramadan.setPlainText(format_periods(policy.ramadan_periods))
        self.positions.setPlainText("\n".join(policy.excluded_positions))
        self.approval.setChecked(policy.remote_needs_approval)
        self.note.setText(note)
        self.error.clear_error()

    def new_version(self) -> None:
        """A new version starting next month, copying the selected one."""
        today = date.today()
        start = date(today.year + today.month // 12, today.month % 12 + 1, 1)
        self.effective.setDate(qdate(start))
        self.ramadan.setPlainText(format_periods(self._estimates(start.year)))
        self.note.clear()
        self.info.show_error(self.tr("Isi versi baru lalu simpan."))

    # -- saving --------------------------------------------------------------------------------------

    def policy(self) -> FlexPolicy:
        """The form as a policy; ValidationError for a bad field."""
        periods = parse_periods(self.ramadan.toPlainText())
        modes = {DayCode.WFO} | {
            c for c, box in ((DayCode.WFH, self.wfh), (DayCode.WFA, self.wfa)) if box.isChecked()
        }
        share = _limit(self.share)
        start, end = self.core_start.time(), self.core_end.time()
        return FlexPolicy(
            effective_from=pydate(self.effective.date()),
            allowed_modes=frozenset(modes),
            max_remote_days_per_week=_limit(self.per_week),
            max_remote_days_per_month=_limit(self.per_month),
            min_onsite_share=None if share is None else share / 100,
            min_onsite_headcount=_limit(self.headcount),
            core_hours_start=time(start.hour(), start.minute()),
            core_hours_end=time(end.hour(), end.minute()),
            week_type=5 if self.week_type.currentData() == 5 else 6,
            weekly_hours_required=self.weekly.value(),
            ramadan_weekly_hours=self.ramadan_weekly.value(),
            ramadan_periods=periods,
            excluded_positions=tuple(
                p for p in self.positions.toPlainText().splitlines() if p.strip()
            ),
            remote_needs_approval=self.approval.isChecked(),
        )

    def save(self) -> None:
        self.error.clear_error()
        self.info.clear_error()
        try:
            policy = self.policy()
        except FlexDeskError as exc:
            self.error.show_error(self.ctx.message(exc))
            return
        self.save_button.setEnabled(False)  # until stored or refused
        QueryOp(self.ctx, schedule_policy.check_policy_change, policy).on_success(
            lambda warnings: self._confirm(policy, warnings)
        ).on_failure(self._refused).run(parent=self)

    def _refused(self, exc: FlexDeskError) -> None:
        self.save_button.setEnabled(True)
        self.error.show_error(self.ctx.message(exc))

    def _confirm(self, policy: FlexPolicy, warnings: list[PolicyWarning]) -> None:
        if not warnings:
            self._store(policy, [])
            return
        self.save_button.setEnabled(True)
        lines = [w.message(self.ctx.lang) for w in warnings[:SHOWN_WARNINGS]]
        if len(warnings) > SHOWN_WARNINGS:
            lines.append(self.tr("… dan {n} lainnya.").format(n=len(warnings) - SHOWN_WARNINGS))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Jadwal yang sudah disetujui"),
            self.tr(
                "Versi ini akan menilai {n} hal pada jadwal yang sudah disetujui secara berbeda. "
                "Jadwal itu tetap disetujui menurut versi kebijakan saat disetujui. Simpan?"
            ).format(n=len(warnings)),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("policy_warning")
        box.setDetailedText("\n".join(lines))
        box.setInformativeText("\n".join(lines[:3]))
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Simpan"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.dialog = box
        box.accepted.connect(lambda: self._store(policy, warnings))
        box.open()

    def _store(self, policy: FlexPolicy, warnings: list[PolicyWarning]) -> None:
        self.save_button.setEnabled(False)

        def stored(_result: object) -> None:
            self.save_button.setEnabled(True)
            self.reload(select=policy.effective_from)
            text = self.tr("Versi kebijakan tersimpan.")
            if warnings:
                text += " " + self.tr("{n} catatan untuk jadwal yang sudah disetujui.").format(
                    n=len(warnings)
                )
            self.info.show_error(text)

        MutationOp(
            self.ctx,
            schedule_policy.save_policy_version,
            policy,
            self.note.text(),
            topics=["policy"],
        ).on_success(stored).on_failure(self._refused).run(parent=self)

    def delete(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.versions) or self.versions[row].is_default:
            return

        def deleted(_result: object) -> None:
            self.reload()
            self.info.show_error(self.tr("Versi kebijakan dihapus."))

        MutationOp(
            self.ctx,
            schedule_policy.delete_policy_version,
            self.versions[row].policy.effective_from,
            topics=["policy"],
        ).on_success(deleted).on_failure(
            lambda exc: self.error.show_error(self.ctx.message(exc))
        ).run(parent=self)
