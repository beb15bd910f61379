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

from dataclasses import replace
from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flexdesk.db.engine import Database
from flexdesk.db.models import WorkUnit
from flexdesk.domain.outputs import Aspect, RhkKind, WorkMode
from flexdesk.domain.people import EmployeeType, Gender
from flexdesk.paths import DataPaths
from flexdesk.services import employees, office, units
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.outputs import skp
from flexdesk.services.outputs.skp import IndicatorInput, RhkInput
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.evaluation import approved_skp
from tests.support.helpers import DEFAULT_PROFILE, Staff
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
    tried,
)
from tests.support.outputs import TODAY, log_input

# -- employees, units, office ---------------------------------------------------------------


@HOSTILE
@given(
    field=st.sampled_from(["nama", "gelar_depan", "gelar_belakang", "jabatan"]),
    value=hostile_text(),
)
def test_create_employee(db: Database, staff: Staff, field: str, value: str) -> None:
    tried(__name__)
    data = employees.EmployeeInput(nama="Pegawai Uji", employee_type=EmployeeType.NON_ASN)
    data = replace(data, **{field: value})  # type: ignore[attr-defined]
    row = attempt(db, lambda s: employees.create_employee(s, staff.admin, data))
    if row is not REFUSED:
        with db.read_session() as s:
            stored = employees.get_employee(s, staff.admin, row.id)  # type: ignore[attr-defined]
        check_stored(getattr(stored, field), line(value), value)


@HOSTILE
@given(etype=hostile_enum_value(tuple(EmployeeType)), gender=hostile_enum_value(tuple(Gender)))
def test_create_employee_enums(db: Database, staff: Staff, etype: object, gender: object) -> None:
    tried(__name__, 2)
    data = employees.EmployeeInput(nama="Pegawai Uji", employee_type=etype, gender=gender)  # type: ignore[arg-type]
    row = attempt(db, lambda s: employees.create_employee(s, staff.admin, data))
    if row is not REFUSED:
        assert row.employee_type in tuple(EmployeeType)  # type: ignore[attr-defined]


@HOSTILE
@given(value=hostile_text())
def test_update_own_name(db: Database, staff: Staff, value: str) -> None:
    tried(__name__)
    with db.read_session() as s:
        current = employees.get_employee(s, staff.member_actor, staff.member.id).to_input()
    data = replace(current, nama=value)  # type: ignore[attr-defined]
    row = attempt(
        db, lambda s: employees.update_employee(s, staff.member_actor, staff.member.id, data)
    )
    if row is not REFUSED:
        with db.read_session() as s:
            stored = employees.get_employee(s, staff.admin, staff.member.id)
        check_stored(stored.nama, line(value), value)


@HOSTILE
@given(name=hostile_text(), code=st.sampled_from(["", "PEL-2"]) | hostile_text())
def test_create_unit(db: Database, staff: Staff, name: str, code: str) -> None:
    tried(__name__, 2)
    row = attempt(db, lambda s: units.create_unit(s, staff.admin, name, code))
    if row is not REFUSED:
        with db.read_session() as s:
            unit = s.get(WorkUnit, row.id)  # type: ignore[attr-defined]
            assert unit is not None
            check_stored(unit.name, line(name), name)
            check_stored(unit.code, line(code), code)


@HOSTILE
@given(field=st.sampled_from(["instansi", "unit_kerja", "city", "address"]), value=hostile_text())
def test_update_office(db: Database, staff: Staff, field: str, value: str) -> None:
    tried(__name__)
    profile = office.OfficeProfile(**{**DEFAULT_PROFILE.__dict__, field: value})
    done = attempt(db, lambda s: office.update_office(s, staff.admin, profile))
    if done is not REFUSED:
        with db.read_session() as s:
            stored = office.office_profile(s, staff.admin)
        multiline = field == "address"
        check_stored(getattr(stored, field), value.strip(), value, multiline=multiline)


# -- SKP and output logs --------------------------------------------------------------------


@pytest.fixture
def rhk_id(db: Database, staff: Staff) -> str:
    return approved_skp(db, staff).rhk_id


@HOSTILE
@given(field=st.sampled_from(["activity", "unit", "location"]), value=hostile_text())
def test_create_log(
    *, db: Database, staff: Staff, data_paths: DataPaths, rhk_id: str, field: str, value: str
) -> None:
    tried(__name__)
    texts = {"location": "Bandung", field: value}  # WFA: a location is required and kept
    data = log_input(staff.member.id, rhk_id, work_mode=WorkMode.WFA, **texts)
    store = AttachmentStore(data_paths.attachments)
    row = attempt(
        db, lambda s: outputs.create_log(s, staff.member_actor, data, store=store, today=TODAY)
    )
    if row is not REFUSED:
        with db.read_session() as s:
            stored = outputs.get_log(s, staff.member_actor, row.id)  # type: ignore[attr-defined]
        expected = value.strip() if field == "activity" else line(value)
        check_stored(getattr(stored, field), expected, value)


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
    tried(__name__, 2)
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
    tried(__name__)
    store = AttachmentStore(data_paths.attachments)
    with db.session() as s:
        log = outputs.create_log(s, staff.member_actor, log_input(staff.member.id, rhk_id),
                                 store=store, today=TODAY)  # fmt: skip
        outputs.submit_logs(s, staff.member_actor, [log.id])
    row = attempt(db, lambda s: outputs.return_log(s, staff.head_actor, log.id, note))
    if row is not REFUSED:
        with db.read_session() as s:
            stored = outputs.get_log(s, staff.member_actor, log.id)
        check_stored(stored.review_note, note.strip(), note)


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
    tried(__name__)
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
        check_stored(got, line(value), value)


@HOSTILE
@given(
    target=hostile_number() | st.just(12),
    kind=hostile_enum_value(tuple(RhkKind)),
    aspect=hostile_enum_value((Aspect.KUALITAS, "waktu")),
)
def test_add_rhk_values(
    *, db: Database, staff: Staff, draft_skp: str, target: object, kind: object, aspect: object
) -> None:
    tried(__name__, 3)
    data = _rhk(
        "Tersusunnya laporan", "Jumlah laporan", target, "dokumen", kind=kind, aspect=aspect
    )
    detail = attempt(db, lambda s: skp.add_rhk(s, staff.admin, draft_skp, data))
    if detail is not REFUSED:
        assert detail.rhk[-1].indicators[0].target_value == target  # type: ignore[attr-defined]


def test_times_are_typed_too(
    db: Database, staff: Staff, data_paths: DataPaths, rhk_id: str
) -> None:
    """Times in the wrong order are a typed error (a control for the harness itself)."""
    data = log_input(staff.member.id, rhk_id, start_time=time(10, 0), end_time=time(9, 0))
    store = AttachmentStore(data_paths.attachments)
    assert attempt(db, lambda s: outputs.create_log(s, staff.member_actor, data, store=store,
                                                    today=TODAY)) is REFUSED  # fmt: skip


__all__ = ["report_tried"]  # the module fixture that prints the count
