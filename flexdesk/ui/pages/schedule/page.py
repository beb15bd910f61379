"""Jadwal page: the month grid, its violations, the period status bar and the tools.

Layout, top to bottom: month navigation, unit filter and month/week view; the tools (copy
last week, pattern, undo/redo, print, export); a message line; the grid beside the violations
panel; the legend; the status bar of the selected employee's month.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.dates import format_bulan_tahun, format_periode
from flexdesk.domain.rules import Violation
from flexdesk.errors import FlexDeskError
from flexdesk.services import units
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.data import StaffMember
from flexdesk.services.schedule.editor import MonthEditor
from flexdesk.services.schedule.service import MonthGrid, week_starts
from flexdesk.services.units import UnitRow
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.schedule.dialogs import ui_lang
from flexdesk.ui.pages.schedule.editing import GridEditing, week_of
from flexdesk.ui.pages.schedule.grid_model import RowKind, ScheduleGridModel
from flexdesk.ui.pages.schedule.grid_view import ScheduleGridView
from flexdesk.ui.pages.schedule.legend import Legend
from flexdesk.ui.pages.schedule.month import OpenMonth
from flexdesk.ui.pages.schedule.output import ScheduleOutput
from flexdesk.ui.pages.schedule.period_bar import PeriodBar
from flexdesk.ui.pages.schedule.violations import ViolationsPanel
from flexdesk.ui.pages.schedule.workflow_actions import PeriodActions
from flexdesk.ui.widgets.forms import MessageLine

Policy = QComboBox.SizeAdjustPolicy


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


class SchedulePage(QWidget):
    def __init__(self, ctx: UiContext, *, today: date | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        today = today or date.today()
        self.undo_stack = QUndoStack(self)
        self.weeks: list[date] = []
        self.editing = GridEditing(self)
        self.workflow = PeriodActions(self)
        self.output = ScheduleOutput(self)
        #: the open month; None until the first one has arrived from the database worker
        self.editor: MonthEditor | None = None
        self._shown_month = (today.year, today.month)  # shown, or being opened
        self._opening = 0  # the latest month asked for: older answers are dropped
        self._announcing = False  # publishing this page's own change: no reload for it
        self._picker_sized = False
        self.model = ScheduleGridModel(lang=ctx.lang)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.addWidget(QLabel("<h2>" + self.tr("Jadwal") + "</h2>"))
        layout.addLayout(self._navigation())
        layout.addLayout(self._tools())
        self.message = MessageLine("schedule_message")
        layout.addWidget(self.message)
        layout.addWidget(self._build_grid(), 1)
        self.legend = Legend(ctx.lang)
        layout.addWidget(self.legend)
        layout.addWidget(self._build_period_bar())

        self.model.violationsChanged.connect(self._violations_changed)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.update_period_bar())
        self._shortcuts()
        ctx.events.follow(self, ["units"], self._load_units)
        ctx.events.follow(self, ["schedule", "employees", "units", "policy"], self._changed)
        self._load_units()
        self._month_changed()
        self.reload()

    # -- building --------------------------------------------------------------------------------

    def _navigation(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.prev_button.setObjectName("previous_month")
        self.prev_button.setToolTip(self.tr("Bulan sebelumnya"))
        self.month_label = QLabel()
        self.month_label.setObjectName("month_label")
        self.month_label.setMinimumWidth(150)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("next_month")
        self.next_button.setToolTip(self.tr("Bulan berikutnya"))
        self.today_button = QPushButton(self.tr("Bulan ini"))
        for b in (self.prev_button, self.next_button):
            b.setFixedWidth(36)
        self.unit_filter = QComboBox()
        self.unit_filter.setObjectName("schedule_unit")
        self.unit_filter.setMinimumContentsLength(20)
        self.month_mode = QPushButton(self.tr("Bulan"))
        self.week_mode = QPushButton(self.tr("Minggu"))
        modes = QButtonGroup(self)
        for b in (self.month_mode, self.week_mode):
            b.setCheckable(True)
            modes.addButton(b)
        self.month_mode.setChecked(True)
        self.week_picker = QComboBox()
        self.week_picker.setObjectName("week_picker")
        self.week_picker.setEnabled(False)
        for widget in (self.prev_button, self.month_label, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Unit:")))
        bar.addWidget(self.unit_filter)
        bar.addSpacing(16)
        for mode in (self.month_mode, self.week_mode):
            bar.addWidget(mode)
        bar.addWidget(self.week_picker)
        bar.addStretch(1)
        self.prev_button.clicked.connect(lambda: self.go_to_month(*_shift(*self._ym(), -1)))
        self.next_button.clicked.connect(lambda: self.go_to_month(*_shift(*self._ym(), 1)))
        self.today_button.clicked.connect(
            lambda: self.go_to_month(date.today().year, date.today().month)
        )
        self.unit_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.month_mode.clicked.connect(lambda: self.set_week(None))
        self.week_mode.clicked.connect(lambda: self.set_week(self.current_week()))
        self.week_picker.activated.connect(lambda i: self.set_week(self.weeks[i]))
        return bar

    def _build_grid(self) -> QSplitter:
        self.view = ScheduleGridView(self.editing)
        self.view.setModel(self.model)
        self.violations = ViolationsPanel(self.ctx.lang, self.select_violation)
        self.violations.setMinimumWidth(260)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.violations)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 300])
        return splitter

    def _build_period_bar(self) -> PeriodBar:
        self.period_bar = PeriodBar(self.ctx.lang)
        self.period_bar.connect_actions(
            submit=self.workflow.submit,
            withdraw=self.workflow.withdraw,
            approve=self.workflow.approve,
            return_=self.workflow.return_,
            reopen=self.workflow.reopen,
            history=self.workflow.history,
        )
        return self.period_bar

    def _tools(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Salin minggu lalu"))
        self.copy_button.setObjectName("copy_week")
        self.copy_button.setToolTip(
            self.tr("Salin jadwal minggu sebelumnya ke minggu sel yang dipilih")
        )
        self.pattern_button = QPushButton(self.tr("Terapkan pola…"))
        self.pattern_button.setObjectName("apply_pattern")
        self.undo_button = QPushButton(self.tr("Urungkan"))
        self.undo_button.setObjectName("undo")
        self.undo_button.setToolTip(self.tr("Urungkan (Ctrl+Z)"))
        self.redo_button = QPushButton(self.tr("Ulangi"))
        self.redo_button.setObjectName("redo")
        self.redo_button.setToolTip(self.tr("Ulangi (Ctrl+Y)"))
        self.print_button = QPushButton(self.tr("Cetak PDF…"))
        self.print_button.setObjectName("print_pdf")
        self.export_button = QPushButton(self.tr("Ekspor CSV…"))
        self.export_button.setObjectName("export_csv")
        for button in (self.copy_button, self.pattern_button, self.undo_button, self.redo_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        self.copy_button.clicked.connect(self.editing.copy_previous_week)
        self.pattern_button.clicked.connect(self.editing.apply_pattern)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.print_button.clicked.connect(lambda _checked=False: self.output.print_pdf())
        self.export_button.clicked.connect(lambda _checked=False: self.output.export_csv())
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        return bar

    def _shortcuts(self) -> None:
        undo = QAction(self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self.undo_stack.undo)
        redo = QAction(self)
        redo_keys = [QKeySequence("Ctrl+Y"), QKeySequence(QKeySequence.StandardKey.Redo)]
        # Redo is Ctrl+Y on some platforms already: a key listed twice never fires
        redo.setShortcuts([k for i, k in enumerate(redo_keys) if k not in redo_keys[:i]])
        redo.triggered.connect(self.undo_stack.redo)
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def _load_units(self) -> None:
        QueryOp(self.ctx, units.list_units).on_success(self._show_units).run(parent=self)

    def _show_units(self, rows: list[UnitRow]) -> None:
        self.unit_filter.blockSignals(True)
        current = self.unit_filter.currentData()
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("Semua unit"), "")
        for unit in rows:
            self.unit_filter.addItem(unit.name, unit.id)
        self.unit_filter.setCurrentIndex(max(self.unit_filter.findData(current), 0))
        self.unit_filter.blockSignals(False)

    # -- month, unit, week -------------------------------------------------------------------------

    def _ym(self) -> tuple[int, int]:
        return self._shown_month

    def go_to_month(self, year: int, month: int) -> None:
        self._open(year, month)

    def reload(self) -> None:
        """Read the shown month again (the change bus calls this: someone changed it)."""
        self._open(*self._ym())

    def _changed(self) -> None:
        if not self._announcing:
            self.reload()

    def announce_change(self) -> None:
        """Tell the other pages that this page stored a schedule change; this grid already
        shows it, so it does not reload (that would also lose the cursor and the undo stack)."""
        self._announcing = True
        try:
            self.ctx.events.publish(["schedule"])
        finally:
            self._announcing = False

    def _open(self, year: int, month: int) -> None:
        self._opening += 1
        asked = self._opening
        unit_id = self.unit_filter.currentData() or None
        before = self._shown_month
        self._shown_month = (year, month)

        def refused(exc: FlexDeskError) -> None:
            if asked == self._opening:
                self._shown_month = before
                self.message.show_error(self.ctx.message(exc))

        QueryOp(self.ctx, schedule.month_grid, year, month, unit_id=unit_id).on_success(
            lambda grid: self._opened(asked, grid)
        ).on_failure(refused).run(parent=self)

    def _opened(self, asked: int, grid: MonthGrid) -> None:
        if asked != self._opening:  # the user has moved on to another month or unit
            return
        shown = self.editor.grid if self.editor is not None else None
        same = shown is not None and (shown.year, shown.month, shown.unit_id) == (
            grid.year,
            grid.month,
            grid.unit_id,
        )
        kept = self.view.keep_cells() if same else None  # a refresh: the user stays put
        editor = OpenMonth(self.ctx.services, grid)
        self.editor = editor
        self.undo_stack.clear()
        week = self.model.week
        self.model.set_editor(editor)
        if week is not None and self.model.week is None:
            self.set_week(editor.grid.first - timedelta(days=editor.grid.first.weekday()))
        self._month_changed()
        if kept is not None:
            self.view.restore_cells(kept)

    def _month_changed(self) -> None:
        lang = ui_lang(self.ctx)
        if self.editor is None:  # the first month is on its way: its name already shows
            self.month_label.setText("<b>" + format_bulan_tahun(*self._ym(), lang) + "</b>")
            return
        grid = self.editor.grid
        self.month_label.setText("<b>" + format_bulan_tahun(grid.year, grid.month, lang) + "</b>")
        self.week_picker.blockSignals(True)
        self.week_picker.clear()
        self.weeks = week_starts(grid.first, grid.last)
        for monday in self.weeks:
            start, end = max(monday, grid.first), min(monday + timedelta(days=6), grid.last)
            self.week_picker.addItem(format_periode(start, end, lang))
        if self.model.week in self.weeks:
            self.week_picker.setCurrentIndex(self.weeks.index(self.model.week))
        self.week_picker.blockSignals(False)
        if not self._picker_sized:  # as wide as the first month's weeks, as when filled at once
            self._picker_sized = True
            self.week_picker.setSizeAdjustPolicy(Policy.AdjustToContents)
            self.week_picker.setSizeAdjustPolicy(Policy.AdjustToContentsOnFirstShow)
        self._violations_changed()
        self.update_period_bar()

    def set_week(self, monday: date | None) -> None:
        self.model.set_week(monday)
        self.week_mode.setChecked(monday is not None)
        self.month_mode.setChecked(monday is None)
        self.week_picker.setEnabled(monday is not None)
        if monday in self.weeks:
            self.week_picker.blockSignals(True)
            self.week_picker.setCurrentIndex(self.weeks.index(monday))
            self.week_picker.blockSignals(False)

    def current_week(self) -> date:
        """The Monday of the current cell's week (else of the shown week, else the month's)."""
        index = self.view.currentIndex()
        if index.isValid():
            return week_of(self.model.day_at(index.column()).day)
        if self.model.week is not None:
            return self.model.week
        return week_of(date(*self._ym(), 1))

    # -- selection, messages -------------------------------------------------------------------------

    def current_member(self) -> StaffMember | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_info(index.row()).member

    def update_period_bar(self) -> None:
        member = self.current_member()
        if self.editor is None:
            return
        grid = self.editor.grid
        self.period_bar.show_period(
            member,
            grid.period(member.id) if member else None,
            can_plan=member is not None and member.id in grid.plannable,
            can_review=member is not None and member.id in grid.reviewable,
        )

    def select_cell(self, employee_id: str, day: date) -> None:
        self._ensure_day_shown(day)
        self.view.select_cell(self.model.cell_index(employee_id, day))

    def select_violation(self, v: Violation) -> None:
        if v.day is None:
            return
        self._ensure_day_shown(v.day)
        if v.employee_id is not None:
            self.view.select_cell(self.model.cell_index(v.employee_id, v.day))
        elif v.unit_id is not None:
            self.view.select_cell(self.model.footer_index(v.unit_id, v.day))

    def _ensure_day_shown(self, day: date) -> None:
        if self.model.week is not None and day not in {d.day for d in self.model.days}:
            self.set_week(week_of(day))

    def _violations_changed(self) -> None:
        self.violations.set_violations(self.editor.violations() if self.editor else [])

    def after_edit(self) -> None:
        if self.view.current_row_kind() is RowKind.EMPLOYEE:
            self.update_period_bar()
