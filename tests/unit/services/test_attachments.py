"""The evidence store: content addressing and dedup, hashes checked on every read, refused
types/sizes/missing files with nothing half-saved, rollback and orphan clean-up."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models_outputs import OutputEvidence, OutputLog
from flexdesk.errors import PermissionDenied, StorageError, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services import office
from flexdesk.services.storage import attachments
from flexdesk.services.storage.attachments import (
    AttachmentLimits,
    AttachmentStore,
    check_file,
    evidence_store,
    safe_name,
)
from tests.support.evidence import OfficeStore
from tests.support.helpers import Staff
from tests.support.outputs import PDF, PNG, add_log, log_input, make_skp, write_file

LIMITS = AttachmentLimits(max_bytes=1024, allowed_types=frozenset({"pdf", "png", "txt", "mp4"}))


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "store")


def _stored_files(store: AttachmentStore) -> list[str]:
    return sorted(store.digests())


def test_put_is_content_addressed_and_dedups(store: AttachmentStore, tmp_path: Path) -> None:
    a = write_file(tmp_path / "in", "Laporan Maret.pdf")
    b = write_file(tmp_path / "in", "salinan.pdf")  # same bytes, other name
    first = store.put(check_file(a, LIMITS))
    second = store.put(check_file(b, LIMITS))
    digest = hashlib.sha256(PDF).hexdigest()
    assert (first.sha256, first.created) == (digest, True)
    assert (second.sha256, second.created, second.name) == (digest, False, "salinan.pdf")
    assert store.path_for(digest) == store.root / digest[:2] / digest[2:]
    assert _stored_files(store) == [digest]
    assert list((store.root / "tmp").iterdir()) == []  # no temporary file left behind
    assert store.read_bytes(digest) == PDF


def test_read_verifies_the_hash(store: AttachmentStore, tmp_path: Path) -> None:
    stored = store.put(check_file(write_file(tmp_path, "a.pdf"), LIMITS))
    path = store.path_for(stored.sha256)
    path.write_bytes(PDF + b"tampered")
    with pytest.raises(StorageError) as info:
        store.read_bytes(stored.sha256)
    assert "rusak" in info.value.message and "SHA-256" in info.value.message_en
    with pytest.raises(StorageError):
        store.export_copy(stored.sha256, tmp_path / "out", "a.pdf")
    assert not (tmp_path / "out" / "a.pdf").exists()
    path.unlink()
    with pytest.raises(StorageError) as info:
        store.read_bytes(stored.sha256)
    assert "tidak ada" in info.value.message
    # putting the same content again repairs the store
    store.put(check_file(write_file(tmp_path, "b.pdf"), LIMITS))
    assert store.read_bytes(stored.sha256) == PDF


def test_export_copy_uses_a_safe_name(store: AttachmentStore, tmp_path: Path) -> None:
    stored = store.put(check_file(write_file(tmp_path, "a.pdf"), LIMITS))
    copy = store.export_copy(stored.sha256, tmp_path / "out", "../../etc/passwd")
    assert copy == tmp_path / "out" / "passwd" and copy.read_bytes() == PDF


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\budi\\Laporan.pdf", "Laporan.pdf"),
        ("bad\x00name\x1b.pdf", "badname.pdf"),
        ("...", "berkas"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_safe_name(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


def test_digests_are_validated(store: AttachmentStore) -> None:
    for bad in ("../../x", "ABCDEF", "a" * 63, "g" * 64):
        with pytest.raises(StorageError):
            store.path_for(bad)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("program.exe", b"MZ\x90\x00", "tidak diizinkan"),
        ("tanpa-ekstensi", PDF, "tidak diizinkan"),
        ("palsu.pdf", b"MZ\x90\x00 not a pdf", "tidak sesuai"),
        ("gambar.png", PDF, "tidak sesuai"),
        ("biner.txt", b"abc\x00def", "tidak sesuai"),
        ("besar.pdf", b"%PDF-" + b"x" * 2000, "terlalu besar"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_refused_files(
    store: AttachmentStore, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    path = write_file(tmp_path, name, data)
    with pytest.raises(ValidationError) as info:
        check_file(path, LIMITS)
    assert info.value.field == "evidence" and words in info.value.message
    assert info.value.message_en != info.value.message


def test_missing_and_folder_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        check_file(tmp_path / "hilang.pdf", LIMITS)
    assert "tidak ditemukan" in info.value.message
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(ValidationError) as info:
        check_file(tmp_path / "folder.pdf", LIMITS)
    assert "bukan berkas" in info.value.message


def test_accepted_types(tmp_path: Path) -> None:
    assert check_file(write_file(tmp_path, "foto.PNG", PNG), LIMITS).media_type == "image/png"
    assert check_file(write_file(tmp_path, "c.txt", b"teks"), LIMITS).media_type == "text/plain"
    # an office-added type without a known signature is stored as opaque bytes
    assert check_file(write_file(tmp_path, "v.mp4", b"\x00\x01"), LIMITS).media_type == (
        "application/octet-stream"
    )


def test_file_changed_between_check_and_copy(store: AttachmentStore, tmp_path: Path) -> None:
    path = write_file(tmp_path, "a.pdf")
    checked = check_file(path, LIMITS)
    path.write_bytes(PDF + b"more")
    with pytest.raises(ValidationError) as info:
        store.put(checked, max_bytes=LIMITS.max_bytes)
    assert "berubah" in info.value.message
    assert _stored_files(store) == [] and list((store.root / "tmp").iterdir()) == []


def test_orphan_clean_up(store: AttachmentStore, tmp_path: Path) -> None:
    keep = store.put(check_file(write_file(tmp_path, "keep.pdf"), LIMITS)).sha256
    old = store.put(check_file(write_file(tmp_path, "old.png", PNG), LIMITS)).sha256
    young = store.put(check_file(write_file(tmp_path, "young.txt", b"baru"), LIMITS)).sha256
    stale_tmp = store.root / "tmp" / "in-crashed.part"
    stale_tmp.write_bytes(b"half")
    hour_ago = time.time() - 7200
    for path in (store.path_for(keep), store.path_for(old), stale_tmp):
        os.utime(path, (hour_ago, hour_ago))
    removed = store.clean_orphans({keep})
    assert removed == [old]
    assert set(store.digests()) == {keep, young}
    assert not stale_tmp.exists() and not store.path_for(old).parent.exists()


# -- tied to the database -----------------------------------------------------------------------


def _db_counts(db: Database) -> tuple[int, int]:
    with db.read_session() as session:
        return (
            int(session.scalar(select(func.count(OutputLog.id))) or 0),
            int(session.scalar(select(func.count(OutputEvidence.id))) or 0),
        )


def test_same_file_on_two_entries_is_stored_once(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    store = AttachmentStore(data_paths.attachments)
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    a = write_file(tmp_path, "Daftar hadir.pdf")
    b = write_file(tmp_path / "lain", "Daftar hadir (1).pdf")
    first = add_log(db, staff.member_actor, store, log_input(staff.member.id, rhk, add_files=(a,)))
    second = add_log(db, staff.member_actor, store, log_input(staff.member.id, rhk, add_files=(b,)))
    assert first.evidence[0].sha256 == second.evidence[0].sha256
    assert len(OfficeStore(db, store).digests()) == 1 and _db_counts(db) == (2, 2)


def test_same_file_twice_on_one_entry_is_refused_and_nothing_saved(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    store = AttachmentStore(data_paths.attachments)
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    a = write_file(tmp_path, "a.pdf")
    b = write_file(tmp_path / "lain", "b.pdf")
    with pytest.raises(ValidationError) as info:
        add_log(db, staff.member_actor, store, log_input(staff.member.id, rhk, add_files=(a, b)))
    assert "sama isinya" in info.value.message and info.value.field == "evidence"
    assert _db_counts(db) == (0, 0) and OfficeStore(db, store).digests() == []


@pytest.mark.parametrize("bad", ["missing.pdf", "program.exe", "big.pdf"])
def test_a_bad_file_among_good_ones_saves_nothing(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path, bad: str
) -> None:
    store = AttachmentStore(data_paths.attachments)
    with db.session() as session:
        office.set_setting(session, staff.admin, "attachment_max_mb", 0.001)  # about 1 kB
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    good = write_file(tmp_path, "good.png", PNG)
    files = {"program.exe": b"MZ", "big.pdf": b"%PDF-" + b"x" * 5000}
    bad_path = tmp_path / bad if bad == "missing.pdf" else write_file(tmp_path, bad, files[bad])
    with pytest.raises(ValidationError):
        add_log(
            db,
            staff.member_actor,
            store,
            log_input(staff.member.id, rhk, add_files=(good, bad_path)),
        )
    assert _db_counts(db) == (0, 0) and OfficeStore(db, store).digests() == []


def test_rolled_back_transaction_removes_the_files_it_added(
    db: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    store = AttachmentStore(data_paths.attachments)
    existing = (
        OfficeStore(db, store).put(check_file(write_file(tmp_path, "lama.pdf"), LIMITS)).sha256
    )
    with pytest.raises(RuntimeError), db.session() as session:
        new = attachments.store_in_transaction(
            session, store, check_file(write_file(tmp_path, "baru.png", PNG), LIMITS), LIMITS
        )
        again = attachments.store_in_transaction(
            session, store, check_file(write_file(tmp_path, "lama2.pdf"), LIMITS), LIMITS
        )
        assert (
            new.created and not again.created and evidence_store(session, store).exists(new.sha256)
        )
        raise RuntimeError("the save failed after the files were stored")
    assert OfficeStore(db, store).digests() == [
        existing
    ]  # the new file went, the shared one stayed
    with db.session() as session:
        kept = attachments.store_in_transaction(
            session, store, check_file(write_file(tmp_path, "baru.png", PNG), LIMITS), LIMITS
        )
    assert OfficeStore(db, store).exists(kept.sha256)  # committed: kept


def test_clean_orphans_service(
    db: Database, staff: Staff, data_paths: DataPaths, tmp_path: Path
) -> None:
    store = AttachmentStore(data_paths.attachments)
    rhk = make_skp(db, staff.member_actor, staff.member.id).rhk[0].id
    used = add_log(db, staff.member_actor, store,
                   log_input(staff.member.id, rhk, add_files=(write_file(tmp_path, "a.pdf"),)))  # fmt: skip
    orphan = (
        OfficeStore(db, store).put(check_file(write_file(tmp_path, "o.png", PNG), LIMITS)).sha256
    )
    with db.session() as session, pytest.raises(PermissionDenied):
        attachments.clean_orphan_attachments(session, staff.member_actor, store)
    with db.session() as session:
        removed = attachments.clean_orphan_attachments(session, staff.admin, store, grace_seconds=0)
    assert removed == [orphan]
    assert OfficeStore(db, store).digests() == [used.evidence[0].sha256]


def test_limits_come_from_settings(db: Database, staff: Staff) -> None:
    with db.read_session() as session:
        limits = attachments.attachment_limits(session)
    assert limits.max_bytes == 10 * 1024 * 1024 and "pdf" in limits.allowed_types
    with db.session() as session:
        office.set_setting(session, staff.admin, "attachment_types", [".PDF", "Docx"])
    with db.read_session() as session:
        assert attachments.attachment_limits(session).allowed_types == {"pdf", "docx"}
