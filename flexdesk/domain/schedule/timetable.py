"""Office hours per weekday (Perpres 21/2023): the timetable of a 5- or 6-day week, normal and
Ramadan, with the arithmetic of hours excluding breaks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from flexdesk.errors import ValidationError


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True, slots=True)
class WorkHours:
    """Office hours of one weekday: start, end and the break inside them."""

    start: time
    end: time
    break_start: time
    break_end: time

    def __post_init__(self) -> None:
        if not (self.start <= self.break_start <= self.break_end <= self.end):
            raise ValidationError(
                "Jam kerja tidak urut (mulai ≤ istirahat ≤ selesai).",
                message_en="Office hours out of order (start ≤ break ≤ end).",
            )

    @property
    def break_minutes(self) -> int:
        """Length of the break."""
        return _minutes(self.break_end) - _minutes(self.break_start)

    @property
    def hours(self) -> float:
        """Working hours excluding the break."""
        return (_minutes(self.end) - _minutes(self.start) - self.break_minutes) / 60


def _wh(start: str, end: str, break_start: str, break_end: str) -> WorkHours:
    return WorkHours(*(time.fromisoformat(t) for t in (start, end, break_start, break_end)))


@dataclass(frozen=True, slots=True)
class Timetable:
    """Office hours per weekday (index 0 = Monday ... 6 = Sunday; ``None`` = not a work day)."""

    name: str
    days: tuple[WorkHours | None, ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValidationError(
                "Jadwal jam kerja harus berisi 7 hari.", message_en="A timetable needs 7 days."
            )

    def hours_on(self, weekday: int) -> float:
        """Working hours on ``weekday`` (0 = Monday), 0 on a day without office hours."""
        wh = self.days[weekday]
        return wh.hours if wh is not None else 0.0

    @property
    def weekly_hours(self) -> float:
        """Working hours of the whole week."""
        return sum(self.hours_on(i) for i in range(7))


# Perpres 21/2023: 37.5 h a week excluding breaks, from 07.30; breaks 60 min, Friday 90 min.
#   Mon–Thu 07.30–16.00 = 8.5 h − 1 h break (12.00–13.00)   = 7.5 h  x 4 = 30.0 h
#   Fri     07.30–16.30 = 9.0 h − 1.5 h break (11.30–13.00) = 7.5 h          = 37.5 h/week
# (A Friday break of 11.30–13.30, as some summaries print it, would give 37 h: the 90-minute
# break of the Perpres is the one that adds up.)
PERPRES_5_DAY = Timetable(
    "Perpres 21/2023, 5 hari",
    (*(_wh("07:30", "16:00", "12:00", "13:00"),) * 4,
     _wh("07:30", "16:30", "11:30", "13:00"), None, None),
)  # fmt: skip

# Ramadan: 32.5 h from 08.00; breaks 30 min, Friday 60 min.
#   Mon–Thu 08.00–15.00 = 7.0 h − 0.5 h = 6.5 h x 4 = 26.0 h
#   Fri     08.00–15.30 = 7.5 h − 1.0 h = 6.5 h      = 32.5 h/week
PERPRES_5_DAY_RAMADAN = Timetable(
    "Perpres 21/2023, 5 hari, Ramadan",
    (*(_wh("08:00", "15:00", "12:00", "12:30"),) * 4,
     _wh("08:00", "15:30", "11:30", "12:30"), None, None),
)  # fmt: skip

# Perpres 21/2023 sets a 5-day week; units with operational or direct public-service duties may
# differ. FlexDesk's 6-day default keeps the same weekly totals (an office setting):
#   Mon–Thu 07.30–14.30 − 30 min = 6.5 h x 4 = 26.0; Fri 07.30–14.30 − 90 min = 5.5;
#   Sat 07.30–14.00 − 30 min = 6.0                                     → 37.5 h/week
SIX_DAY = Timetable(
    "6 hari",
    (*(_wh("07:30", "14:30", "12:00", "12:30"),) * 4,
     _wh("07:30", "14:30", "11:30", "13:00"),
     _wh("07:30", "14:00", "12:00", "12:30"), None),
)  # fmt: skip

#   Mon–Thu 08.00–14.00 − 30 min = 5.5 h x 4 = 22.0; Fri 08.00–14.00 − 60 min = 5.0;
#   Sat 08.00–14.00 − 30 min = 5.5                                     → 32.5 h/week
SIX_DAY_RAMADAN = Timetable(
    "6 hari, Ramadan",
    (*(_wh("08:00", "14:00", "12:00", "12:30"),) * 4,
     _wh("08:00", "14:00", "11:30", "12:30"),
     _wh("08:00", "14:00", "12:00", "12:30"), None),
)  # fmt: skip


def timetable_for(week_type: int, ramadan: bool) -> Timetable:
    """The default timetable for a 5- or 6-day week, normal or Ramadan."""
    if week_type == 5:
        return PERPRES_5_DAY_RAMADAN if ramadan else PERPRES_5_DAY
    if week_type == 6:
        return SIX_DAY_RAMADAN if ramadan else SIX_DAY
    raise ValidationError(
        f"Jenis minggu kerja {week_type} tidak dikenal (5 atau 6 hari).",
        message_en=f"Unknown week type {week_type} (5 or 6 days).",
        field="week_type",
    )
