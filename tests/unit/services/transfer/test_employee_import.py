"""Employee import: preview statuses, all-or-nothing commit, idempotent re-import, round trip,
encodings and delimiters, SIASN headers, and every refused-row reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from flexdesk.db.engine import Database
from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_transfer import EmployeeContact
from flexdesk.domain.people import EmployeeType
from flexdesk.errors import ImportFileError, PermissionDenied, ValidationError
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor
from flexdesk.services.storage.audit import verify_audit_chain
from flexdesk.services.transfer import employee_import as imp
from flexdesk.services.transfer.people_sheets import (
    employee_rows,
    export_employees_xlsx,
    write_employee_template,
)
from flexdesk.services.transfer.preview import RowStatus
from tests.support.helpers import Staff, make_db, setup_office
from tests.unit.services.transfer.support import (
    HEAD,
    STAFF_A,
    STAFF_B,
    counts,
    nip,
    office_rows,
    write_csv,
    write_xlsx,
)


def _preview(db: Database, actor: Actor, path: Path) -> imp.ImportPreview:
    return Services(db, actor).read(imp.preview_employee_import, path)


def _commit(db: Database, actor: Actor, path: Path) -> imp.ImportResult:
    return Services(db, actor).call(imp.commit_employee_import, path)


def test_import_creates_units_staff_and_hierarchy_then_reimport_changes_nothing(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "pegawai.csv", office_rows())
    preview = _preview(db, admin, path)
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * 3
    assert preview.new_units == ("Pelayanan", "Sekretariat") and preview.can_commit
    result = _commit(db, admin, path)
    assert (result.created, result.updated, result.units_created) == (3, 0, 2)
    with db.read_session() as session:
        by_nip = {e.nip: e for e in session.scalars(select(Employee))}
        assert by_nip[STAFF_A].supervisor_id == by_nip[HEAD].id
        assert by_nip[STAFF_A].gelar_depan == "Dr." and by_nip[STAFF_B].golongan == "VII"
        assert by_nip[STAFF_B].employee_type == "pppk" and by_nip[STAFF_A].gender == "P"
        assert verify_audit_chain(session) == []
    before = counts(db)
    again = _preview(db, admin, path)
    assert [r.status for r in again.rows] == [RowStatus.UNCHANGED] * 3 and not again.can_commit
    result = _commit(db, admin, path)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert counts(db) == before  # not even an audit row


def test_changed_row_is_an_update_with_the_changed_fields(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    _commit(db, admin, write_csv(tmp_path / "a.csv", office_rows()))
    rows = office_rows()
    rows[1] = (*rows[1][:5], "III/b", "Analis Ahli", *rows[1][7:])
    preview = _preview(db, admin, write_csv(tmp_path / "b.csv", rows))
    assert [r.status for r in preview.rows] == [
        RowStatus.UNCHANGED,
        RowStatus.UPDATED,
        RowStatus.UNCHANGED,
    ]
    assert preview.rows[1].changed == ("golongan", "jabatan")
    _commit(db, admin, tmp_path / "b.csv")
    with db.read_session() as session:
        emp = session.scalar(select(Employee).where(Employee.nip == STAFF_A))
        assert emp is not None and (emp.golongan, emp.jabatan) == ("III/b", "Analis Ahli")


def test_missing_column_keeps_the_field_empty_cell_clears_it(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    _commit(db, admin, write_csv(tmp_path / "a.csv", office_rows()))
    header = ("NIP", "Nama", "Jabatan")
    path = write_csv(tmp_path / "b.csv", [(STAFF_A, "Dewi Lestari", "")], header=header)
    preview = _preview(db, admin, path)
    assert preview.rows[0].changed == ("jabatan",)
    _commit(db, admin, path)
    with db.read_session() as session:
        emp = session.scalar(select(Employee).where(Employee.nip == STAFF_A))
        assert emp is not None and emp.jabatan == "" and emp.gelar_depan == "Dr."
        assert emp.supervisor_id is not None  # no NIP Atasan column: kept


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8-sig"), (",", "utf-8"), (";", "cp1252"), ("\t", "utf-8-sig")],
)
def test_csv_as_spreadsheet_programs_write_it(
    db: Database, admin: Actor, tmp_path: Path, delimiter: str, encoding: str
) -> None:
    rows = office_rows()
    rows[0] = (HEAD, "Bambang Hermawan", "", "S.Sos.", "PNS", "III/d", "Kepala Seksi Pelayanan "
               "Umum — Kecamatan", "Pelayanan Ümum", "")  # fmt: skip
    path = write_csv(tmp_path / "p.csv", rows, delimiter=delimiter, encoding=encoding)
    preview = _preview(db, admin, path)
    assert preview.refused == 0, preview.rows
    assert preview.rows[0].values[preview.fields.index("unit")] == "Pelayanan Ümum"


def test_siasn_column_names_are_recognised(db: Database, admin: Actor, tmp_path: Path) -> None:
    header = ("PNS_ID", "NIP_BARU", "NAMA", "GELAR_DEPAN", "GELAR_BELAKANG", "STATUS_CPNS_PNS",
              "GOL_AKHIR_NAMA", "JABATAN_NAMA", "UNOR_NAMA", "NOMOR_HP", "EMAIL")  # fmt: skip
    rows = [("x1", HEAD, "BAMBANG HERMAWAN", "", "S.Sos", "P", "Penata Tingkat I, III/d",
             "KEPALA SEKSI", "SEKSI PELAYANAN", "0812-3456-7890", "bambang@kab.go.id")]  # fmt: skip
    preview = _preview(db, admin, write_xlsx(tmp_path / "siasn.xlsx", rows, header=header))
    assert preview.refused == 0, preview.rows[0].issues
    values = dict(zip(preview.fields, preview.rows[0].values, strict=True))
    assert values["golongan"] == "III/d" and values["jenis"] == "PNS"
    assert values["phone"] == "0812-3456-7890" and values["unit"] == "SEKSI PELAYANAN"


def test_template_imports_its_example_row(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = write_employee_template(tmp_path / "templat.xlsx")
    preview = _preview(db, admin, path)
    assert [r.status for r in preview.rows] == [RowStatus.NEW], preview.rows
    _commit(db, admin, path)
    with db.read_session() as session:
        emp = session.scalar(select(Employee))
        contact = session.scalar(select(EmployeeContact))
        assert contact is not None and contact.email == "siti.aminah@example.go.id"
        assert emp is not None and contact.employee_id == emp.id
        assert emp.birth_date == date(1985, 3, 12)


def test_round_trip_export_then_import_into_an_empty_office(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    _commit(db, staff.admin, write_csv(tmp_path / "more.csv", office_rows()))
    out = tmp_path / "daftar.xlsx"
    exported = Services(db, staff.admin).read(export_employees_xlsx, out)
    assert exported == 6
    with db.read_session() as session:
        original = sorted(employee_rows(session), key=str)
    other = make_db(tmp_path / "other-office")
    try:
        admin2 = setup_office(other)
        assert _commit(other, admin2, out).created == 6
        with other.read_session() as session:
            assert sorted(employee_rows(session), key=str) == original
        assert _commit(other, admin2, out).created == 0  # and again: nothing
    finally:
        other.dispose()


def test_non_asn_dates_as_text_serial_numbers_and_real_dates(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    header = ("Nama", "Jenis Pegawai", "Unit Kerja", "Tanggal Lahir", "Jenis Kelamin")
    rows = [
        ("Rina Honorer", "Honorer", "TU", "31/12/1990", "P"),
        ("Joko Kontrak", "Non-ASN", "TU", 33238, "L"),  # serial number: 1990-12-31
        ("Ani PTT", "PTT", "TU", date(1990, 12, 31), "Perempuan"),
        ("Budi Lain", "Non-ASN", "TU", "31 Desember 1990", "L"),
        ("Salah Tanggal", "Non-ASN", "TU", "31/02/1990", "L"),
    ]
    preview = _preview(db, admin, write_xlsx(tmp_path / "n.xlsx", rows, header=header))
    col = preview.fields.index("tanggal_lahir")
    assert [r.values[col] for r in preview.rows[:4]] == ["1990-12-31"] * 4
    assert preview.rows[4].status is RowStatus.REFUSED
    assert preview.rows[4].issue_for("tanggal_lahir") is not None


# -- refusals ---------------------------------------------------------------------------------

BAD_CASES = {
    "nip-length": ((nip(5)[:17], "Siti", "", "", "PNS", "", "", "", ""), "nip", "18 digit"),
    "nip-date": (("19851332" + nip(5)[8:], "Siti", "", "", "PNS", "", "", "", ""), "nip", "tanggal"),
    "golongan-unknown": ((nip(5), "Siti", "", "", "PNS", "V/z", "", "", ""), "golongan", "tidak dikenal"),
    "golongan-type": ((nip(5), "Siti", "", "", "PNS", "IX", "", "", ""), "golongan", "tidak sesuai"),
    "jenis": ((nip(5), "Siti", "", "", "Pegawai Tetap", "", "", "", ""), "jenis", "tidak dikenal"),
    "nama-empty": ((nip(5), "", "", "", "PNS", "", "", "", ""), "nama", "wajib"),
    "too-long": ((nip(5), "S" * 201, "", "", "PNS", "", "", "", ""), "nama", "terlalu panjang"),
    "atasan-missing": ((nip(5), "Siti", "", "", "PNS", "", "", "", nip(77)), "nip_atasan", "tidak ditemukan"),
    "atasan-self": ((nip(5), "Siti", "", "", "PNS", "", "", "", nip(5)), "nip_atasan", "itu sendiri"),
    "non-asn-nip": ((nip(5), "Siti", "", "", "Non-ASN", "", "", "", ""), "nip", "non-ASN"),
    "formula": ((nip(5), "=HYPERLINK(\"x\")", "", "", "PNS", "", "", "", ""), "nama", "rumus"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_every_refusal_reason_names_the_cell_and_nothing_is_written(
    db: Database, admin: Actor, tmp_path: Path, case: str
) -> None:
    row, fld, words = BAD_CASES[case]
    path = write_xlsx(tmp_path / "bad.xlsx", [*office_rows(), row])
    preview = _preview(db, admin, path)
    assert [r.status for r in preview.rows[:3]] == [RowStatus.NEW] * 3
    bad = preview.rows[3]
    assert bad.status is RowStatus.REFUSED
    issue = bad.issue_for(fld)
    assert issue is not None, bad.issues
    assert words.lower() in issue.message.lower() and issue.message_en
    before = counts(db)
    with pytest.raises(ValidationError, match="tidak ada data yang diubah") as err:
        _commit(db, admin, path)
    assert "line 5" in err.value.message_en
    assert counts(db) == before


def test_duplicate_nip_and_hierarchy_loop_are_refused(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    a, b, c = nip(11), nip(12), nip(13)
    rows = [
        (a, "A", "", "", "PNS", "", "", "", b),
        (b, "B", "", "", "PNS", "", "", "", c),
        (c, "C", "", "", "PNS", "", "", "", a),
        (nip(14), "D", "", "", "PNS", "", "", "", a),
        (nip(14), "D lagi", "", "", "PNS", "", "", "", ""),
    ]
    preview = _preview(db, admin, write_csv(tmp_path / "loop.csv", rows))
    loop = [r.issue_for("nip_atasan") for r in preview.rows[:3]]
    assert all(i is not None and "Lingkaran atasan" in i.message for i in loop)
    assert preview.rows[3].status is RowStatus.REFUSED  # duplicate NIP (first is line 5)
    assert "baris 6" in (preview.rows[3].issue_for("nip") or preview.rows[3].issues[0]).message
    dup = preview.rows[4].issue_for("nip")
    assert dup is not None and "ganda" in dup.message and "baris 5" in dup.message


def test_loop_through_the_database_is_refused(db: Database, admin: Actor, tmp_path: Path) -> None:
    _commit(db, admin, write_csv(tmp_path / "a.csv", office_rows()))
    rows = [(HEAD, "Bambang Hermawan", "", "S.Sos.", "PNS", "III/d", "Kepala Seksi", "Pelayanan",
             STAFF_A)]  # fmt: skip
    preview = _preview(db, admin, write_csv(tmp_path / "b.csv", rows))
    issue = preview.rows[0].issue_for("nip_atasan")
    assert issue is not None and "Lingkaran" in issue.message


def test_nip_stored_as_a_decimal_number_is_refused(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    rows = [(float(HEAD), "Bambang", "", "", "PNS", "", "", "", "")]
    preview = _preview(db, admin, write_xlsx(tmp_path / "float.xlsx", rows))
    issue = preview.rows[0].issue_for("nip")
    assert issue is not None and "sebagai angka" in issue.message


def test_missing_name_column_refuses_the_file(db: Database, admin: Actor, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [("1", "2")], header=("Kolom A", "Kolom B"))
    with pytest.raises(ImportFileError, match="Kolom Nama"):
        _preview(db, admin, path)


def test_only_the_admin_imports(db: Database, staff: Staff, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", office_rows())
    with pytest.raises(PermissionDenied):
        _preview(db, staff.head_actor, path)
    with pytest.raises(PermissionDenied):
        _commit(db, staff.member_actor, path)


def test_units_are_matched_without_case(db: Database, admin: Actor, tmp_path: Path) -> None:
    _commit(db, admin, write_csv(tmp_path / "a.csv", office_rows()))
    rows = [(nip(20), "Baru", "", "", "PNS", "", "", "PELAYANAN", HEAD)]
    preview = _preview(db, admin, write_csv(tmp_path / "b.csv", rows))
    assert preview.new_units == ()
    _commit(db, admin, tmp_path / "b.csv")
    with db.read_session() as session:
        assert len(list(session.scalars(select(WorkUnit)))) == 2
        assert session.scalar(select(Employee).where(Employee.nip == nip(20))) is not None
        assert EmployeeType.PNS.value == "pns"


def test_contact_birth_date_and_sex_refusals(db: Database, admin: Actor, tmp_path: Path) -> None:
    header = ("NIP", "Nama", "Jenis Pegawai", "Email", "Nomor HP", "Tanggal Lahir", "Jenis Kelamin")
    rows = [
        (nip(5), "Siti", "PNS", "bukan-email", "", "", ""),
        (nip(6), "Budi", "PNS", "", "telepon saya", "", ""),
        (nip(7), "Ani", "PNS", "", "", "01/01/1970", ""),
        ("", "Rina", "Non-ASN", "", "", "", "X"),
    ]
    preview = _preview(db, admin, write_xlsx(tmp_path / "c.xlsx", rows, header=header))
    expected = [("email", "tidak sah"), ("phone", "tidak sah"), ("tanggal_lahir", "tidak cocok"),
                ("jenis_kelamin", "tidak dikenal")]  # fmt: skip
    for row, (fld, words) in zip(preview.rows, expected, strict=True):
        issue = row.issue_for(fld)
        assert row.status is RowStatus.REFUSED and issue is not None and words in issue.message
