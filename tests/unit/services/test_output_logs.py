"""Output-log services: entries, every review transition, who may do what, filters, and bad
input refused with the field named and nothing saved."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.engine import Database
from flexdesk.db.models_outputs import OutputEvidence, OutputLog
from flexdesk.domain.outputs import (
    LOG_SUPERVISOR_STEPS,
    LOG_TRANSITIONS,
    LogStatus,
    LogStep,
    PlannedDay,
    WorkMode,
)
from flexdesk.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs.logs import LogFilter, LogRow
from flexdesk.services.outputs.skp import SkpDetail
from flexdesk.services.permissions import Actor, Role
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.evidence import OfficeStore
from tests.support.helpers import Staff, add_employee, add_user
from tests.support.outputs import DAY, TODAY, add_log, log_input, make_skp, planned, write_file


@dataclass
class Office:
    staff: Staff
    store: AttachmentStore
    skp: SkpDetail
    colleague_skp: SkpDetail
    files: Path

    @property
    def rhk(self) -> str:
        return self.skp.rhk[0].id


@pytest.fixture
def office(db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path) -> Office:
    mine = make_skp(db, staff.member_actor, staff.member.id, "Laporan", "Surat")
    theirs = make_skp(db, staff.admin, staff.colleague.id, "Arsip")
    return Office(staff, AttachmentStore(data_paths.attachments), mine, theirs, tmp_path / "in")


def _counts(db: Database) -> tuple[int, int]:
    with db.read_session() as session:
        return (
            int(session.scalar(select(func.count(OutputLog.id))) or 0),
            int(session.scalar(select(func.count(OutputEvidence.id))) or 0),
        )


def _status(db: Database, log_id: str) -> str:
    with db.read_session() as session:
        log = session.get(OutputLog, log_id)
        assert log is not None
        return log.status


def _set_status(db: Database, log_id: str, status: LogStatus) -> None:
    with db.session() as session:
        log = session.get(OutputLog, log_id)
        assert log is not None
        log.status = status.value


def _call(
    db: Database, fn: Callable[..., object], actor: Actor, *args: object, **kw: object
) -> object:
    with db.session() as session:
        return fn(session, actor, *args, **kw)


def test_employee_logs_an_output_with_a_file_and_a_link(db: Database, office: Office) -> None:
    staff = office.staff
    pdf = write_file(office.files, "Notulen rapat.pdf")
    row = add_log(
        db, staff.member_actor, office.store,
        log_input(staff.member.id, office.rhk, add_files=(pdf,), add_links=("https://contoh.go.id/a",)),
    )  # fmt: skip
    assert row.status is LogStatus.DRAFT and row.editable
    assert (row.minutes, row.quantity, row.unit, row.rhk_text) == (150, 2.0, "dokumen", "Laporan")
    assert row.employee_name == "Dewi Lestari" and row.unit_name == "Seksi Pelayanan Umum"
    assert row.evidence_count == 2 and not row.mode_mismatch and row.planned_mode is None
    files = [e for e in row.evidence if e.kind == "file"]
    assert files[0].name == "Notulen rapat.pdf" and files[0].media_type == "application/pdf"
    assert OfficeStore(db, office.store).read_bytes(files[0].sha256 or "") == pdf.read_bytes()
    with db.read_session() as session:
        saved = session.get(OutputLog, row.id)
        assert saved is not None and saved.created_by_user_id == staff.member_actor.user_id


def test_admin_logs_on_behalf_employee_not_for_others(db: Database, office: Office) -> None:
    staff = office.staff
    data = log_input(staff.colleague.id, office.colleague_skp.rhk[0].id)
    with pytest.raises(PermissionDenied):
        add_log(db, staff.member_actor, office.store, data)
    with pytest.raises(PermissionDenied):
        add_log(db, staff.head_actor, office.store, data)
    row = add_log(db, staff.admin, office.store, data)
    with db.read_session() as session:
        saved = session.get(OutputLog, row.id)
        assert saved is not None and saved.created_by_user_id == staff.admin.user_id


def test_planned_mode_prefills_and_a_mismatch_is_flagged_not_refused(
    db: Database, office: Office
) -> None:
    staff = office.staff
    plan = {DAY: PlannedDay(WorkMode.WFH, "")}
    with planned(plan), db.read_session() as session:
        assert outputs.planned_day(session, staff.member_actor, staff.member.id, DAY) == plan[DAY]
    with planned(plan):
        same = add_log(db, staff.member_actor, office.store,
                       log_input(staff.member.id, office.rhk, work_mode=WorkMode.WFH))  # fmt: skip
        other = add_log(
            db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk)
        )
    assert (same.planned_mode, same.mode_mismatch) == (WorkMode.WFH, False)
    assert (other.planned_mode, other.mode_mismatch) == (WorkMode.WFH, True)


def _bad_inputs(staff: Staff, office: Office) -> list[tuple[dict[str, object], str]]:
    return [
        ({"day": TODAY + timedelta(days=1)}, "day"),
        ({"activity": "   "}, "activity"),
        ({"activity": "x" * 2001}, "activity"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": -3}, "quantity"),
        ({"unit": " "}, "unit"),
        ({"start_time": time(10), "end_time": time(10)}, "end_time"),
        ({"start_time": time(22), "end_time": time(1)}, "end_time"),
        ({"work_mode": WorkMode.WFA, "location": " "}, "location"),
        ({"rhk_id": office.colleague_skp.rhk[0].id}, "rhk"),
        ({"rhk_id": "missing"}, "rhk"),
        ({"day": date(2025, 12, 30)}, "rhk"),  # the 2025 SKP does not exist
        ({"add_links": ("javascript:alert(1)",)}, "evidence"),
        ({"add_links": ("ftp://contoh.go.id/x",)}, "evidence"),
    ]


def test_bad_input_is_refused_with_the_field_and_nothing_saved(
    db: Database, office: Office
) -> None:
    staff = office.staff
    for changes, field in _bad_inputs(staff, office):
        with pytest.raises(ValidationError) as info:
            data = replace(log_input(staff.member.id, office.rhk), **changes)  # type: ignore[arg-type]
            add_log(db, staff.member_actor, office.store, data)
        assert info.value.field == field, changes
        assert info.value.message and info.value.message_en != info.value.message
    assert _counts(db) == (0, 0)


def test_no_logging_on_a_leave_day(db: Database, office: Office) -> None:
    staff = office.staff
    with planned({DAY: PlannedDay(leave="Cuti tahunan")}), pytest.raises(ValidationError) as info:
        add_log(db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk))
    assert info.value.field == "day" and "Cuti tahunan" in info.value.message
    assert _counts(db) == (0, 0)


def test_wfa_keeps_the_location(db: Database, office: Office) -> None:
    row = add_log(db, office.staff.member_actor, office.store,
                  log_input(office.staff.member.id, office.rhk, work_mode=WorkMode.WFA,
                            location="  Balai   Desa Cipari "))  # fmt: skip
    assert (row.work_mode, row.location) == (WorkMode.WFA, "Balai Desa Cipari")


# -- transitions --------------------------------------------------------------------------------


def _step_fn(step: LogStep, actor: Actor, log_id: str) -> Callable[[Session], object]:
    return {
        LogStep.SUBMIT: lambda s: outputs.submit_logs(s, actor, [log_id]),
        LogStep.WITHDRAW: lambda s: outputs.withdraw_log(s, actor, log_id),
        LogStep.ACCEPT: lambda s: outputs.accept_logs(s, actor, [log_id]),
        LogStep.RETURN: lambda s: outputs.return_log(s, actor, log_id, "Lampirkan daftar hadir."),
    }[step]


@pytest.mark.parametrize(("start", "step"), list(itertools.product(LogStatus, LogStep)))
def test_every_log_transition(
    db: Database, office: Office, start: LogStatus, step: LogStep
) -> None:
    staff = office.staff
    row = add_log(db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk))
    _set_status(db, row.id, start)
    actor = staff.head_actor if step in LOG_SUPERVISOR_STEPS else staff.member_actor
    expected = LOG_TRANSITIONS.get((start, step))
    if expected is None:
        with db.session() as session, pytest.raises(ConflictError):
            _step_fn(step, actor, row.id)(session)
        assert _status(db, row.id) == start.value
        return
    with db.session() as session:
        _step_fn(step, actor, row.id)(session)
    with db.read_session() as session:
        after = outputs.get_log(session, staff.member_actor, row.id)
        saved = session.get(OutputLog, row.id)
        assert after.status is expected and saved is not None
        assert after.editable == (expected in (LogStatus.DRAFT, LogStatus.RETURNED))
        if step is LogStep.RETURN:
            assert after.review_note == "Lampirkan daftar hadir."
        if step in LOG_SUPERVISOR_STEPS:
            assert saved.reviewed_by_user_id == staff.head_actor.user_id and saved.reviewed_at
        if step is LogStep.SUBMIT:
            assert saved.submitted_at is not None


def test_returned_entry_round_trip(db: Database, office: Office) -> None:
    staff = office.staff
    row = add_log(db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk))
    _call(db, outputs.submit_logs, staff.member_actor, [row.id])
    with pytest.raises(ValidationError) as info:
        _call(db, outputs.return_log, staff.head_actor, row.id, "  ")
    assert info.value.field == "note"
    _call(db, outputs.return_log, staff.head_actor, row.id, "Jumlahnya 3, bukan 2.")
    with db.session() as session:
        fixed = outputs.update_log(session, staff.member_actor, row.id,
                                   log_input(staff.member.id, office.rhk, quantity=3),
                                   store=office.store, today=TODAY)  # fmt: skip
    assert fixed.status is LogStatus.RETURNED and fixed.review_note == "Jumlahnya 3, bukan 2."
    _call(db, outputs.submit_logs, staff.member_actor, [row.id])
    (accepted,) = _call(db, outputs.accept_logs, staff.head_actor, [row.id])  # type: ignore[misc]
    assert accepted.status is LogStatus.ACCEPTED and accepted.quantity == 3
    assert accepted.review_note == ""


def test_locked_and_submitted_entries_cannot_change(db: Database, office: Office) -> None:
    staff = office.staff
    row = add_log(db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk))
    _call(db, outputs.submit_logs, staff.member_actor, [row.id])
    for status, words in ((LogStatus.SUBMITTED, "tarik kembali"), (LogStatus.ACCEPTED, "terkunci")):
        _set_status(db, row.id, status)
        for actor in (staff.member_actor, staff.admin):
            with db.session() as session, pytest.raises(ConflictError) as info:
                outputs.update_log(session, actor, row.id, log_input(staff.member.id, office.rhk, quantity=9),
                                   store=office.store, today=TODAY)  # fmt: skip
            assert words in info.value.message
            with db.session() as session, pytest.raises(ConflictError):
                outputs.delete_log(session, actor, row.id)
    with db.read_session() as session:
        assert outputs.get_log(session, staff.member_actor, row.id).quantity == 2


def test_submit_is_all_or_nothing(db: Database, office: Office) -> None:
    staff = office.staff
    a = add_log(db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk))
    b = add_log(db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk))
    _set_status(db, b.id, LogStatus.ACCEPTED)
    with pytest.raises(ConflictError):
        _call(db, outputs.submit_logs, staff.member_actor, [a.id, b.id])
    assert _status(db, a.id) == "draft"
    with pytest.raises(ValidationError):
        _call(db, outputs.submit_logs, staff.member_actor, [])


def test_review_permissions(db: Database, office: Office) -> None:
    staff = office.staff
    head_skp = make_skp(db, staff.head_actor, staff.head.id, "Koordinasi")
    own = add_log(db, staff.head_actor, office.store, log_input(staff.head.id, head_skp.rhk[0].id))
    theirs = add_log(db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk))
    _call(db, outputs.submit_logs, staff.head_actor, [own.id])
    _call(db, outputs.submit_logs, staff.member_actor, [theirs.id])
    stranger = add_employee(db, staff.admin, "Rudi Santoso", unit_id=staff.other_unit.id)
    stranger_actor = add_user(db, username="rudi", role=Role.SUPERVISOR, employee_id=stranger.id)
    for actor, log_id in (
        (staff.member_actor, theirs.id),  # the employee role cannot review
        (staff.head_actor, own.id),  # nobody reviews themself
        (stranger_actor, theirs.id),  # only the direct supervisor
    ):
        with pytest.raises(PermissionDenied):
            _call(db, outputs.accept_logs, actor, [log_id])
        with pytest.raises(PermissionDenied):
            _call(db, outputs.return_log, actor, log_id, "catatan")
    # a supervisor may not take back or submit their staff's entries either
    with pytest.raises(PermissionDenied):
        _call(db, outputs.withdraw_log, staff.head_actor, theirs.id)
    _call(db, outputs.accept_logs, staff.admin, [own.id])  # the admin on behalf
    with db.read_session() as session:
        queue = outputs.review_queue(session, staff.head_actor)
        assert [r.id for r in queue] == [theirs.id]
        assert {r.id for r in outputs.review_queue(session, staff.admin)} == {theirs.id}
        with pytest.raises(PermissionDenied):
            outputs.review_queue(session, staff.member_actor)


def test_delete_draft_keeps_the_file_for_orphan_clean_up(db: Database, office: Office) -> None:
    staff = office.staff
    pdf = write_file(office.files, "a.pdf")
    row = add_log(db, staff.member_actor, office.store,
                  log_input(staff.member.id, office.rhk, add_files=(pdf,)))  # fmt: skip
    digest = row.evidence[0].sha256 or ""
    _call(db, outputs.delete_log, staff.member_actor, row.id)
    assert _counts(db) == (0, 0)
    assert OfficeStore(db, office.store).exists(digest)
    with db.read_session() as session, pytest.raises(NotFound):
        outputs.get_log(session, staff.member_actor, row.id)


def test_update_adds_and_removes_evidence(db: Database, office: Office) -> None:
    staff = office.staff
    a = write_file(office.files, "a.pdf")
    b = write_file(office.files, "b.pdf", b"%PDF-1.7 another file")
    row = add_log(db, staff.member_actor, office.store,
                  log_input(staff.member.id, office.rhk, add_files=(a,)))  # fmt: skip
    data = log_input(staff.member.id, office.rhk, add_files=(b,),
                     remove_evidence_ids=(row.evidence[0].id,))  # fmt: skip
    with db.session() as session:
        after = outputs.update_log(
            session, staff.member_actor, row.id, data, store=office.store, today=TODAY
        )
    assert [e.name for e in after.evidence] == ["b.pdf"]
    with db.session() as session, pytest.raises(ValidationError):
        outputs.update_log(session, staff.member_actor, row.id,
                           log_input(staff.colleague.id, office.rhk), store=office.store, today=TODAY)  # fmt: skip


# -- reading: visibility and filters ------------------------------------------------------------


def _ids(db: Database, actor: Actor, flt: LogFilter | None = None) -> set[str]:
    flt = flt or LogFilter()
    with db.read_session() as session:
        rows = outputs.list_logs(session, actor, flt)
        assert outputs.count_logs(session, actor, flt) == len(rows)
        return {r.id for r in rows}


def test_visibility_and_filters(db: Database, office: Office) -> None:
    staff = office.staff
    mine = add_log(db, staff.member_actor, office.store, log_input(staff.member.id, office.rhk))
    second = add_log(db, staff.member_actor, office.store,
                     log_input(staff.member.id, office.skp.rhk[1].id, day=DAY + timedelta(days=1),
                               activity="Mengagendakan surat 100% masuk"))  # fmt: skip
    theirs = add_log(db, staff.admin, office.store,
                     log_input(staff.colleague.id, office.colleague_skp.rhk[0].id))  # fmt: skip
    assert _ids(db, staff.member_actor) == {mine.id, second.id}
    assert _ids(db, staff.head_actor) == {mine.id, second.id, theirs.id}
    assert _ids(db, staff.admin) == {mine.id, second.id, theirs.id}
    with db.read_session() as session, pytest.raises(PermissionDenied):
        outputs.get_log(session, staff.member_actor, theirs.id)
    admin = staff.admin
    assert _ids(db, admin, LogFilter(employee_id=staff.colleague.id)) == {theirs.id}
    assert _ids(db, admin, LogFilter(unit_id=staff.unit.id)) == {mine.id, second.id, theirs.id}
    assert _ids(db, admin, LogFilter(unit_id=staff.other_unit.id)) == set()
    assert _ids(db, admin, LogFilter(date_from=DAY + timedelta(days=1))) == {second.id}
    assert _ids(db, admin, LogFilter(date_to=DAY)) == {mine.id, theirs.id}
    assert _ids(db, admin, LogFilter(rhk_id=office.skp.rhk[1].id)) == {second.id}
    assert _ids(db, admin, LogFilter(status=LogStatus.DRAFT)) == {mine.id, second.id, theirs.id}
    assert _ids(db, admin, LogFilter(status=LogStatus.ACCEPTED)) == set()
    assert _ids(db, admin, LogFilter(text="SURAT")) == {second.id}
    assert _ids(db, admin, LogFilter(text="agus")) == {theirs.id}  # the employee's name
    assert _ids(db, admin, LogFilter(text="100%")) == {second.id}
    assert _ids(db, admin, LogFilter(text="%")) == {second.id}  # a literal %, not a wildcard
    with db.read_session() as session:
        newest_first = [
            r.id for r in outputs.list_logs(session, admin, LogFilter(employee_id=staff.member.id))
        ]
        page = outputs.list_logs(session, admin, LogFilter(), offset=1, limit=1)
    assert newest_first == [second.id, mine.id] and len(page) == 1


def test_rhk_choices(db: Database, office: Office) -> None:
    with db.read_session() as session:
        choices = outputs.rhk_choices(
            session, office.staff.member_actor, office.staff.member.id, 2026
        )
        assert [(c.text, c.unit) for c in choices] == [("Laporan", "dokumen"), ("Surat", "dokumen")]
        assert (
            outputs.rhk_choices(session, office.staff.member_actor, office.staff.member.id, 2025)
            == []
        )


def test_row_helpers(db: Database, office: Office) -> None:
    row: LogRow = add_log(db, office.staff.member_actor, office.store,
                          log_input(office.staff.member.id, office.rhk))  # fmt: skip
    again = row.to_input()
    assert (again.day, again.quantity, again.work_mode) == (DAY, 2.0, WorkMode.WFO)
