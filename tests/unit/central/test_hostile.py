"""Every hostile input from the issue's "Bad input" list, each on its own.

Each test builds the bad bundle, checks that ``verify_bundle`` (the reusable verifier) raises
the expected BundleError code, then ingests it at central and checks that nothing was
ingested (row counts of every data table unchanged) and that the bundle sits in quarantine
with that code as its reason. Insider attacks (``../`` names, symlinks...) are re-signed with
the office key so that the targeted check is the only one that can catch them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from flexdesk.central.service import IngestResult, Receiver
from flexdesk.errors import BundleError
from flexdesk.sync.bundle import WrittenBundle, ZipLimits, verify_bundle
from flexdesk.sync.crypto import keys
from flexdesk.sync.format import model
from tests.support.sync import (
    UUIDS,
    OfficeFixture,
    RawEntry,
    build_zip,
    entries_for,
    read_bag,
    replace_zip,
    resign_bag,
)

from .conftest import data_counts


@pytest.fixture
def bundle(office: OfficeFixture) -> WrittenBundle:
    ev = office.evidence("foto.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 20)
    changes = [
        office.change(UUIDS[0], {"nama": "Dewi"}),
        office.change(UUIDS[1], {"x": 1}, attachments=(ev.sha256,)),
    ]
    return office.export(changes, attachments=[ev])


def expect_rejected(
    receiver: Receiver,
    office: OfficeFixture,
    written: WrittenBundle,
    code: str,
    **verify_kw: object,
) -> IngestResult:
    with pytest.raises(BundleError) as err:
        verify_bundle(
            written.envelope_path, trusted_keys={"office": office.key.public_key()}, **verify_kw
        )  # type: ignore[arg-type]
    assert err.value.code == code, err.value.message_en
    assert err.value.message and err.value.message_en
    before = data_counts(receiver)
    quarantined = len(receiver.quarantined())
    result = receiver.ingest(written.envelope_path)
    assert (result.status, result.code) == ("rejected", code), result.message_en
    assert data_counts(receiver) == before
    rows = receiver.quarantined()
    assert len(rows) == quarantined + 1
    assert rows[-1].code == code and rows[-1].message and rows[-1].message_en
    stored = receiver.paths.quarantine / rows[-1].stored_dir
    assert (stored / "envelope.json").exists()
    assert not list(receiver.paths.attachments.rglob("*.jpg"))
    return result


def rebuild(
    written: WrittenBundle,
    office: OfficeFixture,
    *,
    drop: str | None = None,
    add: list[RawEntry] | None = None,
    manifest_extra: dict[str, bytes] | None = None,
    mutate: dict[str, bytes] | None = None,
) -> None:
    """Rewrite the bundle as an insider would: change files, re-sign everything."""
    top, files = read_bag(written.container_path)
    files.update(mutate or {})
    signed = resign_bag({**files, **(manifest_extra or {})}, office.key)
    for name in manifest_extra or {}:
        signed.pop(name)  # listed in the manifest, absent from the zip
    if drop is not None:
        del signed[drop]
    entries = entries_for(top, signed) + (add or [])
    replace_zip(written, office.key, build_zip(entries))


def test_flipped_byte(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    data = bytearray(bundle.container_path.read_bytes())
    data[len(data) // 3] ^= 0x01
    bundle.container_path.write_bytes(bytes(data))
    expect_rejected(receiver, office, bundle, "hash-mismatch")


def test_flipped_byte_in_envelope(
    receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle
) -> None:
    env = bundle.envelope_path.read_bytes()
    bundle.envelope_path.write_bytes(env.replace(b'"bundle_seq":1', b'"bundle_seq":2'))
    result = expect_rejected(receiver, office, bundle, "bad-signature")
    assert result.receipt is None  # a forged envelope names no authentic office


def test_truncated_zip(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    data = bundle.container_path.read_bytes()
    bundle.container_path.write_bytes(data[: len(data) - 100])
    result = expect_rejected(receiver, office, bundle, "truncated")
    assert result.receipt is not None and result.receipt.receipt.status == "rejected"


def test_truncated_zip_with_matching_envelope(
    receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle
) -> None:
    data = bundle.container_path.read_bytes()
    replace_zip(bundle, office.key, data[: len(data) // 2])
    expect_rejected(receiver, office, bundle, "truncated")


def test_unregistered_key(receiver: Receiver, office: OfficeFixture, tmp_path: Path) -> None:
    stranger = OfficeFixture(tmp_path / "stranger")  # same office id, key never registered
    written = stranger.export([stranger.change(UUIDS[0], {})])
    with pytest.raises(BundleError) as err:
        verify_bundle(written.envelope_path, trusted_keys={"o": office.key.public_key()})
    assert err.value.code == "unknown-key"
    before = data_counts(receiver)
    result = receiver.ingest(written.envelope_path)
    assert (result.status, result.code) == ("rejected", "unknown-key")
    assert data_counts(receiver) == before and receiver.quarantined()[-1].code == "unknown-key"


def test_key_of_another_office(receiver: Receiver, office: OfficeFixture, tmp_path: Path) -> None:
    other = OfficeFixture(tmp_path / "other", office_id="O043")
    receiver.register_office("O043", other.key.public_key())
    other.office_id = "O042"  # O043's key signs a bundle claiming to be O042's
    written = other.export([other.change(UUIDS[0], {})])
    before = data_counts(receiver)
    result = receiver.ingest(written.envelope_path)
    assert (result.status, result.code) == ("rejected", "unknown-key")
    assert data_counts(receiver) == before


def test_revoked_key(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    receiver.revoke_key(office.key_id, reason="laptop dicuri")
    ring = receiver.keyring()
    assert ring[office.key_id].revoked
    with pytest.raises(BundleError) as err:
        verify_bundle(bundle.envelope_path, trusted_keys=ring)
    assert err.value.code == "revoked-key"
    before = data_counts(receiver)
    result = receiver.ingest(bundle.envelope_path)
    assert (result.status, result.code) == ("rejected", "revoked-key")
    assert data_counts(receiver) == before
    assert receiver.quarantined()[-1].code == "revoked-key"


def test_missing_payload_file(
    receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle
) -> None:
    (att,) = bundle.header and [
        a for a in read_bag(bundle.container_path)[1] if a.startswith("data/attachments/")
    ]
    rebuild(bundle, office, drop=att)
    expect_rejected(receiver, office, bundle, "missing-file")


def test_extra_payload_file(
    receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle
) -> None:
    top = bundle.envelope.stem
    rebuild(bundle, office, add=[RawEntry(f"{top}/data/reports/extra.pdf".encode(), b"%PDF")])
    expect_rejected(receiver, office, bundle, "extra-file")


def test_extra_tag_file(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    top = bundle.envelope.stem
    rebuild(bundle, office, add=[RawEntry(f"{top}/notes.txt".encode(), b"hi")])
    expect_rejected(receiver, office, bundle, "extra-file")


def test_manifest_entry_for_missing_file(
    receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle
) -> None:
    ghost = f"data/attachments/{hashlib.sha256(b'ghost').hexdigest()}.jpg"
    rebuild(bundle, office, manifest_extra={ghost: b"ghost"})
    expect_rejected(receiver, office, bundle, "missing-file")


@pytest.mark.parametrize(
    "name",
    ["{top}/../evil.txt", "../{top}/evil.txt", "/etc/cron.d/evil", "{top}/data/..\\..\\evil.txt"],
)
def test_path_traversal(
    receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle, name: str
) -> None:
    top = bundle.envelope.stem
    rebuild(bundle, office, add=[RawEntry(name.format(top=top).encode(), b"owned")])
    expect_rejected(receiver, office, bundle, "path-traversal")


def test_symlink(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    top = bundle.envelope.stem
    link = RawEntry(
        f"{top}/data/reports/link.pdf".encode(), b"/etc/shadow", external_attr=0o120777 << 16
    )
    rebuild(bundle, office, add=[link])
    expect_rejected(receiver, office, bundle, "symlink")


def test_duplicate_names(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    top = bundle.envelope.stem
    _, files = read_bag(bundle.container_path)
    evil = files["bundle.json"].replace(b'"nama"', b'"nama"')
    rebuild(bundle, office, add=[RawEntry(f"{top}/BUNDLE.json".encode(), evil)])
    expect_rejected(receiver, office, bundle, "duplicate-name")


def test_zip_bomb_ratio(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    top = bundle.envelope.stem
    bomb = RawEntry(f"{top}/data/reports/bomb.pdf".encode(), bytes(30 * 1024 * 1024), deflate=True)
    rebuild(bundle, office, add=[bomb])
    expect_rejected(receiver, office, bundle, "zip-bomb")


def test_zip_bomb_size_limit(
    receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle
) -> None:
    receiver.limits = ZipLimits(max_entry_size=1000)
    expect_rejected(receiver, office, bundle, "zip-bomb", limits=ZipLimits(max_entry_size=1000))


def test_non_utf8_name(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    top = bundle.envelope.stem
    rebuild(bundle, office, add=[RawEntry(f"{top}/data/".encode() + b"\xff\xfe.pdf", b"x")])
    expect_rejected(receiver, office, bundle, "bad-name")


def test_replayed_bundle(receiver: Receiver, office: OfficeFixture, bundle: WrittenBundle) -> None:
    """A replay is harmless at central (duplicate: nothing changes, the stored receipt is
    resent); the stand-alone verifier reports it when told the last accepted sequence."""
    first = receiver.ingest(bundle.envelope_path)
    assert first.status == "applied"
    with pytest.raises(BundleError) as err:
        verify_bundle(bundle.envelope_path, trusted_keys={"o": office.key.public_key()}, last_seq=1)
    assert err.value.code == "replay"
    before = receiver.row_counts()
    again = receiver.ingest(bundle.envelope_path)
    assert again.status == "duplicate"
    assert receiver.row_counts() == before


def test_sequence_gap(receiver: Receiver, office: OfficeFixture) -> None:
    """Changes missing before a bundle: central answers ``gap`` and applies nothing."""
    office.next_change = 10
    written = office.export([office.change(UUIDS[0], {})], changes_from=10, seq=1)
    with pytest.raises(BundleError) as err:
        verify_bundle(
            written.envelope_path, trusted_keys={"o": office.key.public_key()}, last_seq=-5
        )
    assert err.value.code == "gap"
    before = data_counts(receiver)
    result = receiver.ingest(written.envelope_path)
    assert (result.status, result.code) == ("gap", "gap")
    after = data_counts(receiver)
    assert after["central_records"] == before["central_records"]
    assert result.receipt is not None and result.receipt.receipt.applied_through_change == 0


def test_newer_format_version(
    receiver: Receiver, office: OfficeFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        newer = model.MAX_FORMAT_VERSION + 1
        m.setattr(model, "FORMAT_VERSION", newer)
        m.setattr(model, "MAX_FORMAT_VERSION", newer)
        written = office.export([office.change(UUIDS[0], {})])
    assert b'"format_version":%d' % newer in written.envelope_path.read_bytes()
    result = expect_rejected(receiver, office, written, "format-version")
    assert "Perbarui FlexDesk" in (result.message or "")


def test_receipt_for_another_office_and_tampered(
    receiver: Receiver,
    office: OfficeFixture,
    bundle: WrittenBundle,
    central_key: keys.Ed25519PrivateKey,
) -> None:
    from flexdesk.sync.receipt import verify_receipt

    result = receiver.ingest(bundle.envelope_path)
    assert result.receipt is not None
    signed = result.receipt
    with pytest.raises(BundleError) as err:
        verify_receipt(
            signed.data,
            signed.signature,
            central_keys=central_key.public_key(),
            expected_office="O043",
        )
    assert err.value.code == "wrong-office"
    tampered = signed.data.replace(b'"status":"applied"', b'"status":"gap"')
    with pytest.raises(BundleError) as err:
        verify_receipt(
            tampered,
            signed.signature,
            central_keys=central_key.public_key(),
            expected_office="O042",
        )
    assert err.value.code == "bad-signature"
    impostor = keys.generate_key()
    with pytest.raises(BundleError) as err:
        verify_receipt(
            signed.data,
            signed.signature,
            central_keys=impostor.public_key(),
            expected_office="O042",
        )
    assert err.value.code == "bad-signature"


def test_not_a_bundle_file(receiver: Receiver, tmp_path: Path) -> None:
    junk = tmp_path / "foto.jpg"
    junk.write_bytes(b"\xff\xd8")
    before = data_counts(receiver)
    result = receiver.ingest(junk)
    assert (result.status, result.code) == ("rejected", "bad-name")
    assert data_counts(receiver) == before
    assert (
        receiver.paths.quarantine / receiver.quarantined()[-1].stored_dir / "original.bin"
    ).exists()
