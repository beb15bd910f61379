"""Evidence in the office's shared store (issue 15): on a PostgreSQL server, evidence added on
PC1 is opened byte-identical on PC2 and travels in a bundle PC2 exports, signed with the key
PC1 created (its encrypted copy in the database); a damaged stored file is refused on open
and stops the export, on both backends; a big file is streamed, never held whole in memory;
``flexdesk attachments upload`` moves an old PC's folder into the database, idempotently.

Two PCs are two data folders on one server database, as in an office.
"""

from __future__ import annotations

import hashlib
import os
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text

from flexdesk.cli import main as cli_main
from flexdesk.db.engine import Database
from flexdesk.db.models_blobs import BLOB_CHUNK, OfficeKeyMaterial
from flexdesk.db.models_outputs import OutputEvidence
from flexdesk.db.models_sync import SyncBundle
from flexdesk.errors import BundleError, EvidenceDamaged
from flexdesk.paths import DataPaths
from flexdesk.services import office
from flexdesk.services.app import Services, open_database
from flexdesk.services.outputs import logs as outputs
from flexdesk.services.storage.attachments import AttachmentStore, check_file
from flexdesk.services.storage.location import DATABASE_URL_FILE
from flexdesk.services.sync import office as so
from flexdesk.sync.bundle import verify_bundle
from flexdesk.sync.crypto import keys
from tests.support.evidence import OfficeStore
from tests.support.helpers import Staff
from tests.support.outputs import PDF, add_log, log_input, make_skp, write_file

PASS = "frasa sandi kantor uji"
FAST = 1000  # PBKDF2 iterations in tests


@dataclass
class Pc:
    """One office PC: its data folder and its connection to the office database."""

    paths: DataPaths
    db: Database

    @property
    def folder(self) -> AttachmentStore:
        return AttachmentStore(self.paths.attachments)


@pytest.fixture
def pc1(db: Database, data_paths: DataPaths) -> Pc:
    return Pc(data_paths, db)


@pytest.fixture
def pc2(pc1: Pc, tmp_path: Path) -> Iterator[Pc]:
    """A second PC: its own data folder, the same server database as PC1."""
    if pc1.db.is_sqlite:
        pytest.fail("two PCs need a server database (marker postgres)")
    paths = DataPaths(tmp_path / "pc2").ensure()
    url_file = pc1.paths.root / DATABASE_URL_FILE
    (paths.root / DATABASE_URL_FILE).write_text(url_file.read_text(), encoding="utf-8")
    database = open_database(paths)
    yield Pc(paths, database)
    database.dispose()


def _log_with_file(pc: Pc, staff: Staff, source: Path) -> str:
    """A log entry with evidence ``source`` made on ``pc``; the evidence row's id."""
    rhk = make_skp(pc.db, staff.member_actor, staff.member.id).rhk[0].id
    row = add_log(pc.db, staff.member_actor, pc.folder,
                  log_input(staff.member.id, rhk, add_files=(source,)))  # fmt: skip
    return next(e.id for e in row.evidence if e.kind == "file")


def _open(pc: Pc, staff: Staff, evidence_id: str) -> Path:
    """What the "Buka" button on evidence does on ``pc``: a verified copy in the cache."""
    with pc.db.read_session() as session:
        return outputs.evidence_copy(
            session, staff.member_actor, evidence_id, pc.folder, pc.paths.cache / "bukti"
        )


def _files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _key_on(pc: Pc, staff: Staff) -> keys.Ed25519PublicKey:
    info = Services(pc.db, staff.admin).call(
        so.create_office_key, pc.paths.keys, PASS, PASS, iterations=FAST
    )
    return keys.load_public_key(info.public_openssh)


def _damage(pc: Pc, digest: str) -> None:
    """Change one byte of stored content ``digest``, where this office keeps it."""
    if pc.db.is_sqlite:
        path = pc.folder.path_for(digest)
        data = bytearray(path.read_bytes())
        data[-3] ^= 0x01
        path.write_bytes(bytes(data))
        return
    with pc.db.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE attachment_chunks SET data = overlay(data placing '\\x00'::bytea "
                "from 7 for 1) WHERE sha256 = :d AND n = 0"
            ),
            {"d": digest},
        )


@pytest.mark.postgres
def test_evidence_added_on_pc1_opens_on_pc2(pc1: Pc, pc2: Pc, staff: Staff, tmp_path: Path) -> None:
    source = write_file(tmp_path / "in", "Notulen rapat.pdf", PDF + os.urandom(3000))
    evidence_id = _log_with_file(pc1, staff, source)
    copy = _open(pc2, staff, evidence_id)
    assert copy.read_bytes() == source.read_bytes() and copy.name == "Notulen rapat.pdf"
    assert copy.is_relative_to(pc2.paths.cache)
    # the bytes live in the database: neither PC's attachments folder holds them
    assert _files_in(pc1.paths.attachments) == [] == _files_in(pc2.paths.attachments)


@pytest.mark.postgres
def test_bundle_exported_on_pc2_carries_pc1_evidence(
    pc1: Pc, pc2: Pc, staff: Staff, tmp_path: Path
) -> None:
    public = _key_on(pc1, staff)  # the key file is on PC1 only; its encrypted copy in the DB
    assert _files_in(pc2.paths.keys) == []
    content = PDF + os.urandom(BLOB_CHUNK + 5000)  # two chunks
    sha = hashlib.sha256(content).hexdigest()
    _log_with_file(pc1, staff, write_file(tmp_path / "in", "Laporan.pdf", content))
    result = so.export_bundle(pc2.db, staff.admin, pc2.paths, tmp_path / "usb", PASS)
    # independent check: the public key alone, then the zip re-read and the file re-hashed
    vb = verify_bundle(
        result.envelope_path, trusted_keys={"office": public}, expected_office="O042"
    )
    assert [(a.sha256, a.ext, a.size) for a in vb.attachments] == [(sha, "pdf", len(content))]
    with zipfile.ZipFile(result.written.container_path) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(f"data/attachments/{sha}.pdf")]
        assert hashlib.sha256(zf.read(name)).hexdigest() == sha
    assert _files_in(pc2.paths.cache) == []  # the staged copies are gone
    with pytest.raises(BundleError) as wrong:
        so.export_bundle(pc2.db, staff.admin, pc2.paths, tmp_path / "usb2", PASS + "x")
    assert wrong.value.code == "bad-passphrase"


@pytest.mark.parametrize("where", ["open", "export"])
def test_damaged_evidence_is_refused_on_open_and_export(
    pc1: Pc, staff: Staff, tmp_path: Path, where: str
) -> None:
    """Both backends: a changed byte in the stored content (a chunk in the database, the
    file in the folder) is refused after the read; no copy is left to open, no bundle made."""
    _key_on(pc1, staff)
    content = PDF + os.urandom(2 * BLOB_CHUNK)
    evidence_id = _log_with_file(pc1, staff, write_file(tmp_path / "in", "a.pdf", content))
    _damage(pc1, hashlib.sha256(content).hexdigest())
    if where == "open":
        with pytest.raises(EvidenceDamaged) as err:
            _open(pc1, staff, evidence_id)
        assert "rusak" in str(err.value) and "damaged" in err.value.message_en
        assert _files_in(pc1.paths.cache) == []
        return
    expected = EvidenceDamaged if not pc1.db.is_sqlite else BundleError
    with pytest.raises(expected):
        so.export_bundle(pc1.db, staff.admin, pc1.paths, tmp_path / "usb", PASS)
    with pc1.db.read_session() as session:
        assert session.scalars(select(SyncBundle.status)).all() == ["failed"]
    assert not list((tmp_path / "usb").glob("*.zip")) and _files_in(pc1.paths.cache) == []


def test_big_file_is_streamed(pc1: Pc, staff: Staff, tmp_path: Path) -> None:
    """A 50 MB file goes in and out a chunk at a time: Python's peak allocation stays a few
    chunks, far below the file (printed: MB/s in and out, for the report)."""
    size = 50 * 1024 * 1024
    source = tmp_path / "in" / "scan.pdf"
    source.parent.mkdir()
    with source.open("wb") as out:
        out.write(PDF)
        for _ in range(size // BLOB_CHUNK):
            out.write(os.urandom(BLOB_CHUNK))
    with pc1.db.session() as session:
        office.set_setting(session, staff.admin, "attachment_max_mb", 60)
    rhk = make_skp(pc1.db, staff.member_actor, staff.member.id).rhk[0].id
    tracemalloc.start()
    try:
        t0 = time.perf_counter()
        row = add_log(pc1.db, staff.member_actor, pc1.folder,
                      log_input(staff.member.id, rhk, add_files=(source,)))  # fmt: skip
        put_s = time.perf_counter() - t0
        put_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        t0 = time.perf_counter()
        copy = _open(pc1, staff, row.evidence[0].id)
        get_s = time.perf_counter() - t0
        get_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert copy.stat().st_size == source.stat().st_size
    assert _sha(copy) == _sha(source)
    mb = source.stat().st_size / 1048576
    print(
        f"\n[{'sqlite folder' if pc1.db.is_sqlite else 'postgresql'}] {mb:.0f} MB: put "
        f"{mb / put_s:.0f} MB/s (peak {put_peak / 1048576:.1f} MB), get {mb / get_s:.0f} MB/s "
        f"(peak {get_peak / 1048576:.1f} MB)"
    )
    assert put_peak < 12 * 1048576 and get_peak < 12 * 1048576


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(BLOB_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _make_old_office(pc: Pc, staff: Staff, tmp_path: Path) -> tuple[str, str]:
    """Two evidence files as an office on a server before the shared store had them: in
    PC1's attachments folder only (and its key file only on PC1). Returns the digests."""
    digests = []
    rhk = make_skp(pc.db, staff.member_actor, staff.member.id).rhk[0].id
    for i, name in enumerate(("a.pdf", "b.pdf")):
        source = write_file(tmp_path / "old", name, PDF + bytes([i]) * 4000)
        add_log(pc.db, staff.member_actor, pc.folder,
                log_input(staff.member.id, rhk, add_files=(source,)))  # fmt: skip
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        pc.folder.put(check_file(source, _LIMITS))
        OfficeStore(pc.db, pc.folder).remove(digest)
        digests.append(digest)
    with pc.db.session() as session:
        session.execute(delete(OfficeKeyMaterial))
    return digests[0], digests[1]


_LIMITS = type("L", (), {"max_bytes": 10**8, "allowed_types": frozenset({"pdf"})})()


def _upload(pc: Pc, *extra: str) -> int:
    return cli_main(["attachments", "--data-dir", str(pc.paths.root), "upload", *extra])


@pytest.mark.postgres
def test_upload_moves_an_old_pc_folder_into_the_database(
    pc1: Pc, pc2: Pc, staff: Staff, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _key_on(pc1, staff)
    good, bad = _make_old_office(pc1, staff, tmp_path)
    bad_path = pc1.folder.path_for(bad)
    bad_path.write_bytes(bad_path.read_bytes()[:-1] + b"!")  # damaged on PC1's disk
    with pytest.raises(BundleError) as before:  # PC2 can neither sign nor find the files
        so.export_bundle(pc2.db, staff.admin, pc2.paths, tmp_path / "usb", PASS)
    assert "attachments upload" in str(before.value)
    assert _upload(pc1) == 1  # the damaged file is reported (exit 1) and not stored
    out = capsys.readouterr().out
    assert "Diunggah       : 1 berkas" in out and "RUSAK" in out and bad[:2] in out
    assert "1 kunci terenkripsi diunggah" in out
    store = OfficeStore(pc2.db, pc2.folder)
    assert store.digests() == [good] and store.read_bytes(good) == pc1.folder.read_bytes(good)
    assert _upload(pc1) == 1  # idempotent: nothing new
    out = capsys.readouterr().out
    assert "Diunggah       : 0 berkas" in out and "Sudah di server: 1 berkas" in out
    assert "0 kunci terenkripsi diunggah" in out
    pc1.folder.path_for(bad).write_bytes(PDF + bytes([1]) * 4000)  # repaired from a backup
    assert _upload(pc1, "--remove") == 0
    assert store.digests() == sorted([good, bad]) and _files_in(pc1.paths.attachments) == []
    with pc2.db.read_session() as session:
        ids = session.scalars(select(OutputEvidence.id)).all()
    assert len(ids) == 2 and all(
        _open(pc2, staff, i).stat().st_size == 4000 + len(PDF) for i in ids
    )
    so.export_bundle(pc2.db, staff.admin, pc2.paths, tmp_path / "usb3", PASS)


def test_upload_on_sqlite_says_there_is_nothing_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An office on a SQLite file (its own folder here, whatever the test run's server) keeps
    evidence in the folder: the upload refuses with a sentence, exit status 2."""
    paths = DataPaths(tmp_path / "one-pc").ensure()
    open_database(paths).dispose()
    assert _upload(Pc(paths, None)) == 2  # type: ignore[arg-type]
    assert "SQLite" in capsys.readouterr().err


@pytest.mark.postgres
def test_two_pcs_storing_the_same_new_file_at_once_keep_one_copy(
    pc1: Pc, pc2: Pc, tmp_path: Path
) -> None:
    """PC2's insert of content PC1 is still writing waits for PC1's transaction, then finds
    PC1's copy (no duplicate-key error, one set of chunks)."""
    import threading

    from flexdesk.services.storage.evidence_db import DatabaseStore

    content = PDF + os.urandom(BLOB_CHUNK + 10)
    checked = check_file(write_file(tmp_path / "in", "x.pdf", content), _LIMITS)
    first = pc1.db.new_session()
    stored = DatabaseStore(first).put(checked)  # PC1: written, not committed yet
    answers: list[bool] = []

    def pc2_saves() -> None:
        with pc2.db.session() as session:
            answers.append(DatabaseStore(session).put(checked).created)

    worker = threading.Thread(target=pc2_saves)
    worker.start()
    worker.join(timeout=1.0)
    assert worker.is_alive() and answers == []  # waiting for PC1's transaction
    first.commit()
    first.close()
    worker.join(timeout=10)
    assert stored.created and answers == [False]
    assert OfficeStore(pc2.db, pc2.folder).read_bytes(checked.sha256) == content
    with pc1.db.read_session() as session:
        count = session.scalar(text("SELECT count(*) FROM attachment_chunks"))
    assert count == 2


@pytest.mark.postgres
def test_key_show_says_where_each_pc_reads_the_key_from(
    pc1: Pc, pc2: Pc, staff: Staff, capsys: pytest.CaptureFixture[str]
) -> None:
    _key_on(pc1, staff)

    def shown(pc: Pc) -> str:
        assert cli_main(["key", "--data-dir", str(pc.paths.root), "show"]) == 0
        return next(line for line in capsys.readouterr().out.splitlines() if "Kunci privat" in line)

    assert "di PC ini" in shown(pc1) and "basis data server" in shown(pc2)
    with pc1.db.session() as session:
        session.execute(delete(OfficeKeyMaterial))
    assert "TIDAK ADA" in shown(pc2) and "attachments upload" in shown(pc2)
