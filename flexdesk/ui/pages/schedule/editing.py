"""Grid gestures turned into changes: typing codes, clearing, details, copy week, patterns.

Every gesture becomes a list of :class:`CellChange` that goes to the services through the
month editor, all or nothing; only a stored change is pushed on the undo stack. A refused
change (someone else's row, a locked month, bad input) shows the service's sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from flexdesk.domain.schedule import DayCode, LeaveKind
from flexdesk.errors import FlexDeskError
from flexdesk.services.schedule.service import CellChange
from flexdesk.ui.pages.schedule.dialogs import CellDialog, LocationDialog, PatternDialog
from flexdesk.ui.pages.schedule.undo import SetCellsCommand

if TYPE_CHECKING:
    from flexdesk.ui.pages.schedule.page import SchedulePage


class GridEditing(QObject):
    def __init__(self, page: SchedulePage) -> None:
        super().__init__(page)
        self.page = page
        self.recent_locations: list[str] = []
        self.dialog: LocationDialog | CellDialog | PatternDialog | None = None

    # -- what is selected ---------------------------------------------------------------------------

    def selected_cells(self) -> list[tuple[str, date]]:
        """Employee cells in the selection (or the current cell), in grid order."""
        view, model = self.page.view, self.page.model
        indexes = view.selectionModel().selectedIndexes() or [view.currentIndex()]
        cells = []
        for index in sorted(indexes, key=lambda i: (i.row(), i.column())):
            cell = model.cell_at(index)
            if cell is not None:
                cells.append(cell)
        return cells

    def selected_employees(self) -> list[str]:
        """Employees of the selected rows, or everyone the user may plan in view."""
        chosen = list(dict.fromkeys(e for e, _ in self.selected_cells()))
        if len(chosen) > 0 and len(self.selected_cells()) > 1:
            return chosen
        grid = self.page.editor.grid
        return [m.id for u in grid.units for m in u.members if grid.can_edit(m.id)]

    # -- gestures -------------------------------------------------------------------------------------

    def type_code(self, letter: str) -> None:
        cells = self.selected_cells()
        if not cells:
            return
        many = len(cells) > 1
        if many:  # a fill over a range leaves weekends and holidays alone
            calendar = self.page.editor.grid.calendar
            cells = [c for c in cells if calendar.is_working_day(c[1])]
        code = DayCode.parse(letter)
        if code is DayCode.WFA:
            self._ask_location(cells)
            return
        kind = LeaveKind.TAHUNAN.value if code is DayCode.CUTI else None
        changes = [CellChange(e, d, code, leave_kind=kind) for e, d in cells]
        if not self.apply(changes, self.tr("Isi {code}").format(code=code.value)):
            return
        if not many:
            self.page.view.move_right()
        if code is DayCode.CUTI:
            self.page.show_info(
                self.tr("Dicatat sebagai cuti tahunan; tekan Enter untuk jenis lain.")
            )

    def _ask_location(self, cells: Sequence[tuple[str, date]]) -> None:
        dialog = LocationDialog(self.recent_locations, self.page)
        self.dialog = dialog

        def done() -> None:
            place = dialog.value()
            self.recent_locations = [place] + [p for p in self.recent_locations if p != place]
            changes = [CellChange(e, d, DayCode.WFA, place) for e, d in cells]
            if self.apply(changes, self.tr("Isi WFA")) and len(cells) == 1:
                self.page.view.move_right()

        dialog.accepted.connect(done)
        dialog.open()

    def clear_selection(self) -> None:
        cells = self.selected_cells()
        grid = self.page.editor.grid
        changes = [CellChange(e, d) for e, d in cells if grid.entry(e, d) is not None]
        if changes:
            self.apply(changes, self.tr("Kosongkan"))

    def edit_details(self) -> None:
        cells = self.selected_cells()
        if not cells:
            return
        first = self.page.editor.cell(*cells[0])
        dialog = CellDialog(first, len(cells), self.page.ctx.lang, self.page)
        self.dialog = dialog

        def done() -> None:
            self.apply([dialog.change_for(e, d) for e, d in cells], self.tr("Ubah sel"))

        dialog.accepted.connect(done)
        dialog.open()

    def copy_previous_week(self) -> None:
        monday = self.page.current_week()
        try:
            changes = self.page.editor.previous_week_changes(monday, self.selected_employees())
        except FlexDeskError as exc:
            self.page.show_error(self.page.ctx.message(exc))
            return
        grid = self.page.editor.grid
        changes = [c for c in changes if grid.can_edit(c.employee_id)]
        if not changes:
            self.page.show_info(self.tr("Tidak ada yang disalin: minggu lalu kosong atau sama."))
            return
        self.apply(changes, self.tr("Salin minggu lalu"))

    def apply_pattern(self) -> None:
        grid = self.page.editor.grid
        employees = self.selected_employees()
        if not employees:
            self.page.show_error(self.tr("Tidak ada jadwal yang dapat Anda ubah di tampilan ini."))
            return
        days = sorted({d for _, d in self.selected_cells()})
        start, end = (days[0], days[-1]) if len(days) > 1 else (grid.first, grid.last)
        who = self.tr("{n} pegawai").format(n=len(employees))
        dialog = PatternDialog(
            grid.first, grid.last, start=start, end=end, who=who, parent=self.page
        )
        self.dialog = dialog

        def done() -> None:
            pattern, first, last, place = dialog.values()
            try:
                changes = self.page.editor.pattern_changes(employees, first, last, pattern, place)
            except FlexDeskError as exc:
                self.page.show_error(self.page.ctx.message(exc))
                return
            self.apply(changes, self.tr("Terapkan pola"))

        dialog.accepted.connect(done)
        dialog.open()

    # -- storing, with undo -----------------------------------------------------------------------------

    def apply(self, changes: Sequence[CellChange], text: str) -> bool:
        """Store ``changes`` and push them on the undo stack; False (message shown) if refused."""
        editor = self.page.editor
        before = [editor.cell(c.employee_id, c.day) for c in changes]
        if not self.apply_now(changes):
            return False
        self.page.undo_stack.push(SetCellsCommand(self.apply_now, before, changes, text))
        return True

    def apply_now(self, changes: Sequence[CellChange]) -> bool:
        try:
            self.page.model.apply_changes(list(changes))
        except FlexDeskError as exc:
            self.page.show_error(self.page.ctx.message(exc))
            return False
        self.page.clear_message()
        self.page.after_edit()
        return True


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
