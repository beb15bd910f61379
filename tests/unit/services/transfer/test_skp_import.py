"""SKP import (one row per indicator) and the unit-wide copy of last year's SKP."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models_outputs import Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import SkpStatus
from flexdesk.errors import ValidationError
from flexdesk.services.app import Services
from flexdesk.services.outputs import skp
from flexdesk.services.transfer import skp_import
from flexdesk.services.transfer.people_sheets import write_skp_template
from flexdesk.services.transfer.preview import RowStatus
from flexdesk.services.transfer.skp_copy import copy_unit_skp
from flexdesk.services.transfer.skp_rows import SKP_LABELS
from tests.support.helpers import Staff
from tests.support.outputs import make_skp
from tests.unit.services.transfer.support import write_csv, write_xlsx

HEADER = tuple(SKP_LABELS.values())


def _rows(head: str, member: str, year: int = 2027) -> list[tuple[object, ...]]:
    boss_rhk = "Meningkatnya kualitas layanan administrasi"
    return [
        (head, year, "Utama", "", boss_rhk, "Kuantitas", "Jumlah layanan", 1200, "layanan"),
        (head, year, "Utama", "", boss_rhk, "Kualitas", "Indeks kepuasan", 90, "%"),
        (member, year, "Utama", boss_rhk, "Tersusunnya laporan", "Kuantitas", "Laporan", 12, "laporan"),
        (member, year, "Utama", boss_rhk, "Tersusunnya laporan", "Waktu", "Tepat waktu", 12, "bulan"),
        (member, year, "Tambahan", "", "Terlaksananya arsip", "Kuantitas", "Berkas", "1.250", "berkas"),
    ]  # fmt: skip


def _counts(db: Database) -> tuple[int, int, int]:
    with db.read_session() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count(m.id))) or 0) for m in (Skp, Rhk, RhkIndicator)
        )


def test_import_creates_skps_links_and_reimport_changes_nothing(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "skp.xlsx", _rows(staff.head.nip or "", staff.member.nip or ""), header=HEADER
    )
    services = Services(db, staff.admin)
    preview = services.read(skp_import.preview_skp_import, path)
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * 5, preview.rows
    result = services.call(skp_import.commit_skp_import, path)
    assert (result.skp_created, result.rhk_created) == (2, 3)
    detail = services.read(skp.get_skp, staff.member.id, 2027)
    assert detail is not None and [r.text for r in detail.rhk] == [
        "Tersusunnya laporan",
        "Terlaksananya arsip",
    ]
    assert detail.rhk[0].parent_text == "Meningkatnya kualitas layanan administrasi"
    assert detail.rhk[1].quantity is not None and detail.rhk[1].quantity.target_value == 1250
    before = _counts(db)
    again = services.read(skp_import.preview_skp_import, path)
    assert {r.status for r in again.rows} == {RowStatus.UNCHANGED}
    assert services.call(skp_import.commit_skp_import, path).rhk_unchanged == 3
    assert _counts(db) == before


def test_changed_target_updates_the_rhk(db: Database, staff: Staff, tmp_path: Path) -> None:
    rows = _rows(staff.head.nip or "", staff.member.nip or "")
    services = Services(db, staff.admin)
    services.call(skp_import.commit_skp_import, write_csv(tmp_path / "a.csv", rows, header=HEADER))
    rows[2] = (*rows[2][:7], 24, "laporan")
    preview = services.read(
        skp_import.preview_skp_import, write_csv(tmp_path / "b.csv", rows, header=HEADER)
    )
    assert [r.status for r in preview.rows][2:4] == [RowStatus.UPDATED] * 2
    services.call(skp_import.commit_skp_import, tmp_path / "b.csv")
    detail = services.read(skp.get_skp, staff.member.id, 2027)
    assert detail is not None and detail.rhk[0].quantity is not None
    assert detail.rhk[0].quantity.target_value == 24


SKP_BAD = {
    "unknown-nip": (0, "nip", "tidak ditemukan", "123456789012345678"),
    "year": (1, "tahun", "2000", 1999),
    "aspect": (5, "aspek", "tidak dikenal", "Kecepatan"),
    "target": (7, "target", "bukan angka", "dua belas"),
    "unit-long": (8, "satuan", "terlalu panjang", "x" * 41),
    "parent": (3, "rhk_atasan", "tidak ada di SKP atasan", "RHK yang tidak ada"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(SKP_BAD))
def test_refused_rows_name_the_cell_and_nothing_is_written(
    db: Database, staff: Staff, tmp_path: Path, case: str
) -> None:
    col, fld, words, value = SKP_BAD[case]
    rows = _rows(staff.head.nip or "", staff.member.nip or "")
    bad = list(rows[2])
    bad[col] = value
    rows[2] = tuple(bad)
    path = write_xlsx(tmp_path / "bad.xlsx", rows, header=HEADER)
    services = Services(db, staff.admin)
    preview = services.read(skp_import.preview_skp_import, path)
    issue = preview.rows[2].issue_for(fld)
    assert issue is not None and words in issue.message, preview.rows[2].issues
    assert preview.rows[3].status is RowStatus.REFUSED or case in ("unknown-nip", "year")
    before = _counts(db)
    with pytest.raises(ValidationError, match="tidak ada data yang diubah"):
        services.call(skp_import.commit_skp_import, path)
    assert _counts(db) == before


def test_group_rules_duplicate_aspect_and_missing_quantity(
    db: Database, staff: Staff, tmp_path: Path
) -> None:
    nip = staff.member.nip or ""
    rows = [
        (nip, 2027, "Utama", "", "RHK satu", "Kuantitas", "a", 1, "x"),
        (nip, 2027, "Utama", "", "RHK satu", "Kuantitas", "b", 2, "x"),
        (nip, 2027, "Utama", "", "RHK dua", "Kualitas", "c", 100, "%"),
    ]
    preview = Services(db, staff.admin).read(
        skp_import.preview_skp_import, write_csv(tmp_path / "g.csv", rows, header=HEADER)
    )
    dup = preview.rows[1].issue_for("aspek")
    assert dup is not None and "satu indikator per aspek" in dup.message
    quantity = preview.rows[2].issue_for("aspek")
    assert quantity is not None and "indikator kuantitas" in quantity.message


def test_submitted_skp_is_not_changed(db: Database, staff: Staff, tmp_path: Path) -> None:
    detail = make_skp(db, staff.member_actor, staff.member.id, "RHK lama", year=2027)
    Services(db, staff.member_actor).call(skp.submit_skp, detail.id)
    rows = _rows(staff.head.nip or "", staff.member.nip or "")
    preview = Services(db, staff.admin).read(
        skp_import.preview_skp_import, write_csv(tmp_path / "s.csv", rows, header=HEADER)
    )
    issue = preview.rows[4].issue_for("tahun")
    assert issue is not None and "sudah diajukan" in issue.message


def test_template_is_read_back(db: Database, staff: Staff, tmp_path: Path) -> None:
    path = write_skp_template(tmp_path / "templat-skp.xlsx")
    preview = Services(db, staff.admin).read(skp_import.preview_skp_import, path)
    assert len(preview.rows) == 3  # the example's NIP is not in this office
    assert all(r.issue_for("nip") is not None for r in preview.rows)


def test_copy_last_years_skp_for_the_whole_unit(db: Database, staff: Staff) -> None:
    head = make_skp(db, staff.head_actor, staff.head.id, "Meningkatnya layanan", year=2026)
    member = Services(db, staff.member_actor)
    make_skp(db, staff.member_actor, staff.member.id, "Tersusunnya laporan", year=2026,
             parents=(head.rhk[0].id,))  # fmt: skip
    lines = Services(db, staff.admin).call(copy_unit_skp, staff.unit.id, 2027)
    by_name = {ln.name.split(",")[0]: ln for ln in lines}
    assert lines[0].name.startswith("Bambang Hermawan")  # supervisor first
    assert by_name["Bambang Hermawan"].copied == 1 and by_name["Dewi Lestari"].copied == 1
    assert by_name["Agus Saputra"].copied == 0 and by_name["Agus Saputra"].reason
    copied = member.read(skp.get_skp, staff.member.id, 2027)
    assert copied is not None and copied.status is SkpStatus.DRAFT
    assert copied.rhk[0].parent_text == "Meningkatnya layanan"  # the link follows the copy
    again = Services(db, staff.admin).call(copy_unit_skp, staff.unit.id, 2027)
    assert all(ln.copied == 0 for ln in again)
