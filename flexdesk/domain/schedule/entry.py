"""A schedule entry: one grid cell, what an employee does on one day, checked on creation."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from flexdesk.domain.schedule.codes import DayCode, LeaveKind
from flexdesk.errors import ValidationError


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    """One grid cell: what ``employee_id`` does on ``day``.

    ``location`` is the place of WFA work (required for WFA by the rules, PermenPANRB 4/2025
    Pasal 12) and may name a dinas luar destination. ``leave_kind`` is a :class:`LeaveKind`
    value and is only allowed with CUTI. ``hours`` are the planned working hours when known
    (shift or dynamic time); ``None`` means "the timetable's hours for that day".

    A plain string code ("H") is accepted and converted; bad values raise ValidationError.
    """

    employee_id: str
    day: date
    code: DayCode
    location: str = ""
    leave_kind: str | None = None
    hours: float | None = None

    def __post_init__(self) -> None:
        if not self.employee_id:
            raise ValidationError(
                "Jadwal tanpa pegawai.", message_en="Schedule entry without an employee."
            )
        if not isinstance(self.code, DayCode):
            object.__setattr__(self, "code", DayCode.parse(str(self.code)))
        if self.leave_kind is not None:
            if self.code is not DayCode.CUTI:
                raise ValidationError(
                    "Jenis cuti hanya untuk kode C (cuti).",
                    message_en="A leave kind is only allowed with code C (leave).",
                    field="leave_kind",
                )
            try:
                object.__setattr__(self, "leave_kind", LeaveKind(self.leave_kind))
            except ValueError:
                raise ValidationError(
                    f"Jenis cuti '{self.leave_kind}' tidak dikenal.",
                    message_en=f"Unknown leave kind '{self.leave_kind}'.",
                    field="leave_kind",
                ) from None
        if self.hours is not None and not (0 <= self.hours <= 24 and math.isfinite(self.hours)):
            raise ValidationError(
                f"Jam kerja {self.hours} tidak masuk akal (0–24 jam).",
                message_en=f"Working hours {self.hours} out of range (0–24).",
                field="hours",
            )

    @property
    def key(self) -> tuple[str, date]:
        """The grid cell this entry fills: (employee_id, day)."""
        return (self.employee_id, self.day)
