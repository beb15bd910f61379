"""Verifying the zip inside a bundle (:func:`verify_zip`): its signed tag manifest, tag files,
header, the manifest against the payload, one streaming pass over every byte, and the records,
audit rows and key rotation it carries. The envelope around it is checked by
:mod:`flexdesk.sync.verifier`; the writer runs this on the zip it has just written."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from flexdesk.sync._errors import bundle_error, mismatch
from flexdesk.sync.auditchain import AuditRecord
from flexdesk.sync.crypto import sshsig
from flexdesk.sync.crypto.keys import KeyRing, TrustedKey
from flexdesk.sync.format import bagit
from flexdesk.sync.format.canonical import loads_strict
from flexdesk.sync.format.layout import (
    AUDIT,
    BAG_INFO,
    BAGIT,
    CHANGES,
    HEADER,
    TAG_FILES,
    TAG_SIG,
    attachment_match,
    is_payload_path,
    report_match,
    split_stem,
)
from flexdesk.sync.format.model import AttachmentInfo, BundleHeader, ChangeRecord
from flexdesk.sync.format.ziphygiene import SafeZip, ZipLimits
from flexdesk.sync.ndjson import parse_audit, parse_changes
from flexdesk.sync.rotation import (
    NEW_SIG_PATH,
    OLD_SIG_PATH,
    ROTATION_PATH,
    KeyRotation,
    verify_rotation,
)
from flexdesk.sync.trust import MAX_SIG, check_key, check_sequence, find_signer


@dataclass(frozen=True)
class ZipCheck:
    """What :func:`verify_zip` found in a zip that passed every check."""

    header: BundleHeader
    changes: tuple[ChangeRecord, ...]
    attachments: tuple[AttachmentInfo, ...]
    reports: tuple[str, ...]
    zip_sha256: str
    tagmanifest_sha512: str
    payload_bytes: int
    signer: TrustedKey
    rotation: KeyRotation | None
    audit_rows: tuple[AuditRecord, ...] = ()


@dataclass(frozen=True)
class _Payload:
    """The payload as the manifest lists it, checked against the header and bag-info."""

    manifest: dict[str, str]
    sizes: dict[str, int]
    attachments: tuple[AttachmentInfo, ...]
    reports: tuple[str, ...]
    #: the small files kept in memory while streaming (records, rotation, audit)
    kept: tuple[str, ...]
    rotation: bool
    audit: bool


class _Extract:
    """Writes verified payload files under ``extract_dir`` (names from our own patterns)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.stack = contextlib.ExitStack()

    def sink(self, bag_path: str) -> Callable[[bytes], object] | None:
        if self.root is None:
            return None
        rel = bag_path[len("data/") :]
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fh: BinaryIO = self.stack.enter_context(open(target, "wb"))  # noqa: SIM115
        return fh.write


def verify_zip(
    zip_path: Path,
    *,
    keyring: KeyRing,
    expected_top: str | None,
    envelope_signer: TrustedKey | None,
    expected_office: str | None = None,
    last_seq: int | None = None,
    limits: ZipLimits | None = None,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    extract_dir: Path | None = None,
    check_hashes: bool = True,
) -> ZipCheck:
    """Everything inside the zip (see the module docstring of :mod:`flexdesk.sync.verifier`
    for the order of the checks)."""
    limits = limits or ZipLimits()
    with SafeZip(zip_path, limits=limits, top=expected_top) as zf:
        stem = split_stem(zf.top)
        if stem is None:
            raise bundle_error(
                "bad-name",
                f"Nama folder bundel tidak sah: {zf.top!r}.",
                f"Bad bundle folder name: {zf.top!r}.",
            )
        names = zf.names()
        tagmanifest, signer = _signed_tagmanifest(zf, names, keyring, envelope_signer)
        tag_data = _tag_files(zf, names, tagmanifest)
        bagit.check_bagit_txt(tag_data[BAGIT])
        header = _header(tag_data[HEADER], stem, signer, expected_office, last_seq)
        payload = _payload(zf, names, tag_data, header, limits)
        zip_sha256, kept = _stream(
            zf,
            payload,
            extract_dir=extract_dir,
            check_hashes=check_hashes,
            progress=progress,
            is_cancelled=is_cancelled,
        )
    changes = parse_changes(kept[CHANGES], header)
    audit_rows = parse_audit(kept[AUDIT], header) if payload.audit else ()
    rotation = _rotation(kept, header, signer) if payload.rotation else None
    return ZipCheck(
        header=header,
        changes=changes,
        attachments=payload.attachments,
        reports=payload.reports,
        zip_sha256=zip_sha256,
        tagmanifest_sha512=hashlib.sha512(tagmanifest).hexdigest(),
        payload_bytes=sum(payload.sizes.values()),
        signer=signer,
        rotation=rotation,
        audit_rows=audit_rows,
    )


def _signed_tagmanifest(
    zf: SafeZip, names: set[str], keyring: KeyRing, envelope_signer: TrustedKey | None
) -> tuple[bytes, TrustedKey]:
    """The tag manifest and the registered key whose signature over it verifies."""
    for required in (*TAG_FILES, bagit.TAGMANIFEST, TAG_SIG):
        if required not in names:
            raise bundle_error(
                "missing-file",
                f"Berkas wajib {required} tidak ada di bundel.",
                f"Required file {required} is missing from the bundle.",
            )
    tagmanifest = zf.read(bagit.TAGMANIFEST, max_size=64 * 1024)
    sig = zf.read(TAG_SIG, max_size=MAX_SIG)
    signer, sig_text = find_signer(keyring, sig)
    if envelope_signer is not None and signer.key_id != envelope_signer.key_id:
        raise bundle_error(
            "bad-signature",
            "Isi bundel ditandatangani kunci lain daripada amplopnya.",
            "The bag is signed by a different key than its envelope.",
        )
    sshsig.verify(tagmanifest, sig_text, namespace=sshsig.NS_BUNDLE, public_key=signer.public_key)
    return tagmanifest, signer


def _tag_files(zf: SafeZip, names: set[str], tagmanifest: bytes) -> dict[str, bytes]:
    """The tag files, each matching its hash in the (verified) tag manifest."""
    tags = bagit.parse_manifest(tagmanifest, what=bagit.TAGMANIFEST)
    for name in tags:
        if name not in TAG_FILES:
            raise bundle_error(
                "extra-file" if name in names else "missing-file",
                f"Manifes tag mencantumkan berkas tak dikenal: {name}.",
                f"The tag manifest lists an unknown file: {name}.",
            )
    tag_data: dict[str, bytes] = {}
    for name in TAG_FILES:
        if name not in tags:
            raise bundle_error(
                "missing-file",
                f"Manifes tag tidak mencantumkan {name}.",
                f"The tag manifest does not list {name}.",
            )
        tag_data[name] = zf.read(name)
        if hashlib.sha512(tag_data[name]).hexdigest() != tags[name]:
            raise bundle_error(
                "hash-mismatch",
                f"Hash {name} tidak cocok dengan manifes tag.",
                f"{name} does not match the tag manifest.",
            )
    return tag_data


def _header(
    data: bytes,
    stem: tuple[str, int],
    signer: TrustedKey,
    expected_office: str | None,
    last_seq: int | None,
) -> BundleHeader:
    """bundle.json, agreeing with the folder name, signed by a key valid for it."""
    header = BundleHeader.from_json(loads_strict(data, what=HEADER))
    if (header.office_id, header.bundle_seq) != stem:
        raise mismatch("nama folder dan bundle.json", "folder name vs bundle.json")
    check_key(
        signer,
        office_id=header.office_id,
        bundle_seq=header.bundle_seq,
        key_id=header.key_id,
        expected_office=expected_office,
    )
    check_sequence(header.bundle_seq, last_seq)
    return header


def _payload_manifest(manifest_bytes: bytes, names: set[str]) -> dict[str, str]:
    """The payload manifest, listing exactly the files in the zip besides the tag files."""
    manifest = bagit.parse_manifest(manifest_bytes, what=bagit.MANIFEST)
    for path in manifest:
        if not is_payload_path(path):
            raise bundle_error(
                "bad-name",
                f"Berkas muatan tidak dikenal: {path}.",
                f"Unknown payload file: {path}.",
            )
    expected_names = {*TAG_FILES, bagit.TAGMANIFEST, TAG_SIG, *manifest}
    for name in sorted(names - expected_names):
        raise bundle_error(
            "extra-file",
            f"Berkas tidak tercantum di manifes: {name}.",
            f"File not listed in any manifest: {name}.",
        )
    for name in sorted(expected_names - names):
        raise bundle_error(
            "missing-file",
            f"Manifes mencantumkan berkas yang tidak ada: {name}.",
            f"The manifest lists a missing file: {name}.",
        )
    if CHANGES not in manifest:
        raise bundle_error("missing-file", f"{CHANGES} tidak ada.", f"{CHANGES} is missing.")
    return manifest


def _payload(
    zf: SafeZip,
    names: set[str],
    tag_data: Mapping[str, bytes],
    header: BundleHeader,
    limits: ZipLimits,
) -> _Payload:
    """What the manifest lists, agreeing with the counts in bundle.json and bag-info."""
    manifest = _payload_manifest(tag_data[bagit.MANIFEST], names)
    _check_audit_presence(header, AUDIT in manifest)
    sizes = {p: zf.entry(p).file_size for p in manifest}
    _check_bag_info(bagit.parse_bag_info(tag_data[BAG_INFO]), header, sizes)
    attachments = tuple(
        AttachmentInfo(m[0], m[1], sizes[p])
        for p in sorted(manifest)
        if (m := attachment_match(p)) is not None
    )
    reports = tuple(r for p in sorted(manifest) if (r := report_match(p)) is not None)
    rotation_files = {p for p in manifest if p.startswith("data/keys/")}
    if (
        header.attachment_count != len(attachments)
        or header.attachment_bytes != sum(a.size for a in attachments)
        or header.report_count != len(reports)
        or header.key_rotation != bool(rotation_files)
        or (rotation_files and len(rotation_files) != 3)
    ):
        raise mismatch("jumlah lampiran/laporan", "attachment/report counts")
    audit_files = {AUDIT} & set(manifest)
    for small in (CHANGES, *rotation_files, *audit_files):
        if sizes[small] > limits.max_metadata_size:
            raise bundle_error("zip-bomb", f"{small} terlalu besar.", f"{small} is too large.")
    return _Payload(
        manifest=manifest,
        sizes=sizes,
        attachments=attachments,
        reports=reports,
        kept=(CHANGES, *rotation_files, *audit_files),
        rotation=bool(rotation_files),
        audit=bool(audit_files),
    )


def _stream(
    zf: SafeZip,
    payload: _Payload,
    *,
    extract_dir: Path | None,
    check_hashes: bool,
    progress: Callable[[int], None] | None,
    is_cancelled: Callable[[], bool] | None,
) -> tuple[str, dict[str, bytes]]:
    """One pass over the whole zip: its SHA-256, the manifest hashes of every payload file and
    the SHA-256 in each attachment's name (unless not ``check_hashes``: the CRC-32s only),
    extracting as it goes; returns the zip's SHA-256 and the content of the kept files."""
    file_hash = hashlib.sha256()
    extract = _Extract(extract_dir)
    kept: dict[str, list[bytes]] = {p: [] for p in payload.kept}
    h512: dict[str, Any] = {}
    h256: dict[str, Any] = {}
    with extract.stack:
        consumers: dict[str, list[Callable[[bytes], object]]] = {}
        for path in sorted(payload.manifest):
            sinks: list[Callable[[bytes], object]] = []
            if check_hashes:
                h512[path] = hashlib.sha512()
                sinks.append(h512[path].update)
                if attachment_match(path):
                    h256[path] = hashlib.sha256()
                    sinks.append(h256[path].update)
            if path in kept:
                sinks.append(kept[path].append)
            if (sink := extract.sink(path)) is not None:
                sinks.append(sink)
            consumers[path] = sinks
        zf.scan(consumers, file_hasher=file_hash, progress=progress, is_cancelled=is_cancelled)
    _check_hashes(payload.manifest, h512, h256)
    return file_hash.hexdigest(), {p: b"".join(chunks) for p, chunks in kept.items()}


def _check_hashes(
    manifest: Mapping[str, str], h512: Mapping[str, Any], h256: Mapping[str, Any]
) -> None:
    for path, h in h512.items():
        if h.hexdigest() != manifest[path]:
            raise bundle_error(
                "hash-mismatch",
                f"Isi berkas {path} tidak cocok dengan manifes.",
                f"{path} does not match the manifest.",
            )
    for path, h in h256.items():
        m = attachment_match(path)
        if m is None or h.hexdigest() != m[0]:
            raise bundle_error(
                "hash-mismatch",
                f"Lampiran {path} tidak cocok dengan SHA-256 pada namanya.",
                f"Attachment {path} does not match the SHA-256 in its name.",
            )


def _rotation(kept: Mapping[str, bytes], header: BundleHeader, signer: TrustedKey) -> KeyRotation:
    """The bundle's key rotation statement, signed by both keys, ending the bag's signer."""
    rotation = verify_rotation(kept[ROTATION_PATH], kept[OLD_SIG_PATH], kept[NEW_SIG_PATH])
    if (
        rotation.office_id != header.office_id
        or rotation.old_key_id != signer.key_id
        or rotation.effective_from_seq != header.bundle_seq + 1
    ):
        raise mismatch("pernyataan rotasi kunci", "key rotation statement")
    return rotation


def _check_bag_info(
    info: Mapping[str, str], header: BundleHeader, sizes: Mapping[str, int]
) -> None:
    expected = {
        "Bag-Group-Identifier": header.office_id,
        "External-Identifier": header.bundle_uuid,
        "Bundle-Sequence": str(header.bundle_seq),
        "Payload-Oxum": bagit.payload_oxum(sizes.values()),
        "FlexDesk-Format-Version": str(header.format_version),
        "FlexDesk-Change-Range": f"{header.changes.start}-{header.changes.end}",
        "FlexDesk-Record-Count": str(header.changes.count),
    }
    for label, value in expected.items():
        if info.get(label) != value:
            raise mismatch(f"bag-info {label}", f"bag-info {label}")
    if info.get("FlexDesk-Period") != header.period:
        raise mismatch("bag-info FlexDesk-Period", "bag-info FlexDesk-Period")


def _check_audit_presence(header: BundleHeader, present: bool) -> None:
    if header.audit is not None and not present:
        raise bundle_error(
            "missing-file",
            f"bundle.json menyebut baris audit, tetapi {AUDIT} tidak ada.",
            f"bundle.json declares audit rows but {AUDIT} is missing.",
        )
    if header.audit is None and present:
        raise bundle_error(
            "extra-file" if header.format_version >= 2 else "bad-name",
            f"{AUDIT} ada, tetapi bundle.json tidak menyebut baris audit.",
            f"{AUDIT} is present but bundle.json declares no audit rows.",
        )
