"""Where the work of a logged output was done (:class:`WorkMode`), what the approved schedule
planned for that day (:class:`PlannedDay`), and whether the two differ."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class WorkMode(StrEnum):
    """Where the work of a logged output was actually done.

    The flexible-work locations of PermenPANRB 4/2025 Pasal 12 (office, home, another
    location) plus dinas luar (official duty away under a surat tugas). The letters are the
    schedule's day codes, so a planned day converts with ``WorkMode(code.value)``.
    """

    WFO = "O"
    WFH = "H"
    WFA = "A"
    DINAS_LUAR = "D"

    @property
    def is_remote(self) -> bool:
        """Counts toward the remote side of the balance (PermenPANRB 4/2025 Pasal 13(1))."""
        return self in (WorkMode.WFH, WorkMode.WFA)

    @property
    def is_on_site(self) -> bool:
        """Work done in the office."""
        return self is WorkMode.WFO


@dataclass(frozen=True)
class PlannedDay:
    """What the approved schedule says about one employee's day (from the schedule
    capability): the planned mode and location, or a leave/absence."""

    mode: WorkMode | None = None
    location: str = ""
    leave: str = ""  #: non-empty ("Cuti tahunan", "Sakit") when the day is leave/absence

    @property
    def is_leave(self) -> bool:
        """The schedule has the day as leave or absence."""
        return bool(self.leave)


def mode_mismatch(planned: PlannedDay | None, actual: WorkMode) -> bool:
    """True when the mode used differs from the approved schedule's plan.

    PermenPANRB 4/2025 leaves room for the unexpected (keadaan khusus, Pasal 10), so a
    mismatch is flagged for the supervisor, never refused.
    """
    return planned is not None and planned.mode is not None and planned.mode is not actual
