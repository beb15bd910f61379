"""Helpers for the evaluation tests: an approved SKP with logs in every review state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flexdesk.db.engine import Database
from flexdesk.domain.outputs import RhkKind
from flexdesk.domain.performance import PeriodType, Rating
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import skp
from flexdesk.services.outputs.skp import SkpDetail
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.helpers import Staff
from tests.support.outputs import TODAY, YEAR, log_input, make_skp

__all__ = ["TODAY", "YEAR"]

MARCH = ev.PeriodRef(YEAR, PeriodType.MONTHLY, 3)
FEBRUARY = ev.PeriodRef(YEAR, PeriodType.MONTHLY, 2)


@dataclass(frozen=True)
class Setup:
    skp: SkpDetail
    rhk_id: str  # the first RHK (kuantitas target 12 dokumen a year)
    quantity_id: str  # its kuantitas indicator
    quality_id: str  # its kualitas indicator


def approved_skp(db: Database, staff: Staff, employee_id: str | None = None) -> Setup:
    """An approved SKP (two RHK: one utama, one tambahan) for the member (or another)."""
    employee_id = employee_id or staff.member.id
    detail = make_skp(db, staff.admin, employee_id, "Tersusunnya laporan layanan",
                      "Terlaksananya tugas tambahan")  # fmt: skip
    with db.session() as session:
        skp.update_rhk(
            session,
            staff.admin,
            detail.rhk[1].id,
            skp.RhkInput(
                detail.rhk[1].text,
                RhkKind.TAMBAHAN,
                None,
                tuple(i.to_input() for i in detail.rhk[1].indicators),
            ),
        )
        detail = skp.approve_skp(session, staff.admin, detail.id)
    first = detail.rhk[0]
    return Setup(detail, first.id, first.indicators[0].id, first.indicators[1].id)


def add_logs(
    db: Database, staff: Staff, paths: DataPaths, rhk_id: str, *, day: date, quantities: dict[str, float]
) -> None:  # fmt: skip
    """One log per review state: ``quantities`` maps a state (accepted, returned, submitted,
    draft) to the quantity logged in it, all on ``day``."""
    store = AttachmentStore(paths.attachments)
    member = Services(db, staff.member_actor)
    head = Services(db, staff.head_actor)
    for n, (state, qty) in enumerate(quantities.items()):
        data = log_input(staff.member.id, rhk_id, quantity=qty, day=day,
                         activity=f"Menyusun laporan {state} {n}")  # fmt: skip
        row = member.call(outputs.create_log, data, store=store, today=TODAY)
        if state == "draft":
            continue
        member.call(outputs.submit_logs, [row.id])
        if state == "accepted":
            head.call(outputs.accept_logs, [row.id])
        elif state == "returned":
            head.call(outputs.return_log, row.id, "Lampirkan bukti.")


def rated(hasil: Rating = Rating.SESUAI, perilaku: Rating = Rating.SESUAI) -> ev.EvaluationChanges:
    return ev.EvaluationChanges(rating_hasil_kerja=hasil, rating_perilaku=perilaku)


def final_evaluation(
    db: Database, staff: Staff, period: ev.PeriodRef = MARCH, changes: ev.EvaluationChanges | None = None
) -> ev.EvaluationDetail:  # fmt: skip
    """Start, rate, share and finalise the member's evaluation as the head."""
    head = Services(db, staff.head_actor)
    detail = head.call(ev.start_evaluation, staff.member.id, period)
    head.call(ev.save_draft, detail.id, changes or rated())
    head.call(ev.share, detail.id)
    return head.call(ev.finalise, detail.id)
