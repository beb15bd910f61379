"""Evaluation output: the printed form from real evaluations (read back with pypdf), the unit
distribution against the kurva distribusi, the annual evaluation built on the periodic ones,
and the evaluation settings."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from flexdesk.db.engine import Database
from flexdesk.domain.people import format_nip
from flexdesk.domain.performance import (
    DEFAULT_BOUNDS,
    OrganisationResult,
    PeriodType,
    Predikat,
    Rating,
    bounds_to_data,
)
from flexdesk.errors import Cancelled, PermissionDenied, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes, build_evaluation_pdfs
from flexdesk.services import office
from flexdesk.services.app import Services
from flexdesk.services.evaluation import service as ev
from tests.support.evaluation import (
    FEBRUARY,
    MARCH,
    add_logs,
    approved_skp,
    final_evaluation,
    rated,
)
from tests.support.helpers import DEFAULT_PROFILE, Staff
from tests.support.pdf import page_sizes, page_texts

A4 = (595.0, 842.0)


def _rate(
    db: Database, staff: Staff, employee_id: str, hasil: Rating, perilaku: Rating, *,
    period: ev.PeriodRef = MARCH, final: bool = True,
) -> ev.EvaluationDetail:  # fmt: skip
    head = Services(db, staff.head_actor)
    detail = head.call(ev.start_evaluation, employee_id, period)
    head.call(ev.save_draft, detail.id, rated(hasil, perilaku))
    if not final:
        return detail
    head.call(ev.share, detail.id)
    return head.call(ev.finalise, detail.id)


# -- the printed form -------------------------------------------------------------------------


def test_form_data_prints_names_nip_targets_and_predikat(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    setup = approved_skp(db, staff)
    add_logs(db, staff, data_paths, setup.rhk_id, day=date(2026, 3, 4),
             quantities={"accepted": 3})  # fmt: skip
    changes = ev.EvaluationChanges(
        rating_hasil_kerja=Rating.DI_ATAS,
        rating_perilaku=Rating.DI_ATAS,
        rhk_feedback=(ev.RhkFeedbackChange(setup.rhk_id, "Laporan lengkap dengan bukti."),),
        behaviours=(ev.BehaviourChange("kolaboratif", "Aktif membantu rekan satu seksi."),),
        capaian_organisasi=OrganisationResult.BAIK,
    )
    detail = final_evaluation(db, staff, changes=changes)
    Services(db, staff.head_actor).call(ev.reopen, detail.id, "Tambah tanggapan")
    Services(db, staff.member_actor).call(ev.comment, detail.id, "Terima kasih, Pak.")
    detail = Services(db, staff.head_actor).call(ev.finalise, detail.id)

    data = Services(db, staff.member_actor).read(ev.form_data, detail.id)
    assert data.pegawai.nama == "Dewi Lestari" and data.pegawai.pangkat_golongan.endswith("III/a")
    assert data.pejabat_penilai.nama == "Bambang Hermawan, S.Sos."
    assert data.atasan_pejabat_penilai is None  # periodic form
    assert data.place == "Kuningan" and data.paper == "A4"
    assert data.periode == "1 Maret – 31 Maret 2026"
    assert data.effective_predikat is Predikat.SANGAT_BAIK
    assert [r.rhk for r in data.hasil_kerja_utama] == ["Tersusunnya laporan layanan"]
    assert [r.rhk for r in data.hasil_kerja_tambahan] == ["Terlaksananya tugas tambahan"]
    first = data.hasil_kerja_utama[0]
    assert first.indikator[0].target == "1 dokumen" and first.indikator[0].realisasi == "3 dokumen"
    assert "Tanggapan pegawai: Terima kasih, Pak." in data.catatan
    assert data.letterhead.instansi == DEFAULT_PROFILE.instansi

    pdf = build_evaluation_pdf_bytes(data)
    text = " ".join(page_texts(pdf))
    assert page_sizes(pdf)[0] == pytest.approx(A4, abs=1)
    for expected in (
        "Dewi Lestari",
        format_nip(staff.member.nip or ""),
        "Bambang Hermawan, S.Sos.",
        format_nip(staff.head.nip or ""),
        "SANGAT BAIK",  # PREDIKAT KINERJA PEGAWAI
        "Di Atas Ekspektasi",
        "Laporan lengkap dengan bukti.",
        "Aktif membantu rekan satu seksi.",
        "Kuningan,",
    ):
        assert expected in text, expected


def test_form_uses_the_office_paper_logo_and_annual_atasan(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    from tests.support.helpers import add_employee

    # the head gets a supervisor (the camat): the Atasan Pejabat Penilai on the annual form
    chief = add_employee(db, staff.admin, "Asep Firmansyah", gelar_depan="Drs.",
                         jabatan="Camat", unit_id=staff.other_unit.id)  # fmt: skip
    from flexdesk.services import employees

    admin = Services(db, staff.admin)
    head_data = admin.read(employees.get_employee, staff.head.id).to_input()
    from dataclasses import replace

    admin.call(employees.update_employee, staff.head.id, replace(head_data, supervisor_id=chief.id))
    img = io.BytesIO()
    Image.new("RGB", (120, 120), (20, 90, 160)).save(img, format="PNG")
    admin.call(office.update_office, replace(DEFAULT_PROFILE, logo_png=img.getvalue()))
    admin.call(office.set_setting, "paper_size", "F4")
    approved_skp(db, staff)
    final_evaluation(db, staff, MARCH, rated(Rating.SESUAI, Rating.DI_ATAS))
    annual = Services(db, staff.head_actor).call(
        ev.start_evaluation, staff.member.id, ev.PeriodRef.annual(2026)
    )
    assert annual.atasan_name == "Drs. Asep Firmansyah"
    data = Services(db, staff.head_actor).read(
        ev.form_data, annual.id, sign_date=date(2026, 12, 31)
    )
    assert data.paper == "F4" and data.title.endswith("TAHUNAN")
    assert data.letterhead.logo_path is not None and data.letterhead.logo_path.is_file()
    assert data.atasan_pejabat_penilai is not None
    assert data.atasan_pejabat_penilai.nama == "Drs. Asep Firmansyah"
    pdf = build_evaluation_pdf_bytes(data)
    width, height = page_sizes(pdf)[0]
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (215, 330)
    text = " ".join(page_texts(pdf))
    assert "Drs. Asep Firmansyah" in text and "31 Desember 2026" in text


def test_printing_follows_the_viewing_rules(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    detail = Services(db, staff.head_actor).call(ev.start_evaluation, staff.member.id, MARCH)
    with pytest.raises(PermissionDenied):
        Services(db, staff.member_actor).read(ev.form_data, detail.id)  # still a draft
    assert Services(db, staff.admin).read(ev.form_data, detail.id).pegawai.nama == "Dewi Lestari"


def test_unit_batch_with_progress_and_cancel(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    approved_skp(db, staff, staff.colleague.id)
    _rate(db, staff, staff.member.id, Rating.SESUAI, Rating.SESUAI)
    _rate(db, staff, staff.colleague.id, Rating.DI_ATAS, Rating.SESUAI, final=False)
    head = Services(db, staff.head_actor)
    seen: list[tuple[int, int]] = []
    finals = head.read(ev.form_data_for_unit, MARCH, unit_id=staff.unit.id,
                       progress=lambda d, t: seen.append((d, t)))  # fmt: skip
    assert [f.pegawai.nama for f in finals] == ["Dewi Lestari"] and seen == [(1, 1)]
    every = head.read(ev.form_data_for_unit, MARCH, status=None)
    assert [f.pegawai.nama for f in every] == ["Agus Saputra", "Dewi Lestari"]
    pdf = io.BytesIO()
    build_evaluation_pdfs(every, pdf)
    text = " ".join(page_texts(pdf.getvalue()))
    assert "Agus Saputra" in text and "Dewi Lestari" in text
    with pytest.raises(Cancelled):
        head.read(ev.form_data_for_unit, MARCH, status=None, is_cancelled=lambda: True)


# -- distribution -----------------------------------------------------------------------------


def test_unit_distribution_counts_and_warns(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    approved_skp(db, staff, staff.colleague.id)
    _rate(db, staff, staff.member.id, Rating.SESUAI, Rating.SESUAI)
    _rate(db, staff, staff.colleague.id, Rating.SESUAI, Rating.DI_ATAS, final=False)
    head = Services(db, staff.head_actor)

    report = head.read(ev.unit_distribution, staff.unit.id, MARCH)
    assert report.org_result is OrganisationResult.BAIK  # the setting's default
    assert report.counts[Predikat.BAIK] == 2 and report.rated == 2
    assert report.not_rated == 1  # the head, in the same unit, has no evaluation
    assert report.share(Predikat.BAIK) == 100.0
    messages = [w.message for w in report.warnings]
    assert any("melebihi batas paling banyak 70%" in m for m in messages)
    assert any("Butuh Perbaikan" in m for m in messages)  # "some" Butuh Perbaikan/Kurang
    assert all(w.message_en for w in report.warnings)

    final_only = head.read(ev.unit_distribution, staff.unit.id, MARCH, final_only=True)
    assert final_only.rated == 1 and final_only.final_only

    istimewa = head.read(
        ev.unit_distribution, staff.unit.id, MARCH, org_result=OrganisationResult.ISTIMEWA
    )
    assert istimewa.warnings == ()  # no Sangat Baik at all: within "at most 70%"

    empty = head.read(ev.unit_distribution, staff.unit.id, FEBRUARY)
    assert empty.rated == 0 and empty.warnings == ()

    with pytest.raises(PermissionDenied):
        head.read(ev.unit_distribution, staff.other_unit.id, MARCH)
    with pytest.raises(PermissionDenied):
        Services(db, staff.member_actor).read(ev.unit_distribution, staff.unit.id, MARCH)


def test_distribution_curve_setting_is_validated_and_used(db: Database, staff: Staff) -> None:
    admin = Services(db, staff.admin)
    settings = admin.read(ev.evaluation_settings)
    assert settings.curve == dict(DEFAULT_BOUNDS) and not settings.admin_as_atasan
    bad = bounds_to_data()
    bad["baik"][0]["max_percent"] = 140
    with pytest.raises(ValidationError) as refused:
        admin.call(ev.update_evaluation_settings, curve=bad, admin_as_atasan=True)
    assert refused.value.field == "kurva_distribusi"
    incomplete = {k: v for k, v in bounds_to_data().items() if k != "kurang"}
    with pytest.raises(ValidationError):
        admin.call(ev.update_evaluation_settings, curve=incomplete)
    assert admin.read(ev.evaluation_settings) == settings  # nothing saved

    looser = bounds_to_data()
    looser["baik"] = [{"predikat": ["baik"], "max_percent": 100, "min_percent": None,
                       "min_count": 0}]  # fmt: skip
    admin.call(ev.update_evaluation_settings, curve=looser,
               org_result=OrganisationResult.BAIK)  # fmt: skip
    approved_skp(db, staff)
    _rate(db, staff, staff.member.id, Rating.SESUAI, Rating.SESUAI)
    report = admin.read(ev.unit_distribution, staff.unit.id, MARCH)
    assert report.rated == 1 and report.warnings == ()
    with pytest.raises(PermissionDenied):
        Services(db, staff.head_actor).call(ev.update_evaluation_settings, admin_as_atasan=True)


# -- annual -----------------------------------------------------------------------------------


def test_annual_evaluation_draws_on_the_finalised_periodic_ones(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    setup = approved_skp(db, staff)
    add_logs(db, staff, data_paths, setup.rhk_id, day=date(2026, 2, 10),
             quantities={"accepted": 2})  # fmt: skip
    add_logs(db, staff, data_paths, setup.rhk_id, day=date(2026, 3, 4),
             quantities={"accepted": 3})  # fmt: skip
    head = Services(db, staff.head_actor)
    final_evaluation(db, staff, FEBRUARY, rated(Rating.DI_ATAS, Rating.SESUAI))
    march = head.call(ev.start_evaluation, staff.member.id, MARCH)
    head.call(ev.save_draft, march.id, ev.EvaluationChanges(
        rating_hasil_kerja=Rating.SESUAI, rating_perilaku=Rating.SESUAI,
        indicators=(ev.IndicatorChange(setup.quantity_id, 4, "Satu laporan susulan."),),
    ))  # fmt: skip
    head.call(ev.share, march.id)
    head.call(ev.finalise, march.id)
    april = ev.PeriodRef(2026, PeriodType.MONTHLY, 4)
    head.call(ev.start_evaluation, staff.member.id, april)  # a draft: not drawn on

    annual = head.call(ev.start_evaluation, staff.member.id, ev.PeriodRef.annual(2026))
    assert [p.period_label for p in annual.periodic] == [
        "Februari 2026", "Maret 2026", "April 2026",
    ]  # fmt: skip
    # tie (Di Atas, Sesuai): the latest finalised period's rating
    assert annual.suggested_hasil_kerja is Rating.SESUAI
    assert annual.suggested_perilaku is Rating.SESUAI
    assert (annual.rating_hasil_kerja, annual.rating_perilaku) == (Rating.SESUAI, Rating.SESUAI)
    assert annual.predikat is Predikat.BAIK
    quantity = next(i for i in annual.rhk[0].indicators if i.indicator_id == setup.quantity_id)
    assert quantity.prefilled == 6.0  # 2 (February) + 4 (March, as overridden)
    assert quantity.target == 12.0  # the whole yearly target
    assert annual.period_label == "Tahunan 2026" and annual.end == date(2026, 12, 31)


# -- sync -------------------------------------------------------------------------------------


def test_evaluations_travel_in_sync_bundles(db: Database, staff: Staff) -> None:
    from flexdesk.services.sync.collect import collect_changes

    approved_skp(db, staff)
    with db.read_session() as session:
        after = collect_changes(session, after=0).changes
    start = max(c.change_seq for c in after)
    detail = final_evaluation(db, staff)
    with db.read_session() as session:
        changes = collect_changes(session, after=start).changes
    by_entity: dict[str, list[dict[str, object]]] = {}
    for change in changes:
        by_entity.setdefault(change.entity, []).append({**(change.data or {}), "id": change.id})
    assert {
        "evaluation", "evaluation_rhk", "evaluation_indicator", "evaluation_behaviour",
        "evaluation_event",
    } <= set(by_entity)  # fmt: skip
    [evaluation] = by_entity["evaluation"]
    assert evaluation["status"] == "final" and evaluation["predikat"] == "baik"
    assert evaluation["employee_id"] == staff.member.id and evaluation["id"] == detail.id
    assert len(by_entity["evaluation_behaviour"]) == 7
    assert {e["step"] for e in by_entity["evaluation_event"]} == {
        "start", "save", "share", "finalise",
    }  # fmt: skip


def test_a_broken_stored_curve_falls_back_to_the_regulation(db: Database, staff: Staff) -> None:
    # written around update_evaluation_settings (e.g. by an old import): warn, do not crash
    Services(db, staff.admin).call(
        office.set_setting, "evaluation_distribution_curve", {"baik": [{"predikat": ["x"]}]}
    )
    with db.read_session() as session:
        assert ev.distribution_curve(session) == dict(DEFAULT_BOUNDS)
