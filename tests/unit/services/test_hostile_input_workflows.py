"""Property tests of the validation boundary (issue 18, item 1), continued: the evaluation
and schedule services (test_hostile_input.py has the invariant and the other services).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from flexdesk.db.engine import Database
from flexdesk.db.models_evaluation import Evaluation, EvaluationBehaviour
from flexdesk.db.models_schedule import (
    CalendarHoliday,
    EmployeeFlexSetting,
    FlexPolicyVersion,
    ScheduleEntryRow,
    SchedulePeriodEvent,
)
from flexdesk.domain.holiday_list import HolidayKind, HolidayRow
from flexdesk.domain.performance import OrganisationResult, Rating
from flexdesk.domain.schedule import DayCode, FlexPolicy
from flexdesk.services.evaluation import service as ev
from flexdesk.services.schedule import calendar as schedule_calendar
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule import service as schedule
from tests.support.evaluation import MARCH, approved_skp
from tests.support.helpers import Staff
from tests.support.hostile import (
    HOSTILE,
    REFUSED,
    attempt,
    check_stored,
    hostile_enum_value,
    hostile_number,
    hostile_text,
    line,
    report_tried,
    storable,
    tried,
)

# -- evaluations ----------------------------------------------------------------------------


@pytest.fixture
def shared_evaluation(db: Database, staff: Staff) -> str:
    approved_skp(db, staff)
    with db.session() as s:
        detail = ev.start_evaluation(s, staff.head_actor, staff.member.id, MARCH)
        ev.share(s, staff.head_actor, detail.id)
    return detail.id


@HOSTILE
@given(
    field=st.sampled_from(["catatan", "rhk", "behaviour", "expectation", "reason"]),
    value=hostile_text(),
    realisasi=hostile_number() | st.none(),
)
def test_save_draft_texts(
    *, db: Database, staff: Staff, shared_evaluation: str, field: str, value: str, realisasi: object
) -> None:
    tried(__name__, 2)
    with db.read_session() as s:
        detail = ev.get_evaluation(s, staff.head_actor, shared_evaluation)
        code = s.scalars(select(EvaluationBehaviour.code)).first()
    assert code is not None
    ind = detail.rhk[0].indicators[0]
    changes = {
        "catatan": ev.EvaluationChanges(catatan=value),
        "rhk": ev.EvaluationChanges(rhk_feedback=(ev.RhkFeedbackChange(detail.rhk[0].rhk_id, value),)),
        "behaviour": ev.EvaluationChanges(behaviours=(ev.BehaviourChange(code, value),)),
        "expectation": ev.EvaluationChanges(behaviours=(ev.BehaviourChange(code, "", value),)),
        "reason": ev.EvaluationChanges(
            indicators=(ev.IndicatorChange(ind.indicator_id, realisasi, value),)  # type: ignore[arg-type]
        ),
    }[field]  # fmt: skip
    done = attempt(db, lambda s: ev.save_draft(s, staff.head_actor, shared_evaluation, changes))
    if done is REFUSED:
        return
    with db.read_session() as s:
        row = s.get(Evaluation, shared_evaluation)
        behaviour = s.scalar(select(EvaluationBehaviour).where(EvaluationBehaviour.code == code))
        after = ev.get_evaluation(s, staff.head_actor, shared_evaluation)
        assert row is not None and behaviour is not None
        stored = {
            "catatan": row.catatan,
            "rhk": after.rhk[0].umpan_balik,
            "behaviour": behaviour.umpan_balik,
            "expectation": behaviour.ekspektasi_khusus,
        }
    if field == "reason":
        if realisasi is not None:
            assert after.rhk[0].indicators[0].realisasi == realisasi
        return
    got = stored[field]
    check_stored(got, value.strip(), value)


@HOSTILE
@given(
    hasil=hostile_enum_value(tuple(Rating)),
    perilaku=hostile_enum_value(tuple(Rating)),
    org=hostile_enum_value(tuple(OrganisationResult)),
)
def test_save_draft_enums(
    *, db: Database, staff: Staff, shared_evaluation: str, hasil: object, perilaku: object,
    org: object,
) -> None:  # fmt: skip
    tried(__name__, 3)
    changes = ev.EvaluationChanges(
        rating_hasil_kerja=hasil,  # type: ignore[arg-type]
        rating_perilaku=perilaku,  # type: ignore[arg-type]
        capaian_organisasi=org,  # type: ignore[arg-type]
    )
    done = attempt(db, lambda s: ev.save_draft(s, staff.head_actor, shared_evaluation, changes))
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.get(Evaluation, shared_evaluation)
            assert row is not None
            assert row.rating_hasil_kerja in (None, *(r.value for r in Rating))
            assert row.capaian_organisasi in ("", *(o.value for o in OrganisationResult))


@HOSTILE
@given(text=hostile_text())
def test_comment(db: Database, staff: Staff, shared_evaluation: str, text: str) -> None:
    tried(__name__)
    done = attempt(db, lambda s: ev.comment(s, staff.member_actor, shared_evaluation, text))
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.get(Evaluation, shared_evaluation)
            assert row is not None
            check_stored(row.employee_comment, text.strip(), text)


# -- schedule -------------------------------------------------------------------------------

MON = date(2026, 11, 2)


@HOSTILE
@given(location=hostile_text(), code=st.sampled_from(["A", "D"]))
def test_set_entries_location(db: Database, staff: Staff, location: str, code: str) -> None:
    tried(__name__)
    change = schedule.CellChange(staff.member.id, MON, code, location)
    done = attempt(db, lambda s: schedule.set_entries(s, staff.admin, 2026, 11, [change]))
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.scalar(select(ScheduleEntryRow).where(ScheduleEntryRow.day == MON))
            assert row is not None
            check_stored(row.location, line(location), location)


@HOSTILE
@given(code=hostile_enum_value(("O", "H", "w", DayCode.WFA)), hours=hostile_number() | st.none())
def test_set_entries_code_and_hours(
    *, db: Database, staff: Staff, code: object, hours: object
) -> None:
    tried(__name__, 2)
    change = schedule.CellChange(staff.member.id, MON, code, "", None, hours)  # type: ignore[arg-type]
    done = attempt(db, lambda s: schedule.set_entries(s, staff.admin, 2026, 11, [change]))
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.scalar(select(ScheduleEntryRow).where(ScheduleEntryRow.day == MON))
            if row is not None:
                assert row.hours == hours and row.code in "OHA"


@pytest.fixture
def planned_month(db: Database, staff: Staff) -> None:
    days = [MON + timedelta(days=i) for i in range(5)]
    with db.session() as s:
        schedule.set_entries(s, staff.admin, 2026, 11,
                             [schedule.CellChange(staff.member.id, d, "O") for d in days])  # fmt: skip


@HOSTILE
@given(note=hostile_text())
def test_submit_period_note(*, db: Database, staff: Staff, planned_month: None, note: str) -> None:
    tried(__name__)
    member = staff.member.id
    done = attempt(
        db, lambda s: schedule_periods.submit_period(s, staff.admin, member, 2026, 11, note=note)
    )
    if done is not REFUSED:
        with db.session() as s:
            latest = s.scalars(
                select(SchedulePeriodEvent).order_by(SchedulePeriodEvent.at.desc())
            ).first()
            assert latest is not None
            check_stored(latest.note, note.strip(), note)
            schedule_periods.withdraw_period(s, staff.admin, member, 2026, 11)


@HOSTILE
@given(
    name=hostile_text(),
    day=st.integers(0, 364),
    kind=st.sampled_from(tuple(HolidayKind)) | hostile_enum_value(("local",)),
)
def test_add_holiday(*, db: Database, staff: Staff, name: str, day: int, kind: object) -> None:
    tried(__name__, 2)
    when = date(2027, 1, 1) + timedelta(days=day)
    row = HolidayRow(when, name, kind)  # type: ignore[arg-type]
    done = attempt(db, lambda s: schedule_calendar.add_holiday(s, staff.admin, row))
    if done is not REFUSED:
        with db.read_session() as s:
            stored = s.scalar(select(CalendarHoliday).where(CalendarHoliday.day == when))
            assert stored is not None
            check_stored(stored.name, line(name), name)


@HOSTILE
@given(note=hostile_text(), position=hostile_text())
def test_save_policy_version(db: Database, staff: Staff, note: str, position: str) -> None:
    tried(__name__, 2)
    policy = FlexPolicy(date(2026, 1, 1), excluded_positions=(position,))
    done = attempt(db, lambda s: schedule_policy.save_policy_version(s, staff.admin, policy, note))
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.scalar(select(FlexPolicyVersion))
            assert row is not None
            check_stored(row.note, note.strip(), note)
            kept = [line(position)] if line(position) else []
            assert row.excluded_positions == kept and storable(position, multiline=True)


@HOSTILE
@given(reason=hostile_text())
def test_set_remote_exception(db: Database, staff: Staff, reason: str) -> None:
    tried(__name__)
    member = staff.member.id
    done = attempt(
        db, lambda s: schedule_policy.set_remote_exception(s, staff.admin, member, True, reason)
    )
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.scalar(select(EmployeeFlexSetting))
            assert row is not None
            check_stored(row.exception_reason, line(reason), reason)


__all__ = ["report_tried"]  # the module fixture that prints the count
