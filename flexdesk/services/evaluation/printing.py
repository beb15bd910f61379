"""The printed evaluation form's data, from an evaluation (internal to services.evaluation).

The letterhead logo lives in the database (``offices.logo_png``); ReportLab reads images from
files, so the logo is written once to a content-addressed PNG in the temporary folder
(``flexdesk-logos/<sha256>.png``) that any number of forms, previews and batch workers share.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from flexdesk.db.models import Employee, Office, WorkUnit
from flexdesk.db.models_evaluation import Evaluation
from flexdesk.domain.dates import format_periode
from flexdesk.domain.outputs import RhkKind
from flexdesk.domain.people import EmployeeType, pangkat_label
from flexdesk.domain.performance import PeriodType
from flexdesk.reports.evaluation_data import (
    DEFAULT_TITLE,
    EvaluationFormData,
    Indikator,
    PerilakuRow,
    Person,
    RhkRow,
)
from flexdesk.reports.layout import Letterhead, PaperName
from flexdesk.services.evaluation.detail import DetailCache
from flexdesk.services.evaluation.types import EvaluationDetail, RhkResult
from flexdesk.services.office import get_office, get_setting
from flexdesk.services.staff_scope import display_name

ANNUAL_TITLE = f"{DEFAULT_TITLE} TAHUNAN"


def logo_file(png: bytes) -> Path:
    """A PNG file with these bytes (content-addressed, written once, atomically)."""
    folder = Path(tempfile.gettempdir()) / "flexdesk-logos"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(png).hexdigest()}.png"
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(png)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return path


def letterhead(office: Office | None) -> Letterhead:
    """The kop of the form from the office profile (the logo as a cached PNG file)."""
    if office is None:
        return Letterhead(instansi="")
    return Letterhead(
        instansi=office.instansi,
        unit=office.unit_kerja,
        address=office.address,
        logo_path=logo_file(office.logo_png) if office.logo_png else None,
    )


def person(session: Session, emp: Employee | None, cache: DetailCache | None = None) -> Person:
    """A signature block of the form: name, NIP, pangkat/golongan (none for non-ASN), jabatan
    and unit."""
    if emp is None:
        return Person(nama="")
    if cache is not None:
        unit_name = cache.units.get(emp.unit_id or "", "")
    else:
        unit = session.get(WorkUnit, emp.unit_id) if emp.unit_id else None
        unit_name = unit.name if unit else ""
    try:
        etype = EmployeeType(emp.employee_type)
    except ValueError:
        etype = EmployeeType.PNS
    return Person(
        nama=display_name(emp),
        nip=emp.nip or "",
        pangkat_golongan=pangkat_label(emp.golongan) if etype is not EmployeeType.NON_ASN else "",
        jabatan=emp.jabatan,
        unit_kerja=unit_name,
        employee_type=etype,
    )


def _rhk_row(r: RhkResult) -> RhkRow:
    return RhkRow(
        rhk=r.text,
        indikator=tuple(
            Indikator(
                indikator=i.text,
                target=i.target_text,
                aspek=i.aspect.label,
                realisasi=i.realisasi_text,
            )
            for i in r.indicators
        ),
        rhk_atasan=r.parent_text,
        umpan_balik=r.umpan_balik,
    )


def _catatan(detail: EvaluationDetail) -> str:
    """The note, with the employee's comment (tanggapan) under it."""
    if not detail.employee_comment:
        return detail.catatan
    comment = f"Tanggapan pegawai: {detail.employee_comment}"
    return f"{detail.catatan}\n\n{comment}" if detail.catatan else comment


@dataclass(frozen=True)
class PrintContext:
    """What every form of a batch shares: the kop, the signing place, the paper."""

    letterhead: Letterhead
    place: str
    paper: PaperName


def print_context(session: Session) -> PrintContext:
    """The kop, the signing place (the office's city) and the paper (``paper_size``)."""
    office = get_office(session)
    paper: PaperName = "F4" if get_setting(session, "paper_size") == "F4" else "A4"
    return PrintContext(letterhead(office), office.city if office else "", paper)


def build_form_data(
    session: Session,
    ev: Evaluation,
    emp: Employee,
    detail: EvaluationDetail,
    sign_date: date | None,
    *,
    cache: DetailCache | None = None,
    context: PrintContext | None = None,
) -> EvaluationFormData:
    """The printed form of ``ev`` from its detail; ``sign_date`` None: the day it was
    finalised (today while not final). The employee's comment is printed under the note."""
    context = context or print_context(session)
    employees = cache.employees if cache is not None else {}

    def employee(employee_id: str | None) -> Employee | None:
        if not employee_id:
            return None
        return employees.get(employee_id) or session.get(Employee, employee_id)

    evaluator = employee(ev.evaluator_employee_id or emp.supervisor_id)
    annual = ev.period_type == PeriodType.ANNUAL.value
    atasan = None
    if annual and ev.atasan_employee_id:
        atasan = person(session, employee(ev.atasan_employee_id), cache)
    if sign_date is None:
        sign_date = (
            ev.finalised_at.astimezone().date() if ev.finalised_at is not None else date.today()
        )
    return EvaluationFormData(
        letterhead=context.letterhead,
        periode=format_periode(ev.start, ev.end),
        pegawai=person(session, emp, cache),
        pejabat_penilai=person(session, evaluator, cache),
        hasil_kerja_utama=tuple(_rhk_row(r) for r in detail.rhk if r.kind is RhkKind.UTAMA),
        hasil_kerja_tambahan=tuple(_rhk_row(r) for r in detail.rhk if r.kind is RhkKind.TAMBAHAN),
        perilaku=tuple(
            PerilakuRow(
                name=b.name,
                indicators=b.indicators,
                ekspektasi_khusus=b.ekspektasi_khusus,
                umpan_balik=b.umpan_balik,
            )
            for b in detail.behaviours
        ),
        rating_hasil_kerja=detail.rating_hasil_kerja,
        rating_perilaku=detail.rating_perilaku,
        predikat=detail.predikat,
        atasan_pejabat_penilai=atasan,
        capaian_kinerja_organisasi=(
            detail.capaian_organisasi.label if detail.capaian_organisasi else ""
        ),
        catatan=_catatan(detail),
        place=context.place,
        sign_date=sign_date,
        title=ANNUAL_TITLE if annual else DEFAULT_TITLE,
        paper=context.paper,
    )
