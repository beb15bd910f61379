"""Writing and verifying bundles: round trip, determinism, atomicity, cancellation."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from flexdesk.errors import BundleError, Cancelled
from flexdesk.sync.bundle import (
    BaseAck,
    ChangeRecord,
    KeyRing,
    TrustedKey,
    ZipLimits,
    verify_bundle,
)
from flexdesk.sync.crypto import keys
from flexdesk.sync.format import bagit
from tests.support.sync import UUIDS, OfficeFixture, copy_bundle, read_bag, sample_bundle


def test_round_trip_returns_what_was_written(tmp_path: Path) -> None:
    office, written = sample_bundle(tmp_path)
    assert {p.name for p in (tmp_path / "out").iterdir()} == {p.name for p in written.paths}
    out = tmp_path / "extract"
    v = verify_bundle(
        written.envelope_path,
        trusted_keys={"office": office.key.public_key()},
        expected_office="O042",
        extract_dir=out,
    )
    assert v.header == written.header
    assert v.envelope == written.envelope
    assert v.envelope_sha256 == written.envelope_sha256
    assert [c.data for c in v.changes] == [
        {"nama": "Siti Aminah", "nip": "199001012020122001"},
        {"output": "Laporan harian"},
    ]
    assert v.reports == ("skp-2025-06",)
    (att,) = v.attachments
    assert (out / "attachments" / f"{att.sha256}.jpg").read_bytes().startswith(b"\xff\xd8")
    assert (out / "reports" / "skp-2025-06.pdf").read_bytes().startswith(b"%PDF")
    assert v.header.counts == {"employee": 1, "output_log": 1}
    assert v.header.changes.start == 1 and v.header.changes.end == 2


def test_verify_accepts_zip_or_signature_path_and_bare_zip(tmp_path: Path) -> None:
    office, written = sample_bundle(tmp_path)
    trusted = {"k": office.key.public_key()}
    assert verify_bundle(written.container_path, trusted_keys=trusted).envelope is not None
    assert verify_bundle(written.signature_path, trusted_keys=trusted).envelope is not None
    bare = tmp_path / "bare"
    bare.mkdir()
    zip_copy = bare / written.container_path.name
    zip_copy.write_bytes(written.container_path.read_bytes())
    v = verify_bundle(zip_copy, trusted_keys=trusted)
    assert v.envelope is None and v.header == written.header
    with pytest.raises(BundleError) as err:
        verify_bundle(zip_copy, trusted_keys=trusted, require_envelope=True)
    assert err.value.code == "missing-file"


def test_same_inputs_give_identical_bytes(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    ev = office.evidence("a.png", os.urandom(5000), ext="png")
    changes = [office.change(UUIDS[i], {"i": i, "teks": "Rp 1.000 – ñ"}) for i in range(5)]
    a = office.export(changes, out=tmp_path / "a", attachments=[ev], seq=7)
    b = office.export(changes, out=tmp_path / "b", attachments=[ev], seq=7)
    for pa, pb in zip(a.paths, b.paths, strict=True):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
    c = office.export(changes[:4], out=tmp_path / "c", attachments=[ev], seq=7)
    assert c.envelope.bundle_uuid != a.envelope.bundle_uuid


def test_zip_layout_is_deterministic_and_sorted(tmp_path: Path) -> None:
    import zipfile

    _, written = sample_bundle(tmp_path)
    with zipfile.ZipFile(written.container_path) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {n.split("/")[0] for n in names} == {"O042-000000001"}
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    stored = {i.filename.split("/", 1)[1] for i in infos if i.compress_type == zipfile.ZIP_STORED}
    assert all(n.startswith(("data/attachments/", "data/reports/")) for n in stored)


def test_cancel_leaves_nothing_behind(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    ev = office.evidence("big.bin", os.urandom(9 * 1024 * 1024), ext="bin")
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 1

    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        office.export(
            [office.change(UUIDS[0], {})], out=out, attachments=[ev], is_cancelled=cancelled
        )
    assert list(out.iterdir()) == []


def test_progress_reaches_total(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    ev = office.evidence("e.bin", os.urandom(6 * 1024 * 1024), ext="bin")
    seen: list[tuple[int, int, str]] = []
    office.export(
        [office.change(UUIDS[0], {})],
        attachments=[ev],
        progress=lambda d, t, s: seen.append((d, t, s)),
    )
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    assert seen[-1][0] == seen[-1][1]
    assert {s for _, _, s in seen} >= {"write", "verify", "done"}


def test_damaged_attachment_store(tmp_path: Path) -> None:
    """Evidence is hashed against its content address while it is copied in, with or without
    verify="full": a damaged stored file stops the export (no signed bundle that every
    receiver would refuse), and nothing is left in the output folder."""
    office = OfficeFixture(tmp_path)
    ev = office.evidence("x.jpg", b"original")
    ev.path.write_bytes(b"changed!")
    for seq, verify in enumerate(("full", "crc")):
        with pytest.raises(BundleError) as err:
            office.export([office.change(UUIDS[seq], {})], attachments=[ev], verify=verify)
        assert err.value.code == "hash-mismatch"
        assert "SHA-256" in err.value.message_en
        assert list((tmp_path / "out").iterdir()) == []


def test_full_reverify_export(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    ev = office.evidence("x.jpg", os.urandom(10_000))
    w = office.export([office.change(UUIDS[0], {})], attachments=[ev], verify="full")
    verify_bundle(w.envelope_path, trusted_keys={"k": office.key.public_key()})


@pytest.mark.parametrize(
    "bad",
    [
        {"office_id": "O 42"},
        {"key_id": "SHA256:someone-else"},
        {"period": "2025/06"},
        {"changes_from": 5},
    ],
)
def test_writer_refuses_bad_input(tmp_path: Path, bad: dict[str, object]) -> None:
    office = OfficeFixture(tmp_path)
    if "office_id" in bad:
        office.office_id = str(bad.pop("office_id"))
    with pytest.raises(BundleError) as err:
        office.export([office.change(UUIDS[0], {})], **bad)
    assert err.value.code == "bad-input"


def test_writer_refuses_unsorted_changes(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    a, b = office.change(UUIDS[0], {}), office.change(UUIDS[1], {})
    with pytest.raises(BundleError):
        office.export([b, a])
    with pytest.raises(BundleError):
        office.export([replace(a, base_rev=1)])  # base_rev must be below rev


def test_changes_range_follows_base_ack(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    office.next_change = 41
    ack = BaseAck(ack_seq=3, ack_sha256="a" * 64, applied_through=40)
    w = office.export(
        [office.change(UUIDS[0], {}), office.change(UUIDS[1], {})], base_ack=ack, seq=4
    )
    assert (w.header.changes.start, w.header.changes.end, w.header.changes.count) == (41, 42, 2)
    assert w.envelope.base_ack == ack
    empty = office.export([], base_ack=ack, seq=5)
    assert (empty.header.changes.start, empty.header.changes.end) == (41, 40)
    verify_bundle(empty.envelope_path, trusted_keys={"k": office.key.public_key()})


def test_last_seq_replay_and_gap(tmp_path: Path) -> None:
    office, written = sample_bundle(tmp_path)
    trusted = {"k": office.key.public_key()}
    verify_bundle(written.envelope_path, trusted_keys=trusted, last_seq=0)
    for last, code in ((1, "replay"), (5, "replay"), (-1, "gap")):
        with pytest.raises(BundleError) as err:
            verify_bundle(written.envelope_path, trusted_keys=trusted, last_seq=last)
        assert err.value.code == code


def test_keyring_validity_revocation_and_office(tmp_path: Path) -> None:
    office, written = sample_bundle(tmp_path)
    pub = office.key.public_key()
    kid = keys.key_id(pub)
    cases = [
        (TrustedKey(kid, "O042", pub, revoked=True), "revoked-key"),
        (TrustedKey(kid, "O042", pub, valid_from_seq=2), "key-not-valid"),
        (TrustedKey(kid, "O043", pub), "unknown-key"),
        (TrustedKey(kid, "O042", keys.generate_key().public_key()), "unknown-key"),
    ]
    for entry, code in cases:
        with pytest.raises(BundleError) as err:
            verify_bundle(written.envelope_path, trusted_keys=KeyRing([entry]))
        assert err.value.code == code, entry
    with pytest.raises(BundleError) as err:
        verify_bundle(written.envelope_path, trusted_keys={"k": pub}, expected_office="O043")
    assert err.value.code == "wrong-office"


def test_limits_apply(tmp_path: Path) -> None:
    office, written = sample_bundle(tmp_path)
    with pytest.raises(BundleError) as err:
        verify_bundle(
            written.envelope_path,
            trusted_keys={"k": office.key.public_key()},
            limits=ZipLimits(max_entry_size=1000),
        )
    assert err.value.code == "zip-bomb"
    with pytest.raises(BundleError) as err:
        verify_bundle(
            written.envelope_path,
            trusted_keys={"k": office.key.public_key()},
            limits=ZipLimits(max_entries=5),
        )
    assert err.value.code == "zip-bomb"


def test_verify_cancel(tmp_path: Path) -> None:
    office, written = sample_bundle(tmp_path)
    with pytest.raises(Cancelled):
        verify_bundle(
            written.envelope_path,
            trusted_keys={"k": office.key.public_key()},
            is_cancelled=lambda: True,
        )


def test_manifest_text_is_sha512sum_compatible(tmp_path: Path) -> None:
    _, written = sample_bundle(tmp_path)
    _, files = read_bag(written.container_path)
    lines = files[bagit.MANIFEST].decode().splitlines()
    for line in lines:
        digest, path = line.split("  ")
        assert hashlib.sha512(files[path]).hexdigest() == digest


def test_change_record_json_round_trip() -> None:
    rec = ChangeRecord(3, "skp", UUIDS[2], 2, 1, "delete", {}, ("a" * 64,))
    assert ChangeRecord.from_json(rec.to_json()) == rec


@pytest.mark.parametrize("field", ["change_seq", "rev", "base_rev"])
def test_change_numbers_beyond_an_integer_column_are_a_format_error(field: str) -> None:
    # central stores them in INTEGER columns (4 bytes on PostgreSQL): refused when read
    obj = ChangeRecord(3, "skp", UUIDS[2], 2, 1, "delete", {}, ()).to_json()
    obj[field] = 2**31
    with pytest.raises(BundleError) as refused:
        ChangeRecord.from_json(obj)
    assert refused.value.code == "bad-format"
    if field != "base_rev":  # the largest number that fits is read as it is
        obj[field] = 2**31 - 1
        assert ChangeRecord.from_json(obj).to_json()[field] == 2**31 - 1


def test_copied_bundle_still_verifies(tmp_path: Path) -> None:
    office, written = sample_bundle(tmp_path)
    paths = copy_bundle(written, tmp_path / "usb")
    verify_bundle(paths[0], trusted_keys={"k": office.key.public_key()})
