"""The output log reads the approved schedule: it pre-fills the mode, flags a different one,
refuses a leave day; a draft schedule does neither. Recaps use the office's calendar."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from flexdesk.db.engine import Database
from flexdesk.domain.calendar import HolidayKind, HolidayRow
from flexdesk.domain.outputs import PlannedDay, SignalKind, WorkMode
from flexdesk.errors import ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import recap
from flexdesk.services.schedule import calendar as schedule_calendar
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.helpers import Staff
from tests.support.outputs import add_log, log_input, make_skp

MON = date(2026, 3, 2)
NOV_TODAY = date(2026, 3, 31)


def _schedule(db: Database, staff: Staff, *, approve: bool) -> None:
    member = Services(db, staff.member_actor)
    member.call(
        schedule.set_entries,
        2026,
        3,
        [
            CellChange(staff.member.id, MON, "H"),
            CellChange(staff.member.id, MON + timedelta(days=1), "A", location="Balai Desa"),
            CellChange(staff.member.id, MON + timedelta(days=2), "C", leave_kind="tahunan"),
            CellChange(staff.member.id, MON + timedelta(days=3), "S"),
        ],
    )
    if approve:
        member.call(schedule_periods.submit_period, staff.member.id, 2026, 3)
        Services(db, staff.head_actor).call(
            schedule_periods.approve_period, staff.member.id, 2026, 3
        )


def test_approved_schedule_prefills_flags_and_refuses_leave(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    _schedule(db, staff, approve=True)
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    store = AttachmentStore(data_paths.attachments)
    with db.read_session() as session:
        plan = [
            outputs.planned_day(session, staff.member_actor, staff.member.id, MON + timedelta(i))
            for i in range(5)
        ]
    assert plan == [
        PlannedDay(WorkMode.WFH),
        PlannedDay(WorkMode.WFA, "Balai Desa"),
        PlannedDay(leave="Cuti tahunan"),
        PlannedDay(leave="Sakit"),
        None,
    ]
    row = add_log(db, staff.member_actor, store, log_input(staff.member.id, rhk, day=MON))
    assert (row.planned_mode, row.mode_mismatch) == (WorkMode.WFH, True)
    for offset, words in ((2, "Cuti tahunan"), (3, "Sakit")):
        with pytest.raises(ValidationError) as info:
            add_log(db, staff.member_actor, store,
                    log_input(staff.member.id, rhk, day=MON + timedelta(days=offset)))  # fmt: skip
        assert info.value.field == "day" and words in info.value.message


def test_a_draft_schedule_neither_prefills_nor_blocks(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    _schedule(db, staff, approve=False)
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    with db.read_session() as session:
        assert outputs.planned_day(session, staff.member_actor, staff.member.id, MON) is None
    store = AttachmentStore(data_paths.attachments)
    row = add_log(db, staff.member_actor, store,
                  log_input(staff.member.id, rhk, day=MON + timedelta(days=2)))  # fmt: skip
    assert row.planned_mode is None and not row.mode_mismatch


def test_recap_uses_the_office_calendar(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    """A local holiday the admin added is a rest day worked, and not a working day."""
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    Services(db, staff.admin).call(
        schedule_calendar.add_holiday,
        HolidayRow(MON, "Hari Jadi Kabupaten Kuningan", HolidayKind.LOCAL),
    )
    add_log(db, staff.member_actor, AttachmentStore(data_paths.attachments),
            log_input(staff.member.id, rhk, day=MON))  # fmt: skip
    with db.read_session() as session:
        rc = recap.recap(session, staff.member_actor, staff.member.id, 2026, 3, today=NOV_TODAY)
    (sig,) = rc.signals
    assert sig.kind is SignalKind.NON_WORKING_DAY and "Hari Jadi Kabupaten Kuningan" in sig.message
