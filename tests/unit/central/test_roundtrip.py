"""Office -> bundle -> central -> receipt -> office, and the sequence/ack protocol."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from flexdesk.central.models import CentralOfficeKey, CentralRecord
from flexdesk.central.service import Receiver
from flexdesk.errors import BundleError, ValidationError
from flexdesk.sync.bundle import ReportFile, make_rotation, verify_bundle
from flexdesk.sync.crypto import age, keys
from flexdesk.sync.receipt import advance_ack, read_receipt_files, verify_receipt
from tests.support.sync import UUIDS, OfficeFixture

from .conftest import data_counts


def office_reads_receipt(path: Path, central_key: keys.Ed25519PrivateKey, office_id: str = "O042"):
    data, sig = read_receipt_files(path)
    return verify_receipt(
        data, sig, central_keys=[central_key.public_key()], expected_office=office_id
    )


def record(receiver: Receiver, rid: str) -> CentralRecord | None:
    with receiver.Session() as s:
        return s.scalar(select(CentralRecord).where(CentralRecord.entity_id == rid))


def test_round_trip_office_central_receipt_office(
    tmp_path: Path, receiver: Receiver, office: OfficeFixture, central_key: keys.Ed25519PrivateKey
) -> None:
    ev = office.evidence("bukti.jpg", b"\xff\xd8" + b"evidence" * 500)
    pdf = tmp_path / "skp.pdf"
    pdf.write_bytes(b"%PDF-1.4 SKP Juni")
    first = office.export(
        [
            office.change(UUIDS[0], {"nama": "Budi"}),
            office.change(
                UUIDS[1], {"output": "Rekap"}, entity="output_log", attachments=(ev.sha256,)
            ),
        ],
        attachments=[ev],
        reports=[ReportFile("skp-2025-06", pdf)],
    )
    result = receiver.ingest(first.envelope_path)
    assert result.status == "applied", result.message_en
    assert result.counts["applied"] == 2 and result.counts["attachments"] == 1
    assert result.counts["reports"] == 1
    stored = receiver.paths.attachments / ev.sha256[:2] / f"{ev.sha256}.jpg"
    assert stored.read_bytes() == ev.path.read_bytes()
    assert (receiver.paths.reports / "O042" / "O042-000000001" / "skp-2025-06.pdf").exists()
    rec = record(receiver, UUIDS[0])
    assert rec is not None and json.loads(rec.data) == {"nama": "Budi"} and rec.rev == 1

    assert result.receipt_path is not None
    signed = office_reads_receipt(result.receipt_path, central_key)
    r = signed.receipt
    assert (r.status, r.bundle_seq, r.applied_through_change, r.next_expected_seq) == (
        "applied",
        1,
        2,
        2,
    )
    assert r.envelope_sha256 == first.envelope_sha256
    assert r.received_at == "2025-07-01T08:00:01Z" or r.received_at.startswith("2025-07-01T08")
    ack = advance_ack(None, signed)
    assert ack is not None

    # the next bundle starts after the acknowledged point and applies on top
    second = office.export([office.change(UUIDS[0], {"nama": "Budi Santoso"})], base_ack=ack)
    assert second.header.changes.start == 3
    res2 = receiver.ingest(second.container_path)
    assert res2.status == "applied" and res2.counts["applied"] == 1
    rec = record(receiver, UUIDS[0])
    assert rec is not None and rec.rev == 2 and json.loads(rec.data)["nama"] == "Budi Santoso"


def test_reingest_changes_nothing(receiver: Receiver, office: OfficeFixture) -> None:
    w = office.export([office.change(UUIDS[0], {"a": 1})])
    first = receiver.ingest(w.envelope_path)
    before = receiver.row_counts()
    again = receiver.ingest(w.envelope_path)
    assert again.status == "duplicate"
    assert again.receipt is not None and first.receipt is not None
    assert again.receipt.data == first.receipt.data  # the stored receipt, resent
    assert receiver.row_counts() == before
    # a corrupted copy of an already accepted bundle is still just a duplicate: its
    # envelope is authentic and identical, and nothing is read from the zip
    w.container_path.write_bytes(w.container_path.read_bytes()[:100])
    assert receiver.ingest(w.envelope_path).status == "duplicate"
    assert receiver.row_counts() == before


def test_fork_same_sequence_other_content(
    receiver: Receiver, office: OfficeFixture, tmp_path: Path
) -> None:
    a = office.export([office.change(UUIDS[0], {"v": "a"})], seq=1, out=tmp_path / "a")
    assert receiver.ingest(a.envelope_path).status == "applied"
    before = data_counts(receiver)
    b = office.export([office.change(UUIDS[0], {"v": "b"})], seq=1, out=tmp_path / "b")
    res = receiver.ingest(b.envelope_path)
    assert (res.status, res.code) == ("rejected", "fork")
    assert data_counts(receiver) == before
    (q,) = receiver.quarantined()
    assert q.code == "fork" and q.authentic and q.bundle_seq == 1
    assert res.receipt is not None and res.receipt.receipt.status == "rejected"
    assert res.receipt.receipt.reason == "fork"


def test_gap_then_recovery(
    receiver: Receiver, office: OfficeFixture, central_key: keys.Ed25519PrivateKey
) -> None:
    first = office.export([office.change(UUIDS[0], {})])
    r1 = receiver.ingest(first.envelope_path)
    ack = advance_ack(None, r1.receipt)  # type: ignore[arg-type]
    lost = office.change(UUIDS[1], {})  # change 2 goes into a bundle that is lost
    lost_and_later = office.change(UUIDS[2], {})
    # a buggy office claims to start at change 3: central applied only through 1
    bad = office.export([lost_and_later], base_ack=ack, changes_from=3)
    before = data_counts(receiver)
    res = receiver.ingest(bad.envelope_path)
    assert res.status == "gap" and res.code == "gap"
    assert res.receipt is not None
    assert res.receipt.receipt.applied_through_change == 1
    assert data_counts(receiver)["central_records"] == before["central_records"]
    # re-ingesting the same gap bundle gives the same answer and changes nothing
    counts = receiver.row_counts()
    again = receiver.ingest(bad.envelope_path)
    assert again.status == "gap" and receiver.row_counts() == counts
    # the office re-exports from applied_through + 1 (based on the gap receipt)
    gap_ack = advance_ack(ack, office_reads_receipt(res.receipt_path, central_key))  # type: ignore[arg-type]
    assert gap_ack is not None and gap_ack.applied_through == 1
    redo = office.export([replace(lost, base_rev=None), lost_and_later], base_ack=gap_ack)
    assert redo.header.changes.start == 2
    ok = receiver.ingest(redo.envelope_path)
    assert ok.status == "applied", ok.message_en
    assert ok.receipt is not None and ok.receipt.receipt.applied_through_change == 3


def test_base_ack_central_never_issued(receiver: Receiver, office: OfficeFixture) -> None:
    r1 = receiver.ingest(office.export([office.change(UUIDS[0], {})]).envelope_path)
    ack = advance_ack(None, r1.receipt)  # type: ignore[arg-type]
    assert ack is not None
    forged = replace(ack, ack_sha256="0" * 64)
    res = receiver.ingest(
        office.export([office.change(UUIDS[1], {})], base_ack=forged).envelope_path
    )
    assert res.status == "gap"
    assert "never issued" in (res.message_en or "")


def test_lost_stick_is_superseded_by_the_next_bundle(
    receiver: Receiver, office: OfficeFixture
) -> None:
    c1 = office.change(UUIDS[0], {"v": 1})
    receiver_gets = office.export([c1])
    r1 = receiver.ingest(receiver_gets.envelope_path)
    ack = advance_ack(None, r1.receipt)  # type: ignore[arg-type]
    c2 = office.change(UUIDS[0], {"v": 2})
    office.export([c2], base_ack=ack)  # bundle 2: the stick is lost
    c3 = office.change(UUIDS[0], {"v": 3})
    c3 = replace(c3, base_rev=1)  # base_rev = rev central acknowledged
    b3 = office.export([c3], base_ack=ack)  # cumulative since the ack
    res = receiver.ingest(b3.envelope_path)
    assert res.status == "applied" and res.counts["applied"] == 1
    rec = record(receiver, UUIDS[0])
    assert rec is not None and rec.rev == 3


def test_lost_receipt_then_cumulative_bundle_and_late_older_bundle(
    receiver: Receiver, office: OfficeFixture, tmp_path: Path
) -> None:
    r1 = receiver.ingest(office.export([office.change(UUIDS[0], {"v": 1})]).envelope_path)
    ack = advance_ack(None, r1.receipt)  # type: ignore[arg-type]
    b2 = office.export([office.change(UUIDS[0], {"v": 2})], base_ack=ack, out=tmp_path / "b2")
    assert receiver.ingest(b2.envelope_path).status == "applied"  # receipt 2 never arrives
    c3 = replace(office.change(UUIDS[0], {"v": 3}), base_rev=1)
    b3 = office.export([c3, office.change(UUIDS[1], {})], base_ack=ack)
    res3 = receiver.ingest(b3.envelope_path)
    assert (
        res3.status == "applied" and res3.counts["applied"] == 2 and res3.counts["conflicts"] == 0
    )
    # bundle 2 shows up again from another copy: a duplicate
    assert receiver.ingest(b2.envelope_path).status == "duplicate"


def test_superseded_bundle_is_applied_idempotently(
    receiver: Receiver, office: OfficeFixture, tmp_path: Path
) -> None:
    c1 = office.change(UUIDS[0], {"v": 1})
    older = office.export([c1], out=tmp_path / "older")  # bundle 1 travels slowly
    c2 = replace(office.change(UUIDS[0], {"v": 2}), base_rev=None)
    newer = office.export([c1, c2][1:], changes_from=1)  # bundle 2, cumulative from 1
    assert receiver.ingest(newer.envelope_path).status == "applied"
    before = data_counts(receiver)
    res = receiver.ingest(older.envelope_path)
    assert res.status == "superseded" and res.counts["stale"] == 1
    after = data_counts(receiver)
    assert after["central_records"] == before["central_records"]
    rec = record(receiver, UUIDS[0])
    assert rec is not None and rec.rev == 2


def test_conflict_queue_keeps_central_revision(receiver: Receiver, office: OfficeFixture) -> None:
    r1 = receiver.ingest(office.export([office.change(UUIDS[0], {"v": 1})]).envelope_path)
    ack = advance_ack(None, r1.receipt)  # type: ignore[arg-type]
    with receiver.Session.begin() as s:  # an edit made at central: rev 2
        row = s.scalar(select(CentralRecord))
        assert row is not None
        row.rev, row.data, row.bundle_seq = 2, '{"v":"pusat"}', None
    # the office edits its rev 1 -> rev 2 (base 1): conflicts with central's rev 2
    res = receiver.ingest(
        office.export([office.change(UUIDS[0], {"v": "kantor"})], base_ack=ack).envelope_path
    )
    assert res.status == "applied" and res.counts["conflicts"] == 1
    (conflict,) = receiver.conflicts()
    assert conflict.reason == "same-rev-different-content" and conflict.incoming_rev == 2
    # and a newer office edit on the old base also conflicts, never overwrites
    res = receiver.ingest(
        office.export(
            [replace(office.change(UUIDS[0], {"v": "lagi"}), base_rev=1)], base_ack=ack
        ).envelope_path
    )
    assert res.counts["conflicts"] == 1
    assert {c.reason for c in receiver.conflicts()} == {
        "same-rev-different-content",
        "base-rev-mismatch",
    }
    rec = record(receiver, UUIDS[0])
    assert rec is not None and rec.data == '{"v":"pusat"}'


def test_key_rotation_through_central(receiver: Receiver, office: OfficeFixture) -> None:
    new_key = keys.generate_key()
    rotation = make_rotation("O042", office.key, new_key, effective_from_seq=2)
    res = receiver.ingest(
        office.export([office.change(UUIDS[0], {})], rotation=rotation).envelope_path
    )
    assert res.status == "applied"
    with receiver.Session() as s:
        rows = {r.key_id: r for r in s.scalars(select(CentralOfficeKey))}
    assert rows[office.key_id].valid_until_seq == 1
    new_id = keys.key_id(new_key.public_key())
    assert rows[new_id].valid_from_seq == 2 and rows[new_id].source == "rotation"
    old_key = office.key
    office.key = new_key
    assert (
        receiver.ingest(office.export([office.change(UUIDS[1], {})]).envelope_path).status
        == "applied"
    )
    office.key = old_key  # the old key may no longer sign
    res = receiver.ingest(office.export([office.change(UUIDS[2], {})]).envelope_path)
    assert (res.status, res.code) == ("rejected", "key-not-valid")


def test_encrypted_bundle(tmp_path: Path, receiver: Receiver, office: OfficeFixture) -> None:
    identity, recipient = age.generate_identity()
    w = office.export([office.change(UUIDS[0], {"rahasia": "NIK 3201..."})], encrypt_to=recipient)
    res = receiver.ingest(w.envelope_path)
    assert (res.status, res.code) == ("rejected", "encrypted")  # no identity configured
    receiver.age_identity = identity
    res = receiver.ingest(w.envelope_path)
    assert res.status == "applied", res.message_en
    with pytest.raises(BundleError):
        verify_bundle(
            w.envelope_path,
            trusted_keys={"k": office.key.public_key()},
            identity=age.generate_identity()[0],
        )


def test_register_checks_phone_fingerprint(receiver: Receiver) -> None:
    pub = keys.generate_key().public_key()
    with pytest.raises(ValidationError):
        receiver.register_office("O050", pub, expected_fingerprint="0000-0000-0000-0000")
    reg = receiver.register_office(
        "O050", pub, expected_fingerprint=keys.short_fingerprint(pub).lower()
    )
    assert reg.created
    assert not receiver.register_office("O050", pub).created
    with pytest.raises(ValidationError):
        receiver.register_office("O051", pub)
