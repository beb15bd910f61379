"""Receipts (central -> office) and key rotation statements."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from flexdesk.errors import BundleError
from flexdesk.sync.bundle import BaseAck, KeyRing, TrustedKey, make_rotation, verify_bundle
from flexdesk.sync.crypto import keys, sshsig
from flexdesk.sync.receipt import (
    Receipt,
    advance_ack,
    read_receipt_files,
    read_receipt_zip,
    sign_receipt,
    verify_receipt,
    write_receipt_files,
    write_receipt_zip,
)
from tests.support.sync import UUIDS, OfficeFixture


def make_receipt(central: keys.Ed25519PrivateKey, **kw: object) -> Receipt:
    fields: dict[str, object] = {
        "office_id": "O042",
        "bundle_seq": 3,
        "bundle_uuid": UUIDS[5],
        "envelope_sha256": "e" * 64,
        "status": "applied",
        "applied_through_change": 120,
        "next_expected_seq": 4,
        "received_at": "2025-07-01T03:04:05Z",
        "central_key_id": keys.key_id(central.public_key()),
        "receipt_id": 9,
        "counts": {"applied": 10, "conflicts": 1},
    }
    fields.update(kw)
    return Receipt(**fields)  # type: ignore[arg-type]


def test_receipt_round_trip_through_files_and_zip(tmp_path: Path) -> None:
    central = keys.generate_key()
    signed = sign_receipt(make_receipt(central), central)
    json_path, sig_path = write_receipt_files(signed, tmp_path)
    assert json_path.name == "O042-000000003.receipt.json"
    data, sig = read_receipt_files(sig_path)
    got = verify_receipt(data, sig, central_keys=central.public_key(), expected_office="O042")
    assert got.receipt == signed.receipt and got.sha256 == signed.sha256
    assert got.base_ack() == BaseAck(3, signed.sha256, 120)
    zpath = write_receipt_zip([signed], tmp_path / "receipts-O042.zip")
    ((zdata, zsig),) = read_receipt_zip(zpath)
    assert zdata == signed.data
    verify_receipt(zdata, zsig, central_keys=[central.public_key()], expected_office="O042")


def test_receipt_for_another_office(tmp_path: Path) -> None:
    central = keys.generate_key()
    signed = sign_receipt(make_receipt(central, office_id="O043"), central)
    with pytest.raises(BundleError) as err:
        verify_receipt(
            signed.data, signed.signature, central_keys=central.public_key(), expected_office="O042"
        )
    assert err.value.code == "wrong-office"


def test_tampered_receipt() -> None:
    central = keys.generate_key()
    signed = sign_receipt(make_receipt(central), central)
    forged = signed.data.replace(b'"applied_through_change":120', b'"applied_through_change":999')
    assert forged != signed.data
    with pytest.raises(BundleError) as err:
        verify_receipt(
            forged, signed.signature, central_keys=central.public_key(), expected_office="O042"
        )
    assert err.value.code == "bad-signature"


def test_receipt_signed_by_wrong_key_or_namespace() -> None:
    central, other = keys.generate_key(), keys.generate_key()
    forged = sign_receipt(make_receipt(other), other)
    with pytest.raises(BundleError) as err:
        verify_receipt(
            forged.data, forged.signature, central_keys=central.public_key(), expected_office="O042"
        )
    assert err.value.code == "bad-signature"
    # a real central signature, but made for bundles: namespaces keep them apart
    genuine = sign_receipt(make_receipt(central), central)
    wrong_ns = sshsig.sign(genuine.data, central, sshsig.NS_BUNDLE)
    with pytest.raises(BundleError) as err:
        verify_receipt(
            genuine.data, wrong_ns, central_keys=central.public_key(), expected_office="O042"
        )
    assert err.value.code == "bad-signature"


def test_receipt_from_newer_format() -> None:
    central = keys.generate_key()
    signed = sign_receipt(make_receipt(central), central)
    newer = signed.data.replace(b'"format_version":2', b'"format_version":3')
    assert newer != signed.data
    sig = sshsig.sign(newer, central, sshsig.NS_RECEIPT)
    with pytest.raises(BundleError) as err:
        verify_receipt(newer, sig, central_keys=central.public_key(), expected_office="O042")
    assert err.value.code == "format-version"


def test_receipt_audit_head_format_2_and_format_1_without_it() -> None:
    """Format 2 receipts carry central's audit head; format 1 receipts (answers to offices
    not yet updated) have no ``audit`` key and are still read."""
    from flexdesk.sync.receipt import AuditHead

    central = keys.generate_key()
    head = AuditHead(57, "a" * 64)
    v2 = sign_receipt(make_receipt(central, audit=head), central)
    assert b'"audit":{"hash":"' + b"a" * 64 + b'","seq":57}' in v2.data
    got = verify_receipt(v2.data, v2.signature, central_keys=central.public_key(),
                         expected_office="O042")  # fmt: skip
    assert got.receipt.audit == head and got.receipt.format_version == 2
    v1 = sign_receipt(make_receipt(central, format_version=1), central)
    assert b'"audit"' not in v1.data and b'"format_version":1' in v1.data
    got1 = verify_receipt(v1.data, v1.signature, central_keys=central.public_key(),
                          expected_office="O042")  # fmt: skip
    assert got1.receipt.audit is None and got1.receipt == v1.receipt
    # a format 1 receipt with an audit key, or a format 2 one without, is malformed
    for data in (
        v1.data.replace(b'"bundle_seq"', b'"audit":null,"bundle_seq"'),
        v2.data.replace(b'"audit":{"hash":"' + b"a" * 64 + b'","seq":57},', b""),
    ):
        sig = sshsig.sign(data, central, sshsig.NS_RECEIPT)
        with pytest.raises(BundleError) as err:
            verify_receipt(data, sig, central_keys=central.public_key(), expected_office="O042")
        assert err.value.code == "bad-format"
    with pytest.raises(ValueError):
        make_receipt(central, format_version=1, audit=head)


def test_ack_never_moves_backwards() -> None:
    central = keys.generate_key()
    r5 = sign_receipt(make_receipt(central, bundle_seq=5, applied_through_change=50), central)
    r4 = sign_receipt(make_receipt(central, bundle_seq=4, applied_through_change=40), central)
    rej = sign_receipt(
        make_receipt(central, bundle_seq=6, status="rejected", reason="hash-mismatch"), central
    )
    ack = advance_ack(None, r5)
    assert ack is not None and ack.applied_through == 50
    assert advance_ack(ack, r4) == ack
    assert advance_ack(ack, rej) == ack
    dup = sign_receipt(
        make_receipt(central, bundle_seq=6, status="duplicate", applied_through_change=60), central
    )
    assert advance_ack(ack, dup) == dup.base_ack()


def test_rotation_statement_signed_by_both_keys(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    old_key = office.key
    new_key = keys.generate_key()

    def written_key(_: object) -> keys.Ed25519PrivateKey:
        return old_key

    rotation = make_rotation("O042", office.key, new_key, effective_from_seq=2)
    written = office.export([office.change(UUIDS[0], {})], rotation=rotation)
    assert written.header.key_rotation
    v = verify_bundle(written.envelope_path, trusted_keys={"old": office.key.public_key()})
    assert v.rotation is not None
    assert v.rotation.new_key_id == keys.key_id(new_key.public_key())
    assert v.rotation.old_key_id == office.key_id
    assert v.rotation.effective_from_seq == 2
    # the next bundle is signed by the new key, valid from 2
    ring = KeyRing(
        [
            TrustedKey(office.key_id, "O042", office.key.public_key(), valid_until_seq=1),
            TrustedKey(v.rotation.new_key_id, "O042", new_key.public_key(), valid_from_seq=2),
        ]
    )
    office.key = new_key
    nxt = office.export([office.change(UUIDS[1], {})])
    verify_bundle(nxt.envelope_path, trusted_keys=ring)
    # the old key can no longer sign bundle 3
    old_signed = office.export(
        [office.change(UUIDS[2], {})],
        out=tmp_path / "old",
        signing_key=written_key(v),
        key_id=v.rotation.old_key_id,
    )
    with pytest.raises(BundleError) as err:
        verify_bundle(old_signed.envelope_path, trusted_keys=ring)
    assert err.value.code == "key-not-valid"


def test_rotation_needs_both_signatures(tmp_path: Path) -> None:
    from flexdesk.sync.rotation import verify_rotation

    old, new, other = keys.generate_key(), keys.generate_key(), keys.generate_key()
    rot = make_rotation("O042", old, new, effective_from_seq=5)
    verify_rotation(rot.statement, rot.old_signature.encode(), rot.new_signature.encode())
    forged = dataclasses.replace(
        rot, new_signature=sshsig.sign(rot.statement, other, sshsig.NS_ROTATION)
    )
    with pytest.raises(BundleError) as err:
        verify_rotation(
            forged.statement, forged.old_signature.encode(), forged.new_signature.encode()
        )
    assert err.value.code == "bad-signature"
    with pytest.raises(BundleError):
        verify_rotation(rot.statement, rot.new_signature.encode(), rot.old_signature.encode())


def test_rotation_must_match_the_bundle(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    wrong_seq = make_rotation("O042", office.key, keys.generate_key(), effective_from_seq=9)
    with pytest.raises(BundleError):
        office.export([], rotation=wrong_seq, seq=1)
    not_signer = make_rotation(
        "O042", keys.generate_key(), keys.generate_key(), effective_from_seq=2
    )
    with pytest.raises(BundleError):
        office.export([], rotation=not_signer, seq=1)
