"""Office side of sync: keys, export, central ingest, receipts, history (docs/bundle-format.md).

The round trip runs the reference receiver (flexdesk.central) in process on its own SQLite
database: office DB -> bundle -> central -> signed receipt -> office -> next bundle.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from flexdesk.central.models import CentralRecord
from flexdesk.central.service import Receiver
from flexdesk.central.store import CentralPaths, make_engine
from flexdesk.db.base import current_change_seq
from flexdesk.db.engine import Database
from flexdesk.db.models import Employee, WorkUnit
from flexdesk.db.models_sync import SyncAckedRev, SyncBundle, SyncState
from flexdesk.errors import BundleError, Cancelled, ConflictError, PermissionDenied, ValidationError
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.sync import office as so
from flexdesk.sync.auditchain import AuditRecord
from flexdesk.sync.bundle import verify_bundle
from flexdesk.sync.crypto import keys
from flexdesk.sync.receipt import Receipt, sign_receipt, write_receipt_files
from tests.support.central_office import FAST, PASS
from tests.support.helpers import Staff


def export(svc: Services, paths: DataPaths, out: Path, **kw: object) -> so.ExportResult:
    return so.export_bundle(svc.db, svc.actor, paths, out, PASS, **kw)  # type: ignore[arg-type]


def records(rx: Receiver, entity: str) -> dict[str, CentralRecord]:
    with rx.Session() as s:
        rows = s.scalars(select(CentralRecord).where(CentralRecord.entity == entity)).all()
        return {r.entity_id: r for r in rows}


def test_key_file_is_private_and_encrypted(office: Services, data_paths: DataPaths) -> None:
    status = office.read(so.sync_status, data_paths.keys)
    assert status.key is not None and status.office_id == "O042"
    path = status.key.private_key_path
    assert path.parent == data_paths.keys
    text = path.read_text()
    assert "ENCRYPTED PRIVATE KEY" in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with office.db.read_session() as s:
        from flexdesk.db.models_sync import SyncKey

        (row,) = s.scalars(select(SyncKey)).all()
        assert "PRIVATE" not in row.public_openssh and row.fingerprint == status.key.fingerprint
    with pytest.raises(ConflictError):
        office.call(so.create_office_key, data_paths.keys, PASS, PASS, iterations=FAST)


@pytest.mark.parametrize(
    ("passphrase", "confirm"),
    [("pendek", "pendek"), (" spasi di depan kunci", " spasi di depan kunci"), (PASS, PASS + "x")],
)
def test_passphrase_rules(
    db: Database, admin: object, data_paths: DataPaths, passphrase: str, confirm: str
) -> None:
    svc = Services(db, admin)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        svc.call(so.create_office_key, data_paths.keys, passphrase, confirm, iterations=FAST)
    assert not list(data_paths.keys.glob("*.pem"))


def test_public_key_export(office: Services, tmp_path: Path) -> None:
    files = office.read(so.export_public_key, tmp_path / "usb")
    pub = keys.load_public_key(files.openssh_path.read_text())
    assert keys.load_public_key(files.pem_path.read_text()) == pub or keys.key_id(
        keys.load_public_key(files.pem_path.read_text())
    ) == keys.key_id(pub)
    assert keys.short_fingerprint(pub) == files.fingerprint
    assert files.openssh_path.read_text().endswith(" office-O042\n")


def test_only_admin(staff: Staff, db: Database, data_paths: DataPaths, tmp_path: Path) -> None:
    for actor in (staff.head_actor, staff.member_actor):
        svc = Services(db, actor)
        with pytest.raises(PermissionDenied):
            svc.call(so.create_office_key, data_paths.keys, PASS, PASS, iterations=FAST)
        with pytest.raises(PermissionDenied):
            so.export_bundle(db, actor, data_paths, tmp_path, PASS)
        with pytest.raises(PermissionDenied):
            svc.call(so.import_receipt, tmp_path / "x.receipt.json")
        with pytest.raises(PermissionDenied):
            svc.read(so.bundle_history)


def test_round_trip_office_central_receipt_office(
    office: Services, data_paths: DataPaths, receiver: Receiver, tmp_path: Path, staff: Staff
) -> None:
    usb = tmp_path / "usb"
    first = export(office, data_paths, usb, period="2026-11")
    assert first.bundle_seq == 1
    vb = verify_bundle(first.envelope_path, trusted_keys=receiver.keyring(), expected_office="O042")
    entities = {c.entity for c in vb.changes}
    assert {"office", "work_unit", "employee"} <= entities
    assert "user" not in entities, "accounts (password hashes) never leave the office"
    assert not any("password" in json.dumps(c.data) for c in vb.changes)
    office_rec = next(c for c in vb.changes if c.entity == "office")
    assert office_rec.data["code"] == "O042" and office_rec.base_rev is None
    assert vb.header.changes.start == 1 and vb.header.period == "2026-11"

    result = receiver.ingest(first.envelope_path)
    assert result.status == "applied", result.message_en
    assert result.receipt_path is not None
    assert set(records(receiver, "employee")) == {
        staff.head.id,
        staff.member.id,
        staff.colleague.id,
    }
    outcomes = office.call(so.import_receipt, result.receipt_path)
    assert [(o.bundle_seq, o.status, o.advanced) for o in outcomes] == [(1, "applied", True)]
    (row,) = office.read(so.bundle_history)
    assert row.status == "acknowledged" and row.receipt_status == "applied"
    acked_through = vb.header.changes.end

    # newer changes: an edit and a deletion
    with office.db.session() as s:
        emp = s.get(Employee, staff.member.id)
        assert emp is not None
        emp.jabatan = "Analis Kebijakan"
        unit = s.get(WorkUnit, staff.other_unit.id)
        s.delete(unit)
    second = export(office, data_paths, usb)
    vb2 = verify_bundle(
        second.envelope_path, trusted_keys=receiver.keyring(), expected_office="O042"
    )
    assert second.bundle_seq == 2
    assert vb2.header.changes.start == acked_through + 1
    assert vb2.header.base_ack is not None and vb2.header.base_ack.ack_seq == 1
    assert all(c.change_seq > acked_through for c in vb2.changes)
    by_id = {c.id: c for c in vb2.changes}
    assert set(by_id) == {staff.member.id, staff.other_unit.id}
    assert by_id[staff.member.id].base_rev == 1 and by_id[staff.member.id].rev == 2
    assert by_id[staff.other_unit.id].op == "delete"
    assert by_id[staff.other_unit.id].base_rev == 1

    r2 = receiver.ingest(second.envelope_path)
    assert r2.status == "applied" and r2.counts["conflicts"] == 0, r2.message_en
    assert json.loads(records(receiver, "employee")[staff.member.id].data)["jabatan"] == (
        "Analis Kebijakan"
    )
    assert r2.receipt_path is not None
    office.call(so.import_receipt, r2.receipt_path)
    with office.db.read_session() as s:
        state = s.get(SyncState, 1)
        assert state is not None and state.applied_through == current_change_seq(s)
        assert s.get(SyncAckedRev, ("employee", staff.member.id)).rev == 2  # type: ignore[union-attr]
    # nothing new: the third bundle is empty and starts after everything
    third = export(office, data_paths, usb)
    assert third.record_count == 0 and third.bundle_seq == 3
    status = office.read(so.sync_status, data_paths.keys)
    assert status.pending_changes == 0 and status.ack_seq == 2


def test_receipt_for_another_office_or_tampered_changes_nothing(
    office: Services,
    data_paths: DataPaths,
    receiver: Receiver,
    central_key: Ed25519PrivateKey,
    tmp_path: Path,
) -> None:
    w = export(office, data_paths, tmp_path / "usb")
    res = receiver.ingest(w.envelope_path)
    assert res.receipt is not None and res.receipt_path is not None

    def snapshot() -> tuple[object, ...]:
        with office.db.read_session() as s:
            st = s.get(SyncState, 1)
            b = s.get(SyncBundle, 1)
            assert st is not None and b is not None
            return (st.ack_seq, st.applied_through, b.status, b.receipt_sha256)

    before = snapshot()
    # tampered: one byte of the receipt changed
    bad = tmp_path / "bad"
    bad.mkdir()
    data = res.receipt_path.read_bytes().replace(b'"applied"', b'"applieD"')
    (bad / res.receipt_path.name).write_bytes(data)
    sig = res.receipt_path.with_name(res.receipt_path.name + ".sig")
    (bad / sig.name).write_bytes(sig.read_bytes())
    with pytest.raises(BundleError) as err:
        office.call(so.import_receipt, bad / res.receipt_path.name)
    assert err.value.code == "bad-signature"
    # another office, properly signed by central
    other = Receipt(**{**res.receipt.receipt.__dict__, "office_id": "O099"})
    paths = write_receipt_files(sign_receipt(other, central_key), tmp_path / "other")
    with pytest.raises(BundleError) as err:
        office.call(so.import_receipt, paths[0])
    assert err.value.code == "wrong-office"
    # signed by some other key
    forged = write_receipt_files(
        sign_receipt(
            Receipt(
                **{
                    **res.receipt.receipt.__dict__,
                    "central_key_id": keys.key_id((k := keys.generate_key()).public_key()),
                }
            ),
            k,
        ),
        tmp_path / "forged",
    )
    with pytest.raises(BundleError) as err:
        office.call(so.import_receipt, forged[0])
    assert err.value.code == "bad-signature"
    # signed by central, but acknowledging changes this office never made; 2**31 (which
    # overflowed an INTEGER column on PostgreSQL) is not even a change number
    for beyond, code in (
        (2**31, "bad-format"),
        (res.receipt.receipt.applied_through_change + 1_000, "mismatch"),
    ):
        wild = Receipt(**{**res.receipt.receipt.__dict__, "applied_through_change": beyond})
        wild_paths = write_receipt_files(sign_receipt(wild, central_key), tmp_path / f"w{beyond}")
        with pytest.raises(BundleError) as err:
            office.call(so.import_receipt, wild_paths[0])
        assert err.value.code == code
        assert ("applied_through_change" if code == "bad-format" else str(beyond)) in str(
            err.value.message
        )
    assert snapshot() == before
    # the genuine one, twice: idempotent
    office.call(so.import_receipt, res.receipt_path)
    after = snapshot()
    office.call(so.import_receipt, res.receipt_path)
    assert snapshot() == after != before


def test_bundle_seq_never_reused_after_failure_or_cancel(
    office: Services, data_paths: DataPaths, tmp_path: Path
) -> None:
    with pytest.raises(BundleError) as err:
        so.export_bundle(office.db, office.actor, data_paths, tmp_path / "a", "salah frasa sandi")
    assert err.value.code == "bad-passphrase"
    with pytest.raises(Cancelled):
        export(office, data_paths, tmp_path / "a", is_cancelled=lambda: True)
    assert not list((tmp_path / "a").glob("*")) if (tmp_path / "a").exists() else True
    ok = export(office, data_paths, tmp_path / "b")
    assert ok.bundle_seq == 2, "the cancelled export used up number 1; a wrong passphrase none"
    hist = {r.seq: r.status for r in office.read(so.bundle_history)}
    assert hist == {1: "failed", 2: "sent"}


def test_verify_bundle_file_pure(office: Services, data_paths: DataPaths, tmp_path: Path) -> None:
    w = export(office, data_paths, tmp_path / "usb")
    pub = office.read(so.sync_status, data_paths.keys).key
    assert pub is not None
    vb = so.verify_bundle_file(w.envelope_path, pub.public_openssh, last_seq=0)
    assert vb.header.bundle_seq == 1
    with pytest.raises(BundleError) as err:
        so.verify_bundle_file(w.envelope_path, pub.public_openssh, last_seq=1)
    assert err.value.code == "replay"
    with pytest.raises(BundleError):
        so.verify_bundle_file(
            w.envelope_path, keys.public_key_openssh(keys.generate_key().public_key())
        )


def test_evidence_files_travel_and_arrive(
    office: Services, data_paths: DataPaths, receiver: Receiver, tmp_path: Path, staff: Staff
) -> None:
    from flexdesk.services.storage.attachments import AttachmentStore
    from tests.support.evidence import OfficeStore
    from tests.support.outputs import PDF, add_log, log_input, make_skp, write_file

    store = AttachmentStore(data_paths.attachments)
    detail = make_skp(office.db, staff.admin, staff.member.id)
    pdf = write_file(tmp_path / "in", "Laporan Maret.pdf", PDF)
    add_log(
        office.db,
        staff.admin,
        store,
        log_input(staff.member.id, detail.rhk[0].id, add_files=(pdf,)),
    )
    sha = hashlib.sha256(PDF).hexdigest()
    w = export(office, data_paths, tmp_path / "usb")
    vb = verify_bundle(w.envelope_path, trusted_keys=receiver.keyring(), expected_office="O042")
    assert [(a.sha256, a.ext, a.size) for a in vb.attachments] == [(sha, "pdf", len(PDF))]
    (evidence,) = [c for c in vb.changes if c.entity == "output_evidence"]
    assert evidence.attachments == (sha,) and evidence.data["sha256"] == sha
    (log,) = [c for c in vb.changes if c.entity == "output_log"]
    assert log.data["quantity"] == "2.0" and log.data["start_time"] == "08:00:00"
    res = receiver.ingest(w.envelope_path)
    assert res.status == "applied" and res.counts["attachments"] == 1
    assert (receiver.paths.attachments / sha[:2] / f"{sha}.pdf").read_bytes() == PDF
    # a file missing from the store stops the export before a number is used
    OfficeStore(office.db, store).remove(sha)
    with office.db.session() as s:
        s.get(Employee, staff.member.id).jabatan = "Berubah"  # type: ignore[union-attr]
    with pytest.raises(BundleError) as err:
        export(office, data_paths, tmp_path / "usb2")
    assert err.value.code == "missing-file"


def test_encrypted_to_central_age_recipient(
    db: Database,
    staff: Staff,
    data_paths: DataPaths,
    central_key: Ed25519PrivateKey,
    tmp_path: Path,
) -> None:
    from flexdesk.sync.crypto import age

    identity, recipient = age.generate_identity()
    svc = Services(db, staff.admin)
    info = svc.call(so.create_office_key, data_paths.keys, PASS, PASS, iterations=FAST)
    svc.call(
        so.register_central_key,
        keys.public_key_pem(central_key.public_key()),
        expected_fingerprint=keys.short_fingerprint(central_key.public_key()),
        age_recipient=recipient,
    )
    w = export(svc, data_paths, tmp_path / "usb", encrypt=True)
    assert w.written.container_path.name.endswith(".zip.age")
    engine = make_engine(f"sqlite:///{tmp_path / 'c2.sqlite3'}")
    try:
        rx = Receiver(engine, CentralPaths(tmp_path / "c2"), central_key, age_identity=identity)
        rx.register_office("O042", keys.load_public_key(info.public_openssh))
        assert rx.ingest(w.envelope_path).status == "applied"
    finally:
        engine.dispose()


def test_gap_receipt_moves_the_start_and_rejected_changes_nothing(
    office: Services,
    data_paths: DataPaths,
    receiver: Receiver,
    central_key: Ed25519PrivateKey,
    tmp_path: Path,
) -> None:
    w = export(office, data_paths, tmp_path / "usb")
    res = receiver.ingest(w.envelope_path)
    assert res.receipt is not None
    base = res.receipt.receipt.__dict__

    def receipt(status: str, through: int, rid: int) -> Path:
        r = Receipt(**{**base, "status": status, "applied_through_change": through,
                       "receipt_id": rid, "reason": None if status != "rejected" else "fork"})  # fmt: skip
        return write_receipt_files(sign_receipt(r, central_key), tmp_path / f"r{rid}")[0]

    (o,) = office.call(so.import_receipt, receipt("rejected", 0, 50))
    assert o.status == "rejected" and not o.advanced
    assert office.read(so.bundle_history)[0].status == "rejected"
    with office.db.read_session() as s:
        st = s.get(SyncState, 1)
        assert st is not None and st.ack_seq is None and st.applied_through == 0
        assert s.scalar(select(func.count()).select_from(SyncAckedRev)) == 0
    (o,) = office.call(so.import_receipt, receipt("gap", 3, 51))
    assert o.status == "gap" and o.advanced
    with office.db.read_session() as s:
        st = s.get(SyncState, 1)
        assert st is not None and st.applied_through == 3
        assert s.scalar(select(func.count()).select_from(SyncAckedRev)) == 0  # nothing applied
    nxt = export(office, data_paths, tmp_path / "usb")
    assert nxt.written.header.changes.start == 4
    # an older receipt never moves the point backwards
    office.call(so.import_receipt, receipt("applied", 2, 52))
    with office.db.read_session() as s:
        st = s.get(SyncState, 1)
        assert st is not None and st.applied_through == 3


def test_key_rotation_announced_by_the_old_key(
    office: Services, data_paths: DataPaths, receiver: Receiver, tmp_path: Path, staff: Staff
) -> None:
    old = office.read(so.sync_status, data_paths.keys).key
    assert old is not None
    first = export(office, data_paths, tmp_path / "usb")
    assert receiver.ingest(first.envelope_path).status == "applied"
    new_pass = "frasa sandi kunci kedua"
    with pytest.raises(BundleError):  # wrong old passphrase: nothing changes, no file left
        so.rotate_office_key(
            office.db, office.actor, data_paths, tmp_path / "usb",
            old_passphrase="salah sekali frasanya", new_passphrase=new_pass, confirm=new_pass,
            iterations=FAST,
        )  # fmt: skip
    assert len(list(data_paths.keys.glob("*.pem"))) == 1
    rot = so.rotate_office_key(
        office.db, office.actor, data_paths, tmp_path / "usb",
        old_passphrase=PASS, new_passphrase=new_pass, confirm=new_pass, iterations=FAST,
    )  # fmt: skip
    assert rot.bundle_seq == 2 and rot.written.header.key_rotation
    assert rot.written.header.key_id == old.key_id
    new = office.read(so.sync_status, data_paths.keys).key
    assert new is not None and new.key_id != old.key_id
    assert receiver.ingest(rot.envelope_path).status == "applied"
    # the next bundle is signed by the new key (its passphrase) and central accepts it
    with office.db.session() as s:
        s.get(Employee, staff.member.id).jabatan = "Sesudah rotasi"  # type: ignore[union-attr]
    with pytest.raises(BundleError) as err:
        export(office, data_paths, tmp_path / "usb")  # the old passphrase no longer opens it
    assert err.value.code == "bad-passphrase"
    third = so.export_bundle(office.db, office.actor, data_paths, tmp_path / "usb", new_pass)
    assert third.written.header.key_id == new.key_id
    res = receiver.ingest(third.envelope_path)
    assert res.status == "applied", res.message_en


# -- the audit chain travels with the bundles ---------------------------------------------------


def _audit_rows(db: Database) -> list[AuditRecord]:
    from flexdesk.services.sync.collect import collect_audit

    with db.read_session() as s:
        segment = collect_audit(s, after=0, limit=10**9)
    assert segment is not None
    return list(segment.rows)


def _sync_state(db: Database) -> SyncState:
    with db.read_session() as s:
        state = s.get(SyncState, 1)
        assert state is not None
        s.expunge(state)
        return state


def _central_audit(rx: Receiver) -> list[AuditRecord]:
    from flexdesk.central.audit import audit_entries

    with rx.Session() as s:
        return audit_entries(s, "O042")


def test_audit_chain_round_trip_across_two_bundles(
    office: Services, data_paths: DataPaths, receiver: Receiver, tmp_path: Path, staff: Staff
) -> None:
    """office -> central -> receipt -> office: the first bundle carries the whole audit trail
    from row 1, the receipt names central's audit head, the next bundle continues after it."""
    usb = tmp_path / "usb"
    local = _audit_rows(office.db)
    assert local and local[0].seq == 1
    first = export(office, data_paths, usb)
    audit = first.written.header.audit
    assert audit is not None and (audit.start, audit.end) == (1, local[-1].seq)
    assert audit.prev_hash == "0" * 64 and audit.head_hash == local[-1].hash
    vb = verify_bundle(first.envelope_path, trusted_keys=receiver.keyring())
    assert list(vb.audit_rows) == local, "exactly the stored rows"
    r1 = receiver.ingest(first.envelope_path)
    assert r1.status == "applied", r1.message_en
    assert r1.receipt is not None and r1.receipt.receipt.audit is not None
    assert (r1.receipt.receipt.audit.seq, r1.receipt.receipt.audit.hash) == (
        local[-1].seq,
        local[-1].hash,
    )
    assert r1.receipt_path is not None
    office.call(so.import_receipt, r1.receipt_path)
    state = _sync_state(office.db)
    assert (state.audit_acked_seq, state.audit_acked_hash) == (local[-1].seq, local[-1].hash)
    assert office.read(so.sync_status, data_paths.keys).audit_acked_seq == local[-1].seq

    with office.db.session() as s:
        s.get(Employee, staff.member.id).jabatan = "Analis Data"  # type: ignore[union-attr]
    now = _audit_rows(office.db)
    new_rows = [r for r in now if r.seq > local[-1].seq]
    assert new_rows and any(r.entity == "employee" for r in new_rows)
    second = export(office, data_paths, usb)
    audit2 = second.written.header.audit
    assert audit2 is not None and audit2.start == local[-1].seq + 1
    assert audit2.prev_hash == local[-1].hash and audit2.head_hash == now[-1].hash
    r2 = receiver.ingest(second.envelope_path)
    assert r2.status == "applied", r2.message_en
    assert _central_audit(receiver) == now, "central holds the office's whole chain"
    counts = receiver.row_counts()
    assert receiver.ingest(second.envelope_path).status == "duplicate"
    assert receiver.row_counts() == counts
    assert r2.receipt_path is not None
    office.call(so.import_receipt, r2.receipt_path)
    assert _sync_state(office.db).audit_acked_seq == now[-1].seq
    # nothing new: the next bundle declares the same head with no rows, and central agrees
    third = export(office, data_paths, usb)
    audit3 = third.written.header.audit
    assert audit3 is not None and audit3.count == 0 and audit3.head_hash == now[-1].hash
    assert receiver.ingest(third.envelope_path).status == "applied"


def _rewrite_audit_from(db: Database, seq: int, actor_name: str) -> None:
    """Edit audit row ``seq`` in the file and recompute every hash after it, as someone
    covering their tracks would: the local chain verifies again."""
    from flexdesk.sync.auditchain import entry_hash
    from tests.unit.services.test_audit import _tamper

    rows = _audit_rows(db)
    prev = next(r.hash for r in rows if r.seq == seq - 1) if seq > 1 else "0" * 64
    for row in (r for r in rows if r.seq >= seq):
        fields = {k: v for k, v in row.to_json().items() if k != "hash"}
        fields["prev_hash"] = prev
        if row.seq == seq:
            fields["actor_name"] = actor_name
        prev = entry_hash(**fields)
        _tamper(
            db,
            "UPDATE audit_log SET actor_name = :a, prev_hash = :p, hash = :h WHERE seq = :s",
            a=fields["actor_name"],
            p=fields["prev_hash"],
            h=prev,
            s=row.seq,
        )


def test_rewritten_audit_history_is_refused_by_central(
    office: Services, data_paths: DataPaths, receiver: Receiver, tmp_path: Path, staff: Staff
) -> None:
    """An admin edits an acknowledged audit row in the database and recomputes the chain from
    there. Locally only the acknowledged head in sync_state shows it; central refuses the next
    bundle."""
    from flexdesk.services.storage.audit import verify_audit_chain

    usb = tmp_path / "usb"
    first = export(office, data_paths, usb)
    r1 = receiver.ingest(first.envelope_path)
    assert r1.status == "applied" and r1.receipt_path is not None
    office.call(so.import_receipt, r1.receipt_path)
    acked = _sync_state(office.db).audit_acked_seq
    assert acked >= 3
    central_before = _central_audit(receiver)

    _rewrite_audit_from(office.db, 2, "orang lain")
    with office.db.read_session() as s:
        # the chain itself verifies; only the heads kept elsewhere, which this rewrite left
        # alone (central's acknowledged one in sync_state, bundle 1's file), still show it
        found = verify_audit_chain(s, check_tables=False)
        assert {(p.kind, p.seq, p.entity_id) for p in found} == {
            ("anchor", acked, "sync_state"),
            ("anchor", acked, "bundle 1"),
        }
    with office.db.session() as s:
        s.get(Employee, staff.member.id).jabatan = "Sesudah diubah"  # type: ignore[union-attr]
    second = export(office, data_paths, usb)  # the office's own chain is consistent
    counts = receiver.row_counts()
    result = receiver.ingest(second.envelope_path)
    assert (result.status, result.code) == ("rejected", "audit-continuity")
    assert f"row #{acked}" in (result.message_en or "")
    assert "rewritten" in (result.message_en or "")
    assert _central_audit(receiver) == central_before
    after = receiver.row_counts()
    assert after["central_records"] == counts["central_records"]
    assert after["central_quarantine"] == counts["central_quarantine"] + 1
    # the office records the rejection; its acknowledged audit head does not move
    assert result.receipt_path is not None
    (outcome,) = office.call(so.import_receipt, result.receipt_path)
    assert outcome.status == "rejected" and not outcome.advanced
    assert _sync_state(office.db).audit_acked_seq == acked
    (latest, *_) = office.read(so.bundle_history)
    assert latest.status == "rejected" and "audit" in (latest.receipt_message_en or "")


def test_export_refuses_a_damaged_office_audit_trail(
    office: Services, data_paths: DataPaths, tmp_path: Path
) -> None:
    """A row edited without recomputing the chain: no bundle can be made from it (central
    could not verify it); the message points to ``audit verify``; the number is used up."""
    from tests.unit.services.test_audit import _tamper

    _tamper(office.db, "UPDATE audit_log SET actor_name = 'orang lain' WHERE seq = 2")
    with pytest.raises(BundleError) as err:
        export(office, data_paths, tmp_path / "usb")
    assert err.value.code == "audit-chain" and "row 2" in (err.value.message_en or "")
    assert not list((tmp_path / "usb").glob("*.envelope.json"))
    assert office.read(so.bundle_history)[0].status == "failed"


def test_long_audit_history_continues_over_several_bundles(
    office: Services,
    data_paths: DataPaths,
    receiver: Receiver,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a cap on rows per bundle, each bundle carries the next slice of the chain and
    central ends up with all of it."""
    from flexdesk.services.sync import collect as sync_collect

    monkeypatch.setattr(sync_collect, "MAX_AUDIT_ROWS", 4)
    local = _audit_rows(office.db)
    assert len(local) > 8
    starts = []
    for _ in range(len(local) // 4 + 1):
        written = export(office, data_paths, tmp_path / "usb")
        audit = written.written.header.audit
        assert audit is not None and audit.count <= 4
        starts.append(audit.start)
        res = receiver.ingest(written.envelope_path)
        assert res.status == "applied", res.message_en
        assert res.receipt_path is not None
        office.call(so.import_receipt, res.receipt_path)
    assert starts[:3] == [1, 5, 9]
    assert _central_audit(receiver) == local
    assert _sync_state(office.db).audit_acked_seq == local[-1].seq
