"""Demo evaluations: finalised evaluations for the first two demo months, consistent with the
demo's accepted output logs, readable and printable through the services."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.db.models_evaluation import Evaluation, EvaluationEvent, EvaluationIndicator
from flexdesk.db.models_outputs import OutputLog
from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.domain.performance import PeriodType, Rating, predikat_kinerja
from flexdesk.paths import DataPaths
from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
from flexdesk.services import demo
from flexdesk.services.app import Services, login
from flexdesk.services.evaluation import demo as evaluation_demo
from flexdesk.services.evaluation import service as ev
from tests.support.pdf import page_texts


def test_demo_months_are_whole_months_of_the_log_window() -> None:
    assert evaluation_demo.demo_months(date(2026, 11, 23), 2026) == [(2026, 9), (2026, 10)]
    assert evaluation_demo.demo_months(date(2026, 11, 1), 2026) == [(2026, 9), (2026, 10)]
    assert evaluation_demo.demo_months(date(2026, 10, 31), 2026) == [(2026, 8), (2026, 9)]
    # January: the window's months belong to last year's SKP; nothing to evaluate yet
    assert evaluation_demo.demo_months(date(2027, 1, 20), 2027) == []
    assert evaluation_demo.demo_months(date(2027, 3, 10), 2027) == [(2027, 1), (2027, 2)]
    assert evaluation_demo.demo_months(date(2027, 2, 15), 2027) == [(2027, 1)]


def test_demo_contains_finalised_evaluations(db: Database) -> None:
    with db.session() as session:
        info = demo.create_demo_office(session, employees=12)
    today = date.today()
    months = evaluation_demo.demo_months(today, today.year)
    with db.read_session() as session:
        evaluations = list(session.scalars(select(Evaluation)))
        rated_staff = session.scalar(
            select(func.count(Employee.id)).where(Employee.supervisor_id.is_not(None))
        )
        assert len(evaluations) == len(months) * rated_staff
        assert {(e.year, e.period_index) for e in evaluations} == set(months)
        assert {e.status for e in evaluations} == {EvaluationStatus.FINAL.value}
        for e in evaluations:
            assert (
                e.predikat
                == predikat_kinerja(Rating(e.rating_hasil_kerja), Rating(e.rating_perilaku)).value
            )
            assert e.period_type == PeriodType.MONTHLY.value and e.finalised_at is not None
        finals = session.scalar(
            select(func.count(EvaluationEvent.id)).where(EvaluationEvent.step == "finalise")
        )
        assert finals == len(evaluations)
        # realisation = the accepted logs of the month (what start_evaluation pre-fills)
        if evaluations:
            sample = evaluations[0]
            row = session.scalars(
                select(EvaluationIndicator).where(
                    EvaluationIndicator.evaluation_id == sample.id,
                    EvaluationIndicator.prefilled.is_not(None),
                )
            ).first()
            assert row is not None
            accepted = session.scalar(
                select(func.coalesce(func.sum(OutputLog.quantity), 0)).where(
                    OutputLog.employee_id == sample.employee_id,
                    OutputLog.rhk_id == row.rhk_id,
                    OutputLog.status == "accepted",
                    OutputLog.day >= sample.start,
                    OutputLog.day <= sample.end,
                )
            )
            assert row.prefilled == row.realisasi == float(accepted)
    if not months:
        return
    head = login(db, info.supervisor_usernames[1], info.password)
    period = ev.PeriodRef(months[0][0], PeriodType.MONTHLY, months[0][1])
    rows = Services(db, head).read(ev.list_evaluations, period)
    assert rows and all(r.status is EvaluationStatus.FINAL for r in rows)
    staff_row = next(r for r in rows if r.can_rate)  # a member of the head's unit
    own = [r for r in rows if r.employee_id == head.employee_id]
    assert own and not own[0].can_rate  # their own, rated by the head of the office
    detail = Services(db, head).read(ev.get_evaluation, staff_row.evaluation_id or "")
    assert detail.locked and detail.can_reopen and len(detail.behaviours) == 7
    data = Services(db, head).read(ev.form_data, detail.id)
    text = " ".join(page_texts(build_evaluation_pdf_bytes(data)))
    assert detail.employee_name in text


def test_the_demo_command_creates_the_evaluations(tmp_path: Path) -> None:
    """`flexdesk demo` in a fresh process (where nothing imported the evaluation demo first)
    makes the finalised evaluations of the demo months."""
    data = tmp_path / "demo"
    subprocess.run(
        [sys.executable, "-m", "flexdesk", "demo", "--data-dir", str(data)],
        check=True,
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    today = date.today()
    months = evaluation_demo.demo_months(today, today.year)
    db = Database.for_file(DataPaths(data).database)
    try:
        with db.read_session() as session:
            found = {
                (e.year, e.period_index, e.status) for e in session.scalars(select(Evaluation))
            }
    finally:
        db.dispose()
    assert {(y, m, EvaluationStatus.FINAL.value) for y, m in months} == found
