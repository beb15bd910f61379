"""Writing a bundle: deterministic BagIt zip, signed tag manifest, signed envelope.

See :func:`write_bundle`; the format is described in docs/bundle-format.md. The payload is
gathered and validated in :mod:`flexdesk.sync.payload`, the zip written by
:mod:`flexdesk.sync.zipwriter`; this module checks the arguments, builds ``bundle.json``,
``bag-info.txt`` and the envelope, and puts the files in place once they read back right.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from flexdesk.sync._fs import fsync_dir
from flexdesk.sync.auditchain import AuditSegment
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
    ENVELOPE_SUFFIX,
    HEADER,
    SIG_SUFFIX,
    ZIP_SUFFIX,
)
from flexdesk.sync.format.model import (
    OFFICE_ID_RE,
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
from flexdesk.sync.payload import PayloadItem, collect_payload
from flexdesk.sync.rotation import KeyRotation
from flexdesk.sync.trust import check_envelope_files
from flexdesk.sync.zipcheck import ZipCheck
from flexdesk.sync.zipwriter import ZIP_DATE, ExportWriter, Progress

#: record schema identifier written into bundle.json when the caller gives none
DEFAULT_SCHEMA = "flexdesk-records-1"
_UUID_NS = uuid.UUID("6f6c8a4e-3d0f-5b7e-9a51-0c1b6ad3f2a1")


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
    _check_identity(office_id, bundle_seq, signing_key, key_id)
    _check_labels(period, app_version, schema)
    _check_rotation(rotation, office_id, bundle_seq, key_id)
    change_range = _change_range(changes, base_ack, changes_from, changes_to)
    if audit is not None and _model.FORMAT_VERSION < _model.AUDIT_FORMAT_VERSION:
        raise bad_input("audit dalam format 1", "audit rows need format 2")
    items, records = collect_payload(changes, attachments, reports, rotation, audit)
    header = _header(
        bundle_stem(office_id, bundle_seq),
        items,
        records,
        changes=changes,
        office_id=office_id,
        bundle_seq=bundle_seq,
        bundle_uuid=bundle_uuid,
        key_id=key_id,
        change_range=change_range,
        base_ack=base_ack,
        app_version=app_version,
        schema=schema,
        period=period,
        rotation=rotation,
        audit=audit,
    )
    tag_files = _tag_files(header, items, office_name)
    out_dir.mkdir(parents=True, exist_ok=True)
    w = ExportWriter(progress, is_cancelled, check_store=verify == "full")
    w.total = sum(i.size for i in items) * (3 if encrypt_to else 2) + 1
    return _write_files(
        w, out_dir, header, items, tag_files, signing_key=signing_key, encrypt_to=encrypt_to
    )


def _check_identity(
    office_id: str, bundle_seq: int, signing_key: Ed25519PrivateKey, key_id: str
) -> None:
    """A well-formed office id and sequence; ``key_id`` is the signing key's."""
    if not OFFICE_ID_RE.match(office_id) or type(bundle_seq) is not int or bundle_seq < 1:
        raise bad_input("kode kantor / nomor bundel", "office id / bundle sequence")
    if key_id != compute_key_id(signing_key.public_key()):
        raise bad_input(
            "key_id bukan sidik jari kunci penanda tangan",
            "key_id is not the signing key's fingerprint",
        )


def _check_labels(period: str | None, app_version: str, schema: str) -> None:
    """Period, app version and schema are short printable tokens."""
    if period is not None and not TOKEN_RE.match(period):
        raise bad_input(f"periode {period!r}", f"period {period!r}")
    if not app_version or len(app_version) > 64 or not app_version.isprintable():
        raise bad_input("versi aplikasi", "app version")
    if not TOKEN_RE.match(schema):
        raise bad_input("skema", "schema")


def _check_rotation(
    rotation: KeyRotation | None, office_id: str, bundle_seq: int, key_id: str
) -> None:
    """A rotation statement must hand this office's signing key over from the next bundle."""
    if rotation is not None and (
        rotation.office_id != office_id
        or rotation.old_key_id != key_id
        or rotation.effective_from_seq != bundle_seq + 1
    ):
        raise bad_input("pernyataan rotasi kunci tidak cocok", "key rotation does not match")


def _change_range(
    changes: Sequence[ChangeRecord],
    base_ack: BaseAck | None,
    changes_from: int | None,
    changes_to: int | None,
) -> ChangeRange:
    """The declared range (by default: after the acknowledged point up to the newest change),
    which must hold every change given."""
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
    return ChangeRange(start, end, len(changes))


def _derived_uuid(stem: str, records: bytes, items: Sequence[PayloadItem]) -> str:
    """A bundle UUID from the office, sequence and content: the same export, the same bytes."""
    digest = hashlib.sha256(records)
    for item in sorted(items, key=lambda i: i.bag_path):
        digest.update(f"{item.bag_path}:{item.size}\n".encode())
        if item.bag_path == AUDIT and item.data is not None:
            digest.update(item.data)
    return str(uuid.uuid5(_UUID_NS, f"{stem}/{digest.hexdigest()}"))


def _header(
    stem: str,
    items: Sequence[PayloadItem],
    records: bytes,
    *,
    changes: Sequence[ChangeRecord],
    office_id: str,
    bundle_seq: int,
    bundle_uuid: str | None,
    key_id: str,
    change_range: ChangeRange,
    base_ack: BaseAck | None,
    app_version: str,
    schema: str,
    period: str | None,
    rotation: KeyRotation | None,
    audit: AuditSegment | None,
) -> BundleHeader:
    """bundle.json: the arguments, with the counts of the payload gathered."""
    atts = [i for i in items if i.sha256 is not None]
    return BundleHeader(
        office_id=office_id,
        bundle_seq=bundle_seq,
        bundle_uuid=_derived_uuid(stem, records, items) if bundle_uuid is None else bundle_uuid,
        key_id=key_id,
        changes=change_range,
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


def _tag_files(
    header: BundleHeader, items: Sequence[PayloadItem], office_name: str | None
) -> dict[str, bytes]:
    """bagit.txt, bag-info.txt and bundle.json (the manifests are added while writing)."""
    info = [
        ("Source-Organization", office_name or header.office_id),
        ("Bag-Group-Identifier", header.office_id),
        ("External-Identifier", header.bundle_uuid),
        ("Bundle-Sequence", str(header.bundle_seq)),
        ("Payload-Oxum", bagit.payload_oxum(i.size for i in items)),
        ("Bag-Software-Agent", f"FlexDesk {header.app_version}"),
        ("FlexDesk-Format-Version", str(header.format_version)),
        ("FlexDesk-Change-Range", f"{header.changes.start}-{header.changes.end}"),
        ("FlexDesk-Record-Count", str(header.changes.count)),
    ]
    if header.period is not None:
        info.append(("FlexDesk-Period", header.period))
    return {
        BAGIT: bagit.BAGIT_TXT,
        BAG_INFO: bagit.bag_info_bytes(info),
        HEADER: canonical_json_line(header.to_json()),
    }


def _write_files(
    w: ExportWriter,
    out_dir: Path,
    header: BundleHeader,
    items: list[PayloadItem],
    tag_files: dict[str, bytes],
    *,
    signing_key: Ed25519PrivateKey,
    encrypt_to: str | None,
) -> WrittenBundle:
    """Write zip (and age container), envelope and signature as temp files, read each back,
    then rename them into place, envelope last; on any error nothing is left behind."""
    stem = bundle_stem(header.office_id, header.bundle_seq)
    container_final = out_dir / (stem + (AGE_SUFFIX if encrypt_to else ZIP_SUFFIX))
    env_final = out_dir / (stem + ENVELOPE_SUFFIX)
    sig_final = out_dir / (stem + SIG_SUFFIX)
    ring = KeyRing([TrustedKey(header.key_id, header.office_id, signing_key.public_key())])
    try:
        zip_tmp = w.temp(out_dir / (stem + ZIP_SUFFIX))
        tagmanifest = w.write_zip(zip_tmp, stem, items, signing_key, tag_files)
        checked = w.read_back_zip(zip_tmp, stem, ring)
        zip_size = zip_tmp.stat().st_size
        container_tmp, sha, size = zip_tmp, checked.zip_sha256, zip_size
        if encrypt_to:
            container_tmp = w.temp(container_final)
            sha, size = w.encrypt(zip_tmp, container_tmp, encrypt_to)
        envelope = _envelope(
            header,
            container_final.name,
            checked,
            size=size,
            sha256=sha,
            encrypted=bool(encrypt_to),
            zip_size=zip_size,
            tagmanifest=tagmanifest,
        )
        env_tmp, sig_tmp = w.temp(env_final), w.temp(sig_final)
        env_bytes = _write_envelope(
            w, envelope, signing_key, ring, env_tmp=env_tmp, sig_tmp=sig_tmp
        )
        w.check_cancel()
        if encrypt_to:
            zip_tmp.unlink()
        _publish((container_tmp, container_final), (sig_tmp, sig_final), (env_tmp, env_final))
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
        payload_bytes=sum(i.size for i in items),
    )


def _publish(*renames: tuple[Path, Path]) -> None:
    """Rename each temp file to its final name, in order (the envelope last: a reader that
    sees it finds the zip and the signature in place), and make the renames durable."""
    for tmp, final in renames:
        os.replace(tmp, final)
    for folder in dict.fromkeys(final.parent for _, final in renames):
        fsync_dir(folder)


def _write_envelope(
    w: ExportWriter,
    envelope: Envelope,
    signing_key: Ed25519PrivateKey,
    ring: KeyRing,
    *,
    env_tmp: Path,
    sig_tmp: Path,
) -> bytes:
    """Write envelope.json and its signature to their temp files and check them as a
    receiver would; returns the envelope bytes."""
    env_bytes = canonical_json_line(envelope.to_json())
    sig_text = sshsig.sign(env_bytes, signing_key, sshsig.NS_ENVELOPE)
    for path, data in ((env_tmp, env_bytes), (sig_tmp, sig_text.encode("ascii"))):
        w.write_durably(path, data)
    check_envelope_files(env_tmp, sig_tmp, ring, expected=envelope)
    return env_bytes


def _envelope(
    header: BundleHeader,
    file: str,
    checked: ZipCheck,
    *,
    size: int,
    sha256: str,
    encrypted: bool,
    zip_size: int,
    tagmanifest: bytes,
) -> Envelope:
    """The envelope: the container's size and hash, the zip's, and the header's identity."""
    return Envelope(
        office_id=header.office_id,
        bundle_seq=header.bundle_seq,
        bundle_uuid=header.bundle_uuid,
        key_id=header.key_id,
        file=file,
        size=size,
        sha256=sha256,
        encryption="age" if encrypted else None,
        zip_sha256=checked.zip_sha256,
        zip_size=zip_size,
        tagmanifest_sha512=hashlib.sha512(tagmanifest).hexdigest(),
        base_ack=header.base_ack,
        changes=header.changes,
        format_version=_model.FORMAT_VERSION,
    )


__all__ = ["DEFAULT_SCHEMA", "ZIP_DATE", "write_bundle"]
