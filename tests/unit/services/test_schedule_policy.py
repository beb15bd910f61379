"""Policy versions, the warning for approved schedules, the Pasal 13 exception, the calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models_schedule import CalendarHoliday, FlexPolicyVersion
from flexdesk.domain.calendar import HolidayKind, HolidayRow
from flexdesk.domain.rules import RULE_REMOTE_WEEK
from flexdesk.domain.schedule import DayCode, FlexPolicy
from flexdesk.domain.schedule_workflow import PeriodStatus
from flexdesk.errors import ConflictError, ImportFileError, PermissionDenied, ValidationError
from flexdesk.services.app import Services
from flexdesk.services.schedule import calendar as schedule_calendar
from flexdesk.services.schedule import periods as schedule_periods
from flexdesk.services.schedule import policy as schedule_policy
from flexdesk.services.schedule import service as schedule
from flexdesk.services.schedule.service import CellChange
from tests.support.helpers import Staff

NOV = (2026, 11)
MON = date(2026, 11, 2)


def _approve_week(db: Database, staff: Staff, codes: str) -> None:
    Services(db, staff.member_actor).call(
        schedule.set_entries,
        *NOV,
        [CellChange(staff.member.id, MON + timedelta(days=i), c) for i, c in enumerate(codes)],
    )
    Services(db, staff.member_actor).call(schedule_periods.submit_period, staff.member.id, *NOV)
    Services(db, staff.head_actor).call(schedule_periods.approve_period, staff.member.id, *NOV)


def test_without_versions_flexdesk_defaults_apply(db: Database, staff: Staff) -> None:
    svc = Services(db, staff.member_actor)
    (only,) = svc.read(schedule_policy.list_policy_versions)
    assert only.is_default and only.policy.max_remote_days_per_week == 2
    policy = svc.read(schedule_policy.policy_in_force, date(2026, 3, 1))
    assert policy.weekly_hours_required == 37.5
    assert policy.is_ramadan(date(2026, 3, 1))  # estimated from the holidays package


def test_versions_apply_from_their_date_and_past_months_keep_theirs(
    db: Database, staff: Staff
) -> None:
    admin = Services(db, staff.admin)
    admin.call(schedule_policy.save_policy_version, FlexPolicy(date(2026, 1, 1)), "awal")
    admin.call(
        schedule_policy.save_policy_version,
        FlexPolicy(date(2026, 12, 1), max_remote_days_per_week=1, excluded_positions=(" Loket ",)),
    )
    versions = admin.read(schedule_policy.list_policy_versions)
    assert [v.policy.effective_from for v in versions] == [date(2026, 1, 1), date(2026, 12, 1)]
    assert versions[0].note == "awal"
    assert versions[1].policy.excluded_positions == ("Loket",)
    nov = admin.read(schedule.month_grid, *NOV)
    dec = admin.read(schedule.month_grid, 2026, 12)
    assert (nov.policy.max_remote_days_per_week, dec.policy.max_remote_days_per_week) == (2, 1)


def test_only_the_admin_changes_the_policy(db: Database, staff: Staff) -> None:
    for actor in (staff.head_actor, staff.member_actor):
        with pytest.raises(PermissionDenied):
            Services(db, actor).call(
                schedule_policy.save_policy_version, FlexPolicy(date(2026, 1, 1))
            )
        with pytest.raises(PermissionDenied):
            Services(db, actor).call(
                schedule_policy.set_remote_exception, staff.member.id, True, "x"
            )


def test_bad_policy_input_is_refused(db: Database, staff: Staff) -> None:
    admin = Services(db, staff.admin)
    with pytest.raises(ValidationError, match="WFO"):
        FlexPolicy(date(2026, 1, 1), allowed_modes=frozenset({DayCode.WFH}))
    with pytest.raises(ValidationError, match="bertumpang tindih"):
        admin.call(
            schedule_policy.save_policy_version,
            FlexPolicy(
                date(2026, 1, 1),
                ramadan_periods=(
                    (date(2026, 2, 18), date(2026, 3, 19)),
                    (date(2026, 3, 1), date(2026, 3, 5)),
                ),
            ),
        )
    admin.call(schedule_policy.save_policy_version, FlexPolicy(date(2026, 1, 1)))
    with pytest.raises(ValidationError, match="tanggal 1"):
        admin.call(schedule_policy.save_policy_version, FlexPolicy(date(2026, 6, 15), week_type=6))
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(FlexPolicyVersion)) == 1


def test_stricter_policy_warns_about_approved_months_and_keeps_them_approved(
    db: Database, staff: Staff
) -> None:
    _approve_week(db, staff, "OHOHO")  # two remote days: fine under the default policy
    admin = Services(db, staff.admin)
    stricter = FlexPolicy(date(2026, 11, 1), max_remote_days_per_week=1)
    preview = admin.read(schedule_policy.check_policy_change, stricter)
    assert len(preview) == 1
    warning = preview[0]
    assert (warning.employee_id, warning.year, warning.month) == (staff.member.id, 2026, 11)
    assert "November 2026" in warning.message_id and "batas 1 hari" in warning.message_id
    result = admin.call(schedule_policy.save_policy_version, stricter)
    assert result.warnings == tuple(preview) and not result.replaced
    info = admin.read(schedule_periods.period_info, staff.member.id, *NOV)
    assert info.status is PeriodStatus.APPROVED
    assert info.policy_effective_from != date(2026, 11, 1)  # approved under the old version
    grid = admin.read(schedule.month_grid, *NOV)
    assert any(v.rule_id == RULE_REMOTE_WEEK for v in grid.validator.violations())
    # the same check for a version that changes nothing relevant: no warning
    relaxed = replace(stricter, max_remote_days_per_week=3)
    assert admin.read(schedule_policy.check_policy_change, relaxed) == []


def test_a_version_in_use_by_approved_months_cannot_be_deleted(db: Database, staff: Staff) -> None:
    admin = Services(db, staff.admin)
    admin.call(schedule_policy.save_policy_version, FlexPolicy(date(2026, 1, 1)))
    _approve_week(db, staff, "OOOOO")
    with pytest.raises(ConflictError, match="dipakai oleh 1 jadwal"):
        admin.call(schedule_policy.delete_policy_version, date(2026, 1, 1))
    admin.call(schedule_policy.save_policy_version, FlexPolicy(date(2027, 1, 1)))
    assert admin.call(schedule_policy.delete_policy_version, date(2027, 1, 1)) == []


def test_pasal_13_exception_lifts_the_weekly_limit(db: Database, staff: Staff) -> None:
    admin = Services(db, staff.admin)
    admin.call(
        schedule.set_entries,
        *NOV,
        [CellChange(staff.member.id, MON + timedelta(days=i), "H") for i in range(3)],
    )
    grid = admin.read(schedule.month_grid, *NOV)
    assert any(v.rule_id == RULE_REMOTE_WEEK for v in grid.validator.violations())
    with pytest.raises(ValidationError, match="alasan"):
        admin.call(schedule_policy.set_remote_exception, staff.member.id, True, " ")
    admin.call(
        schedule_policy.set_remote_exception, staff.member.id, True, "Petugas lapangan (Pasal 13)"
    )
    grid = admin.read(schedule.month_grid, *NOV)
    assert not any(v.rule_id == RULE_REMOTE_WEEK for v in grid.validator.violations())
    (exc,) = admin.read(schedule_policy.remote_exceptions)
    assert exc.reason == "Petugas lapangan (Pasal 13)"
    admin.call(schedule_policy.set_remote_exception, staff.member.id, False)
    assert admin.read(schedule_policy.remote_exceptions) == []


# -- calendar ------------------------------------------------------------------------------------

GOOD_CSV = """tanggal;nama;jenis
2026-11-20;Hari Jadi Kabupaten Kuningan;lokal
2026-12-24;Cuti Bersama Natal;cuti_bersama
25/12/2026;Hari Raya Natal;nasional
"""


def test_holiday_csv_import_replaces_the_years_list(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    admin = Services(db, staff.admin)
    before = admin.read(schedule_calendar.year_holidays, 2026)
    assert not before.office_kept and len(before.rows) > 10
    path = tmp_path / "libur.csv"
    path.write_text(GOOD_CSV, encoding="utf-8-sig")
    result = admin.call(schedule_calendar.import_holidays_csv, path)
    assert (result.years, result.count) == ((2026,), 3)
    after = admin.read(schedule_calendar.year_holidays, 2026)
    assert after.office_kept and after.source == "csv" and len(after.rows) == 3
    grid = admin.read(schedule.month_grid, *NOV)
    assert grid.days[19].kind == "local" and grid.days[19].name == "Hari Jadi Kabupaten Kuningan"
    assert grid.days[16].kind is None  # 17 Nov stays a working day
    # merge keeps the list and adds
    admin.call(
        schedule_calendar.import_holidays_csv,
        "tanggal,nama,jenis\n2026-08-17,HUT RI,nasional\n",
        mode="merge",
    )
    assert len(admin.read(schedule_calendar.year_holidays, 2026).rows) == 4


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"tanggal;nama;jenis\n2026-13-01;Salah;nasional\n", "baris 2"),
        (b"tanggal;nama\n2026-11-20;Tanpa jenis\n", "jenis"),
        (b"tanggal;nama;jenis\n2026-11-20;A;lokal\n2026-11-20;B;lokal\n", "sudah ada"),
        (b"\xff\xfe\x00t\x00a\x00n", "UTF-8"),
        (b"", "kosong"),
    ],
)
def test_corrupt_holiday_csv_changes_nothing(
    db: Database, staff: Staff, tmp_path: Path, content: bytes, words: str
) -> None:
    admin = Services(db, staff.admin)
    admin.call(schedule_calendar.import_holidays_csv, GOOD_CSV)
    path = tmp_path / "rusak.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=words):
        admin.call(schedule_calendar.import_holidays_csv, path)
    assert len(admin.read(schedule_calendar.year_holidays, 2026).rows) == 3


def test_holiday_edits_and_reset(db: Database, staff: Staff) -> None:
    admin = Services(db, staff.admin)
    anniversary = HolidayRow(date(2026, 9, 1), "Hari Jadi Kuningan", HolidayKind.LOCAL)
    year = admin.call(schedule_calendar.add_holiday, anniversary)
    assert anniversary in year.rows and year.office_kept
    assert admin.read(schedule.month_grid, 2026, 9).days[0].kind == "local"
    cancelled = date(2026, 12, 24)
    admin.call(schedule_calendar.remove_holiday, cancelled)
    assert admin.read(schedule.month_grid, 2026, 12).days[23].is_working
    with pytest.raises(ValidationError, match="bukan hari libur"):
        admin.call(schedule_calendar.remove_holiday, cancelled)
    with pytest.raises(ValidationError, match="dua kali"):
        admin.call(schedule_calendar.save_year_holidays, 2026, [anniversary, anniversary])
    reset = admin.call(schedule_calendar.reset_year, 2026)
    assert not reset.office_kept and anniversary not in reset.rows
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(CalendarHoliday)) == 0
    with pytest.raises(PermissionDenied):
        Services(db, staff.head_actor).call(schedule_calendar.add_holiday, anniversary)
