"""The hostile inputs of issue 18 item 1, each on its own: the nine untyped crashes (a lone
surrogate in create_employee, create_log, save_draft's catatan, RHK and BerAKHLAK feedback and
comment; ``work_mode="Z"``; a rating and a ``capaian_organisasi`` not in the list), a
100k-character name in a String(200) column, ``realisasi=inf``; then every fixed value of
tests/support/hostile.py through the services, and the flush check on its own (what slips past
a service). Each refusal is a typed ValidationError naming the field, and nothing was written.
Both backends (the ``db`` fixture).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.db.models_evaluation import EvaluationBehaviour, EvaluationIndicator
from flexdesk.db.models_outputs import OutputLog
from flexdesk.domain.outputs import WorkMode
from flexdesk.domain.people import EmployeeType
from flexdesk.errors import ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services import employees
from flexdesk.services.evaluation import service as ev
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.storage.attachments import AttachmentStore
from tests.support.evaluation import MARCH, approved_skp
from tests.support.helpers import Staff
from tests.support.hostile import (
    HOSTILE_NUMBERS,
    HOSTILE_TEXTS,
    OUT_OF_ENUM,
    REFUSED,
    attempt,
    db_snapshot,
    storable,
)
from tests.support.outputs import TODAY, log_input

SURROGATE = "x \ud800 y"


def refused(db: Database, call: Callable[[Session], object], field: str) -> ValidationError:
    """``call`` raises a ValidationError for ``field`` (startswith: ``reason:<id>``) with
    both messages, and nothing was written."""
    before = db_snapshot(db)
    with pytest.raises(ValidationError) as err, db.session() as session:
        call(session)
    assert err.value.field is not None and err.value.field.startswith(field), err.value.field
    assert err.value.message and err.value.message_en and err.value.message != err.value.message_en
    assert db_snapshot(db) == before
    return err.value


def _employee(**kw: object) -> employees.EmployeeInput:
    base = employees.EmployeeInput(nama="Pegawai Uji", employee_type=EmployeeType.NON_ASN)
    return replace(base, **kw)  # type: ignore[arg-type]


@pytest.fixture
def rhk_id(db: Database, staff: Staff) -> str:
    return approved_skp(db, staff).rhk_id


@pytest.fixture
def shared(db: Database, staff: Staff, rhk_id: str) -> ev.EvaluationDetail:
    with db.session() as s:
        detail = ev.start_evaluation(s, staff.head_actor, staff.member.id, MARCH)
        return ev.share(s, staff.head_actor, detail.id)


def _log(staff: Staff, data_paths: DataPaths, **kw: object) -> Callable[[Session], object]:
    store = AttachmentStore(data_paths.attachments)
    data = kw.pop("data")
    return lambda s: outputs.create_log(s, staff.member_actor, data, store=store, today=TODAY)  # type: ignore[arg-type]


# -- the nine crashes, and the two silent acceptances --------------------------------


def test_surrogate_in_create_employee(db: Database, staff: Staff) -> None:
    err = refused(db, lambda s: employees.create_employee(s, staff.admin, _employee(nama=SURROGATE)), "nama")  # fmt: skip
    assert "U+D800" in err.message_en


def test_surrogate_in_create_log(
    db: Database, staff: Staff, data_paths: DataPaths, rhk_id: str
) -> None:
    data = log_input(staff.member.id, rhk_id, activity=SURROGATE)
    refused(db, _log(staff, data_paths, data=data), "activity")


def test_surrogate_in_save_draft_catatan(
    db: Database, staff: Staff, shared: ev.EvaluationDetail
) -> None:
    changes = ev.EvaluationChanges(catatan=SURROGATE)
    refused(db, lambda s: ev.save_draft(s, staff.head_actor, shared.id, changes), "catatan")


def test_surrogate_in_rhk_feedback(db: Database, staff: Staff, shared: ev.EvaluationDetail) -> None:
    fb = ev.RhkFeedbackChange(shared.rhk[0].rhk_id, SURROGATE)
    changes = ev.EvaluationChanges(rhk_feedback=(fb,))
    refused(db, lambda s: ev.save_draft(s, staff.head_actor, shared.id, changes), "umpan_balik:")


def test_surrogate_in_berakhlak_feedback(
    db: Database, staff: Staff, shared: ev.EvaluationDetail
) -> None:
    with db.read_session() as s:
        code = s.scalars(select(EvaluationBehaviour.code)).first()
    assert code is not None
    changes = ev.EvaluationChanges(behaviours=(ev.BehaviourChange(code, SURROGATE),))
    refused(db, lambda s: ev.save_draft(s, staff.head_actor, shared.id, changes), "perilaku:")


def test_surrogate_in_comment(db: Database, staff: Staff, shared: ev.EvaluationDetail) -> None:
    refused(db, lambda s: ev.comment(s, staff.member_actor, shared.id, SURROGATE), "comment")


def test_work_mode_outside_the_enum(
    db: Database, staff: Staff, data_paths: DataPaths, rhk_id: str
) -> None:
    data = log_input(staff.member.id, rhk_id, work_mode="Z")
    err = refused(db, _log(staff, data_paths, data=data), "work_mode")
    assert all(m.value in err.message_en for m in WorkMode)  # the allowed values are listed


def test_rating_outside_the_list(db: Database, staff: Staff, shared: ev.EvaluationDetail) -> None:
    changes = ev.EvaluationChanges(rating_hasil_kerja="luar_biasa")  # type: ignore[arg-type]
    err = refused(
        db, lambda s: ev.save_draft(s, staff.head_actor, shared.id, changes), "rating_hasil_kerja"
    )
    assert "sangat_baik" in err.message_en or "Allowed" in err.message_en


def test_capaian_organisasi_outside_the_list(
    db: Database, staff: Staff, shared: ev.EvaluationDetail
) -> None:
    changes = ev.EvaluationChanges(capaian_organisasi="cemerlang")  # type: ignore[arg-type]
    refused(
        db, lambda s: ev.save_draft(s, staff.head_actor, shared.id, changes), "capaian_organisasi"
    )


def test_100k_name_is_refused_not_stored_in_string_200(db: Database, staff: Staff) -> None:
    err = refused(
        db, lambda s: employees.create_employee(s, staff.admin, _employee(nama="x" * 100_000)), "nama"
    )  # fmt: skip
    assert "100000" in err.message_en and "200" in err.message_en


def test_realisasi_infinity_is_refused(
    db: Database, staff: Staff, shared: ev.EvaluationDetail
) -> None:
    indicator = shared.rhk[0].indicators[0].indicator_id
    for value in (math.inf, -math.inf, math.nan):
        change = ev.IndicatorChange(indicator, value, "alasan")
        changes = ev.EvaluationChanges(indicators=(change,))
        err = refused(db, lambda s, c=changes: ev.save_draft(s, staff.head_actor, shared.id, c), "realisasi:")  # fmt: skip
        assert "finite" in err.message_en
    with db.read_session() as s:
        stored = s.scalars(select(EvaluationIndicator.realisasi)).all()
    assert all(v is None or math.isfinite(v) for v in stored)


# -- every fixed hostile value, through the services ----------------------------------------


def _outcomes(db: Database, values: tuple[object, ...], call: Callable[[object], Callable[[Session], object]]) -> dict[str, int]:  # fmt: skip
    """Hand each value to the service; count stored and refused (any other error fails)."""
    seen = {"stored": 0, "refused": 0}
    for value in values:
        result = attempt(db, call(value))
        seen["refused" if result is REFUSED else "stored"] += 1
    return seen


def test_every_fixed_text_in_employee_names(db: Database, staff: Staff) -> None:
    def create(value: object) -> Callable[[Session], object]:
        return lambda s: employees.create_employee(s, staff.admin, _employee(nama=value))

    seen = _outcomes(db, HOSTILE_TEXTS, create)
    with db.read_session() as s:
        names = set(s.scalars(select(Employee.nama)))
    for value in HOSTILE_TEXTS:
        expected = " ".join(value.split())
        if expected in names:
            assert storable(value, multiline=True) and len(expected) <= 200
        elif expected and len(expected) <= 200:
            assert not storable(value, multiline=True), f"{value!r} refused"
    assert seen["stored"] >= 10 and seen["refused"] >= 15


def test_every_fixed_text_in_a_log_and_a_comment(
    db: Database, staff: Staff, data_paths: DataPaths, shared: ev.EvaluationDetail
) -> None:
    rhk_id = shared.rhk[0].rhk_id

    def log(value: object) -> Callable[[Session], object]:
        return _log(staff, data_paths, data=log_input(staff.member.id, rhk_id, activity=value))

    def comment(value: object) -> Callable[[Session], object]:
        return lambda s: ev.comment(s, staff.member_actor, shared.id, value)  # type: ignore[arg-type]

    for call in (log, comment):
        seen = _outcomes(db, HOSTILE_TEXTS, call)
        assert seen["stored"] >= 10 and seen["refused"] >= 10
    with db.read_session() as s:
        activities = list(s.scalars(select(OutputLog.activity)))
    assert all(storable(a, multiline=True) for a in activities)
    assert "baris\nbaru" in activities  # a multi-line text keeps its line break


def test_every_fixed_number_and_enum(
    db: Database, staff: Staff, data_paths: DataPaths, shared: ev.EvaluationDetail
) -> None:
    rhk_id = shared.rhk[0].rhk_id
    indicator = shared.rhk[0].indicators[0].indicator_id

    def quantity(value: object) -> Callable[[Session], object]:
        return _log(staff, data_paths, data=log_input(staff.member.id, rhk_id, quantity=value))

    def mode(value: object) -> Callable[[Session], object]:
        return _log(staff, data_paths, data=log_input(staff.member.id, rhk_id, work_mode=value))

    def realisasi(value: object) -> Callable[[Session], object]:
        c = ev.EvaluationChanges(indicators=(ev.IndicatorChange(indicator, value, "alasan"),))  # type: ignore[arg-type]
        return lambda s: ev.save_draft(s, staff.head_actor, shared.id, c)

    def rating(value: object) -> Callable[[Session], object]:
        c = ev.EvaluationChanges(rating_perilaku=value)  # type: ignore[arg-type]
        return lambda s: ev.save_draft(s, staff.head_actor, shared.id, c)

    def org(value: object) -> Callable[[Session], object]:
        c = ev.EvaluationChanges(capaian_organisasi=value)  # type: ignore[arg-type]
        return lambda s: ev.save_draft(s, staff.head_actor, shared.id, c)

    # a quantity is more than 0 and at most 1 000 000: only 5e-324 passes; a realisation is
    # finite and not negative (None: back to the pre-filled value)
    for call, stored in ((quantity, 1), (realisasi, 7)):
        seen = _outcomes(db, HOSTILE_NUMBERS, call)
        assert seen == {"stored": stored, "refused": len(HOSTILE_NUMBERS) - stored}, seen
    for call in (mode, rating, org):
        seen = _outcomes(db, OUT_OF_ENUM, call)
        # None clears a rating or the organisation result: the only value that may pass
        assert seen["stored"] <= 1, (call.__name__, seen)


# -- the flush check on its own (what a service, an importer or a demo might let through) ---


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("x" * 201, "nama"),
        ("Budi\nSantoso", "nama"),  # String(n) columns are single-line
        ("Budi\x1b", "nama"),
        (SURROGATE, "jabatan"),
        ("a\x00b", "gelar_depan"),
    ],
)
def test_flush_check_refuses_what_no_service_checked(
    db: Database, staff: Staff, value: str, field: str
) -> None:
    def add(s: Session) -> None:
        s.add(Employee(employee_type="non_asn", **{"nama": "Pegawai Uji", field: value}))
        s.flush()

    refused(db, add, field)


def test_flush_check_refuses_nan_and_out_of_range_integers(
    db: Database, staff: Staff, data_paths: DataPaths, rhk_id: str
) -> None:
    def nan_quantity(s: Session) -> None:
        log = s.scalars(select(OutputLog)).first()
        assert log is not None
        log.quantity = math.nan
        s.flush()

    def huge_minutes(s: Session) -> None:
        log = s.scalars(select(OutputLog)).first()
        assert log is not None
        log.minutes = 2**40
        s.flush()

    with db.session() as s:
        outputs.create_log(s, staff.member_actor, log_input(staff.member.id, rhk_id),
                           store=AttachmentStore(data_paths.attachments), today=TODAY)  # fmt: skip
    refused(db, nan_quantity, "quantity")
    refused(db, huge_minutes, "minutes")
