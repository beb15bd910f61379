"""SKP: an employee's RHK for a year with indicators and targets; drafting, copying last
year's, submitting, and the supervisor's approve / return / reopen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.outputs import RhkKind, SkpStatus
from flexdesk.domain.performance import PeriodType
from flexdesk.services.outputs import skp
from flexdesk.services.outputs.skp import SKP_PERIOD_TYPES, SkpDetail, SkpSummary
from flexdesk.services.permissions import Action, Role
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.outputs.common import (
    aspect_label,
    combo_value,
    period_type_label,
    skp_status_label,
    warn,
)
from flexdesk.ui.pages.outputs.rhk_dialog import RhkDialog
from flexdesk.ui.pages.outputs.skp_period import set_period
from flexdesk.ui.widgets.style import ERROR_COLOUR


class SkpTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.detail: SkpDetail | None = None
        self.dialog: RhkDialog | None = None
        self._employee_id: str | None = ctx.actor.employee_id
        self._keep_rhk: str | None = None  # the RHK to select again after a reload
        self._after_note = ""  # a message to show once the reload has arrived
        self._asked = 0  # the latest SKP asked for; older answers are dropped
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self._build_people())
        main = QVBoxLayout()
        layout.addLayout(main, 1)
        main.addLayout(self._build_bar())
        self.status = QLabel()
        self.status.setObjectName("skp_status")
        self.status.setWordWrap(True)
        main.addWidget(self.status)
        self.note = QLabel()
        self.note.setObjectName("skp_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {ERROR_COLOUR};")
        main.addWidget(self.note)
        main.addWidget(self._build_tree(), 1)
        main.addLayout(self._build_own())
        main.addLayout(self._build_review())
        self._connect()
        # SKP and logs, and staff (the people list, the supervisor relation)
        ctx.events.follow(self, ["outputs", "employees"], self.refresh)
        self.refresh()

    def _build_people(self) -> QTreeWidget:
        self.people = QTreeWidget()
        self.people.setObjectName("skp_people")
        self.people.setColumnCount(2)
        self.people.setHeaderLabels([self.tr("Pegawai"), self.tr("SKP")])
        self.people.setRootIsDecorated(False)
        self.people.setAlternatingRowColors(True)
        self.people.setFixedWidth(330)
        self.people.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.people.header().setStretchLastSection(False)
        self.people.setColumnWidth(1, 110)
        self.people.setVisible(self.ctx.actor.role is not Role.EMPLOYEE)
        return self.people

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setObjectName("skp_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.period = QComboBox()
        self.period.setObjectName("skp_period")
        for ptype in SKP_PERIOD_TYPES:
            self.period.addItem(period_type_label(ptype), ptype.value)
        self.create_button = QPushButton(self.tr("Buat SKP"))
        self.create_button.setObjectName("create_skp")
        self.copy_button = QPushButton(self.tr("Salin dari tahun lalu"))
        self.copy_button.setObjectName("copy_skp")
        bar.addWidget(QLabel(self.tr("Tahun")))
        bar.addWidget(self.year)
        bar.addWidget(QLabel(self.tr("Periode evaluasi")))
        bar.addWidget(self.period)
        bar.addStretch(1)
        bar.addWidget(self.create_button)
        bar.addWidget(self.copy_button)
        return bar

    def _build_tree(self) -> QTreeWidget:
        self.tree = QTreeWidget()
        self.tree.setObjectName("rhk_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(
            [self.tr("RHK / indikator"), self.tr("Target"), self.tr("RHK atasan (intervensi)")]
        )
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.setColumnWidth(1, 120)
        self.tree.setColumnWidth(2, 250)
        return self.tree

    def _build_own(self) -> QHBoxLayout:
        own = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Tambah RHK"))
        self.add_button.setObjectName("add_rhk")
        self.edit_button = QPushButton(self.tr("Ubah"))
        self.delete_button = QPushButton(self.tr("Hapus"))
        self.up_button = QPushButton(self.tr("Naik"))
        self.down_button = QPushButton(self.tr("Turun"))
        self.submit_button = QPushButton(self.tr("Ajukan ke atasan"))
        self.submit_button.setObjectName("submit_skp")
        self.withdraw_button = QPushButton(self.tr("Tarik kembali"))
        for b in (self.add_button, self.edit_button, self.delete_button, self.up_button,
                  self.down_button):  # fmt: skip
            own.addWidget(b)
        own.addStretch(1)
        own.addWidget(self.submit_button)
        own.addWidget(self.withdraw_button)
        return own

    def _build_review(self) -> QHBoxLayout:
        review = QHBoxLayout()
        self.review_note = QLineEdit()
        self.review_note.setObjectName("skp_review_note")
        self.review_note.setPlaceholderText(
            self.tr("Catatan untuk pegawai (wajib bila dikembalikan)")
        )
        self.approve_button = QPushButton(self.tr("Setujui"))
        self.approve_button.setObjectName("approve_skp")
        self.return_button = QPushButton(self.tr("Kembalikan"))
        self.reopen_button = QPushButton(self.tr("Buka kembali untuk revisi"))
        review.addWidget(self.review_note, 1)
        for b in (self.approve_button, self.return_button, self.reopen_button):
            review.addWidget(b)
        self.review_widgets = (self.review_note, self.approve_button, self.return_button,
                               self.reopen_button)  # fmt: skip
        return review

    def _connect(self) -> None:
        self.people.currentItemChanged.connect(lambda cur, _prev: self._person_changed(cur))
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.period.activated.connect(lambda _i: self._set_period())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.edit_rhk())
        self.create_button.clicked.connect(self.create_skp)
        self.copy_button.clicked.connect(self.copy_last_year)
        self.add_button.clicked.connect(self.add_rhk)
        self.edit_button.clicked.connect(self.edit_rhk)
        self.delete_button.clicked.connect(self.delete_rhk)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.submit_button.clicked.connect(lambda: self._step(skp.submit_skp))
        self.withdraw_button.clicked.connect(lambda: self._step(skp.withdraw_skp))
        self.approve_button.clicked.connect(lambda: self._step(skp.approve_skp))
        self.return_button.clicked.connect(lambda: self._step(skp.return_skp, note=True))
        self.reopen_button.clicked.connect(lambda: self._step(skp.reopen_skp, note=True))

    # -- loading --------------------------------------------------------------------------------
    def _person_changed(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self._employee_id = item.data(0, Qt.ItemDataRole.UserRole)
            self._load()

    def select_employee(self, employee_id: str) -> None:
        for i in range(self.people.topLevelItemCount()):
            item = self.people.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == employee_id:
                self.people.setCurrentItem(item)
        self._employee_id = employee_id
        self._load()

    def refresh(self) -> None:
        """Read the people's SKP statuses, then the shown SKP (the change bus calls this)."""
        QueryOp(self.ctx, skp.skp_overview, self.year.value()).on_success(self._show_overview).run(
            parent=self
        )

    def _show_overview(self, overview: list[SkpSummary]) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        for row in overview:
            item = QTreeWidgetItem([row.employee_name, skp_status_label(row.status)])
            item.setData(0, Qt.ItemDataRole.UserRole, row.employee_id)
            item.setToolTip(0, row.employee_name)
            if row.status is not SkpStatus.APPROVED:
                item.setForeground(1, QColor("#8a4b00"))
            self.people.addTopLevelItem(item)
            if row.employee_id == self._employee_id:
                self.people.setCurrentItem(item)
        self.people.blockSignals(False)
        if self._employee_id is None and overview:
            self._employee_id = overview[0].employee_id
            first = self.people.topLevelItem(0)
            if first is not None:
                self.people.setCurrentItem(first)
        self._load()

    def _load(self) -> None:
        emp = self._employee_id
        self._asked += 1
        asked = self._asked
        if not emp:
            self._show_detail(asked, None)
            return
        QueryOp(self.ctx, skp.get_skp, emp, self.year.value()).on_success(
            lambda detail: self._show_detail(asked, detail)
        ).run(parent=self)

    def _show_detail(self, asked: int, detail: SkpDetail | None) -> None:
        if asked != self._asked:  # another employee or year was chosen meanwhile
            return
        self.detail = detail
        self.tree.clear()
        detail = self.detail
        if detail is None:
            self.status.setText(
                self.tr("Belum ada SKP untuk tahun {year}.").format(year=self.year.value())
            )
            self.note.clear()
        else:
            text = self.tr("<b>{name}</b> — status: {status}").format(
                name=detail.employee_name, status=skp_status_label(detail.status)
            )
            if detail.status is SkpStatus.APPROVED and detail.approved_at is not None:
                text += self.tr(" (disetujui {date}{by})").format(
                    date=detail.approved_at.astimezone().strftime("%d/%m/%Y"),
                    by=f", {detail.approver_name}" if detail.approver_name else "",
                )
            self.status.setText(text)
            self.note.setText(
                self.tr("Catatan atasan: {note}").format(note=detail.review_note)
                if detail.review_note
                else ""
            )
            self.period.setCurrentIndex(max(self.period.findData(detail.period_type.value), 0))
            for rhk in detail.rhk:
                kind = self.tr("tambahan") if rhk.kind is RhkKind.TAMBAHAN else ""
                label = f"{rhk.position}. {rhk.text}" + (f" ({kind})" if kind else "")
                top = QTreeWidgetItem([label, "", rhk.parent_text])
                top.setData(0, Qt.ItemDataRole.UserRole, rhk.id)
                top.setToolTip(0, rhk.text)
                top.setToolTip(2, rhk.parent_text)
                for ind in rhk.indicators:
                    child = QTreeWidgetItem(
                        [f"{aspect_label(ind.aspect)}: {ind.text}", ind.target_text, ""]
                    )
                    child.setData(0, Qt.ItemDataRole.UserRole, rhk.id)
                    top.addChild(child)
                self.tree.addTopLevelItem(top)
                top.setExpanded(True)
                if rhk.id == self._keep_rhk:
                    self.tree.setCurrentItem(top)
        self._keep_rhk = None
        if self._after_note:
            self.note.setText(self._after_note)
            self._after_note = ""
        self._update_buttons()

    # -- state of the buttons -------------------------------------------------------------------
    def _is_own(self) -> bool:
        return self.ctx.actor.role is Role.ADMIN or self._employee_id == self.ctx.actor.employee_id

    def _update_buttons(self) -> None:
        detail = self.detail
        own = self._is_own() and self.ctx.actor.can(Action.SKP_EDIT)
        draft = detail is not None and detail.status is SkpStatus.DRAFT
        selected = self.selected_rhk_id() is not None
        self.create_button.setVisible(own and detail is None)
        self.copy_button.setVisible(own and (detail is None or (draft and not detail.rhk)))
        for b in (self.add_button, self.edit_button, self.delete_button, self.up_button,
                  self.down_button, self.submit_button, self.withdraw_button):  # fmt: skip
            b.setVisible(own and detail is not None)
        self.add_button.setEnabled(draft)
        for b in (self.edit_button, self.delete_button, self.up_button, self.down_button):
            b.setEnabled(draft and selected)
        self.submit_button.setEnabled(draft and bool(detail and detail.rhk))
        self.withdraw_button.setEnabled(detail is not None and detail.status is SkpStatus.SUBMITTED)
        self.period.setEnabled(own and draft)
        reviewer = (
            self.ctx.actor.can(Action.SKP_APPROVE)
            and detail is not None
            and detail.employee_id != self.ctx.actor.employee_id
            and (
                self.ctx.actor.role is Role.ADMIN
                or detail.supervisor_id == self.ctx.actor.employee_id
            )
        )
        for w in self.review_widgets:
            w.setVisible(reviewer)
        if detail is not None:
            self.approve_button.setEnabled(
                detail.status is not SkpStatus.APPROVED and bool(detail.rhk)
            )
            self.return_button.setEnabled(detail.status is SkpStatus.SUBMITTED)
            self.reopen_button.setEnabled(detail.status is SkpStatus.APPROVED)

    def selected_rhk_id(self) -> str | None:
        items = self.tree.selectedItems()
        return str(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    # -- actions -------------------------------------------------------------------------------
    def _done(self, note: str = "") -> None:
        """Stored: the change bus is reading the SKP again; keep the selected RHK selected and
        show ``note`` once it has arrived."""
        self._keep_rhk = self.selected_rhk_id()
        self._after_note = note

    def _run(self, fn: Callable[..., object], *args: object, then: Callable[[Any], None]) -> None:
        MutationOp(self.ctx, fn, *args, topics=["outputs"]).on_success(then).on_failure(
            lambda exc: warn(self, self.ctx, self.tr("SKP"), exc)
        ).run(parent=self)

    def create_skp(self) -> None:
        if self._employee_id:
            period = PeriodType(combo_value(self.period) or "monthly")
            args = (self._employee_id, self.year.value(), period)
            self._run(skp.create_skp, *args, then=lambda _d: self._done())

    def copy_last_year(self) -> None:
        def copied(result: skp.CopyResult) -> None:
            self._done(
                self.tr(
                    "{n} RHK disalin dari SKP {year}; {dropped} tautan ke RHK atasan perlu dipilih ulang."
                ).format(n=result.copied, year=result.source_year, dropped=result.links_dropped)
            )

        self._run(skp.copy_previous_skp, self._employee_id, self.year.value(), then=copied)

    def _set_period(self) -> None:
        set_period(self)  # checked against the SKP's revision (skp_period.py)

    def add_rhk(self) -> None:
        if self.detail is not None:
            self._open(RhkDialog(self.ctx, self.detail, parent=self))

    def edit_rhk(self) -> None:
        rid = self.selected_rhk_id()
        if self.detail is None or rid is None or not self.detail.editable or not self._is_own():
            return
        row = next((r for r in self.detail.rhk if r.id == rid), None)
        if row is not None:
            self._open(RhkDialog(self.ctx, self.detail, row, parent=self))

    def _open(self, dialog: RhkDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self._done)
        dialog.open()

    def delete_rhk(self) -> None:
        rid = self.selected_rhk_id()
        if rid is not None:
            self._run(skp.delete_rhk, rid, then=lambda _d: self._done())

    def _move(self, delta: int) -> None:
        rid = self.selected_rhk_id()
        if rid is not None:
            self._run(skp.move_rhk, rid, delta, then=lambda _d: self._done())

    def _step(self, fn: Callable[..., object], *, note: bool = False) -> None:
        if self.detail is None:
            return
        args: tuple[object, ...] = (
            (self.detail.id, self.review_note.text()) if note else (self.detail.id,)
        )

        def stepped(_detail: object) -> None:
            self.review_note.clear()
            self._done()

        self._run(fn, *args, then=stepped)
