"""The Jadwal grid as a Qt table model: employees (grouped by unit) x days.

Rows come in blocks, one per work unit: a unit heading row, one row per employee, and a footer
row with the unit's on-site count per day. Columns are the days of the month, or of one week
of it. The model reads everything from a :class:`~flexdesk.services.schedule.editor.MonthEditor`
(cells, period statuses, violations, cover counts) and writes only through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from flexdesk.domain.calendar import CalendarDay
from flexdesk.domain.dates import day_abbr
from flexdesk.domain.rules import Violation
from flexdesk.domain.schedule import DAY_CODE_INFO
from flexdesk.services.schedule.data import StaffMember
from flexdesk.services.schedule.editor import EditOutcome, MonthEditor, merge_deltas
from flexdesk.services.schedule.service import CellChange, EditResult, GridUnit, MonthGrid
from flexdesk.ui.pages.schedule.grid_tips import cell_tip, member_tip
from flexdesk.ui.widgets.style import ERROR_COLOUR

Index = QModelIndex | QPersistentModelIndex


class RowKind(IntEnum):
    UNIT = 0
    EMPLOYEE = 1
    FOOTER = 2


class Role(IntEnum):
    """Custom data roles the delegate and the page read."""

    CODE = Qt.ItemDataRole.UserRole + 1  #: DayCode value or ""
    SEVERITY = Qt.ItemDataRole.UserRole + 2  #: "error", "warning" or None
    DAY_KIND = Qt.ItemDataRole.UserRole + 3  #: CalendarDay.kind
    ROW_KIND = Qt.ItemDataRole.UserRole + 4  #: RowKind
    EDITABLE = Qt.ItemDataRole.UserRole + 5  #: the actor may change this cell now
    COLOUR = Qt.ItemDataRole.UserRole + 6  #: legend colour "#RRGGBB" or None


@dataclass(frozen=True)
class CellStyle:
    """Everything the delegate paints, in one call (see :meth:`ScheduleGridModel.cell_style`)."""

    kind: RowKind
    day_kind: str | None
    text: str
    colour: str | None
    severity: str | None
    editable: bool


@dataclass(frozen=True)
class GridRow:
    kind: RowKind
    unit: GridUnit
    member: StaffMember | None = None


OFF_DAY = QColor("#ECEFF1")
HOLIDAY = QColor("#FBE3E3")
FOOTER = QColor("#E3EAF5")
UNIT = QColor("#D0D7E5")
SHORT = QColor("#F4CCCC")


class ScheduleGridModel(QAbstractTableModel):
    """Employees x days of one month (or week); edits go through the editor."""

    #: emitted after a change or a reload: the violations panel re-reads the list
    violationsChanged = Signal()

    def __init__(self, editor: MonthEditor | None = None, *, lang: str = "id") -> None:
        super().__init__()
        self.lang = lang
        #: None until the page's first month has arrived from the database worker
        self.editor = editor
        self._rows: list[GridRow] = []
        self._row_of: dict[str, int] = {}
        self._footer_of: dict[str, int] = {}
        self._days: tuple[CalendarDay, ...] = ()
        self._col_of: dict[date, int] = {}
        self._week: date | None = None
        self._build()

    # -- structure --------------------------------------------------------------------------------

    @property
    def _month(self) -> MonthEditor:
        assert self.editor is not None  # rows and days exist only once a month is open
        return self.editor

    @property
    def _grid(self) -> MonthGrid:
        return self._month.grid

    def _build(self) -> None:
        rows: list[GridRow] = []
        if self.editor is None:
            self._rows, self._row_of, self._footer_of, self._days, self._col_of = [], {}, {}, (), {}
            return
        grid = self._grid
        for unit in grid.units:
            rows.append(GridRow(RowKind.UNIT, unit))
            rows += [GridRow(RowKind.EMPLOYEE, unit, m) for m in unit.members]
            if unit.id:
                rows.append(GridRow(RowKind.FOOTER, unit))
        self._rows = rows
        self._row_of = {r.member.id: i for i, r in enumerate(rows) if r.member is not None}
        self._footer_of = {r.unit.id: i for i, r in enumerate(rows) if r.kind is RowKind.FOOTER}
        days = grid.days
        if self._week is not None:
            end = self._week.toordinal() + 6
            days = tuple(d for d in days if self._week.toordinal() <= d.day.toordinal() <= end)
        self._days = days
        self._col_of = {d.day: i for i, d in enumerate(days)}

    def set_editor(self, editor: MonthEditor) -> None:
        """Show another month (or the same one reloaded)."""
        self.beginResetModel()
        self.editor = editor
        if self._week is not None and not any(
            d.day >= self._week and (d.day - self._week).days < 7 for d in editor.grid.days
        ):
            self._week = None
        self._build()
        self.endResetModel()
        self.violationsChanged.emit()

    def set_week(self, monday: date | None) -> None:
        """Show one week (its days inside the month), or the whole month with None."""
        self.beginResetModel()
        self._week = monday
        self._build()
        self.endResetModel()

    @property
    def week(self) -> date | None:
        return self._week

    def row_info(self, row: int) -> GridRow:
        return self._rows[row]

    def day_at(self, column: int) -> CalendarDay:
        return self._days[column]

    @property
    def days(self) -> tuple[CalendarDay, ...]:
        return self._days

    def unit_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if r.kind is RowKind.UNIT]

    def cell_index(self, employee_id: str, day: date) -> QModelIndex:
        row, col = self._row_of.get(employee_id), self._col_of.get(day)
        if row is None or col is None:
            return QModelIndex()
        return self.index(row, col)

    def footer_index(self, unit_id: str, day: date) -> QModelIndex:
        row, col = self._footer_of.get(unit_id), self._col_of.get(day)
        if row is None or col is None:
            return QModelIndex()
        return self.index(row, col)

    def row_of(self, employee_id: str) -> int:
        return self._row_of.get(employee_id, -1)

    def cell_at(self, index: Index) -> tuple[str, date] | None:
        """(employee id, day) of an employee cell, else None."""
        if not index.isValid():
            return None
        member = self._rows[index.row()].member
        return (member.id, self._days[index.column()].day) if member else None

    def editable(self, index: Index) -> bool:
        cell = self.cell_at(index)
        return cell is not None and self._grid.can_edit(cell[0])

    # -- editing -----------------------------------------------------------------------------------

    def apply_changes(self, changes: Sequence[CellChange]) -> EditOutcome:
        """Store ``changes`` through the editor (raises its typed errors; nothing changes then)
        and repaint what moved: the cells, their rows (week and month rules) and footers."""
        return self._show_outcome(self._month.apply(changes))

    def apply_result(self, result: EditResult) -> EditOutcome:
        """Show cells the database worker stored (``set_entries``' result): re-validate the
        cells they touch and repaint, as :meth:`apply_changes` does after its own write."""
        validator = self._grid.validator
        delta = validator.set_entries(result.stored)
        if result.cleared:
            delta = merge_deltas(delta, validator.clear_cells(result.cleared))
        return self._show_outcome(
            EditOutcome(tuple(e.key for e in result.stored) + result.cleared, delta)
        )

    def _show_outcome(self, outcome: EditOutcome) -> EditOutcome:
        self._repaint(outcome.cells, (*outcome.delta.added, *outcome.delta.removed))
        self.violationsChanged.emit()
        return outcome

    def _repaint(self, cells: Iterable[tuple[str, date]], violations: Iterable[Violation]) -> None:
        rows: set[int] = set()
        grid = self._grid
        for emp_id, _ in cells:
            row = self._row_of.get(emp_id)
            if row is not None:
                rows.add(row)
            member = grid.members.get(emp_id)
            if member is not None and member.unit_id in self._footer_of:
                rows.add(self._footer_of[member.unit_id])
        for v in violations:
            if v.employee_id in self._row_of:
                rows.add(self._row_of[v.employee_id])
            elif v.unit_id in self._footer_of:
                rows.add(self._footer_of[v.unit_id])
        last = self.columnCount() - 1
        for row in sorted(rows):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def refresh_rows(self, employee_id: str) -> None:
        """Repaint one employee's row (after a workflow step changed what is editable)."""
        row = self._row_of.get(employee_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    # -- Qt model API ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._days)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].kind is RowKind.UNIT:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self._day_header(section, role)
        if not 0 <= section < len(self._rows):
            return None
        row = self._rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if row.kind is RowKind.UNIT:
                return row.unit.name or self.tr("Tanpa unit kerja")
            if row.kind is RowKind.FOOTER:
                return self.tr("Di kantor")
            assert row.member is not None
            return row.member.name
        if role == Qt.ItemDataRole.FontRole and row.kind is not RowKind.EMPLOYEE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.member is not None:
            return member_tip(self._grid, row.member, self.lang)
        if role == Qt.ItemDataRole.ForegroundRole and row.member is not None:
            editable = self._grid.can_edit(row.member.id)
            return None if editable else QColor("#5f6b7a")
        return None

    def _day_header(self, section: int, role: int) -> Any:
        if not 0 <= section < len(self._days):
            return None
        day = self._days[section]
        if role == Qt.ItemDataRole.DisplayRole:
            abbr = day_abbr(day.day.weekday(), "en" if self.lang == "en" else "id")
            return f"{abbr}\n{day.day.day}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return day.name or None
        if role == Qt.ItemDataRole.ForegroundRole and not day.is_working:
            return QColor(ERROR_COLOUR) if day.name else QColor("#6b7280")
        return None

    def cell_style(self, row: int, column: int) -> CellStyle:
        """What to paint at (row, column).

        The delegate calls this Python method directly instead of ``index.data(role)`` for
        each role: fewer calls per cell, and no trip through QVariant.
        """
        info = self._rows[row]
        day = self._days[column]
        if info.kind is RowKind.UNIT:
            return CellStyle(RowKind.UNIT, day.kind, "", None, None, False)
        if info.kind is RowKind.FOOTER:
            text = self._footer_data(info.unit.id, day, Qt.ItemDataRole.DisplayRole) or ""
            severity = self._footer_data(info.unit.id, day, Role.SEVERITY)
            return CellStyle(RowKind.FOOTER, day.kind, text, None, severity, True)
        assert info.member is not None
        grid = self._grid
        entry = grid.entry(info.member.id, day.day)
        found = grid.validator.cell_violations(info.member.id, day.day)
        severity = None
        if found:
            severity = "error" if any(v.severity == "error" for v in found) else "warning"
        text = ""
        colour = None
        if entry is not None:
            code_info = DAY_CODE_INFO[entry.code]
            colour = code_info.colour
            if self._week is None:
                text = entry.code.value
            else:
                text = code_info.short_id if self.lang != "en" else code_info.code.name
        return CellStyle(
            RowKind.EMPLOYEE, day.kind, text, colour, severity, grid.can_edit(info.member.id)
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        day = self._days[index.column()]
        if role == Role.ROW_KIND:
            return row.kind
        if role == Role.DAY_KIND:
            return day.kind
        if row.kind is RowKind.FOOTER:
            return self._footer_data(row.unit.id, day, role)
        if row.member is None:
            return None
        return self._cell_data(row.member, day, role)

    def _cell_data(self, member: StaffMember, day: CalendarDay, role: int) -> Any:
        grid = self._grid
        entry = grid.entry(member.id, day.day)
        if role == Qt.ItemDataRole.DisplayRole:
            if entry is None:
                return ""
            if self._week is None:
                return entry.code.value
            info = DAY_CODE_INFO[entry.code]
            return info.short_id if self.lang != "en" else info.code.name
        if role == Role.CODE:
            return entry.code.value if entry else ""
        if role == Role.COLOUR:
            return DAY_CODE_INFO[entry.code].colour if entry else None
        if role == Role.EDITABLE:
            return grid.can_edit(member.id)
        if role == Role.SEVERITY:
            found = grid.validator.cell_violations(member.id, day.day)
            if not found:
                return None
            return "error" if any(v.severity == "error" for v in found) else "warning"
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tip(self._grid, member, day, entry, self.lang)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            label = DAY_CODE_INFO[entry.code].label_id if entry else self.tr("kosong")
            return f"{member.name}, {day.day.isoformat()}: {label}"
        return None

    def _footer_data(self, unit_id: str, day: CalendarDay, role: int) -> Any:
        if not day.is_working:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Role.SEVERITY):
            count = self._month.cover(unit_id, day.day)
            if role == Qt.ItemDataRole.DisplayRole:
                return (
                    f"{count.on_site}+{count.unplanned}" if count.unplanned else str(count.on_site)
                )
            if role == Role.SEVERITY:
                found = self._grid.validator.unit_day_violations(unit_id, day.day)
                return found[0].severity if found else None
            lines = [
                self.tr("{n} di kantor (WFO)").format(n=count.on_site),
                self.tr("{n} belum dijadwalkan (dihitung di kantor)").format(n=count.unplanned),
                self.tr("{n} WFH/WFA, {away} dinas luar, {absent} tidak masuk").format(
                    n=count.remote, away=count.away, absent=count.absent
                ),
                self.tr("Minimal di kantor: {n} orang").format(n=count.required),
            ]
            for v in self._grid.validator.unit_day_violations(unit_id, day.day):
                lines.append("• " + v.message(self.lang))
            return "\n".join(lines)
        return None
