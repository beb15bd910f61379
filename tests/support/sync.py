"""Test helpers: sample bundles, a raw zip builder for hostile archives, re-signing.

Hostile bundles are built the way an insider with the office key would build them: the bad
thing (a ``../`` name, a symlink, an extra file...) is put in, and every hash and signature
around it is recomputed, so that the check under test is the *only* one that can catch it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from flexdesk.sync.auditchain import GENESIS_HASH, AuditRecord, AuditSegment, entry_hash
from flexdesk.sync.bundle import (
    AttachmentSource,
    BaseAck,
    ChangeRecord,
    Envelope,
    ReportFile,
    WrittenBundle,
    write_bundle,
)
from flexdesk.sync.crypto import keys, sshsig
from flexdesk.sync.format import bagit
from flexdesk.sync.format.canonical import canonical_json_line
from flexdesk.sync.format.ziphygiene import SafeZip

OFFICE = "O042"
UUIDS = [f"00000000-0000-4000-8000-{i:012d}" for i in range(1, 200)]


@dataclass
class OfficeFixture:
    """An office with a key, evidence files and a change counter, for building bundles."""

    root: Path
    office_id: str = OFFICE
    key: Ed25519PrivateKey = field(default_factory=keys.generate_key)
    next_change: int = 1
    next_seq: int = 1
    revs: dict[str, int] = field(default_factory=dict)
    sent_revs: dict[str, int] = field(default_factory=dict)

    @property
    def key_id(self) -> str:
        return keys.key_id(self.key.public_key())

    def evidence(self, name: str, content: bytes, ext: str = "jpg") -> AttachmentSource:
        path = self.root / "store" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return AttachmentSource(hashlib.sha256(content).hexdigest(), ext, path)

    def change(
        self,
        rid: str,
        data: dict[str, Any],
        *,
        entity: str = "employee",
        op: str = "upsert",
        attachments: tuple[str, ...] = (),
    ) -> ChangeRecord:
        rev = self.revs.get(rid, 0) + 1
        self.revs[rid] = rev
        rec = ChangeRecord(
            change_seq=self.next_change,
            entity=entity,
            id=rid,
            rev=rev,
            base_rev=self.sent_revs.get(rid),
            op=op,  # type: ignore[arg-type]
            data=data,
            attachments=attachments,
        )
        self.next_change += 1
        return rec

    def export(
        self,
        changes: list[ChangeRecord],
        *,
        out: Path | None = None,
        attachments: list[AttachmentSource] | None = None,
        reports: list[ReportFile] | None = None,
        base_ack: BaseAck | None = None,
        seq: int | None = None,
        **kw: Any,
    ) -> WrittenBundle:
        if seq is None:
            seq = self.next_seq
            self.next_seq += 1
        written = write_bundle(
            out or self.root / "out",
            office_id=self.office_id,
            bundle_seq=seq,
            bundle_uuid=kw.pop("bundle_uuid", None),
            changes=changes,
            attachments=attachments or [],
            reports=reports or [],
            signing_key=kw.pop("signing_key", self.key),
            key_id=kw.pop("key_id", self.key_id),
            base_ack=base_ack,
            app_version="0.1.0",
            period=kw.pop("period", "2025-06"),
            **kw,
        )
        for c in changes:
            self.sent_revs[c.id] = c.rev
        return written


def audit_rows(count: int, *, start: int = 1, prev_hash: str = GENESIS_HASH,
               tag: str = "", actor: str = "admin") -> tuple[AuditRecord, ...]:  # fmt: skip
    """``count`` chained audit rows from seq ``start`` on, as the office hook writes them."""
    rows: list[AuditRecord] = []
    prev = prev_hash
    for seq in range(start, start + count):
        fields: dict[str, Any] = {
            "seq": seq,
            "at": f"2025-06-02T03:04:{seq % 60:02d}.000000",
            "actor_id": None if seq % 3 == 0 else UUIDS[seq % 50],
            "actor_name": "system" if seq % 3 == 0 else actor,
            "entity": "employee",
            "entity_id": UUIDS[seq % 7],
            "op": ("insert", "update", "delete")[seq % 3],
            "before": "{}" if seq % 3 == 1 else '{"nama":"Siti Aminah"}',
            "after": "{}" if seq % 3 == 0 else '{"nama":"Siti Aminah ' + tag + str(seq) + '"}',
            "prev_hash": prev,
        }
        prev = entry_hash(**fields)
        rows.append(AuditRecord(**fields, hash=prev))
    return tuple(rows)


def audit_segment(rows: tuple[AuditRecord, ...], *, start: int = 1,
                  prev_hash: str = GENESIS_HASH) -> AuditSegment:  # fmt: skip
    return AuditSegment(start=rows[0].seq if rows else start,
                        prev_hash=rows[0].prev_hash if rows else prev_hash, rows=rows)  # fmt: skip


def sample_bundle(
    root: Path, office: OfficeFixture | None = None
) -> tuple[OfficeFixture, WrittenBundle]:
    """A small bundle with two records, one attachment, one report and three audit rows."""
    office = office or OfficeFixture(root)
    ev = office.evidence("foto.jpg", b"\xff\xd8\xff" + os.urandom(3000))
    pdf = root / "laporan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 500)
    changes = [
        office.change(UUIDS[0], {"nama": "Siti Aminah", "nip": "199001012020122001"}),
        office.change(
            UUIDS[1], {"output": "Laporan harian"}, entity="output_log", attachments=(ev.sha256,)
        ),
    ]
    written = office.export(
        changes,
        attachments=[ev],
        reports=[ReportFile("skp-2025-06", pdf)],
        audit=audit_segment(audit_rows(3)),
    )
    return office, written


# --- raw zip building -----------------------------------------------------------------


@dataclass
class RawEntry:
    name: bytes
    data: bytes
    deflate: bool = False
    external_attr: int = 0o100644 << 16
    flag_bits: int = 0
    create_system: int = 3
    declared_size: int | None = None  # lie about the uncompressed size
    declared_csize: int | None = None  # lie about the stored size (overlapping entries)
    method: int | None = None


def build_zip(entries: list[RawEntry]) -> bytes:
    """A zip written byte by byte, so tests can put in what zipfile would refuse to write."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        body = e.data
        method = 0
        if e.deflate:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            body = c.compress(e.data) + c.flush()
            method = 8
        if e.method is not None:
            method = e.method
        crc = zlib.crc32(e.data)
        size = len(e.data) if e.declared_size is None else e.declared_size
        csize = len(body) if e.declared_csize is None else e.declared_csize
        offset = len(out)
        dos_date = (0 << 9) | (1 << 5) | 1
        out += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            e.flag_bits,
            method,
            0,
            dos_date,
            crc,
            csize,
            size,
            len(e.name),
            0,
        )
        out += e.name + body
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            (e.create_system << 8) | 20,
            20,
            e.flag_bits,
            method,
            0,
            dos_date,
            crc,
            csize,
            size,
            len(e.name),
            0,
            0,
            0,
            0,
            e.external_attr,
            offset,
        )
        central += e.name
    cd_offset = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_offset, 0
    )
    return bytes(out)


def read_bag(zip_path: Path) -> tuple[str, dict[str, bytes]]:
    """(top folder, {relative name: content}) of a bundle zip."""
    with SafeZip(zip_path) as zf:
        return zf.top, {n: zf.read(n) for n in sorted(zf.names())}


def resign_bag(
    files: dict[str, bytes], key: Ed25519PrivateKey, *, manifest: bool = True
) -> dict[str, bytes]:
    """Recompute manifest (optionally), tag manifest and its signature."""
    files = dict(files)
    if manifest:
        payload = {
            n: hashlib.sha512(d).hexdigest() for n, d in files.items() if n.startswith("data/")
        }
        files[bagit.MANIFEST] = bagit.manifest_bytes(payload)
    tags = {
        n: hashlib.sha512(files[n]).hexdigest()
        for n in ("bagit.txt", "bag-info.txt", "bundle.json", bagit.MANIFEST)
    }
    files[bagit.TAGMANIFEST] = bagit.manifest_bytes(tags)
    files["tagmanifest-sha512.txt.sig"] = sshsig.sign(
        files[bagit.TAGMANIFEST], key, sshsig.NS_BUNDLE
    ).encode()
    return files


def entries_for(top: str, files: dict[str, bytes]) -> list[RawEntry]:
    return [RawEntry(f"{top}/{n}".encode(), d) for n, d in sorted(files.items())]


def replace_zip(
    written: WrittenBundle,
    key: Ed25519PrivateKey,
    zip_bytes: bytes,
    *,
    envelope_changes: Callable[[Envelope], Envelope] | None = None,
) -> Path:
    """Put ``zip_bytes`` in place of the bundle's zip and re-sign a matching envelope."""
    written.container_path.write_bytes(zip_bytes)
    sha = hashlib.sha256(zip_bytes).hexdigest()
    env = replace(
        written.envelope, size=len(zip_bytes), sha256=sha, zip_sha256=sha, zip_size=len(zip_bytes)
    )
    try:
        with SafeZip(written.container_path) as zf:
            if "tagmanifest-sha512.txt" in zf.names():
                tm = zf.read("tagmanifest-sha512.txt")
                env = replace(env, tagmanifest_sha512=hashlib.sha512(tm).hexdigest())
    except Exception:  # hostile zips may not open; the envelope still names them
        pass
    if envelope_changes is not None:
        env = envelope_changes(env)
    write_envelope(written.envelope_path, env, key)
    return written.envelope_path


def write_envelope(path: Path, env: Envelope, key: Ed25519PrivateKey) -> None:
    data = canonical_json_line(env.to_json())
    path.write_bytes(data)
    Path(str(path) + ".sig").write_text(sshsig.sign(data, key, sshsig.NS_ENVELOPE))


def copy_bundle(written: WrittenBundle, dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(p, dest / p.name)) for p in written.paths]
