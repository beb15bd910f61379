"""Checking and applying the supervisor's edits of an evaluation (internal to
:mod:`flexdesk.services.evaluation.service`): everything is validated and resolved to its rows first,
so a refused edit changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models_evaluation import (
    Evaluation,
    EvaluationBehaviour,
    EvaluationIndicator,
    EvaluationRhk,
)
from flexdesk.db.models_outputs import RhkIndicator
from flexdesk.domain.performance import OrganisationResult, Rating, predikat_kinerja
from flexdesk.errors import ValidationError
from flexdesk.services.evaluation.rows import rating_or_none
from flexdesk.services.evaluation.types import (
    KEEP,
    MAX_TEXT,
    BehaviourChange,
    EvaluationChanges,
    IndicatorChange,
)
from flexdesk.services.validation import clean_text, finite_number, parse_enum


def set_ratings(ev: Evaluation, hasil: Rating | None, perilaku: Rating | None) -> None:
    """Store both ratings and the predikat they give (None until both are rated)."""
    ev.rating_hasil_kerja = None if hasil is None else Rating(hasil).value
    ev.rating_perilaku = None if perilaku is None else Rating(perilaku).value
    ev.predikat = (
        predikat_kinerja(hasil, perilaku).value
        if hasil is not None and perilaku is not None
        else None
    )


def check_length(text: object, field_name: str, label_id: str, label_en: str) -> str:
    """``text`` stripped; ValidationError when it is not text a column can hold (broken or
    control characters, flexdesk.services.validation) or longer than MAX_TEXT characters."""
    return clean_text(text, field_name, MAX_TEXT, multiline=True, label=(label_id, label_en))


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


@dataclass
class EditPlan:
    """Validated changes, resolved to their rows (nothing applied yet)."""

    indicators: list[tuple[EvaluationIndicator, IndicatorChange, str]] = field(default_factory=list)
    rhk: list[tuple[EvaluationRhk, str]] = field(default_factory=list)
    behaviours: list[tuple[EvaluationBehaviour, BehaviourChange]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # indicator id -> indicator text
    #: the changes with their ratings parsed and their texts stripped (what is applied)
    changes: EvaluationChanges = field(default_factory=EvaluationChanges)

    def touched(self) -> list[object]:
        """The rows the plan changes."""
        return (
            [r for r, _c, _t in self.indicators]
            + [r for r, _u in self.rhk]
            + [r for r, _c in self.behaviours]
        )


def _check_fields(changes: EvaluationChanges) -> EvaluationChanges:
    """The note checked and the ratings and organisation result parsed (ValidationError
    listing the allowed values for an unknown one)."""
    if changes.catatan is not KEEP:
        changes = replace(
            changes, catatan=check_length(changes.catatan, "catatan", "Catatan", "The note")
        )
    if changes.rating_hasil_kerja is not KEEP and changes.rating_hasil_kerja is not None:
        changes = replace(
            changes,
            rating_hasil_kerja=parse_enum(
                Rating, changes.rating_hasil_kerja, "rating_hasil_kerja", label=_HASIL
            ),
        )
    if changes.rating_perilaku is not KEEP and changes.rating_perilaku is not None:
        changes = replace(
            changes,
            rating_perilaku=parse_enum(
                Rating, changes.rating_perilaku, "rating_perilaku", label=_PERILAKU
            ),
        )
    if changes.capaian_organisasi is not KEEP and changes.capaian_organisasi is not None:
        changes = replace(
            changes,
            capaian_organisasi=parse_enum(
                OrganisationResult, changes.capaian_organisasi, "capaian_organisasi", label=_ORG
            ),
        )
    return changes


_HASIL = ("Rating hasil kerja", "The work result rating")
_PERILAKU = ("Rating perilaku kerja", "The work behaviour rating")
_ORG = ("Capaian kinerja organisasi", "The organisation's result")


def _override_reason(row: EvaluationIndicator, change: IndicatorChange, text: str) -> str:
    """The reason to store with a realisation: required when it differs from the pre-filled
    figure, dropped when it does not (or when the pre-filled value is restored)."""
    reason = check_length(change.reason, f"reason:{change.indicator_id}", "Alasan", "The reason")
    if change.realisasi is None:
        return ""
    realisasi = finite_number(
        change.realisasi,
        f"realisasi:{change.indicator_id}",
        label=(f'Realisasi "{text}"', f'The realisation of "{text}"'),
    )
    if realisasi < 0:
        raise ValidationError(
            f'Realisasi "{text}" tidak boleh negatif.',
            message_en=f'The realisation of "{text}" cannot be negative.',
            field=f"realisasi:{change.indicator_id}",
        )
    differs = row.prefilled is not None and abs(realisasi - row.prefilled) > 1e-9
    if differs and not reason:
        raise ValidationError(
            f'Realisasi "{text}" diubah dari {_number(row.prefilled)} (jumlah '
            f"log output yang diterima) menjadi {_number(change.realisasi)}; "
            "tuliskan alasannya.",
            message_en=f'The realisation of "{text}" was changed from '
            f"{_number(row.prefilled)} (the accepted output logs) to "
            f"{_number(change.realisasi)}; give the reason.",
            field=f"reason:{change.indicator_id}",
        )
    if not differs and row.prefilled is not None:
        return ""
    return reason


def _plan_indicators(
    session: Session, ev: Evaluation, changes: EvaluationChanges, plan: EditPlan
) -> None:
    rows = {
        r.indicator_id: r
        for r in session.scalars(
            select(EvaluationIndicator).where(EvaluationIndicator.evaluation_id == ev.id)
        )
    }
    texts = {
        iid: text
        for iid, text in session.execute(
            select(RhkIndicator.id, RhkIndicator.text).where(
                RhkIndicator.id.in_([c.indicator_id for c in changes.indicators])
            )
        )
    }
    for change in changes.indicators:
        row = rows.get(change.indicator_id)
        if row is None or change.indicator_id not in texts:
            raise ValidationError(
                "Indikator itu bukan bagian dari evaluasi ini (SKP mungkin sudah diubah); "
                "muat ulang evaluasinya.",
                message_en="That indicator is not part of this evaluation (the SKP may "
                "have changed); reload the evaluation.",
                field=f"realisasi:{change.indicator_id}",
            )
        text = texts[change.indicator_id]
        reason = _override_reason(row, change, text)
        check_length(reason, f"reason:{change.indicator_id}", "Alasan", "The reason")
        plan.indicators.append((row, change, reason))
        plan.texts[change.indicator_id] = text


def _plan_rhk_feedback(
    session: Session, ev: Evaluation, changes: EvaluationChanges, plan: EditPlan
) -> None:
    rows_rhk = {
        r.rhk_id: r
        for r in session.scalars(select(EvaluationRhk).where(EvaluationRhk.evaluation_id == ev.id))
    }
    for fb in changes.rhk_feedback:
        row_rhk = rows_rhk.get(fb.rhk_id)
        if row_rhk is None:
            raise ValidationError(
                "RHK itu bukan bagian dari evaluasi ini; muat ulang evaluasinya.",
                message_en="That RHK is not part of this evaluation; reload it.",
                field=f"umpan_balik:{fb.rhk_id}",
            )
        text = check_length(fb.umpan_balik, f"umpan_balik:{fb.rhk_id}", "Umpan balik", "Feedback")
        plan.rhk.append((row_rhk, text))


def _plan_behaviours(
    session: Session, ev: Evaluation, changes: EvaluationChanges, plan: EditPlan
) -> None:
    rows_b = {
        b.code: b
        for b in session.scalars(
            select(EvaluationBehaviour).where(EvaluationBehaviour.evaluation_id == ev.id)
        )
    }
    for bc in changes.behaviours:
        row_b = rows_b.get(bc.code)
        if row_b is None:
            raise ValidationError(
                f"Nilai dasar BerAKHLAK tidak dikenal: {bc.code}.",
                message_en=f"Unknown BerAKHLAK core value: {bc.code}.",
                field=f"perilaku:{bc.code}",
            )
        feedback = check_length(bc.umpan_balik, f"perilaku:{bc.code}", "Umpan balik", "Feedback")
        expectation = check_length(
            bc.ekspektasi_khusus, f"ekspektasi:{bc.code}", "Ekspektasi khusus",
            "The special expectation",
        )  # fmt: skip
        plan.behaviours.append(
            (row_b, replace(bc, umpan_balik=feedback, ekspektasi_khusus=expectation))
        )


def validate_changes(session: Session, ev: Evaluation, changes: EvaluationChanges) -> EditPlan:
    """Check every change and resolve it to its row; ValidationError for the first problem,
    before anything is applied."""
    changes = _check_fields(changes)
    plan = EditPlan(changes=changes)
    if changes.indicators:
        _plan_indicators(session, ev, changes, plan)
    if changes.rhk_feedback:
        _plan_rhk_feedback(session, ev, changes, plan)
    if changes.behaviours:
        _plan_behaviours(session, ev, changes, plan)
    return plan


def apply_changes(ev: Evaluation, changes: EvaluationChanges, plan: EditPlan) -> list[str]:
    """Apply validated changes; returns the notes for the event (realisation overrides)."""
    notes: list[str] = []
    hasil = (
        rating_or_none(ev.rating_hasil_kerja)
        if changes.rating_hasil_kerja is KEEP
        else changes.rating_hasil_kerja
    )
    perilaku = (
        rating_or_none(ev.rating_perilaku)
        if changes.rating_perilaku is KEEP
        else changes.rating_perilaku
    )
    if changes.rating_hasil_kerja is not KEEP or changes.rating_perilaku is not KEEP:
        set_ratings(ev, hasil, perilaku)
    if changes.capaian_organisasi is not KEEP:
        ev.capaian_organisasi = (
            "" if changes.capaian_organisasi is None else changes.capaian_organisasi.value
        )
    if changes.catatan is not KEEP:
        ev.catatan = changes.catatan.strip()
    for row, change, reason in plan.indicators:
        value = row.prefilled if change.realisasi is None else float(change.realisasi)
        if value != row.realisasi and reason:
            notes.append(
                f"Realisasi {plan.texts[row.indicator_id]}: {_number(row.realisasi)} → "
                f"{_number(value)} ({reason})"
            )
        row.realisasi = value
        row.override_reason = reason
    for row_rhk, text in plan.rhk:
        row_rhk.umpan_balik = text
    for row_b, bc in plan.behaviours:
        row_b.umpan_balik = bc.umpan_balik.strip()
        row_b.ekspektasi_khusus = bc.ekspektasi_khusus.strip()
    return notes
