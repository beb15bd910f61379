"""Evaluation workflow through the services: start, pre-fill, edit, share, comment, finalise,
reopen; each refusal is a typed error and leaves the database as it was."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models_evaluation import Evaluation, EvaluationEvent
from flexdesk.domain.evaluation import EvaluationStatus, EvaluationStep
from flexdesk.domain.outputs import SkpStatus
from flexdesk.domain.performance import CORE_VALUES, OrganisationResult, Predikat, Rating
from flexdesk.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import skp
from tests.support.evaluation import (
    FEBRUARY,
    MARCH,
    add_logs,
    approved_skp,
    final_evaluation,
    rated,
)
from tests.support.helpers import Staff
from tests.support.outputs import make_skp


def _head(db: Database, staff: Staff) -> Services:
    return Services(db, staff.head_actor)


def _count(db: Database, model: type) -> int:
    with db.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _snapshot(db: Database, evaluation_id: str) -> tuple[object, ...]:
    with db.read_session() as session:
        row = session.get(Evaluation, evaluation_id)
        assert row is not None
        events = session.scalar(
            select(func.count(EvaluationEvent.id)).where(
                EvaluationEvent.evaluation_id == evaluation_id
            )
        )
        return (row.status, row.rating_hasil_kerja, row.rating_perilaku, row.predikat,
                row.catatan, row.employee_comment, row.rev, events)  # fmt: skip


# -- starting ---------------------------------------------------------------------------------


def test_start_prefills_realisation_from_accepted_logs_only(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    setup = approved_skp(db, staff)
    add_logs(db, staff, data_paths, setup.rhk_id, day=date(2026, 3, 4),
             quantities={"accepted": 3, "returned": 5, "submitted": 7, "draft": 11})  # fmt: skip
    add_logs(db, staff, data_paths, setup.rhk_id, day=date(2026, 2, 27),
             quantities={"accepted": 2})  # another month: not in March  # fmt: skip

    detail = _head(db, staff).call(ev.start_evaluation, staff.member.id, MARCH)

    assert detail.status is EvaluationStatus.DRAFT
    assert detail.period_label == "Maret 2026" and detail.start == date(2026, 3, 1)
    first = detail.rhk[0]
    quantity = next(i for i in first.indicators if i.indicator_id == setup.quantity_id)
    assert quantity.prefilled == 3.0 and quantity.realisasi == 3.0 and not quantity.overridden
    assert quantity.target == pytest.approx(1.0)  # 12 a year, one month
    quality = next(i for i in first.indicators if i.indicator_id == setup.quality_id)
    assert quality.prefilled is None and quality.realisasi is None
    assert [b.code for b in detail.behaviours] == [cv.code for cv in CORE_VALUES]
    assert detail.evaluator_name == "Bambang Hermawan, S.Sos."
    assert [e.step for e in detail.events] == [EvaluationStep.START]
    assert detail.can_edit and detail.can_share and not detail.can_finalise
    assert detail.missing and detail.predikat is None


def test_start_refuses_without_skp_or_unapproved_skp(db: Database, staff: Staff) -> None:
    head = _head(db, staff)
    with pytest.raises(ValidationError) as no_skp:
        head.call(ev.start_evaluation, staff.member.id, MARCH)
    assert "belum memiliki SKP tahun 2026" in no_skp.value.message
    assert "has no SKP for 2026" in no_skp.value.message_en

    make_skp(db, staff.admin, staff.member.id)  # a draft
    with pytest.raises(ValidationError) as draft:
        head.call(ev.start_evaluation, staff.member.id, MARCH)
    assert "belum disetujui" in draft.value.message
    assert _count(db, Evaluation) == 0


def test_start_twice_is_a_conflict(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    head = _head(db, staff)
    head.call(ev.start_evaluation, staff.member.id, MARCH)
    with pytest.raises(ConflictError):
        head.call(ev.start_evaluation, staff.member.id, MARCH)
    assert _count(db, Evaluation) == 1


# -- who may rate -----------------------------------------------------------------------------


def test_only_the_direct_supervisor_rates(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    detail = _head(db, staff).call(ev.start_evaluation, staff.member.id, MARCH)
    before = _snapshot(db, detail.id)
    # the employee (no evaluation.rate), the admin without the setting
    for actor in (staff.member_actor, staff.admin):
        with pytest.raises(PermissionDenied):
            Services(db, actor).call(ev.save_draft, detail.id, rated())
    assert _snapshot(db, detail.id) == before


def test_another_supervisor_may_not_rate(db: Database, staff: Staff) -> None:
    from flexdesk.services.permissions import Role
    from tests.support.helpers import add_employee, add_user

    other = add_employee(db, staff.admin, "Rina Kusuma", unit_id=staff.other_unit.id)
    other_actor = add_user(db, username="rina", role=Role.SUPERVISOR, employee_id=other.id)
    approved_skp(db, staff)
    with pytest.raises(PermissionDenied) as denied:
        Services(db, other_actor).call(ev.start_evaluation, staff.member.id, MARCH)
    assert "bukan atasan langsung" in denied.value.message
    assert _count(db, Evaluation) == 0


def test_supervisor_cannot_rate_themself(db: Database, staff: Staff) -> None:
    approved_skp(db, staff, staff.head.id)
    with pytest.raises(PermissionDenied) as denied:
        _head(db, staff).call(ev.start_evaluation, staff.head.id, MARCH)
    assert "sendiri" in denied.value.message


def test_admin_rates_as_atasan_only_when_the_setting_allows(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    admin = Services(db, staff.admin)
    with pytest.raises(PermissionDenied) as denied:
        admin.call(ev.start_evaluation, staff.member.id, MARCH)
    assert "Atasan Pejabat Penilai" in denied.value.message
    admin.call(ev.update_evaluation_settings, admin_as_atasan=True)
    detail = admin.call(ev.start_evaluation, staff.member.id, MARCH)
    detail = admin.call(ev.save_draft, detail.id, rated(Rating.DI_ATAS, Rating.DI_ATAS))
    assert detail.predikat is Predikat.SANGAT_BAIK
    assert [e.acting_as for e in detail.events] == ["admin_atasan", "admin_atasan"]


# -- editing ----------------------------------------------------------------------------------


def test_ratings_give_the_predikat_of_the_matrix(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    detail = head.call(ev.save_draft, detail.id, rated(Rating.DI_ATAS, Rating.DI_BAWAH))
    assert detail.predikat is Predikat.KURANG  # good output, poor behaviour
    detail = head.call(
        ev.save_draft, detail.id, ev.EvaluationChanges(rating_perilaku=Rating.DI_ATAS)
    )
    assert detail.rating_hasil_kerja is Rating.DI_ATAS  # kept
    assert detail.predikat is Predikat.SANGAT_BAIK and detail.missing == ()
    detail = head.call(ev.save_draft, detail.id, ev.EvaluationChanges(rating_hasil_kerja=None))
    assert detail.predikat is None and len(detail.missing) == 1


def test_feedback_behaviour_and_notes_are_saved(db: Database, staff: Staff) -> None:
    setup = approved_skp(db, staff)
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    changes = ev.EvaluationChanges(
        catatan="Pertahankan ketelitian.",
        capaian_organisasi=OrganisationResult.BAIK,
        rhk_feedback=(ev.RhkFeedbackChange(setup.rhk_id, "Laporan rapi dan tepat waktu."),),
        behaviours=(
            ev.BehaviourChange("akuntabel", "Disiplin menyerahkan laporan.", "Hadir apel pagi"),
        ),
    )
    detail = head.call(ev.save_draft, detail.id, changes)
    again = head.read(ev.get_evaluation, detail.id)
    assert again.rhk[0].umpan_balik == "Laporan rapi dan tepat waktu."
    akuntabel = next(b for b in again.behaviours if b.code == "akuntabel")
    assert (akuntabel.umpan_balik, akuntabel.ekspektasi_khusus) == (
        "Disiplin menyerahkan laporan.", "Hadir apel pagi",
    )  # fmt: skip
    assert again.catatan == "Pertahankan ketelitian."
    assert again.capaian_organisasi is OrganisationResult.BAIK


def test_realisation_override_needs_a_reason(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    setup = approved_skp(db, staff)
    add_logs(db, staff, data_paths, setup.rhk_id, day=date(2026, 3, 4),
             quantities={"accepted": 3})  # fmt: skip
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    before = _snapshot(db, detail.id)
    no_reason = ev.EvaluationChanges(
        rating_hasil_kerja=Rating.SESUAI,  # applied only if everything is valid
        indicators=(ev.IndicatorChange(setup.quantity_id, 5),),
    )
    with pytest.raises(ValidationError) as refused:
        head.call(ev.save_draft, detail.id, no_reason)
    assert refused.value.field == f"reason:{setup.quantity_id}"
    assert "tuliskan alasannya" in refused.value.message
    assert _snapshot(db, detail.id) == before

    with_reason = ev.EvaluationChanges(
        indicators=(ev.IndicatorChange(setup.quantity_id, 5, "Dua laporan diserahkan di luar aplikasi."),)
    )  # fmt: skip
    detail = head.call(ev.save_draft, detail.id, with_reason)
    quantity = detail.rhk[0].indicators[0]
    assert (quantity.prefilled, quantity.realisasi) == (3.0, 5.0) and quantity.overridden
    assert quantity.override_reason == "Dua laporan diserahkan di luar aplikasi."
    assert "Dua laporan" in detail.events[-1].note

    # a value without a pre-fill (kualitas) needs no reason; None goes back to the pre-fill
    detail = head.call(
        ev.save_draft,
        detail.id,
        ev.EvaluationChanges(
            indicators=(
                ev.IndicatorChange(setup.quality_id, 95),
                ev.IndicatorChange(setup.quantity_id, None),
            )
        ),
    )
    quantity, quality = detail.rhk[0].indicators[0], detail.rhk[0].indicators[1]
    assert quality.realisasi == 95 and quantity.realisasi == 3.0
    assert quantity.override_reason == "" and not quantity.overridden


def test_bad_edits_are_refused_whole(db: Database, staff: Staff) -> None:
    setup = approved_skp(db, staff)
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    before = _snapshot(db, detail.id)
    for bad in (
        ev.EvaluationChanges(indicators=(ev.IndicatorChange(setup.quality_id, -1),)),
        ev.EvaluationChanges(indicators=(ev.IndicatorChange("tidak-ada", 1),)),
        ev.EvaluationChanges(rhk_feedback=(ev.RhkFeedbackChange("tidak-ada", "x"),)),
        ev.EvaluationChanges(behaviours=(ev.BehaviourChange("jujur", "x"),)),
        ev.EvaluationChanges(catatan="x" * 5000, rating_hasil_kerja=Rating.DI_ATAS),
    ):
        with pytest.raises(ValidationError):
            head.call(ev.save_draft, detail.id, bad)
    assert _snapshot(db, detail.id) == before


def test_refresh_follows_newly_accepted_logs_but_keeps_overrides(
    db: Database, staff: Staff, data_paths: DataPaths
) -> None:
    setup = approved_skp(db, staff)
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    assert detail.rhk[0].indicators[0].realisasi == 0.0
    add_logs(db, staff, data_paths, setup.rhk_id, day=date(2026, 3, 5),
             quantities={"accepted": 4})  # fmt: skip
    detail = head.call(ev.refresh_realisation, detail.id)
    assert detail.rhk[0].indicators[0].realisasi == 4.0
    detail = head.call(ev.save_draft, detail.id, ev.EvaluationChanges(
        indicators=(ev.IndicatorChange(setup.quantity_id, 6, "Termasuk dua laporan susulan."),)
    ))  # fmt: skip
    add_logs(db, staff, data_paths, setup.rhk_id, day=date(2026, 3, 6),
             quantities={"accepted": 1})  # fmt: skip
    detail = head.call(ev.refresh_realisation, detail.id)
    quantity = detail.rhk[0].indicators[0]
    assert (quantity.prefilled, quantity.realisasi) == (5.0, 6.0)
    assert detail.events[-1].step is EvaluationStep.REFRESH


# -- sharing, comments, finalising, reopening -------------------------------------------------


def test_employee_sees_own_evaluation_only_once_shared(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    head = _head(db, staff)
    member = Services(db, staff.member_actor)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    with pytest.raises(PermissionDenied) as hidden:
        member.read(ev.get_evaluation, detail.id)
    assert "masih draf" in hidden.value.message
    assert member.read(ev.list_evaluations, MARCH) == []
    with pytest.raises(PermissionDenied):
        member.call(ev.comment, detail.id, "Terima kasih.")

    head.call(ev.share, detail.id)
    seen = member.read(ev.get_evaluation, detail.id)
    assert seen.status is EvaluationStatus.SHARED and seen.can_comment and not seen.can_edit
    rows = member.read(ev.list_evaluations, MARCH)
    assert [r.evaluation_id for r in rows] == [detail.id] and not rows[0].can_rate
    seen = member.call(ev.comment, detail.id, "  Terima kasih atas umpan baliknya.  ")
    assert seen.employee_comment == "Terima kasih atas umpan baliknya."
    assert seen.events[-1].step is EvaluationStep.COMMENT
    assert seen.events[-1].acting_as == "employee"


def test_only_the_evaluated_employee_comments(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    head.call(ev.share, detail.id)
    with pytest.raises(PermissionDenied):
        head.call(ev.comment, detail.id, "Komentar atasan")
    with pytest.raises(ValidationError):
        Services(db, staff.member_actor).call(ev.comment, detail.id, "   ")
    # the admin may type a paper comment in on the employee's behalf (recorded as such)
    done = Services(db, staff.admin).call(ev.comment, detail.id, "Tanggapan tertulis pegawai.")
    assert done.events[-1].acting_as == "admin"


def test_finalise_lists_missing_ratings_and_changes_nothing(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    with pytest.raises(ConflictError) as not_shared:
        head.call(ev.finalise, detail.id)
    assert "Bagikan" in not_shared.value.message
    head.call(ev.share, detail.id)
    before = _snapshot(db, detail.id)
    with pytest.raises(ValidationError) as missing:
        head.call(ev.finalise, detail.id)
    assert "rating hasil kerja" in missing.value.message
    assert "rating perilaku kerja" in missing.value.message
    assert "hasil kerja" in missing.value.message_en and "perilaku" in missing.value.message_en
    assert _snapshot(db, detail.id) == before

    head.call(ev.save_draft, detail.id, ev.EvaluationChanges(rating_hasil_kerja=Rating.SESUAI))
    with pytest.raises(ValidationError) as one_missing:
        head.call(ev.finalise, detail.id)
    assert "rating perilaku kerja" in one_missing.value.message
    assert "rating hasil kerja" not in one_missing.value.message


def test_finalised_evaluation_is_locked(db: Database, staff: Staff) -> None:
    setup = approved_skp(db, staff)
    detail = final_evaluation(db, staff)
    assert detail.status is EvaluationStatus.FINAL and detail.locked
    assert detail.finalised_at is not None and detail.predikat is Predikat.BAIK
    assert not (detail.can_edit or detail.can_share or detail.can_finalise)
    assert detail.can_reopen
    before = _snapshot(db, detail.id)
    head = _head(db, staff)
    for call in (
        lambda: head.call(ev.save_draft, detail.id, rated(Rating.DI_ATAS, Rating.DI_ATAS)),
        lambda: head.call(ev.refresh_realisation, detail.id),
        lambda: head.call(ev.share, detail.id),
        lambda: head.call(ev.finalise, detail.id),
        lambda: Services(db, staff.member_actor).call(ev.comment, detail.id, "Telat"),
        lambda: head.call(
            ev.save_draft,
            detail.id,
            ev.EvaluationChanges(rhk_feedback=(ev.RhkFeedbackChange(setup.rhk_id, "x"),)),
        ),
    ):
        with pytest.raises(ConflictError) as locked:
            call()
        assert "terkunci" in locked.value.message or "ditetapkan" in locked.value.message
    assert _snapshot(db, detail.id) == before


def test_reopen_needs_a_reason_and_is_recorded(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    detail = final_evaluation(db, staff)
    head = _head(db, staff)
    before = _snapshot(db, detail.id)
    with pytest.raises(ValidationError):
        head.call(ev.reopen, detail.id, "  ")
    with pytest.raises(PermissionDenied):
        Services(db, staff.member_actor).call(ev.reopen, detail.id, "Saya keberatan")
    assert _snapshot(db, detail.id) == before

    detail = head.call(ev.reopen, detail.id, "Realisasi Maret belum memuat laporan susulan.")
    assert detail.status is EvaluationStatus.SHARED and detail.finalised_at is None
    event = detail.events[-1]
    assert event.step is EvaluationStep.REOPEN
    assert event.note == "Realisasi Maret belum memuat laporan susulan."
    assert event.actor_name  # who
    assert [e.step for e in detail.events] == [
        EvaluationStep.START, EvaluationStep.SAVE, EvaluationStep.SHARE,
        EvaluationStep.FINALISE, EvaluationStep.REOPEN,
    ]  # fmt: skip
    with pytest.raises(ConflictError):
        head.call(ev.reopen, detail.id, "Lagi")
    detail = head.call(ev.save_draft, detail.id, rated(Rating.DI_ATAS, Rating.SESUAI))
    assert head.call(ev.finalise, detail.id).status is EvaluationStatus.FINAL


def test_unknown_evaluation_is_not_found(db: Database, staff: Staff) -> None:
    with pytest.raises(NotFound):
        _head(db, staff).read(ev.get_evaluation, "tidak-ada")


# -- lists ------------------------------------------------------------------------------------


def test_list_filters_and_scopes(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    head = _head(db, staff)
    started = head.call(ev.start_evaluation, staff.member.id, MARCH)
    rows = head.read(ev.list_evaluations, MARCH)
    # the head's direct staff; their own (not started) row is not listed
    assert {r.employee_name for r in rows} == {"Dewi Lestari", "Agus Saputra"}
    member_row = next(r for r in rows if r.employee_id == staff.member.id)
    assert member_row.status is EvaluationStatus.DRAFT and member_row.can_rate
    assert member_row.evaluation_id == started.id
    assert member_row.supervisor_name == "Bambang Hermawan, S.Sos."
    other = next(r for r in rows if r.employee_id == staff.colleague.id)
    assert other.evaluation_id is None and other.status is None
    drafts = head.read(ev.list_evaluations, MARCH, status=EvaluationStatus.DRAFT)
    assert [r.employee_id for r in drafts] == [staff.member.id]
    assert head.read(ev.list_evaluations, MARCH, include_not_started=False) == drafts
    assert head.read(ev.list_evaluations, FEBRUARY, include_not_started=False) == []
    admin_rows = Services(db, staff.admin).read(ev.list_evaluations, MARCH)
    assert {r.employee_id for r in admin_rows} >= {staff.head.id, staff.member.id}
    assert not any(r.can_rate for r in admin_rows)  # the setting is off
    in_other = Services(db, staff.admin).read(
        ev.list_evaluations, MARCH, unit_id=staff.other_unit.id
    )
    assert in_other == []


def test_period_choices_follow_the_office_setting(db: Database, staff: Staff) -> None:
    admin = Services(db, staff.admin)
    periods = admin.read(ev.period_choices, 2026)
    assert len(periods) == 13 and periods[-1].is_annual
    admin.call(ev.update_evaluation_settings, period_type=ev.PeriodType.QUARTERLY)
    periods = admin.read(ev.period_choices, 2026)
    assert [p.label() for p in periods] == [
        "Triwulan I 2026", "Triwulan II 2026", "Triwulan III 2026", "Triwulan IV 2026",
        "Tahunan 2026",
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        admin.call(ev.update_evaluation_settings, period_type=ev.PeriodType.ANNUAL)


def test_an_rhk_added_to_a_revised_skp_joins_the_evaluation(db: Database, staff: Staff) -> None:
    from tests.support.outputs import rhk_input

    setup = approved_skp(db, staff)
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    with db.session() as session:
        skp.reopen_skp(session, staff.admin, setup.skp.id, "Revisi pertengahan tahun")
        revised = skp.add_rhk(session, staff.admin, setup.skp.id, rhk_input("Terlayaninya tamu"))
        skp.approve_skp(session, staff.admin, setup.skp.id)
    new_rhk = revised.rhk[-1]
    shown = head.read(ev.get_evaluation, detail.id)
    assert [r.rhk_id for r in shown.rhk][-1] == new_rhk.id
    changes = ev.EvaluationChanges(
        rhk_feedback=(ev.RhkFeedbackChange(new_rhk.id, "Tamu terlayani dengan baik."),),
        indicators=(ev.IndicatorChange(new_rhk.indicators[1].id, 90),),
    )
    detail = head.call(ev.save_draft, detail.id, changes)
    assert detail.rhk[-1].umpan_balik == "Tamu terlayani dengan baik."
    assert detail.rhk[-1].indicators[0].prefilled == 0.0  # pre-filled from (no) logs
    assert detail.rhk[-1].indicators[1].realisasi == 90
    assert SkpStatus(revised.status) is SkpStatus.DRAFT


def test_an_admin_account_of_a_supervisor_rates_their_own_staff(db: Database, staff: Staff) -> None:
    from flexdesk.services.permissions import Role
    from tests.support.helpers import add_employee, add_user

    chief = add_employee(db, staff.admin, "Rina Kusuma", unit_id=staff.other_unit.id)
    clerk = add_employee(db, staff.admin, "Yusuf Permana", unit_id=staff.other_unit.id,
                         supervisor_id=chief.id)  # fmt: skip
    chief_admin = add_user(db, username="rina", role=Role.ADMIN, employee_id=chief.id)
    approved_skp(db, staff, clerk.id)
    approved_skp(db, staff)
    as_chief = Services(db, chief_admin)
    detail = as_chief.call(ev.start_evaluation, clerk.id, MARCH)  # setting off: as supervisor
    assert detail.events[-1].acting_as == "supervisor" and detail.can_edit
    with pytest.raises(PermissionDenied):  # not their staff, and the setting is off
        as_chief.call(ev.start_evaluation, staff.member.id, MARCH)
    rows = as_chief.read(ev.list_evaluations, MARCH)
    assert {r.employee_id for r in rows if r.can_rate} == {clerk.id}


def test_a_period_that_has_not_begun_cannot_be_evaluated(db: Database, staff: Staff) -> None:
    approved_skp(db, staff)
    head = _head(db, staff)
    with pytest.raises(ValidationError) as early:
        head.call(ev.start_evaluation, staff.member.id, MARCH, today=date(2026, 2, 27))
    assert "belum dimulai" in early.value.message and "1 Maret 2026" in early.value.message
    assert _count(db, Evaluation) == 0
    # from the first day on (a supervisor may start at the end of the month)
    head.call(ev.start_evaluation, staff.member.id, MARCH, today=date(2026, 3, 1))


def test_saving_without_a_change_records_no_step(db: Database, staff: Staff) -> None:
    setup = approved_skp(db, staff)
    head = _head(db, staff)
    detail = head.call(ev.start_evaluation, staff.member.id, MARCH)
    same = ev.EvaluationChanges(rhk_feedback=(ev.RhkFeedbackChange(setup.rhk_id, ""),))
    detail = head.call(ev.save_draft, detail.id, same)
    assert [e.step for e in detail.events] == [EvaluationStep.START]
    detail = head.call(ev.save_draft, detail.id, rated())
    assert [e.step for e in detail.events] == [EvaluationStep.START, EvaluationStep.SAVE]
