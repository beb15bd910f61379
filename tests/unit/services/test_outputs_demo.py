"""Demo output data: an SKP for every demo employee, three months of reviewed logs, a few
evidence files that are really in the store, and recaps that make sense."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.db.models_outputs import OutputEvidence, OutputLog, Rhk, Skp
from flexdesk.domain.outputs import SignalKind, SkpStatus
from flexdesk.paths import DataPaths
from flexdesk.services import demo
from flexdesk.services.app import login
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import recap
from flexdesk.services.outputs.logs import LogFilter
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.evidence import OfficeStore


def test_demo_outputs(db: Database, data_paths: DataPaths) -> None:
    with db.session() as session:
        info = demo.create_demo_office(session, employees=12)
    today = date.today()
    store = AttachmentStore(data_paths.attachments)
    with db.read_session() as session:
        staff = session.scalar(select(func.count(Employee.id)))
        skps = session.scalars(select(Skp)).all()
        assert len(skps) == staff and {s.year for s in skps} == {today.year}
        assert {s.status for s in skps} == {SkpStatus.APPROVED.value}
        # every staff RHK derives from an RHK of the supervisor
        orphans = session.scalar(
            select(func.count(Rhk.id))
            .join(Skp, Skp.id == Rhk.skp_id)
            .join(Employee, Employee.id == Skp.employee_id)
            .where(
                Employee.supervisor_id.is_not(None),
                Rhk.parent_rhk_id.is_(None),
                Rhk.kind == "utama",
            )
        )
        assert orphans == 0
        first, last = session.execute(
            select(func.min(OutputLog.day), func.max(OutputLog.day))
        ).one()
        assert first >= today - timedelta(days=100) and last < today
        statuses = dict(
            session.execute(select(OutputLog.status, func.count()).group_by(OutputLog.status)).all()
        )
        assert statuses["accepted"] > statuses["submitted"] > 0 and statuses.get("returned", 0) >= 0
        files = session.scalars(select(OutputEvidence).where(OutputEvidence.kind == "file")).all()
        assert 0 < len(files) <= 12 and len({f.sha256 for f in files}) == 4  # stored once each
        for f in files:
            assert OfficeStore(db, store).read_bytes(f.sha256 or "")[:4] in (b"%PDF", b"\x89PNG")

    head = login(db, info.supervisor_usernames[1], demo.DEMO_PASSWORD)
    with db.read_session() as session:
        queue = outputs.review_queue(session, head)
        assert queue and all(r.status.value == "submitted" for r in queue)
        staff_ids = {
            r.employee_id for r in outputs.list_logs(session, head, LogFilter(), limit=500)
        }
        assert head.employee_id in staff_ids and len(staff_ids) > 1
        everyone = {
            e.employee_id for e in outputs.list_logs(session, head, LogFilter(), limit=5000)
        }
        rc = recap.recap(session, head, sorted(everyone - {head.employee_id})[0], today.year)
        assert rc.rows and sum(r.realised for r in rc.rows) > 0 and rc.days_logged > 20
        # the demo's hard worker shows up in the wellbeing signals
        signals = set()
        for emp in everyone:
            signals |= {s.kind for s in recap.recap(session, head, emp, today.year).signals}
        admin = login(db, "admin", demo.DEMO_PASSWORD)
        for emp_id in session.scalars(select(Employee.id)):
            signals |= {s.kind for s in recap.recap(session, admin, emp_id, today.year).signals}
        assert SignalKind.OVER_HOURS in signals
