"""Demo data for the evaluation: finalised monthly evaluations for the first two demo months.

The output-log demo covers about three months up to yesterday; the "first two demo months" are
the first two whole calendar months inside that window (of the SKP year, ended before today).
Every employee with a supervisor gets an evaluation for each: realisation pre-filled from the
accepted logs exactly as :func:`flexdesk.services.evaluation.service.start_evaluation` does, ratings
mostly Sesuai Ekspektasi with some Di Atas and a rare Di Bawah, umpan balik per RHK and on a few
BerAKHLAK values, sometimes an employee comment, and the events start → save → share →
finalise by the supervisor's account. The head of the office has no supervisor in the demo, so
has no evaluation (the admin may act as atasan once the setting allows it).

Rows go in with bulk inserts (a few thousand rows in a fraction of a second) so ``flexdesk
demo`` stays fast.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from flexdesk.db.audit import record_bulk_inserts
from flexdesk.db.base import new_uuid, take_sequence_numbers, utcnow
from flexdesk.db.models import Employee, User
from flexdesk.db.models_evaluation import (
    Evaluation,
    EvaluationBehaviour,
    EvaluationEvent,
    EvaluationIndicator,
    EvaluationRhk,
)
from flexdesk.db.models_outputs import OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.evaluation import EvaluationStatus, EvaluationStep
from flexdesk.domain.outputs import Aspect, LogStatus, SkpStatus
from flexdesk.domain.performance import (
    CORE_VALUES,
    PeriodType,
    Rating,
    period_range,
    predikat_kinerja,
)
from flexdesk.services.demo_info import DemoInfo
from flexdesk.services.outputs.demo import LOG_WINDOW_DAYS

_RHK_FEEDBACK = (
    "Target bulan ini tercapai; bukti dukung lengkap.",
    "Hasil kerja baik; pertahankan ketepatan waktunya.",
    "Sebagian output belum dilengkapi bukti dukung; mohon dilengkapi.",
    "Kualitas hasil kerja meningkat dibanding bulan lalu.",
    "Perlu koordinasi lebih awal agar tidak menumpuk di akhir bulan.",
)
_BEHAVIOUR_FEEDBACK = {
    "berorientasi_pelayanan": "Ramah dan cepat melayani warga yang datang ke kantor.",
    "akuntabel": "Disiplin dan jujur dalam melaporkan hasil kerja.",
    "kompeten": "Aktif mengikuti pelatihan dan berbagi ilmu dengan rekan.",
    "harmonis": "Menjaga suasana kerja yang nyaman di seksi.",
    "loyal": "Menjaga nama baik kantor dalam setiap kegiatan.",
    "adaptif": "Cepat menyesuaikan diri dengan aplikasi layanan baru.",
    "kolaboratif": "Terbuka bekerja sama lintas seksi.",
}
_COMMENTS = (
    "Terima kasih atas umpan baliknya, Bapak/Ibu.",
    "Saya akan melengkapi bukti dukung lebih tertib bulan depan.",
    "Mohon bimbingan untuk target tambahan.",
)


def demo_months(today: date, year: int) -> list[tuple[int, int]]:
    """(year, month) of the first two whole calendar months of the log window in ``year``."""
    first = today - timedelta(days=LOG_WINDOW_DAYS)
    months: list[tuple[int, int]] = []
    y, m = first.year, first.month
    if first.day != 1:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    while len(months) < 2:
        end = period_range(PeriodType.MONTHLY, y, m)[1]
        if end >= today:
            break
        if y == year:
            months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _rating(rng: random.Random) -> Rating:
    roll = rng.random()
    if roll < 0.22:
        return Rating.DI_ATAS
    if roll < 0.95:
        return Rating.SESUAI
    return Rating.DI_BAWAH


@dataclass
class _Office:
    """What the evaluations are made from: the staff who have a supervisor, everyone by id,
    the approved SKPs of the year with their RHK and indicators, and the user accounts."""

    staff: list[Employee]
    people: dict[str, Employee]
    skps: dict[str, Skp]  # employee id ->
    users: dict[str, str]  # employee id -> user id
    admin_user: str | None
    rhk_by_skp: dict[str, list[Rhk]] = field(default_factory=dict)
    ind_by_rhk: dict[str, list[RhkIndicator]] = field(default_factory=dict)


@dataclass
class _Rows:
    """The rows to insert, per table."""

    evaluations: list[dict[str, Any]] = field(default_factory=list)
    rhk: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    behaviours: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def _load_office(session: Session, info: DemoInfo, year: int) -> _Office:
    office = _Office(
        staff=[
            e
            for e in session.scalars(select(Employee).order_by(Employee.nama, Employee.id))
            if e.supervisor_id is not None
        ],
        people={e.id: e for e in session.scalars(select(Employee))},
        skps={
            s.employee_id: s
            for s in session.scalars(
                select(Skp).where(Skp.year == year, Skp.status == SkpStatus.APPROVED.value)
            )
        },
        users={u.employee_id: u.id for u in session.scalars(select(User)) if u.employee_id},
        admin_user=session.scalar(select(User.id).where(User.username == info.admin_username)),
    )
    for rhk in session.scalars(select(Rhk).order_by(Rhk.position)):
        office.rhk_by_skp.setdefault(rhk.skp_id, []).append(rhk)
    for ind in session.scalars(select(RhkIndicator).order_by(RhkIndicator.position)):
        office.ind_by_rhk.setdefault(ind.rhk_id, []).append(ind)
    return office


def _accepted_sums(session: Session, start: date, end: date) -> dict[tuple[str, str], float]:
    """(employee id, rhk id) -> accepted quantity in ``start``..``end``, as the pre-fill sums."""
    return {
        (emp_id, rhk_id): float(qty or 0)
        for emp_id, rhk_id, qty in session.execute(
            select(OutputLog.employee_id, OutputLog.rhk_id, func.sum(OutputLog.quantity))
            .where(
                OutputLog.status == LogStatus.ACCEPTED.value,
                OutputLog.day >= start,
                OutputLog.day <= end,
            )
            .group_by(OutputLog.employee_id, OutputLog.rhk_id)
        )
    }


def _rhk_rows(
    office: _Office, rows: _Rows, ev_id: str, *, emp: Employee, skp: Skp,
    sums: dict[tuple[str, str], float], rng: random.Random,
) -> None:  # fmt: skip
    """Umpan balik per RHK; the first kuantitas indicator pre-filled from the accepted logs,
    kualitas at 100 %."""
    for rhk in office.rhk_by_skp.get(skp.id, []):
        rows.rhk.append(
            {"id": new_uuid(), "evaluation_id": ev_id, "rhk_id": rhk.id,
             "position": rhk.position, "umpan_balik": rng.choice(_RHK_FEEDBACK)}
        )  # fmt: skip
        quantity_seen = False
        for ind in office.ind_by_rhk.get(rhk.id, []):
            value: float | None = None
            if ind.aspect == Aspect.KUANTITAS.value and not quantity_seen:
                quantity_seen = True
                value = sums.get((emp.id, rhk.id), 0.0)
            rows.indicators.append(
                {"id": new_uuid(), "evaluation_id": ev_id, "rhk_id": rhk.id,
                 "indicator_id": ind.id, "prefilled": value,
                 "realisasi": value if value is not None
                 else (100.0 if ind.aspect == Aspect.KUALITAS.value else None),
                 "override_reason": ""}
            )  # fmt: skip


def _behaviour_rows(rows: _Rows, ev_id: str, rng: random.Random) -> None:
    """The seven BerAKHLAK rows, two of them with umpan balik."""
    noted = set(rng.sample([cv.code for cv in CORE_VALUES], 2))
    for n, cv in enumerate(CORE_VALUES):
        rows.behaviours.append(
            {"id": new_uuid(), "evaluation_id": ev_id, "code": cv.code, "position": n,
             "ekspektasi_khusus": "",
             "umpan_balik": _BEHAVIOUR_FEEDBACK[cv.code] if cv.code in noted else ""}
        )  # fmt: skip


def _event_rows(
    rows: _Rows, ev_id: str, *, done: datetime, rater: str | None, commenter: str | None,
    comment: str,
) -> None:  # fmt: skip
    """start -> save -> share (-> comment) -> finalise, on the days before ``done``."""
    steps = [
        (EvaluationStep.START, done - timedelta(days=4), rater, "supervisor", ""),
        (EvaluationStep.SAVE, done - timedelta(days=3), rater, "supervisor", ""),
        (EvaluationStep.SHARE, done - timedelta(days=2), rater, "supervisor", ""),
    ]
    if comment:
        steps.append((EvaluationStep.COMMENT, done - timedelta(days=1), commenter, "employee",
                      comment))  # fmt: skip
    steps.append((EvaluationStep.FINALISE, done, rater, "supervisor", ""))
    for step, at, user_id, acting_as, note in steps:
        rows.events.append(
            {"id": new_uuid(), "evaluation_id": ev_id, "at": at, "step": step.value,
             "user_id": user_id, "acting_as": acting_as, "note": note}
        )  # fmt: skip


def _month_rows(
    session: Session, office: _Office, rows: _Rows, month: tuple[int, int], rng: random.Random
) -> None:
    """A finalised evaluation of ``month`` (year, month) for each of the staff with an approved
    SKP."""
    y, m = month
    start, end = period_range(PeriodType.MONTHLY, y, m)
    sums = _accepted_sums(session, start, end)
    # finalised a few working days into the next month, as offices do
    done = datetime.combine(end + timedelta(days=5), time(2, 0), tzinfo=UTC)
    for emp in office.staff:
        skp = office.skps.get(emp.id)
        sup = office.people.get(emp.supervisor_id or "")
        if skp is None or sup is None:
            continue
        ev_id = new_uuid()
        rater = office.users.get(sup.id, office.admin_user)
        hasil, perilaku = _rating(rng), _rating(rng)
        comment = rng.choice(_COMMENTS) if rng.random() < 0.2 else ""
        rows.evaluations.append(
            {"id": ev_id, "employee_id": emp.id, "skp_id": skp.id, "year": y,
             "period_type": PeriodType.MONTHLY.value, "period_index": m, "start": start,
             "end": end, "status": EvaluationStatus.FINAL.value,
             "rating_hasil_kerja": hasil.value, "rating_perilaku": perilaku.value,
             "predikat": predikat_kinerja(hasil, perilaku).value, "capaian_organisasi": "",
             "catatan": "", "evaluator_employee_id": sup.id, "evaluator_user_id": rater,
             "atasan_employee_id": sup.supervisor_id, "employee_comment": comment,
             "commented_at": done - timedelta(days=1) if comment else None,
             "shared_at": done - timedelta(days=2), "finalised_at": done,
             "finalised_by_user_id": rater}
        )  # fmt: skip
        _rhk_rows(office, rows, ev_id, emp=emp, skp=skp, sums=sums, rng=rng)
        _behaviour_rows(rows, ev_id, rng)
        _event_rows(
            rows, ev_id, done=done, rater=rater, commenter=office.users.get(emp.id), comment=comment
        )


def _insert(session: Session, rows: _Rows) -> None:
    """Bulk inserts, parents first, with change sequence numbers and the audit trail."""
    now = utcnow()
    tables = (
        (Evaluation, rows.evaluations),
        (EvaluationRhk, rows.rhk),
        (EvaluationIndicator, rows.indicators),
        (EvaluationBehaviour, rows.behaviours),
        (EvaluationEvent, rows.events),
    )
    total = sum(len(r) for _m, r in tables)
    seq = take_sequence_numbers(session, total) if total else 0
    for _model, table in tables:
        for row in table:
            row.update(created_at=now, updated_at=now, rev=1, change_seq=seq)
            seq += 1
    conn = session.connection()
    for model, table in tables:
        if table:
            conn.execute(insert(model), table)
            # bulk inserts skip the audit hook; the trail must still hold every row
            record_bulk_inserts(session, model, [r["id"] for r in table])


def create_demo_evaluations(
    session: Session, info: DemoInfo, rng: random.Random, *, today: date | None = None
) -> int:
    """Finalised evaluations for the first two demo months; returns how many were made."""
    today = today or date.today()
    year = today.year
    months = demo_months(today, year)
    if not months:
        return 0
    office = _load_office(session, info, year)
    rows = _Rows()
    for month in months:
        _month_rows(session, office, rows, month, rng)
    _insert(session, rows)
    return len(rows.evaluations)
