"""Checking what goes into an SKP: its year and evaluation period type, and an RHK with its
indicators (wording, one indicator per aspect, targets, the kuantitas indicator the daily
outputs add up against, and the supervisor RHK it derives from)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from flexdesk.db.models_outputs import Skp
from flexdesk.domain.outputs import Aspect, RhkKind
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import ValidationError
from flexdesk.services.office import get_setting
from flexdesk.services.outputs.skp_query import supervisor_rhk
from flexdesk.services.outputs.skp_types import SKP_PERIOD_TYPES, IndicatorInput, RhkInput
from flexdesk.services.validation import finite_number, one_line, parse_enum

MAX_TEXT = 2000


def skp_period_type(value: PeriodType | str | None, session: Session) -> PeriodType:
    """The period type to store: ``value``, else the office's ``evaluation_period`` setting;
    ValidationError unless monthly, quarterly or semester."""
    raw = value if value is not None else get_setting(session, "evaluation_period")
    try:
        period = PeriodType(str(raw))
    except ValueError:
        period = PeriodType.MONTHLY
    if period not in SKP_PERIOD_TYPES:
        raise ValidationError(
            "Periode evaluasi harus bulanan, triwulanan atau semesteran.",
            message_en="The evaluation period must be monthly, quarterly or semester.",
            field="period_type",
        )
    return period


def check_year(year: int) -> None:
    """ValidationError for an SKP year outside 2000..2100."""
    if not 2000 <= year <= 2100:
        raise ValidationError(
            f"Tahun SKP {year} tidak masuk akal.",
            message_en=f"SKP year {year} is out of range.",
            field="year",
        )


def _clean_text(data: RhkInput) -> str:
    text = one_line(data.text, "text", label=("Rumusan RHK", "The RHK statement"))
    if not text:
        raise ValidationError(
            "Rumusan RHK wajib diisi.", message_en="The RHK statement is required.", field="text"
        )
    if len(text) > MAX_TEXT:
        raise ValidationError(
            f"Rumusan RHK terlalu panjang (maksimal {MAX_TEXT} karakter).",
            message_en=f"The RHK statement is too long (at most {MAX_TEXT} characters).",
            field="text",
        )
    return text


def _clean_indicator(ind: IndicatorInput, seen: set[Aspect]) -> IndicatorInput | None:
    """The indicator normalised (None for an empty row of the form); ``seen``: the aspects
    of the rows before it, which this one joins."""
    aspect = parse_enum(Aspect, ind.aspect, "indicators", label=("Aspek", "The aspect"))
    ind_text = one_line(ind.text, "indicators", label=("Indikator", "The indicator"))
    unit = one_line(ind.target_unit, f"unit_{aspect.value}", label=("Satuan", "The unit"))
    if not ind_text:
        return None
    if aspect in seen:
        raise ValidationError(
            f"Aspek {aspect.label} tercantum dua kali; satu indikator per aspek.",
            message_en=f"Aspect {aspect.value} appears twice; one indicator per aspect.",
            field="indicators",
        )
    seen.add(aspect)
    target = finite_number(
        ind.target_value, f"target_{aspect.value}", label=("Target", "The target")
    )
    if not (target >= 0) or target > 1e9:
        raise ValidationError(
            f"Target indikator {aspect.label} harus angka 0 atau lebih.",
            message_en=f"The {aspect.value} target must be a number of 0 or more.",
            field=f"target_{aspect.value}",
        )
    if len(unit) > 40:
        raise ValidationError(
            "Satuan target maksimal 40 karakter.",
            message_en="The target unit is at most 40 characters.",
            field=f"unit_{aspect.value}",
        )
    return IndicatorInput(aspect, ind_text, float(ind.target_value), unit)


def _clean_indicators(data: RhkInput) -> list[IndicatorInput]:
    """The filled-in indicators, checked; one of them must be a kuantitas target with a unit."""
    seen: set[Aspect] = set()
    clean_ind: list[IndicatorInput] = []
    for ind in data.indicators:
        clean = _clean_indicator(ind, seen)
        if clean is not None:
            clean_ind.append(clean)
    quantity = next((i for i in clean_ind if i.aspect is Aspect.KUANTITAS), None)
    if quantity is None or quantity.target_value <= 0 or not quantity.target_unit:
        raise ValidationError(
            "Setiap RHK memerlukan indikator kuantitas dengan target dan satuan (mis. 12 "
            "dokumen): output harian dijumlahkan terhadapnya.",
            message_en="Every RHK needs a quantity indicator with a target and a unit (e.g. "
            "12 documents): daily outputs add up against it.",
            field="target_kuantitas",
        )
    return clean_ind


def _check_parent(session: Session, skp: Skp, parent: str | None) -> None:
    """The supervisor RHK must be one of the direct supervisor's SKP of the same year."""
    if parent is None:
        return
    allowed = {rid for rid, _t in supervisor_rhk(session, skp.employee_id, skp.year)}
    if parent not in allowed:
        raise ValidationError(
            "RHK atasan yang diintervensi harus berasal dari SKP atasan langsung pada tahun "
            "yang sama.",
            message_en="The supervisor RHK must come from the direct supervisor's SKP of "
            "the same year.",
            field="parent",
        )


def clean_rhk(session: Session, skp: Skp, data: RhkInput) -> RhkInput:
    """The RHK as it is stored: whitespace normalised, empty indicator rows dropped, the
    indicators in aspect order; ValidationError (with the field) for the first problem."""
    text = _clean_text(data)
    kind = parse_enum(RhkKind, data.kind, "kind", label=("Jenis RHK", "The RHK kind"))
    clean_ind = _clean_indicators(data)
    parent = data.parent_rhk_id or None
    _check_parent(session, skp, parent)
    order = list(Aspect)
    clean_ind.sort(key=lambda i: order.index(i.aspect))
    return RhkInput(text, kind, parent, tuple(clean_ind))
