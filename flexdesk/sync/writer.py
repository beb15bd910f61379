"""Writing a bundle: deterministic BagIt zip, signed tag manifest, signed envelope.

See :func:`write_bundle`; the format is described in docs/bundle-format.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from flexdesk.errors import Cancelled
from flexdesk.sync._errors import bundle_error
from flexdesk.sync._fs import BackgroundFlusher, drop_cache, fsync_dir, temp_path_for
from flexdesk.sync._pipeline import CHUNK, SideThread
from flexdesk.sync.auditchain import AuditSegment, chain_problem
from flexdesk.sync.crypto import sshsig
from flexdesk.sync.crypto.keys import KeyRing, TrustedKey
from flexdesk.sync.crypto.keys import key_id as compute_key_id
from flexdesk.sync.format import bagit
from flexdesk.sync.format import model as _model
from flexdesk.sync.format.canonical import canonical_json_line
from flexdesk.sync.format.layout import (
    AGE_SUFFIX,
    AUDIT,
    BAG_INFO,
    BAGIT,
    CHANGES,
    ENVELOPE_SUFFIX,
    HEADER,
    SIG_SUFFIX,
    TAG_SIG,
    ZIP_SUFFIX,
)
from flexdesk.sync.format.model import (
    EXT_RE,
    OFFICE_ID_RE,
    REPORT_NAME_RE,
    SHA256_RE,
    TOKEN_RE,
    AttachmentSource,
    BaseAck,
    BundleHeader,
    ChangeRange,
    ChangeRecord,
    Envelope,
    ReportFile,
    WrittenBundle,
    bad_input,
    bundle_stem,
)
from flexdesk.sync.rotation import KeyRotation

Progress = Callable[[int, int, str], None]

#: record schema identifier written into bundle.json when the caller gives none
DEFAULT_SCHEMA = "flexdesk-records-1"
#: fixed zip timestamp (the earliest DOS date): office clocks cannot be trusted anyway
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_UUID_NS = uuid.UUID("6f6c8a4e-3d0f-5b7e-9a51-0c1b6ad3f2a1")


@dataclass(frozen=True)
class _Item:
    bag_path: str
    data: bytes | None = None
    path: Path | None = None
    size: int = 0
    sha256: str | None = None  # expected content hash (attachments)


def _zinfo(name: str, size: int, deflate: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.create_system = 3
    info.external_attr = (0o100644 & 0xFFFF) << 16
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    info.file_size = size
    return info


def _collect(
    changes: Sequence[ChangeRecord],
    attachments: Sequence[AttachmentSource],
    reports: Sequence[ReportFile],
    rotation: KeyRotation | None,
    audit: AuditSegment | None = None,
) -> tuple[list[_Item], bytes]:
    last = 0
    for change in changes:
        change.validate()
        if change.change_seq <= last:
            raise bad_input(
                "change_seq harus naik tanpa duplikat", "change_seq must strictly increase"
            )
        last = change.change_seq
    records = b"".join(canonical_json_line(c.to_json()) for c in changes)
    items = [_Item(CHANGES, data=records, size=len(records))]
    by_sha: dict[str, AttachmentSource] = {}
    for att in attachments:
        if not SHA256_RE.match(att.sha256) or not EXT_RE.match(att.ext):
            raise bad_input(f"lampiran {att.sha256!r}.{att.ext!r}", "attachment name")
        seen = by_sha.get(att.sha256)
        if seen is not None:
            if seen.ext != att.ext:
                raise bad_input("lampiran ganda beda ekstensi", "same attachment, two extensions")
            continue
        by_sha[att.sha256] = att
        items.append(_Item(att.bag_path, path=att.path, size=_size(att.path), sha256=att.sha256))
    names: set[str] = set()
    for rep in reports:
        stem = rep.bag_path[len("data/reports/") : -len(".pdf")]
        if not REPORT_NAME_RE.match(stem) or rep.bag_path in names:
            raise bad_input(f"nama laporan {rep.name!r}", f"report name {rep.name!r}")
        names.add(rep.bag_path)
        items.append(_Item(rep.bag_path, path=rep.path, size=_size(rep.path)))
    if rotation is not None:
        items.extend(_Item(p, data=d, size=len(d)) for p, d in rotation.files().items())
    if audit is not None:
        if audit.start < 1 or not SHA256_RE.match(audit.prev_hash):
            raise bad_input("awal jejak audit", "audit segment start/prev_hash")
        problem = chain_problem(audit.rows, audit.range)
        if problem is not None:
            raise bundle_error(
                "audit-chain",
                f"Jejak audit kantor rusak ({problem}); jalankan 'flexdesk audit verify' dan "
                "hubungi kantor pusat. Bundel tidak dibuat.",
                f"The office audit trail is damaged ({problem}); run 'flexdesk audit verify' "
                "and contact central. No bundle was written.",
            )
        rows = b"".join(canonical_json_line(r.to_json()) for r in audit.rows)
        items.append(_Item(AUDIT, data=rows, size=len(rows)))
    return items, records


def _size(path: Path) -> int:
    try:
        st = path.stat()
    except OSError as exc:
        raise bad_input(f"berkas tidak ada: {path}", f"file missing: {path}") from exc
    return st.st_size


class _Writer:
    """One export: temp files, progress and cancellation."""

    def __init__(self, progress: Progress | None, is_cancelled: Callable[[], bool] | None):
        self.progress = progress
        self.is_cancelled = is_cancelled
        self.done = 0
        self.total = 1
        self.temps: list[Path] = []
        self.flusher: BackgroundFlusher | None = None
        #: re-hash evidence files with SHA-256 while copying (verify="full")
        self.check_store = False

    def step(self, n: int, stage: str) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, stage)

    def check_cancel(self) -> None:
        if self.is_cancelled is not None and self.is_cancelled():
            raise Cancelled()

    def temp(self, final: Path) -> Path:
        path = temp_path_for(final)
        self.temps.append(path)
        return path

    def cleanup(self) -> None:
        for path in self.temps:
            with contextlib.suppress(OSError):
                path.unlink()

    def write_zip(
        self,
        target: Path,
        top: str,
        items: list[_Item],
        key: Ed25519PrivateKey,
        tag_files: dict[str, bytes],
    ) -> bytes:
        """Write the zip; return the tag manifest bytes (the signed part)."""
        payload_hashes: dict[str, str] = {}
        with open(target, "xb") as fh:
            self.flusher = BackgroundFlusher(fh.fileno())
            try:
                with zipfile.ZipFile(fh, "w", allowZip64=True) as zf, SideThread() as side:
                    for name, data in sorted(tag_files.items()):
                        if name < "data/":
                            self._put_bytes(zf, f"{top}/{name}", data)
                    for item in sorted(items, key=lambda i: i.bag_path):
                        payload_hashes[item.bag_path] = self._put_item(zf, side, f"{top}/", item)
                    manifest = bagit.manifest_bytes(payload_hashes)
                    tag_files[bagit.MANIFEST] = manifest
                    tags = {n: hashlib.sha512(tag_files[n]).hexdigest() for n in sorted(tag_files)}
                    tagmanifest = bagit.manifest_bytes(tags)
                    signature = sshsig.sign(tagmanifest, key, sshsig.NS_BUNDLE).encode("ascii")
                    self._put_bytes(zf, f"{top}/{bagit.MANIFEST}", manifest)
                    self._put_bytes(zf, f"{top}/{bagit.TAGMANIFEST}", tagmanifest)
                    self._put_bytes(zf, f"{top}/{TAG_SIG}", signature)
                fh.flush()
            finally:
                self.flusher.close()
                self.flusher = None
            os.fsync(fh.fileno())
        return tagmanifest

    @staticmethod
    def _put_bytes(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
        with zf.open(_zinfo(name, len(data), deflate=True), "w") as out:
            out.write(data)

    def _put_item(self, zf: zipfile.ZipFile, side: SideThread, prefix: str, item: _Item) -> str:
        if item.data is not None:
            self._put_bytes(zf, prefix + item.bag_path, item.data)
            return hashlib.sha512(item.data).hexdigest()
        assert item.path is not None
        h512 = hashlib.sha512()
        h256 = hashlib.sha256() if item.sha256 and self.check_store else None
        copied = 0
        # evidence files and PDFs are already compressed: STORED, hashed once while copied
        with (
            open(item.path, "rb") as src,
            zf.open(_zinfo(prefix + item.bag_path, item.size, deflate=False), "w") as out,
        ):
            while chunk := src.read(CHUNK):
                side.submit(h512.update, chunk)
                if h256 is not None:
                    h256.update(chunk)
                out.write(chunk)
                if self.flusher is not None:
                    self.flusher.wrote(len(chunk))
                copied += len(chunk)
                self.step(len(chunk), "write")
                self.check_cancel()
            side.wait()
        if copied != item.size:
            raise bad_input(
                f"berkas berubah selama ekspor: {item.path}",
                f"file changed during export: {item.path}",
            )
        if h256 is not None and h256.hexdigest() != item.sha256:
            raise bundle_error(
                "hash-mismatch",
                f"Isi berkas bukti tidak cocok dengan SHA-256-nya ({item.path.name}); "
                "penyimpanan lampiran mungkin rusak.",
                f"Evidence file content does not match its SHA-256 ({item.path.name}); "
                "the attachment store may be damaged.",
            )
        return h512.hexdigest()


def write_bundle(
    out_dir: Path,
    *,
    office_id: str,
    bundle_seq: int,
    bundle_uuid: str | None,
    changes: Sequence[ChangeRecord],
    attachments: Sequence[AttachmentSource],
    reports: Sequence[ReportFile],
    signing_key: Ed25519PrivateKey,
    key_id: str,
    base_ack: BaseAck | None,
    app_version: str,
    period: str | None,
    encrypt_to: str | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    changes_from: int | None = None,
    changes_to: int | None = None,
    schema: str = DEFAULT_SCHEMA,
    office_name: str | None = None,
    rotation: KeyRotation | None = None,
    verify: Literal["crc", "full"] = "crc",
    audit: AuditSegment | None = None,
) -> WrittenBundle:
    """Write ``<stem>.zip`` (or ``.zip.age``), ``<stem>.envelope.json`` and its ``.sig``.

    See the module docstring of :mod:`flexdesk.sync.bundle` for the parameters.
    """
    if not OFFICE_ID_RE.match(office_id) or type(bundle_seq) is not int or bundle_seq < 1:
        raise bad_input("kode kantor / nomor bundel", "office id / bundle sequence")
    if key_id != compute_key_id(signing_key.public_key()):
        raise bad_input(
            "key_id bukan sidik jari kunci penanda tangan",
            "key_id is not the signing key's fingerprint",
        )
    if period is not None and not TOKEN_RE.match(period):
        raise bad_input(f"periode {period!r}", f"period {period!r}")
    if not app_version or len(app_version) > 64 or not app_version.isprintable():
        raise bad_input("versi aplikasi", "app version")
    if not TOKEN_RE.match(schema):
        raise bad_input("skema", "schema")
    if rotation is not None and (
        rotation.office_id != office_id
        or rotation.old_key_id != key_id
        or rotation.effective_from_seq != bundle_seq + 1
    ):
        raise bad_input("pernyataan rotasi kunci tidak cocok", "key rotation does not match")
    start = (
        changes_from
        if changes_from is not None
        else (base_ack.applied_through + 1 if base_ack is not None else 1)
    )
    end = (
        changes_to
        if changes_to is not None
        else max((c.change_seq for c in changes), default=start - 1)
    )
    if start < 1 or end < start - 1 or any(not start <= c.change_seq <= end for c in changes):
        raise bad_input("rentang perubahan", "change range")
    if audit is not None and _model.FORMAT_VERSION < _model.AUDIT_FORMAT_VERSION:
        raise bad_input("audit dalam format 1", "audit rows need format 2")
    items, records = _collect(changes, attachments, reports, rotation, audit)
    stem = bundle_stem(office_id, bundle_seq)
    if bundle_uuid is None:
        digest = hashlib.sha256(records)
        for item in sorted(items, key=lambda i: i.bag_path):
            digest.update(f"{item.bag_path}:{item.size}\n".encode())
            if item.bag_path == AUDIT and item.data is not None:
                digest.update(item.data)
        bundle_uuid = str(uuid.uuid5(_UUID_NS, f"{stem}/{digest.hexdigest()}"))
    atts = [i for i in items if i.sha256 is not None]
    header = BundleHeader(
        office_id=office_id,
        bundle_seq=bundle_seq,
        bundle_uuid=bundle_uuid,
        key_id=key_id,
        changes=ChangeRange(start, end, len(changes)),
        base_ack=base_ack,
        app_version=app_version,
        schema=schema,
        period=period,
        counts=dict(Counter(c.entity for c in changes)),
        attachment_count=len(atts),
        attachment_bytes=sum(i.size for i in atts),
        report_count=sum(1 for i in items if i.bag_path.startswith("data/reports/")),
        key_rotation=rotation is not None,
        format_version=_model.FORMAT_VERSION,
        audit=None if audit is None else audit.range,
    )
    info = [
        ("Source-Organization", office_name or office_id),
        ("Bag-Group-Identifier", office_id),
        ("External-Identifier", bundle_uuid),
        ("Bundle-Sequence", str(bundle_seq)),
        ("Payload-Oxum", bagit.payload_oxum(i.size for i in items)),
        ("Bag-Software-Agent", f"FlexDesk {app_version}"),
        ("FlexDesk-Format-Version", str(header.format_version)),
        ("FlexDesk-Change-Range", f"{start}-{end}"),
        ("FlexDesk-Record-Count", str(len(changes))),
    ]
    if period is not None:
        info.append(("FlexDesk-Period", period))
    tag_files = {
        BAGIT: bagit.BAGIT_TXT,
        BAG_INFO: bagit.bag_info_bytes(info),
        HEADER: canonical_json_line(header.to_json()),
    }

    out_dir.mkdir(parents=True, exist_ok=True)
    payload = sum(i.size for i in items)
    w = _Writer(progress, is_cancelled)
    w.check_store = verify == "full"
    w.total = payload * (3 if encrypt_to else 2) + 1
    zip_final = out_dir / (stem + ZIP_SUFFIX)
    container_final = out_dir / (stem + (AGE_SUFFIX if encrypt_to else ZIP_SUFFIX))
    env_final = out_dir / (stem + ENVELOPE_SUFFIX)
    sig_final = out_dir / (stem + SIG_SUFFIX)
    try:
        zip_tmp = w.temp(zip_final)
        tagmanifest = w.write_zip(zip_tmp, stem, items, signing_key, tag_files)
        drop_cache(zip_tmp)
        from flexdesk.sync.verifier import verify_zip

        ring = KeyRing([TrustedKey(key_id, office_id, signing_key.public_key())])
        checked = verify_zip(
            zip_tmp,
            keyring=ring,
            expected_top=stem,
            envelope_signer=None,
            progress=lambda n: w.step(n, "verify"),
            is_cancelled=is_cancelled,
            check_hashes=verify == "full",
        )
        zip_size = zip_tmp.stat().st_size
        container_tmp, sha, size = zip_tmp, checked.zip_sha256, zip_size
        if encrypt_to:
            from flexdesk.sync.crypto import age

            container_tmp = w.temp(container_final)
            sha, size = age.encrypt_file(
                zip_tmp,
                container_tmp,
                encrypt_to,
                progress=lambda n: w.step(n, "encrypt"),
                is_cancelled=is_cancelled,
            )
            drop_cache(container_tmp)
            from flexdesk.sync.format.ziphygiene import sha256_file

            if sha256_file(container_tmp) != sha:
                raise bundle_error(
                    "hash-mismatch",
                    "Berkas terenkripsi berubah setelah ditulis (media rusak?).",
                    "The encrypted file changed after writing (faulty medium?).",
                )
        envelope = Envelope(
            office_id=office_id,
            bundle_seq=bundle_seq,
            bundle_uuid=bundle_uuid,
            key_id=key_id,
            file=container_final.name,
            size=size,
            sha256=sha,
            encryption="age" if encrypt_to else None,
            zip_sha256=checked.zip_sha256,
            zip_size=zip_size,
            tagmanifest_sha512=hashlib.sha512(tagmanifest).hexdigest(),
            base_ack=base_ack,
            changes=header.changes,
            format_version=_model.FORMAT_VERSION,
        )
        env_bytes = canonical_json_line(envelope.to_json())
        sig_text = sshsig.sign(env_bytes, signing_key, sshsig.NS_ENVELOPE)
        env_tmp, sig_tmp = w.temp(env_final), w.temp(sig_final)
        for path, data in ((env_tmp, env_bytes), (sig_tmp, sig_text.encode("ascii"))):
            with open(path, "xb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            drop_cache(path)
        from flexdesk.sync.verifier import check_envelope_files

        check_envelope_files(env_tmp, sig_tmp, ring, expected=envelope)
        w.check_cancel()
        if encrypt_to:
            zip_tmp.unlink()
        # envelope last: a reader that sees it finds the zip and the signature in place
        os.replace(container_tmp, container_final)
        os.replace(sig_tmp, sig_final)
        os.replace(env_tmp, env_final)
        fsync_dir(out_dir)
    except BaseException:
        w.cleanup()
        raise
    w.step(1, "done")
    return WrittenBundle(
        envelope_path=env_final,
        signature_path=sig_final,
        container_path=container_final,
        envelope=envelope,
        header=header,
        envelope_sha256=hashlib.sha256(env_bytes).hexdigest(),
        payload_bytes=payload,
    )
