"""The audit chain in a bundle (format 2): written as ``data/audit/audit.ndjson`` under the
signed manifest, declared in ``bundle.json`` ``audit``, chain-checked by the verifier; format 1
bundles (no audit part) still verify."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import flexdesk.db.audit as db_audit
from flexdesk.errors import BundleError
from flexdesk.sync import auditchain
from flexdesk.sync.auditchain import GENESIS_HASH, AuditRecord, AuditSegment, entry_hash
from flexdesk.sync.bundle import WrittenBundle, verify_bundle
from flexdesk.sync.format import model
from flexdesk.sync.format.canonical import canonical_json_line
from flexdesk.sync.format.layout import AUDIT
from tests.support.sync import (
    UUIDS,
    OfficeFixture,
    audit_rows,
    audit_segment,
    build_zip,
    entries_for,
    read_bag,
    replace_zip,
    resign_bag,
)


def verify(office: OfficeFixture, written: WrittenBundle) -> object:
    return verify_bundle(written.envelope_path, trusted_keys={"o": office.key.public_key()})


def test_office_hook_and_bundle_share_one_hash_recipe() -> None:
    assert db_audit.entry_hash is auditchain.entry_hash
    assert db_audit.GENESIS_HASH == GENESIS_HASH == "0" * 64
    # the recipe as the spec writes it: SHA-256 of the canonical JSON of the ten fields
    import hashlib

    row = audit_rows(1)[0]
    fields = {k: v for k, v in row.to_json().items() if k != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(text.encode()).hexdigest() == row.hash == row.computed_hash()


def test_audit_rows_travel_signed_and_come_back(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    rows = audit_rows(5, start=11, prev_hash="a" * 64)
    written = office.export([office.change(UUIDS[0], {"n": 1})], audit=audit_segment(rows))
    h = written.header
    assert h.format_version == 2 and h.audit is not None
    assert (h.audit.start, h.audit.end, h.audit.prev_hash, h.audit.head_hash) == (
        11,
        15,
        "a" * 64,
        rows[-1].hash,
    )
    v = verify_bundle(written.envelope_path, trusted_keys={"o": office.key.public_key()})
    assert v.audit_rows == rows and v.header.audit == h.audit
    _, files = read_bag(written.container_path)
    assert files[AUDIT] == b"".join(canonical_json_line(r.to_json()) for r in rows)
    assert f"  {AUDIT}\n" in files["manifest-sha512.txt"].decode()
    header = json.loads(files["bundle.json"])
    assert header["audit"] == {
        "from": 11,
        "to": 15,
        "prev_hash": "a" * 64,
        "head_hash": rows[-1].hash,
    }
    assert json.loads(files[AUDIT].splitlines()[0]) == rows[0].to_json()


def test_no_new_rows_still_declares_the_head(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    seg = AuditSegment(start=8, prev_hash="b" * 64)
    written = office.export([], audit=seg)
    v = verify_bundle(written.envelope_path, trusted_keys={"o": office.key.public_key()})
    assert v.audit_rows == ()
    assert v.header.audit == auditchain.AuditRange(8, 7, "b" * 64, "b" * 64)
    _, files = read_bag(written.container_path)
    assert files[AUDIT] == b""


def test_writer_refuses_a_broken_office_chain(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    rows = list(audit_rows(4))
    rows[2] = replace(rows[2], after='{"nama":"diubah"}')  # edited in the file, hash kept
    with pytest.raises(BundleError) as err:
        office.export([], audit=audit_segment(tuple(rows)))
    assert err.value.code == "audit-chain" and "row 3" in (err.value.message_en or "")
    assert "audit verify" in (err.value.message_en or "")
    assert not (tmp_path / "out").exists(), "refused before anything was written"
    bad_start = AuditSegment(start=1, prev_hash="c" * 64)
    with pytest.raises(BundleError) as err:
        office.export([], audit=bad_start)
    assert err.value.code == "audit-chain"


def _resigned(office: OfficeFixture, written: WrittenBundle, edit: object) -> Path:
    """Rebuild the bag as an insider with the office key would, after ``edit(files)``."""
    top, files = read_bag(written.container_path)
    edit(files)  # type: ignore[operator]
    files = resign_bag(files, office.key)
    return replace_zip(written, office.key, build_zip(entries_for(top, files)))


def test_rewritten_row_fails_even_when_the_bag_is_re_signed(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    written = office.export([], audit=audit_segment(audit_rows(4)))

    def edit(files: dict[str, bytes]) -> None:
        lines = files[AUDIT].splitlines(keepends=True)
        row = AuditRecord.from_json(json.loads(lines[1]))
        lines[1] = canonical_json_line(replace(row, actor_name="Admin").to_json())
        files[AUDIT] = b"".join(lines)

    env = _resigned(office, written, edit)
    with pytest.raises(BundleError) as err:
        verify_bundle(env, trusted_keys={"o": office.key.public_key()})
    assert err.value.code == "audit-chain"
    assert "row 2" in (err.value.message_en or "")


def test_rows_rehashed_but_head_not_matching_fail(tmp_path: Path) -> None:
    """A consistent rewrite of the rows (same sizes, every hash recomputed) still has to end
    at the declared head."""
    office = OfficeFixture(tmp_path)
    written = office.export([], audit=audit_segment(audit_rows(4)))

    def edit(files: dict[str, bytes]) -> None:
        files[AUDIT] = b"".join(
            canonical_json_line(r.to_json()) for r in audit_rows(4, actor="adm1n")
        )

    env = _resigned(office, written, edit)
    with pytest.raises(BundleError) as err:
        verify_bundle(env, trusted_keys={"o": office.key.public_key()})
    assert err.value.code == "audit-chain" and "head_hash" in (err.value.message_en or "")


def test_flipped_byte_in_the_audit_payload(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    written = office.export([], audit=audit_segment(audit_rows(6)))
    top, files = read_bag(written.container_path)
    data = bytearray(files[AUDIT])
    data[len(data) // 2] ^= 0x01
    files[AUDIT] = bytes(data)
    # only the zip's own bookkeeping is redone (CRC), not the signed manifests
    env = replace_zip(written, office.key, build_zip(entries_for(top, files)))
    with pytest.raises(BundleError) as err:
        verify_bundle(env, trusted_keys={"o": office.key.public_key()})
    assert err.value.code == "hash-mismatch"


def test_audit_file_and_header_must_agree(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    with_rows = office.export([], audit=audit_segment(audit_rows(2)), seq=1)

    def drop_file(files: dict[str, bytes]) -> None:
        del files[AUDIT]

    env = _resigned(office, with_rows, drop_file)
    with pytest.raises(BundleError) as err:
        verify_bundle(env, trusted_keys={"o": office.key.public_key()})
    assert err.value.code == "missing-file"

    without = office.export([], seq=2)
    assert without.header.audit is None

    def add_file(files: dict[str, bytes]) -> None:
        files[AUDIT] = b"".join(canonical_json_line(r.to_json()) for r in audit_rows(2))

    env = _resigned(office, without, add_file)
    with pytest.raises(BundleError) as err:
        verify_bundle(env, trusted_keys={"o": office.key.public_key()})
    assert err.value.code == "extra-file"


def test_malformed_audit_line_is_bad_format(tmp_path: Path) -> None:
    office = OfficeFixture(tmp_path)
    written = office.export([], audit=audit_segment(audit_rows(2)))

    def edit(files: dict[str, bytes]) -> None:
        # same size (bag-info's Payload-Oxum stays right): a key the format does not know
        files[AUDIT] = files[AUDIT].replace(b'"op":', b'"oq":', 1)

    env = _resigned(office, written, edit)
    with pytest.raises(BundleError) as err:
        verify_bundle(env, trusted_keys={"o": office.key.public_key()})
    assert err.value.code == "bad-format"


def test_format_1_bundle_without_audit_still_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bundles written before the audit part (format 1) verify unchanged: no ``audit`` key, no
    audit file, treated as carrying no audit rows."""
    office = OfficeFixture(tmp_path)
    with monkeypatch.context() as m:
        m.setattr(model, "FORMAT_VERSION", 1)
        old = office.export([office.change(UUIDS[0], {"n": 1})])
        with pytest.raises(BundleError) as err:
            office.export([], audit=audit_segment(audit_rows(1)))
        assert err.value.code == "bad-input"
    _, files = read_bag(old.container_path)
    assert b'"audit"' not in files["bundle.json"] and AUDIT not in files
    assert b'"format_version":1' in old.envelope_path.read_bytes()
    assert b"FlexDesk-Format-Version: 1\n" in files["bag-info.txt"]
    v = verify_bundle(old.envelope_path, trusted_keys={"o": office.key.public_key()})
    assert v.header.format_version == 1 and v.header.audit is None and v.audit_rows == ()

    # an audit file inside a format 1 bag is an unknown payload file
    def add_file(files: dict[str, bytes]) -> None:
        files[AUDIT] = b""

    env = _resigned(office, old, add_file)
    with pytest.raises(BundleError) as err:
        verify_bundle(env, trusted_keys={"o": office.key.public_key()})
    assert err.value.code == "bad-name"


def test_hash_recipe_handles_non_ascii_and_null_actor() -> None:
    fields = {
        "seq": 1,
        "at": "2025-06-02T03:04:05.000000",
        "actor_id": None,
        "actor_name": "system",
        "entity": "employee",
        "entity_id": "e-1",
        "op": "insert",
        "before": "{}",
        "after": '{"nama":"Ñoño – Rp 1.000"}',
        "prev_hash": GENESIS_HASH,
    }
    row = AuditRecord(**fields, hash=entry_hash(**fields))  # type: ignore[arg-type]
    assert AuditRecord.from_json(json.loads(canonical_json_line(row.to_json()))) == row
    assert auditchain.chain_problem([row], auditchain.AuditRange.of([row], start=1,
                                    prev_hash=GENESIS_HASH)) is None  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("seq", 2**63),
        ("seq", 0),
        ("seq", "1"),
        ("at", "2025\x00"),
        ("actor_name", "x" * 201),
        ("op", "upsert"),
        ("prev_hash", "A" * 64),
        ("actor_id", 5),
    ],
)
def test_audit_record_refuses_values_a_receiver_cannot_store(field: str, value: object) -> None:
    obj = audit_rows(1)[0].to_json()
    obj[field] = value
    with pytest.raises(auditchain.AuditFormatError):
        AuditRecord.from_json(obj)
    with pytest.raises(auditchain.AuditFormatError):
        auditchain.AuditRange.from_json({"from": 2**63, "to": 2**63, "prev_hash": "0" * 64,
                                         "head_hash": "0" * 64})  # fmt: skip
