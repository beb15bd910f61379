"""The output log's data in and out: what the entry dialog supplies, the rows and evidence
the log page shows, the filter it asks with, and the RHK an entry may point at."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from flexdesk.domain.outputs import EDITABLE_LOG_STATUSES, LogStatus, WorkMode


@dataclass(frozen=True)
class LogInput:
    """What the entry dialog supplies. On update, ``add_*`` are new evidence and
    ``remove_evidence_ids`` the evidence to detach."""

    employee_id: str
    day: date
    rhk_id: str
    activity: str
    quantity: float
    unit: str
    start_time: time
    end_time: time
    work_mode: WorkMode = WorkMode.WFO
    location: str = ""
    add_files: tuple[Path, ...] = ()
    add_links: tuple[str, ...] = ()
    remove_evidence_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceRow:
    """One piece of evidence of an entry: a stored file (by its hash) or a link."""

    id: str
    kind: str  # file | link
    name: str
    size: int
    media_type: str
    sha256: str | None
    url: str


@dataclass(frozen=True)
class LogRow:
    """An entry as the log page shows it, with the names of its employee, unit and RHK."""

    id: str
    employee_id: str
    employee_name: str
    unit_name: str
    day: date
    rhk_id: str
    rhk_text: str
    activity: str
    quantity: float
    unit: str
    start_time: time
    end_time: time
    minutes: int
    work_mode: WorkMode
    location: str
    planned_mode: WorkMode | None
    mode_mismatch: bool
    status: LogStatus
    review_note: str
    evidence_count: int
    evidence: tuple[EvidenceRow, ...] = ()
    #: the entry's revision when read: passed back as ``expected_rev`` when saving the dialog
    rev: int = 0

    @property
    def editable(self) -> bool:
        """Drafts and returned entries may still be changed by the employee."""
        return self.status in EDITABLE_LOG_STATUSES

    def to_input(self) -> LogInput:
        """The entry as the dialog's input (evidence is not part of it)."""
        return LogInput(
            employee_id=self.employee_id,
            day=self.day,
            rhk_id=self.rhk_id,
            activity=self.activity,
            quantity=self.quantity,
            unit=self.unit,
            start_time=self.start_time,
            end_time=self.end_time,
            work_mode=self.work_mode,
            location=self.location,
        )


@dataclass(frozen=True)
class LogFilter:
    """What the log page filters by (None or empty: any); the actor's scope always applies."""

    employee_id: str | None = None
    unit_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    status: LogStatus | None = None
    rhk_id: str | None = None
    text: str = ""
    #: the review queue: only entries of the actor's direct staff (the admin: everyone's)
    staff_only: bool = False
    oldest_first: bool = False


@dataclass(frozen=True)
class RhkChoice:
    """An RHK a log entry may point at, with the unit its entries default to."""

    id: str
    text: str
    unit: str  # the kuantitas target's unit: the default unit of a log entry
    position: int
    skp_status: str = field(default="draft")
