"""Recap: realisation against targets per RHK (accepted entries only), days and hours, the
wellbeing signals with the office's thresholds, CSV export, and who may see it."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from flexdesk.db.engine import Database
from flexdesk.domain.outputs import PlannedDay, SignalKind, SkpStatus, WorkMode
from flexdesk.errors import PermissionDenied, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import recap
from flexdesk.services.outputs import settings as output_settings
from flexdesk.services.outputs.settings import OutputSettings
from flexdesk.services.permissions import Actor
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.helpers import Staff
from tests.support.outputs import add_log, log_input, make_skp, planned

MONDAY = date(2026, 3, 2)


def _week(db: Database, staff: Staff, store: AttachmentStore, rhk: str, start: date, *,
          days: int, end: time = time(16, 0), **kw: object) -> list[str]:  # fmt: skip
    """One entry a day, 07.30 to ``end``; returns the ids."""
    ids = []
    for i in range(days):
        data = log_input(staff.member.id, rhk, day=start + timedelta(i),
                         start_time=time(7, 30), end_time=end, **kw)  # fmt: skip
        ids.append(add_log(db, staff.member_actor, store, data).id)
    return ids


def _recap(db: Database, actor: Actor, employee_id: str, period: int | None = 3) -> recap.Recap:
    with db.read_session() as session:
        return recap.recap(session, actor, employee_id, 2026, period, today=date(2026, 12, 31))


def test_realisation_counts_accepted_entries_against_the_period_target(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    store = AttachmentStore(data_paths.attachments)
    detail = make_skp(db, staff.member_actor, staff.member.id, "Laporan", "Surat")
    laporan = detail.rhk[0].id
    ids = _week(db, staff, store, laporan, MONDAY, days=5)  # 5 x 2 dokumen
    with db.session() as session:
        outputs.submit_logs(session, staff.member_actor, ids)
    with db.session() as session:
        outputs.accept_logs(session, staff.head_actor, ids[:3])
    rc = _recap(db, staff.head_actor, staff.member.id)
    assert rc.period_label == "Maret 2026" and (rc.start, rc.end) == (
        date(2026, 3, 1),
        date(2026, 3, 31),
    )
    assert rc.skp_status is SkpStatus.DRAFT
    first, second = rc.rows
    assert (first.text, first.annual_target, first.target, first.unit) == (
        "Laporan",
        12,
        1,
        "dokumen",
    )
    assert (first.realised, first.pending, first.entries) == (6, 4, 5)
    assert first.percent == pytest.approx(600)
    assert (second.realised, second.pending, second.percent) == (0, 0, 0)
    # March 2026: 22 weekdays less Nyepi, Idul Fitri and their cuti bersama (18-20, 23-24)
    assert rc.days_logged == 5 and rc.working_days == 17
    assert rc.hours_total == pytest.approx(42.5)
    assert [(w.monday, w.hours, w.over) for w in rc.weeks] == [(MONDAY, 42.5, True)]
    assert [s.kind for s in rc.signals] == [SignalKind.OVER_HOURS]
    year = _recap(db, staff.member_actor, staff.member.id, None)
    assert year.period_label == "Tahunan 2026" and year.rows[0].target == 12


def test_wellbeing_thresholds_come_from_the_settings(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    store = AttachmentStore(data_paths.attachments)
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    _week(db, staff, store, rhk, MONDAY, days=8, end=time(12, 0), work_mode=WorkMode.WFH)
    kinds = {s.kind for s in _recap(db, staff.member_actor, staff.member.id).signals}
    assert kinds == {SignalKind.NO_REST, SignalKind.NON_WORKING_DAY, SignalKind.REMOTE_BALANCE}
    with db.session() as session:
        output_settings.update_output_settings(
            session, staff.admin,
            OutputSettings(10, ("pdf",), weekly_hours=40, max_consecutive_days=10, max_remote_share=1),
        )  # fmt: skip
    rc = _recap(db, staff.member_actor, staff.member.id)
    assert {s.kind for s in rc.signals} == {SignalKind.NON_WORKING_DAY}
    assert rc.thresholds.max_consecutive_days == 10 and rc.remote_days == 8 and rc.on_site_days == 0


def test_leave_days_from_the_schedule_count_as_rest_days_worked(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    store = AttachmentStore(data_paths.attachments)
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    _week(db, staff, store, rhk, MONDAY, days=1, end=time(9, 0))
    with planned({MONDAY: PlannedDay(leave="Cuti tahunan")}):
        rc = _recap(db, staff.member_actor, staff.member.id)
    (sig,) = rc.signals
    assert sig.kind is SignalKind.NON_WORKING_DAY and "Cuti tahunan" in sig.message


def test_recap_without_skp_and_visibility(db: Database, staff: Staff) -> None:
    rc = _recap(db, staff.member_actor, staff.member.id)
    assert rc.rows == () and rc.skp_status is None and rc.days_logged == 0 and rc.signals == ()
    with pytest.raises(PermissionDenied):
        _recap(db, staff.member_actor, staff.colleague.id)
    assert _recap(db, staff.head_actor, staff.colleague.id).employee_name == "Agus Saputra"


def test_working_days_stop_at_today(db: Database, staff: Staff) -> None:
    with db.read_session() as session:
        rc = recap.recap(
            session, staff.member_actor, staff.member.id, 2026, 3, today=date(2026, 3, 4)
        )
        assert rc.working_days == 3
        future = recap.recap(
            session, staff.member_actor, staff.member.id, 2026, 3, today=date(2026, 2, 1)
        )
        assert future.working_days == 0


def test_csv_export(db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path) -> None:
    store = AttachmentStore(data_paths.attachments)
    detail = make_skp(db, staff.member_actor, staff.member.id, "Laporan; bulanan")
    ids = _week(db, staff, store, detail.rhk[0].id, MONDAY, days=5)
    with db.session() as session:
        outputs.submit_logs(session, staff.member_actor, ids)
    with db.session() as session:
        outputs.accept_logs(session, staff.head_actor, ids)
    rc = _recap(db, staff.head_actor, staff.member.id)
    path = recap.write_recap_csv(rc, tmp_path / "rekap.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs see UTF-8
    assert raw.count(b"\r\n") == raw.count(b"\n") > 1  # CRLF on every platform (Excel)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Pegawai", "Dewi Lestari"]
    assert rows[3][:4] == ["No", "Jenis", "RHK", "Target"]
    assert rows[4] == ["1", "utama", "Laporan; bulanan", "1", "dokumen", "10", "1000", "0"]
    assert ["Hari tercatat", "5"] in rows and ["Jam tercatat", "42,5"] in rows
    assert any(r and r[0].startswith("Minggu mulai 2/3") for r in rows)  # the signal
    english = list(csv.reader(io.StringIO(recap.recap_csv(rc, "en"))))
    assert english[0] == ["Employee", "Dewi Lestari"] and ["Hours logged", "42.5"] in english
    assert not (tmp_path / "rekap.csv.part").exists()


def test_output_settings_validation(db: Database, staff: Staff) -> None:
    with db.read_session() as session:
        current = output_settings.output_settings(session, staff.member_actor)
    assert current.weekly_hours == 37.5 and "pdf" in current.attachment_types
    assert output_settings.parse_types("PDF, .jpg;png  pdf") == ("jpg", "pdf", "png")
    bad = [
        (OutputSettings(0, ("pdf",), 37.5, 6, 0.4), "attachment_max_mb"),
        (OutputSettings(10, (), 37.5, 6, 0.4), "attachment_types"),
        (OutputSettings(10, ("p/df",), 37.5, 6, 0.4), "attachment_types"),
        (OutputSettings(10, ("pdf",), 0, 6, 0.4), "weekly_hours"),
        (OutputSettings(10, ("pdf",), 37.5, 0, 0.4), "max_consecutive_days"),
        (OutputSettings(10, ("pdf",), 37.5, 6, 1.5), "max_remote_share"),
    ]
    for settings, field in bad:
        with db.session() as session, pytest.raises(ValidationError) as info:
            output_settings.update_output_settings(session, staff.admin, settings)
        assert info.value.field == field
    with db.session() as session, pytest.raises(PermissionDenied):
        output_settings.update_output_settings(session, staff.head_actor, current)
