"""Evaluation exports: a unit's evaluation recap, and the recap clerks copy into e-Kinerja.

**Evaluation recap of a unit** (``export_evaluation_recap_xlsx``): one row per employee with
status, both ratings and the predikat for a period (``evaluation.list_evaluations``), then the
predikat distribution against the kurva distribusi of the organisation's result
(``evaluation.unit_distribution``, SE MenPANRB 3/2023), with its warnings.

**e-Kinerja recap** (``export_ekinerja_xlsx``). BKN publishes no import format or column list
for e-Kinerja (its SKP and evaluation screens are filled in by hand, RHK by RHK), so this is a
documented *neutral* layout in the order those screens ask for the data, one row per RHK of
each employee's SKP, so a clerk copies cell by cell instead of re-typing:

    NIP | Nama | Jabatan | Unit Kerja | Periode | Tanggal Mulai | Tanggal Selesai | No |
    Jenis RHK | Rencana Hasil Kerja | Target (kuantitas) | Satuan | Realisasi | Capaian |
    Rating Hasil Kerja | Rating Perilaku Kerja | Predikat Kinerja

Realisation counts accepted output-log entries only (``recap.recap``); ratings and predikat are
the evaluation's for the period (empty until rated). An employee without an SKP gets one row
with the ratings only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from flexdesk.domain.performance import Predikat
from flexdesk.errors import Cancelled
from flexdesk.services.evaluation.service import list_evaluations, unit_distribution
from flexdesk.services.evaluation.types import EvaluationSummary, PeriodRef
from flexdesk.services.outputs.recap import recap
from flexdesk.services.permissions import Actor
from flexdesk.services.transfer.xlsx import (
    CancelledFn,
    Column,
    ProgressFn,
    SheetSpec,
    _never,
    _no_progress,
    start_sheet,
    write_rows,
    xlsx_output,
)

EVALUATION_COLUMNS = (
    Column("No", "integer", 5), Column("NIP", "text", 21), Column("Nama", "text", 28),
    Column("Jabatan", "text", 26), Column("Pejabat Penilai", "text", 26),
    Column("Status", "text", 11), Column("Rating Hasil Kerja", "text", 19),
    Column("Rating Perilaku Kerja", "text", 19), Column("Predikat Kinerja", "text", 17),
)  # fmt: skip
EKINERJA_COLUMNS = (
    Column("NIP", "text", 21), Column("Nama", "text", 26), Column("Jabatan", "text", 24),
    Column("Unit Kerja", "text", 20), Column("Periode", "text", 16),
    Column("Tanggal Mulai", "date", 15), Column("Tanggal Selesai", "date", 15),
    Column("No", "integer", 4), Column("Jenis RHK", "text", 10),
    Column("Rencana Hasil Kerja", "text", 40), Column("Target", "number", 9),
    Column("Satuan", "text", 10), Column("Realisasi", "number", 10),
    Column("Capaian", "percent", 9), Column("Rating Hasil Kerja", "text", 19),
    Column("Rating Perilaku Kerja", "text", 19), Column("Predikat Kinerja", "text", 17),
)  # fmt: skip
_STATUS = {"draft": "Draf", "shared": "Dibagikan", "final": "Final"}


def _ratings(row: EvaluationSummary) -> tuple[str, str, str]:
    return (
        row.rating_hasil_kerja.label if row.rating_hasil_kerja else "",
        row.rating_perilaku.label if row.rating_perilaku else "",
        row.predikat.label if row.predikat else "",
    )


def _distribution_rows(
    session: Session, actor: Actor, unit_id: str, period: PeriodRef
) -> list[tuple[object, ...]]:
    report = unit_distribution(session, actor, unit_id, period)
    rows: list[tuple[object, ...]] = [
        (),
        ("", "", f"Sebaran predikat (hasil kerja organisasi: {report.org_result.label})"),
    ]
    rows.extend(
        ("", "", p.label, "", "", report.counts[p], f"{report.share(p):.0f}%") for p in Predikat
    )
    rows.append(("", "", "Belum dinilai", "", "", report.not_rated))
    rows.extend(("", "", w.message) for w in report.warnings)
    return rows


def export_evaluation_recap_xlsx(
    session: Session,
    actor: Actor,
    unit_id: str,
    period: PeriodRef,
    out: Path,
    *,
    paper: str = "A4",
) -> int:
    """The unit's evaluations for ``period`` and the predikat distribution; returns employees.
    Actions: ``evaluation.view`` and ``evaluation.distribution`` (the unit's scope)."""
    summaries = list_evaluations(session, actor, period, unit_id=unit_id)
    unit_name = summaries[0].unit_name if summaries else ""
    rows: list[tuple[object, ...]] = [
        (n, s.nip, s.employee_name, s.jabatan, s.supervisor_name,
         _STATUS.get(s.status.value, s.status.value) if s.status else "belum", *_ratings(s))
        for n, s in enumerate(summaries, 1)
    ]  # fmt: skip
    rows.extend(_distribution_rows(session, actor, unit_id, period))
    spec = SheetSpec("Rekap Evaluasi", f"Rekap Evaluasi Kinerja — {unit_name}",
                     EVALUATION_COLUMNS, cover=(period.label(),), paper=paper)  # fmt: skip
    with xlsx_output(Path(out)) as book:
        sheet, first = start_sheet(book, spec)
        write_rows(book, sheet, first, spec, rows)
    return len(summaries)


def _ekinerja_rows(
    session: Session, actor: Actor, period: PeriodRef, summaries: list[EvaluationSummary], *,
    progress: ProgressFn, is_cancelled: CancelledFn,
) -> Iterator[tuple[object, ...]]:  # fmt: skip
    index = None if period.is_annual else period.index
    for n, s in enumerate(summaries, 1):
        if is_cancelled():
            raise Cancelled()
        ident = (s.nip, s.employee_name, s.jabatan, s.unit_name, s.period_label,
                 period.start, period.end)  # fmt: skip
        rc = recap(session, actor, s.employee_id, period.year, index)
        if not rc.rows:
            yield (*ident, "", "", "", "", "", "", "", *_ratings(s))
        for i, r in enumerate(rc.rows, 1):
            yield (*ident, i, r.kind.value.capitalize(), r.text, r.target, r.unit, r.realised,
                   r.percent / 100, *_ratings(s))  # fmt: skip
        progress(n, len(summaries), s.employee_name)


def export_ekinerja_xlsx(
    session: Session,
    actor: Actor,
    period: PeriodRef,
    out: Path,
    *,
    unit_id: str | None = None,
    paper: str = "A4",
    progress: ProgressFn = _no_progress,
    is_cancelled: CancelledFn = _never,
) -> int:
    """The e-Kinerja recap (layout in the module docstring) of the employees the actor may
    see, optionally of one unit; returns the number of rows."""
    summaries = list_evaluations(session, actor, period, unit_id=unit_id)
    spec = SheetSpec("Rekap e-Kinerja", "Rekap Realisasi dan Predikat untuk e-Kinerja",
                     EKINERJA_COLUMNS, cover=(period.label(),), paper=paper)  # fmt: skip
    with xlsx_output(Path(out)) as book:
        sheet, first = start_sheet(book, spec)
        count = write_rows(book, sheet, first, spec,
                           _ekinerja_rows(session, actor, period, summaries, progress=progress,
                                          is_cancelled=is_cancelled))  # fmt: skip
    return count
