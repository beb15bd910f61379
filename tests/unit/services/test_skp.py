"""SKP services: drafting RHK with indicators, cascading links, the approval life cycle and
who may do what. A refused action leaves the database as it was."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models_outputs import Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import (
    SKP_SUPERVISOR_STEPS,
    SKP_TRANSITIONS,
    Aspect,
    SkpStatus,
    SkpStep,
)
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services import office
from flexdesk.services.outputs import skp
from flexdesk.services.outputs.skp import IndicatorInput, RhkInput
from flexdesk.services.permissions import Role
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.helpers import Staff, add_employee, add_user
from tests.support.outputs import YEAR, add_log, log_input, make_skp, rhk_input


def _status(db: Database, skp_id: str) -> str:
    with db.read_session() as session:
        row = session.get(Skp, skp_id)
        assert row is not None
        return row.status


def _set_status(db: Database, skp_id: str, status: SkpStatus) -> None:
    with db.session() as session:
        row = session.get(Skp, skp_id)
        assert row is not None
        row.status = status.value


def test_employee_drafts_own_skp_with_rhk_and_indicators(db: Database, staff: Staff) -> None:
    detail = make_skp(
        db, staff.member_actor, staff.member.id, "Tersusunnya laporan", "Terlayaninya warga"
    )
    assert detail.status is SkpStatus.DRAFT and detail.editable
    assert detail.period_type is PeriodType.MONTHLY
    assert [r.text for r in detail.rhk] == ["Tersusunnya laporan", "Terlayaninya warga"]
    assert [r.position for r in detail.rhk] == [1, 2]
    first = detail.rhk[0]
    assert [i.aspect for i in first.indicators] == [Aspect.KUANTITAS, Aspect.KUALITAS, Aspect.WAKTU]
    assert first.quantity is not None and first.quantity.target_text == "12 dokumen"
    assert detail.supervisor_name.startswith("Bambang Hermawan")


def test_period_type_defaults_to_the_office_setting(db: Database, staff: Staff) -> None:
    with db.session() as session:
        office.set_setting(session, staff.admin, "evaluation_period", "quarterly")
    with db.session() as session:
        detail = skp.create_skp(session, staff.member_actor, staff.member.id, YEAR)
    assert detail.period_type is PeriodType.QUARTERLY
    with db.session() as session, pytest.raises(ValidationError):
        skp.set_period_type(session, staff.member_actor, detail.id, "annual")


def test_one_skp_per_employee_and_year(db: Database, staff: Staff) -> None:
    make_skp(db, staff.member_actor, staff.member.id)
    with db.session() as session, pytest.raises(ConflictError):
        skp.create_skp(session, staff.member_actor, staff.member.id, YEAR)
    with db.session() as session, pytest.raises(ValidationError):
        skp.create_skp(session, staff.member_actor, staff.member.id, 1890)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (RhkInput("  "), "text"),
        (RhkInput("x" * 2001, indicators=rhk_input().indicators), "text"),
        (RhkInput("Tanpa indikator kuantitas"), "target_kuantitas"),
        (
            RhkInput(
                "Target nol", indicators=(IndicatorInput(Aspect.KUANTITAS, "Jumlah", 0, "dokumen"),)
            ),
            "target_kuantitas",
        ),
        (
            RhkInput(
                "Tanpa satuan", indicators=(IndicatorInput(Aspect.KUANTITAS, "Jumlah", 5, ""),)
            ),
            "target_kuantitas",
        ),
        (
            RhkInput(
                "Aspek ganda",
                indicators=(
                    IndicatorInput(Aspect.KUANTITAS, "Jumlah", 5, "dokumen"),
                    IndicatorInput(Aspect.KUANTITAS, "Jumlah lagi", 5, "dokumen"),
                ),
            ),
            "indicators",
        ),
        (
            RhkInput(
                "Target negatif",
                indicators=(
                    IndicatorInput(Aspect.KUANTITAS, "Jumlah", 5, "dokumen"),
                    IndicatorInput(Aspect.KUALITAS, "Mutu", -1, "%"),
                ),
            ),
            "target_kualitas",
        ),
    ],
)
def test_bad_rhk_is_refused_with_the_field(
    db: Database, staff: Staff, data: RhkInput, field: str
) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id)
    with db.session() as session, pytest.raises(ValidationError) as info:
        skp.add_rhk(session, staff.member_actor, detail.id, data)
    assert info.value.field == field and info.value.message_en != info.value.message
    with db.read_session() as session:
        assert session.scalar(select(func.count(Rhk.id))) == 1


def test_rhk_links_only_to_the_direct_supervisors_rhk_of_the_same_year(
    db: Database, staff: Staff
) -> None:
    boss = make_skp(db, staff.head_actor, staff.head.id, "Meningkatnya layanan unit")
    boss_old = make_skp(db, staff.head_actor, staff.head.id, "Lama", year=YEAR - 1)
    mine = make_skp(db, staff.member_actor, staff.member.id)
    with db.read_session() as session:
        choices = skp.parent_rhk_choices(session, staff.member_actor, staff.member.id, YEAR)
    assert choices == [(boss.rhk[0].id, "Meningkatnya layanan unit")]
    with db.session() as session:
        linked = skp.update_rhk(
            session, staff.member_actor, mine.rhk[0].id, rhk_input(parent=boss.rhk[0].id)
        )
    assert linked.rhk[0].parent_text == "Meningkatnya layanan unit"
    for wrong in (boss_old.rhk[0].id, mine.rhk[0].id, "no-such-id"):
        with db.session() as session, pytest.raises(ValidationError) as info:
            skp.update_rhk(session, staff.member_actor, mine.rhk[0].id, rhk_input(parent=wrong))
        assert info.value.field == "parent"


def test_update_rhk_replaces_indicators_in_place(db: Database, staff: Staff) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id)
    before = {i.aspect: i.id for i in detail.rhk[0].indicators}
    data = RhkInput(
        "Tersusunnya laporan layanan",
        indicators=(IndicatorInput(Aspect.KUANTITAS, "Jumlah laporan", 24, "laporan"),),
    )
    with db.session() as session:
        after = skp.update_rhk(session, staff.member_actor, detail.rhk[0].id, data)
    (only,) = after.rhk[0].indicators
    assert only.id == before[Aspect.KUANTITAS] and only.target_text == "24 laporan"
    with db.read_session() as session:
        assert session.scalar(select(func.count(RhkIndicator.id))) == 1


def test_move_rhk(db: Database, staff: Staff) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id, "A", "B", "C")
    with db.session() as session:
        moved = skp.move_rhk(session, staff.member_actor, detail.rhk[2].id, -1)
    assert [r.text for r in moved.rhk] == ["A", "C", "B"]


# -- life cycle ---------------------------------------------------------------------------------

_ALL_PAIRS = list(itertools.product(SkpStatus, SkpStep))


@pytest.mark.parametrize(("start", "step"), _ALL_PAIRS)
def test_every_skp_transition(db: Database, staff: Staff, start: SkpStatus, step: SkpStep) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id)
    _set_status(db, detail.id, start)
    actor = staff.head_actor if step in SKP_SUPERVISOR_STEPS else staff.member_actor
    fn = {
        SkpStep.SUBMIT: lambda s: skp.submit_skp(s, actor, detail.id),
        SkpStep.WITHDRAW: lambda s: skp.withdraw_skp(s, actor, detail.id),
        SkpStep.APPROVE: lambda s: skp.approve_skp(s, actor, detail.id),
        SkpStep.RETURN: lambda s: skp.return_skp(s, actor, detail.id, "Target terlalu rendah."),
        SkpStep.REOPEN: lambda s: skp.reopen_skp(s, actor, detail.id, "Revisi pertengahan tahun."),
    }[step]
    expected = SKP_TRANSITIONS.get((start, step))
    if expected is None:
        with db.session() as session, pytest.raises(ConflictError):
            fn(session)
        assert _status(db, detail.id) == start.value
    else:
        with db.session() as session:
            after = fn(session)
        assert after.status is expected
        assert after.editable == (expected is SkpStatus.DRAFT)
        if step is SkpStep.APPROVE:
            assert after.approver_name.startswith("Bambang") and after.approved_at is not None
        if step in (SkpStep.RETURN, SkpStep.REOPEN):
            assert after.review_note and after.approved_at is None


def test_approved_skp_cannot_be_edited_until_reopened(db: Database, staff: Staff) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id)
    with db.session() as session:
        skp.submit_skp(session, staff.member_actor, detail.id)
    with db.session() as session:
        skp.approve_skp(session, staff.head_actor, detail.id)
    for attempt in (
        lambda s: skp.add_rhk(s, staff.member_actor, detail.id, rhk_input("Baru")),
        lambda s: skp.update_rhk(s, staff.member_actor, detail.rhk[0].id, rhk_input("Ubah")),
        lambda s: skp.delete_rhk(s, staff.member_actor, detail.rhk[0].id),
        lambda s: skp.set_period_type(s, staff.member_actor, detail.id, "quarterly"),
    ):
        with db.session() as session, pytest.raises(ConflictError):
            attempt(session)
    with db.session() as session:
        reopened = skp.reopen_skp(session, staff.head_actor, detail.id, "Revisi target")
    assert reopened.status is SkpStatus.DRAFT and reopened.review_note == "Revisi target"
    with db.session() as session:
        skp.add_rhk(session, staff.member_actor, detail.id, rhk_input("Baru"))


def test_return_needs_a_note_and_empty_skp_cannot_be_submitted(db: Database, staff: Staff) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id)
    with db.session() as session:
        skp.submit_skp(session, staff.member_actor, detail.id)
    with db.session() as session, pytest.raises(ValidationError) as info:
        skp.return_skp(session, staff.head_actor, detail.id, "   ")
    assert info.value.field == "note"
    assert _status(db, detail.id) == "submitted"
    with db.session() as session:
        empty = skp.create_skp(session, staff.member_actor, staff.member.id, YEAR + 1)
    with db.session() as session, pytest.raises(ValidationError):
        skp.submit_skp(session, staff.member_actor, empty.id)


# -- permissions --------------------------------------------------------------------------------


def test_only_own_skp_is_written_admin_acts_on_behalf(db: Database, staff: Staff) -> None:
    with db.session() as session, pytest.raises(PermissionDenied):
        skp.create_skp(session, staff.member_actor, staff.colleague.id, YEAR)
    with db.session() as session, pytest.raises(PermissionDenied):
        skp.create_skp(session, staff.head_actor, staff.member.id, YEAR)
    with db.session() as session:
        detail = skp.create_skp(session, staff.admin, staff.colleague.id, YEAR)
    with db.session() as session, pytest.raises(PermissionDenied):
        skp.add_rhk(session, staff.member_actor, detail.id, rhk_input())


def test_only_the_direct_supervisor_or_admin_approves(db: Database, staff: Staff) -> None:
    mine = make_skp(db, staff.member_actor, staff.member.id)
    head_skp = make_skp(db, staff.head_actor, staff.head.id)
    other_head = add_employee(db, staff.admin, "Rudi Santoso", unit_id=staff.other_unit.id)
    other_actor = add_user(db, username="rudi", role=Role.SUPERVISOR, employee_id=other_head.id)
    for actor, skp_id in (
        (staff.member_actor, mine.id),  # the employee role may not approve at all
        (staff.head_actor, head_skp.id),  # not one's own
        (other_actor, mine.id),  # not someone else's staff
    ):
        with db.session() as session, pytest.raises(PermissionDenied):
            skp.approve_skp(session, actor, skp_id)
    with db.session() as session:
        approved = skp.approve_skp(session, staff.admin, mine.id)
    assert approved.status is SkpStatus.APPROVED
    with db.read_session() as session:
        row = session.get(Skp, mine.id)
        assert row is not None
        assert (row.approved_by_user_id, row.approver_employee_id) == (
            staff.admin.user_id,
            staff.head.id,
        )


def test_visibility(db: Database, staff: Staff) -> None:
    make_skp(db, staff.admin, staff.colleague.id)
    with db.read_session() as session:
        with pytest.raises(PermissionDenied):
            skp.get_skp(session, staff.member_actor, staff.colleague.id, YEAR)
        assert skp.get_skp(session, staff.head_actor, staff.colleague.id, YEAR) is not None
        assert skp.get_skp(session, staff.member_actor, staff.member.id, YEAR) is None
        overview = skp.skp_overview(session, staff.head_actor, YEAR)
        assert {o.employee_name.split(",")[0] for o in overview} == {
            "Bambang Hermawan", "Dewi Lestari", "Agus Saputra",
        }  # fmt: skip
        assert [o.employee_name for o in skp.skp_overview(session, staff.member_actor, YEAR)] == [
            "Dewi Lestari"
        ]
        with pytest.raises(NotFound):
            skp.get_skp_by_id(session, staff.admin, "missing")


# -- deleting RHK, copying a year ----------------------------------------------------------------


def test_rhk_with_logs_cannot_be_deleted(db: Database, staff: Staff, data_paths: DataPaths) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id, "Dipakai", "Kosong")
    store = AttachmentStore(data_paths.attachments)
    add_log(db, staff.member_actor, store, log_input(staff.member.id, detail.rhk[0].id))
    with db.session() as session, pytest.raises(ConflictError) as info:
        skp.delete_rhk(session, staff.member_actor, detail.rhk[0].id)
    assert "1 entri log" in info.value.message and "1 output log" in info.value.message_en
    with db.session() as session:
        after = skp.delete_rhk(session, staff.member_actor, detail.rhk[1].id)
    assert [r.text for r in after.rhk] == ["Dipakai"] and after.rhk[0].log_count == 1
    with db.read_session() as session:
        assert session.scalar(select(func.count(RhkIndicator.id))) == 3


def test_rhk_a_staff_rhk_derives_from_cannot_be_deleted(db: Database, staff: Staff) -> None:
    boss = make_skp(db, staff.head_actor, staff.head.id)
    make_skp(db, staff.member_actor, staff.member.id, parents=(boss.rhk[0].id,))
    with db.session() as session, pytest.raises(ConflictError):
        skp.delete_rhk(session, staff.head_actor, boss.rhk[0].id)


def test_copy_last_year(db: Database, staff: Staff) -> None:
    boss_old = make_skp(
        db, staff.head_actor, staff.head.id, "Layanan prima", "Arsip tertib", year=2025
    )
    make_skp(db, staff.member_actor, staff.member.id, "Laporan", "Surat", year=2025,
             parents=(boss_old.rhk[0].id, boss_old.rhk[1].id))  # fmt: skip
    boss_new = make_skp(db, staff.head_actor, staff.head.id, "Layanan prima", year=2026)
    with db.session() as session:
        result = skp.copy_previous_skp(session, staff.member_actor, staff.member.id, 2026)
    assert (result.copied, result.links_kept, result.links_dropped, result.source_year) == (
        2,
        1,
        1,
        2025,
    )
    new = result.skp
    assert new.year == 2026 and new.status is SkpStatus.DRAFT
    assert [r.text for r in new.rhk] == ["Laporan", "Surat"]
    assert new.rhk[0].parent_rhk_id == boss_new.rhk[0].id and new.rhk[1].parent_rhk_id is None
    assert [i.target_text for i in new.rhk[0].indicators] == ["12 dokumen", "100 %", "12 bulan"]
    with db.session() as session, pytest.raises(ConflictError):
        skp.copy_previous_skp(session, staff.member_actor, staff.member.id, 2026)
    with db.session() as session, pytest.raises(NotFound):
        skp.copy_previous_skp(session, staff.member_actor, staff.member.id, 2025)
    with db.session() as session, pytest.raises(PermissionDenied):
        skp.copy_previous_skp(session, staff.head_actor, staff.member.id, 2027)


def test_copy_fills_an_existing_empty_draft(db: Database, staff: Staff) -> None:
    make_skp(db, staff.member_actor, staff.member.id, year=2025)
    with db.session() as session:
        empty = skp.create_skp(session, staff.member_actor, staff.member.id, 2026)
    with db.session() as session:
        result = skp.copy_previous_skp(session, staff.member_actor, staff.member.id, 2026)
    assert result.skp.id == empty.id and len(result.skp.rhk) == 1
    assert date(2026, 1, 1).year == result.skp.year
