"""Grid gestures turned into changes: typing codes, clearing, details, copy week, patterns.

Every gesture becomes a list of :class:`CellChange` that a ``MutationOp`` stores on the
database worker, all or nothing; only a stored change is shown in the grid and pushed on the
undo stack. A refused change (someone else's row, a locked month, bad input) shows the
service's sentence. Typing runs ahead of the database: the cursor moves on at once, the next
key goes to the next cell, and the stores follow in order (a refused one puts the cursor back).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from flexdesk.domain.schedule import DayCode, LeaveKind
from flexdesk.errors import FlexDeskError
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.editor import store_cells
from flexdesk.services.schedule.service import CellChange, EditResult
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.schedule.cell_conflict import handle_cell_conflict
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
        self.conflict: QDialog | None = None  # open while a refused stale cell is resolved

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
        if self.page.editor is None:
            return []
        grid = self.page.editor.grid
        return [m.id for u in grid.units for m in u.members if grid.can_edit(m.id)]

    # -- gestures -------------------------------------------------------------------------------------

    def type_code(self, letter: str) -> None:
        cells = self.selected_cells()
        editor = self.page.editor
        if not cells or editor is None:
            return
        many = len(cells) > 1
        if many:  # a fill over a range leaves weekends and holidays alone
            calendar = editor.grid.calendar
            cells = [c for c in cells if calendar.is_working_day(c[1])]
        code = DayCode.parse(letter)
        if code is DayCode.WFA:
            self._ask_location(cells)
            return
        kind = LeaveKind.TAHUNAN.value if code is DayCode.CUTI else None
        changes = [CellChange(e, d, code, leave_kind=kind) for e, d in cells]

        def stored() -> None:
            if code is DayCode.CUTI:
                self.page.message.show_info(
                    self.tr("Dicatat sebagai cuti tahunan; tekan Enter untuk jenis lain.")
                )

        self.apply(
            changes,
            self.tr("Isi {code}").format(code=code.value),
            then=stored,
            refused=self._back_to(cells, many),
        )
        if not many and changes:
            self.page.view.move_right()

    def _back_to(self, cells: Sequence[tuple[str, date]], many: bool) -> Callable[[], None]:
        """After a refusal of one typed cell the cursor goes back to it."""
        if many or not cells:
            return lambda: None
        return lambda: self.page.select_cell(*cells[0])

    def _ask_location(self, cells: Sequence[tuple[str, date]]) -> None:
        dialog = LocationDialog(self.recent_locations, self.page)
        self.dialog = dialog

        def done() -> None:
            place = dialog.value()
            self.recent_locations = [place] + [p for p in self.recent_locations if p != place]
            changes = [CellChange(e, d, DayCode.WFA, place) for e, d in cells]
            one = len(cells) == 1
            self.apply(changes, self.tr("Isi WFA"), refused=self._back_to(cells, not one))
            if one:
                self.page.view.move_right()

        dialog.accepted.connect(done)
        dialog.open()

    def clear_selection(self) -> None:
        cells = self.selected_cells()
        if self.page.editor is None:
            return
        grid = self.page.editor.grid
        changes = [CellChange(e, d) for e, d in cells if grid.entry(e, d) is not None]
        if changes:
            self.apply(changes, self.tr("Kosongkan"))

    def edit_details(self) -> None:
        cells = self.selected_cells()
        if not cells or self.page.editor is None:
            return
        first = self.page.editor.cell(*cells[0])
        dialog = CellDialog(first, len(cells), self.page.ctx.lang, self.page)
        self.dialog = dialog

        def done() -> None:
            self.apply([dialog.change_for(e, d) for e, d in cells], self.tr("Ubah sel"))

        dialog.accepted.connect(done)
        dialog.open()

    def copy_previous_week(self) -> None:
        editor = self.page.editor
        if editor is None:
            return
        monday = self.page.current_week()

        def found(changes: list[CellChange]) -> None:
            changes = [c for c in changes if editor.grid.can_edit(c.employee_id)]
            if not changes:
                self.page.message.show_info(
                    self.tr("Tidak ada yang disalin: minggu lalu kosong atau sama.")
                )
                return
            self.apply(changes, self.tr("Salin minggu lalu"))

        QueryOp(
            self.page.ctx,
            schedule.previous_week_changes,
            editor.year,
            editor.month,
            week_start=monday,
            employee_ids=self.selected_employees(),
        ).on_success(found).on_failure(self._refused).run(parent=self.page)

    def apply_pattern(self) -> None:
        editor = self.page.editor
        if editor is None:
            return
        grid = editor.grid
        employees = self.selected_employees()
        if not employees:
            self.page.message.show_error(
                self.tr("Tidak ada jadwal yang dapat Anda ubah di tampilan ini.")
            )
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
            QueryOp(
                self.page.ctx,
                schedule.pattern_changes,
                editor.year,
                editor.month,
                employee_ids=employees,
                start=first,
                end=last,
                pattern=pattern,
                location=place,
            ).on_success(lambda changes: self.apply(changes, self.tr("Terapkan pola"))).on_failure(
                self._refused
            ).run(parent=self.page)

        dialog.accepted.connect(done)
        dialog.open()

    def _refused(self, exc: FlexDeskError) -> None:
        self.page.message.show_error(self.page.ctx.message(exc))

    # -- storing, with undo -----------------------------------------------------------------------------

    def apply(
        self,
        changes: Sequence[CellChange],
        text: str,
        *,
        then: Callable[[], None] | None = None,
        refused: Callable[[], None] | None = None,
    ) -> None:
        """Store ``changes``; once stored, push them on the undo stack with the cells as they
        were just before (earlier stores of the same cells are shown by then), then ``then``.
        Refused: the message shows, then ``refused``."""

        def stored(before: list[CellChange]) -> None:
            self.page.undo_stack.push(SetCellsCommand(self.apply_now, before, changes, text))
            if then is not None:
                then()

        self._store(changes, stored, refused)

    def apply_now(self, changes: Sequence[CellChange], refused: Callable[[], None]) -> None:
        """Store ``changes`` for undo/redo (no new command); ``refused()`` if they were."""
        self._store(changes, lambda _before: None, refused)

    def _store(
        self,
        changes: Sequence[CellChange],
        done: Callable[[list[CellChange]], None],
        refused: Callable[[], None] | None,
    ) -> None:
        editor = self.page.editor
        if editor is None or not changes:
            return
        changes = list(changes)

        def stored(result: EditResult) -> None:
            if self.page.editor is not editor:  # another month is shown: it was read after
                return
            before = [editor.cell(c.employee_id, c.day) for c in changes]
            self.page.model.apply_result(result)
            self.page.message.clear_message()
            self.page.after_edit()
            self.page.announce_change()
            done(before)

        def failed(exc: FlexDeskError) -> None:
            if refused is not None:
                refused()
            # a cell another PC changed since: theirs (reload) or overwrite, never silently
            if not handle_cell_conflict(self, exc, changes, lambda c: self._store(c, done, None)):
                self._refused(exc)

        # topics=(): the page announces the change itself, without reloading its own grid;
        # each cell is checked against the revision this grid read (store_cells)
        MutationOp(self.page.ctx, store_cells, editor.grid, changes, topics=()).on_success(
            stored
        ).on_failure(failed).run(parent=self.page)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
