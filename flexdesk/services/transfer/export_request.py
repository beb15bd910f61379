"""One entry point for the export dialog (and any other caller): which sheet, for which
period and unit, on which paper — the service decides how that becomes the calls of
``exports``, ``people_sheets`` and ``ekinerja``, so the dialog only collects the choices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from sqlalchemy.orm import Session

from flexdesk.errors import ValidationError
from flexdesk.services.employees import EmployeeFilter, list_employees
from flexdesk.services.evaluation.settings import office_period_type
from flexdesk.services.evaluation.types import PeriodRef
from flexdesk.services.outputs.logs import LogFilter
from flexdesk.services.permissions import Actor
from flexdesk.services.transfer import ekinerja, exports, people_sheets

ExportKind = Literal["employees", "schedule", "logs", "recap", "evaluation", "ekinerja"]
ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


def _no_progress(_done: int, _total: int, _text: str) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class ExportRequest:
    """What the person chose: the sheet and the parameters it uses (others are ignored)."""

    kind: ExportKind
    year: int
    month: int = 1
    unit_id: str | None = None
    period_index: int | None = None  # None: the annual recap
    paper: str = "A4"
    date_from: date | None = None
    date_to: date | None = None


def export_xlsx(
    session: Session,
    actor: Actor,
    request: ExportRequest,
    target: Path,
    *,
    progress: ProgressFn = _no_progress,
    is_cancelled: CancelledFn = _never,
) -> int:
    """Write the requested sheet to ``target``; returns the number of rows written. Each
    export checks its own permission."""
    r = request
    if r.kind == "employees":
        return people_sheets.export_employees_xlsx(session, actor, target)
    if r.kind == "schedule":
        return exports.export_schedule_xlsx(
            session, actor, r.year, r.month, target, unit_id=r.unit_id, paper=r.paper,
            progress=progress, is_cancelled=is_cancelled,
        )  # fmt: skip
    if r.kind == "logs":
        flt = LogFilter(unit_id=r.unit_id, date_from=r.date_from, date_to=r.date_to)
        return exports.export_logs_xlsx(
            session, actor, flt, target, paper=r.paper, progress=progress,
            is_cancelled=is_cancelled,
        )  # fmt: skip
    if r.kind == "recap":
        staff = list_employees(session, actor, EmployeeFilter(unit_id=r.unit_id))
        return exports.export_recap_xlsx(
            session, actor, [e.id for e in staff], r.year, target,
            period_index=r.period_index, paper=r.paper, progress=progress,
            is_cancelled=is_cancelled,
        )  # fmt: skip
    return _evaluation_export(
        session, actor, r, target, progress=progress, is_cancelled=is_cancelled
    )


def _evaluation_export(
    session: Session,
    actor: Actor,
    r: ExportRequest,
    target: Path,
    *,
    progress: ProgressFn,
    is_cancelled: CancelledFn,
) -> int:
    ptype = office_period_type(session)
    period = (
        PeriodRef(r.year, ptype, r.period_index) if r.period_index else PeriodRef.annual(r.year)
    )
    if r.kind == "evaluation":
        if r.unit_id is None:
            raise ValidationError(
                "Pilih satu unit kerja untuk rekap evaluasi.",
                message_en="Choose one work unit for the evaluation recap.",
                field="unit",
            )
        return ekinerja.export_evaluation_recap_xlsx(
            session, actor, r.unit_id, period, target, paper=r.paper
        )
    return ekinerja.export_ekinerja_xlsx(
        session, actor, period, target, unit_id=r.unit_id, paper=r.paper, progress=progress,
        is_cancelled=is_cancelled,
    )  # fmt: skip
