"""Property tests of the validation boundary (issue 18, item 1) over every service that takes
user text, enums or numbers: whatever a hostile caller hands in, the outcome is either success
with the value stored exactly as the service normalises it and readable back from the database,
or a typed FlexDeskError after which nothing was written (row counts, audit trail and change
counter unchanged). Never another exception. Runs on SQLite and, with FLEXDESK_TEST_PG_URL, on
PostgreSQL (the ``db`` fixture).

Bounded: ``EXAMPLES`` per property (FLEXDESK_HOSTILE_EXAMPLES=500 for a deeper run by hand).
The fixed cases of tests/support/hostile.py are also tried one by one in
test_hostile_input_cases.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from flexdesk.db.engine import Database
from flexdesk.db.models import WorkUnit
from flexdesk.db.models_evaluation import Evaluation, EvaluationBehaviour
from flexdesk.db.models_schedule import (
    CalendarHoliday,
    EmployeeFlexSetting,
    FlexPolicyVersion,
    ScheduleEntryRow,
    SchedulePeriodEvent,
)
from flexdesk.domain.holiday_list import HolidayKind, HolidayRow
from flexdesk.domain.outputs import Aspect, RhkKind, WorkMode
from flexdesk.domain.people import EmployeeType, Gender
from flexdesk.domain.performance import OrganisationResult, Rating
from flexdesk.domain.schedule import DayCode, FlexPolicy
from flexdesk.paths import DataPaths
from flexdesk.services import employees, office, units
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import skp
from flexdesk.services.outputs.skp import IndicatorInput, RhkInput
from flexdesk.services.schedule import calendar as schedule_calendar
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule import service as schedule
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.evaluation import MARCH, approved_skp
from tests.support.helpers import DEFAULT_PROFILE, Staff
from tests.support.hostile import (
    REFUSED,
    attempt,
    hostile_enum_value,
    hostile_number,
    hostile_text,
    storable,
)
from tests.support.outputs import TODAY, log_input

EXAMPLES = int(os.environ.get("FLEXDESK_HOSTILE_EXAMPLES", "20"))
HOSTILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TRIED: list[int] = [0]  # hostile values handed to a service in this module


@pytest.fixture(scope="module", autouse=True)
def _report_count(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"hostile inputs tried by {request.module.__name__}: {TRIED[0]}")


def _line(value: str) -> str:
    return " ".join(value.split())


def _check(got: object, expected: str, raw: str, *, multiline: bool = True) -> None:
    """A success: stored exactly as normalised, and only text that may be stored at all."""
    assert got == expected, (got, expected)
    assert storable(raw, multiline=multiline), f"{raw!r} was accepted"


def _tried(n: int = 1) -> None:
    TRIED[0] += n


# -- employees, units, office ---------------------------------------------------------------


@HOSTILE
@given(
    field=st.sampled_from(["nama", "gelar_depan", "gelar_belakang", "jabatan"]),
    value=hostile_text(),
)
def test_create_employee(db: Database, staff: Staff, field: str, value: str) -> None:
    _tried()
    data = employees.EmployeeInput(nama="Pegawai Uji", employee_type=EmployeeType.NON_ASN)
    data = replace(data, **{field: value})  # type: ignore[attr-defined]
    row = attempt(db, lambda s: employees.create_employee(s, staff.admin, data))
    if row is not REFUSED:
        with db.read_session() as s:
            stored = employees.get_employee(s, staff.admin, row.id)  # type: ignore[attr-defined]
        _check(getattr(stored, field), _line(value), value)


@HOSTILE
@given(etype=hostile_enum_value(tuple(EmployeeType)), gender=hostile_enum_value(tuple(Gender)))
def test_create_employee_enums(db: Database, staff: Staff, etype: object, gender: object) -> None:
    _tried(2)
    data = employees.EmployeeInput(nama="Pegawai Uji", employee_type=etype, gender=gender)  # type: ignore[arg-type]
    row = attempt(db, lambda s: employees.create_employee(s, staff.admin, data))
    if row is not REFUSED:
        assert row.employee_type in tuple(EmployeeType)  # type: ignore[attr-defined]


@HOSTILE
@given(value=hostile_text())
def test_update_own_name(db: Database, staff: Staff, value: str) -> None:
    _tried()
    with db.read_session() as s:
        current = employees.get_employee(s, staff.member_actor, staff.member.id).to_input()
    data = replace(current, nama=value)  # type: ignore[attr-defined]
    row = attempt(
        db, lambda s: employees.update_employee(s, staff.member_actor, staff.member.id, data)
    )
    if row is not REFUSED:
        with db.read_session() as s:
            stored = employees.get_employee(s, staff.admin, staff.member.id)
        _check(stored.nama, _line(value), value)


@HOSTILE
@given(name=hostile_text(), code=st.sampled_from(["", "PEL-2"]) | hostile_text())
def test_create_unit(db: Database, staff: Staff, name: str, code: str) -> None:
    _tried(2)
    row = attempt(db, lambda s: units.create_unit(s, staff.admin, name, code))
    if row is not REFUSED:
        with db.read_session() as s:
            unit = s.get(WorkUnit, row.id)  # type: ignore[attr-defined]
            assert unit is not None
            _check(unit.name, _line(name), name)
            _check(unit.code, _line(code), code)


@HOSTILE
@given(field=st.sampled_from(["instansi", "unit_kerja", "city", "address"]), value=hostile_text())
def test_update_office(db: Database, staff: Staff, field: str, value: str) -> None:
    _tried()
    profile = office.OfficeProfile(**{**DEFAULT_PROFILE.__dict__, field: value})
    done = attempt(db, lambda s: office.update_office(s, staff.admin, profile))
    if done is not REFUSED:
        with db.read_session() as s:
            stored = office.office_profile(s, staff.admin)
        multiline = field == "address"
        _check(getattr(stored, field), value.strip(), value, multiline=multiline)


# -- SKP and output logs --------------------------------------------------------------------


@pytest.fixture
def rhk_id(db: Database, staff: Staff) -> str:
    return approved_skp(db, staff).rhk_id


@HOSTILE
@given(field=st.sampled_from(["activity", "unit", "location"]), value=hostile_text())
def test_create_log(
    *, db: Database, staff: Staff, data_paths: DataPaths, rhk_id: str, field: str, value: str
) -> None:
    _tried()
    texts = {"location": "Bandung", field: value}  # WFA: a location is required and kept
    data = log_input(staff.member.id, rhk_id, work_mode=WorkMode.WFA, **texts)
    store = AttachmentStore(data_paths.attachments)
    row = attempt(
        db, lambda s: outputs.create_log(s, staff.member_actor, data, store=store, today=TODAY)
    )
    if row is not REFUSED:
        with db.read_session() as s:
            stored = outputs.get_log(s, staff.member_actor, row.id)  # type: ignore[attr-defined]
        expected = value.strip() if field == "activity" else _line(value)
        _check(getattr(stored, field), expected, value)


@HOSTILE
@given(mode=hostile_enum_value((WorkMode.WFO, "O", "H")), quantity=hostile_number() | st.just(2.5))
def test_create_log_mode_and_quantity(
    *,
    db: Database,
    staff: Staff,
    data_paths: DataPaths,
    rhk_id: str,
    mode: object,
    quantity: object,
) -> None:
    _tried(2)
    data = log_input(staff.member.id, rhk_id, work_mode=mode, quantity=quantity)
    store = AttachmentStore(data_paths.attachments)
    row = attempt(
        db, lambda s: outputs.create_log(s, staff.member_actor, data, store=store, today=TODAY)
    )
    if row is not REFUSED:
        with db.read_session() as s:
            stored = outputs.get_log(s, staff.member_actor, row.id)  # type: ignore[attr-defined]
        assert stored.quantity == quantity and stored.work_mode.value in "OH"


@HOSTILE
@given(note=hostile_text())
def test_return_log_note(
    *, db: Database, staff: Staff, data_paths: DataPaths, rhk_id: str, note: str
) -> None:
    _tried()
    store = AttachmentStore(data_paths.attachments)
    with db.session() as s:
        log = outputs.create_log(s, staff.member_actor, log_input(staff.member.id, rhk_id),
                                 store=store, today=TODAY)  # fmt: skip
        outputs.submit_logs(s, staff.member_actor, [log.id])
    row = attempt(db, lambda s: outputs.return_log(s, staff.head_actor, log.id, note))
    if row is not REFUSED:
        with db.read_session() as s:
            stored = outputs.get_log(s, staff.member_actor, log.id)
        _check(stored.review_note, note.strip(), note)


@pytest.fixture
def draft_skp(db: Database, staff: Staff) -> str:
    with db.session() as s:
        return skp.create_skp(s, staff.admin, staff.colleague.id, 2026, "monthly").id


def _rhk(
    text: str, ind_text: str, target: object, unit: str, *, kind: object, aspect: object
) -> RhkInput:
    return RhkInput(
        text=text,
        kind=kind,  # type: ignore[arg-type]
        indicators=(
            IndicatorInput(Aspect.KUANTITAS, ind_text, target, unit),  # type: ignore[arg-type]
            IndicatorInput(aspect, "Tanpa revisi", 100, "%"),  # type: ignore[arg-type]
        ),
    )


@HOSTILE
@given(field=st.sampled_from(["text", "ind_text", "unit"]), value=hostile_text())
def test_add_rhk(*, db: Database, staff: Staff, draft_skp: str, field: str, value: str) -> None:
    _tried()
    texts = {"text": "Tersusunnya laporan", "ind_text": "Jumlah laporan", "unit": "dokumen"}
    texts[field] = value
    data = _rhk(
        texts["text"],
        texts["ind_text"],
        12,
        texts["unit"],
        kind=RhkKind.UTAMA,
        aspect=Aspect.KUALITAS,
    )
    detail = attempt(db, lambda s: skp.add_rhk(s, staff.admin, draft_skp, data))
    if detail is not REFUSED:
        with db.read_session() as s:
            rhk = skp.get_skp_by_id(s, staff.admin, draft_skp).rhk[-1]
        ind = rhk.indicators[0]
        got = {"text": rhk.text, "ind_text": ind.text, "unit": ind.target_unit}[field]
        _check(got, _line(value), value)


@HOSTILE
@given(
    target=hostile_number() | st.just(12),
    kind=hostile_enum_value(tuple(RhkKind)),
    aspect=hostile_enum_value((Aspect.KUALITAS, "waktu")),
)
def test_add_rhk_values(
    *, db: Database, staff: Staff, draft_skp: str, target: object, kind: object, aspect: object
) -> None:
    _tried(3)
    data = _rhk(
        "Tersusunnya laporan", "Jumlah laporan", target, "dokumen", kind=kind, aspect=aspect
    )
    detail = attempt(db, lambda s: skp.add_rhk(s, staff.admin, draft_skp, data))
    if detail is not REFUSED:
        assert detail.rhk[-1].indicators[0].target_value == target  # type: ignore[attr-defined]


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
    _tried(2)
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
    _check(got, value.strip(), value)


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
    _tried(3)
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
    _tried()
    done = attempt(db, lambda s: ev.comment(s, staff.member_actor, shared_evaluation, text))
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.get(Evaluation, shared_evaluation)
            assert row is not None
            _check(row.employee_comment, text.strip(), text)


# -- schedule -------------------------------------------------------------------------------

MON = date(2026, 11, 2)


@HOSTILE
@given(location=hostile_text(), code=st.sampled_from(["A", "D"]))
def test_set_entries_location(db: Database, staff: Staff, location: str, code: str) -> None:
    _tried()
    change = schedule.CellChange(staff.member.id, MON, code, location)
    done = attempt(db, lambda s: schedule.set_entries(s, staff.admin, 2026, 11, [change]))
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.scalar(select(ScheduleEntryRow).where(ScheduleEntryRow.day == MON))
            assert row is not None
            _check(row.location, _line(location), location)


@HOSTILE
@given(code=hostile_enum_value(("O", "H", "w", DayCode.WFA)), hours=hostile_number() | st.none())
def test_set_entries_code_and_hours(
    *, db: Database, staff: Staff, code: object, hours: object
) -> None:
    _tried(2)
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
    _tried()
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
            _check(latest.note, note.strip(), note)
            schedule_periods.withdraw_period(s, staff.admin, member, 2026, 11)


@HOSTILE
@given(
    name=hostile_text(),
    day=st.integers(0, 364),
    kind=st.sampled_from(tuple(HolidayKind)) | hostile_enum_value(("local",)),
)
def test_add_holiday(*, db: Database, staff: Staff, name: str, day: int, kind: object) -> None:
    _tried(2)
    when = date(2027, 1, 1) + timedelta(days=day)
    row = HolidayRow(when, name, kind)  # type: ignore[arg-type]
    done = attempt(db, lambda s: schedule_calendar.add_holiday(s, staff.admin, row))
    if done is not REFUSED:
        with db.read_session() as s:
            stored = s.scalar(select(CalendarHoliday).where(CalendarHoliday.day == when))
            assert stored is not None
            _check(stored.name, _line(name), name)


@HOSTILE
@given(note=hostile_text(), position=hostile_text())
def test_save_policy_version(db: Database, staff: Staff, note: str, position: str) -> None:
    _tried(2)
    policy = FlexPolicy(date(2026, 1, 1), excluded_positions=(position,))
    done = attempt(db, lambda s: schedule_policy.save_policy_version(s, staff.admin, policy, note))
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.scalar(select(FlexPolicyVersion))
            assert row is not None
            _check(row.note, note.strip(), note)
            kept = [_line(position)] if _line(position) else []
            assert row.excluded_positions == kept and storable(position, multiline=True)


@HOSTILE
@given(reason=hostile_text())
def test_set_remote_exception(db: Database, staff: Staff, reason: str) -> None:
    _tried()
    member = staff.member.id
    done = attempt(
        db, lambda s: schedule_policy.set_remote_exception(s, staff.admin, member, True, reason)
    )
    if done is not REFUSED:
        with db.read_session() as s:
            row = s.scalar(select(EmployeeFlexSetting))
            assert row is not None
            _check(row.exception_reason, _line(reason), reason)


def test_times_are_typed_too(
    db: Database, staff: Staff, data_paths: DataPaths, rhk_id: str
) -> None:
    """Times in the wrong order are a typed error (a control for the harness itself)."""
    data = log_input(staff.member.id, rhk_id, start_time=time(10, 0), end_time=time(9, 0))
    store = AttachmentStore(data_paths.attachments)
    assert attempt(db, lambda s: outputs.create_log(s, staff.member_actor, data, store=store,
                                                    today=TODAY)) is REFUSED  # fmt: skip
