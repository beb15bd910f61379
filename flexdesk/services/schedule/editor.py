"""One open month for editing: the grid data, live validation and writes through services.

The Jadwal page (and the benchmark, and tests) keep a :class:`MonthEditor`. Every change goes
to the database through :func:`flexdesk.services.schedule.service.set_entries` in its own transaction
(permissions, locks and bad input are checked there, all or nothing); only when that succeeds
is the month's :class:`~flexdesk.domain.rules.ScheduleValidator` told, which re-validates just
the cells the change can affect. No Qt here: undo/redo and painting are the page's business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Concatenate, ParamSpec

from sqlalchemy.orm import Session

from flexdesk.domain.rules import CoverCount, Violation, ViolationDelta
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.periods import PeriodInfo
from flexdesk.services.schedule.service import CellChange, EditResult, MonthGrid

P = ParamSpec("P")


@dataclass(frozen=True)
class EditOutcome:
    """The cells a change touched and how the violations moved."""

    cells: tuple[tuple[str, date], ...]
    delta: ViolationDelta


def store_cells(
    session: Session, actor: Actor, grid: MonthGrid, changes: Sequence[CellChange]
) -> EditResult:
    """Store cells of ``grid``'s month, each checked against the revision ``grid`` read it at
    (a change that carries its own, an overwrite, keeps it), and note the new revisions in
    ``grid``. Noted here, on the database worker, not when the result reaches the window: the
    next store of the same cell, typed ahead, is already queued behind this one."""
    checked = [c if c.expected_rev is not None else grid.with_rev(c) for c in changes]
    result = schedule.set_entries(session, actor, grid.year, grid.month, checked)
    grid.note_saved(result)
    return result


def merge_deltas(first: ViolationDelta, second: ViolationDelta) -> ViolationDelta:
    """The net effect of two edits applied one after the other."""
    added = (first.added - second.removed) | (second.added - first.removed)
    removed = (first.removed - second.added) | (second.removed - first.added)
    return ViolationDelta(frozenset(added), frozenset(removed))


class MonthEditor:
    """Keeps one month's grid in step with the database for the signed-in user."""

    def __init__(
        self, services: Services, year: int, month: int, *, unit_id: str | None = None
    ) -> None:
        self.services = services
        self.grid: MonthGrid = services.read(schedule.month_grid, year, month, unit_id=unit_id)

    # -- the month -------------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return self.grid.year

    @property
    def month(self) -> int:
        return self.grid.month

    @property
    def actor(self) -> Actor:
        return self.services.actor

    def reload(self) -> None:
        """Read the month again (after someone else may have changed it)."""
        self.grid = self.services.read(
            schedule.month_grid, self.year, self.month, unit_id=self.grid.unit_id
        )

    def cell(self, employee_id: str, day: date) -> CellChange:
        """The cell's current content as a change (what undo puts back)."""
        return CellChange.of(self.grid.entry(employee_id, day), employee_id, day)

    def violations(self) -> list[Violation]:
        """The open month's rule violations, as the panel lists them."""
        return self.grid.validator.violations()

    def cover(self, unit_id: str, day: date) -> CoverCount:
        """On-site cover of a unit on a day of the open month."""
        return self.grid.validator.cover(unit_id, day)

    # -- editing -----------------------------------------------------------------------------------

    def apply(self, changes: Sequence[CellChange]) -> EditOutcome:
        """Store ``changes`` (all or nothing; raises the service's typed error) and re-validate
        the cells they touch. Each cell carries the revision this grid read it at, so a cell
        another PC changed since is refused (StaleEdit, nothing stored); a change that already
        carries one (an overwrite: ``expected_rev=error.current_rev``) keeps it."""
        if not changes:
            return EditOutcome((), ViolationDelta(frozenset(), frozenset()))
        result = self.services.call(store_cells, self.grid, list(changes))
        validator = self.grid.validator
        delta = validator.set_entries(result.stored)
        if result.cleared:
            delta = merge_deltas(delta, validator.clear_cells(result.cleared))
        cells = tuple(e.key for e in result.stored) + result.cleared
        return EditOutcome(cells, delta)

    def previous_week_changes(
        self, week_start: date, employee_ids: Iterable[str]
    ) -> list[CellChange]:
        """The cell changes that copy the week before ``week_start`` for these employees."""
        return self.services.read(
            schedule.previous_week_changes,
            self.year,
            self.month,
            week_start=week_start,
            employee_ids=list(employee_ids),
        )

    def pattern_changes(
        self,
        employee_ids: Iterable[str],
        start: date,
        end: date,
        pattern: str,
        location: str = "",
    ) -> list[CellChange]:
        """The cell changes that fill a repeating weekly pattern over a range."""
        return self.services.read(
            schedule.pattern_changes,
            self.year,
            self.month,
            employee_ids=list(employee_ids),
            start=start,
            end=end,
            pattern=pattern,
            location=location,
        )

    # -- workflow ------------------------------------------------------------------------------------

    def _step(
        self,
        fn: Callable[Concatenate[Session, Actor, str, int, int, P], PeriodInfo],
        employee_id: str,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> PeriodInfo:
        info = self.services.call(fn, employee_id, self.year, self.month, *args, **kwargs)
        self.grid.periods[employee_id] = info
        return info

    def submit(self, employee_id: str, note: str = "") -> PeriodInfo:
        """Submit the employee's month for approval."""
        return self._step(schedule_periods.submit_period, employee_id, note=note)

    def withdraw(self, employee_id: str) -> PeriodInfo:
        """Take a submitted month back to draft."""
        return self._step(schedule_periods.withdraw_period, employee_id)

    def approve(self, employee_id: str, note: str = "") -> PeriodInfo:
        """Approve the employee's month (supervisor); it is then locked."""
        return self._step(schedule_periods.approve_period, employee_id, note=note)

    def return_(self, employee_id: str, note: str) -> PeriodInfo:
        """Return the month to the employee with a note saying what to change."""
        return self._step(schedule_periods.return_period, employee_id, note=note)

    def reopen(self, employee_id: str, note: str) -> PeriodInfo:
        """Reopen an approved month with a reason (recorded)."""
        return self._step(schedule_periods.reopen_period, employee_id, note=note)
