"""Verifying a bundle: the reusable, dependency-light checker (see :func:`verify_bundle`).

Order of checks (docs/bundle-format.md, "Sequence and acknowledgement protocol" step 3):
envelope signature and key (registered for the office, valid for the sequence, not revoked)
-> sequence continuity -> container size -> decrypt -> zip hygiene -> bag signature (same key)
-> tag manifest -> bagit.txt / bundle.json / bag-info -> manifest lists exactly the payload ->
one streaming pass: SHA-256 of the zip (envelope), SHA-512 of every payload file (manifest),
SHA-256 of every attachment (its name) -> header agrees with the envelope -> records parse and
lie in the declared change range.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from flexdesk.sync._errors import bundle_error
from flexdesk.sync._fs import read_capped
from flexdesk.sync.auditchain import AuditFormatError, AuditRecord, chain_problem
from flexdesk.sync.crypto import sshsig
from flexdesk.sync.crypto.keys import ANY_OFFICE, KeyRing, TrustedKey, as_keyring
from flexdesk.sync.crypto.keys import key_id as compute_key_id
from flexdesk.sync.format import bagit
from flexdesk.sync.format.canonical import canonical_json_line, loads_strict
from flexdesk.sync.format.layout import (
    AGE_SUFFIX,
    AUDIT,
    BAG_INFO,
    BAGIT,
    CHANGES,
    ENVELOPE_SUFFIX,
    HEADER,
    SIG_SUFFIX,
    TAG_FILES,
    TAG_SIG,
    ZIP_SUFFIX,
    attachment_match,
    is_payload_path,
    report_match,
    split_stem,
)
from flexdesk.sync.format.model import (
    AttachmentInfo,
    BundleHeader,
    ChangeRecord,
    Envelope,
    VerifiedBundle,
    bad_format,
)
from flexdesk.sync.format.ziphygiene import SafeZip, ZipLimits, sha256_file
from flexdesk.sync.rotation import (
    NEW_SIG_PATH,
    OLD_SIG_PATH,
    ROTATION_PATH,
    KeyRotation,
    verify_rotation,
)

Progress = Callable[[int, int, str], None]
MAX_ENVELOPE = 1024 * 1024
MAX_SIG = 16 * 1024


def _mismatch(what_id: str, what_en: str) -> Exception:
    return bundle_error(
        "mismatch",
        f"Isi bundel tidak konsisten: {what_id}.",
        f"Bundle contents disagree: {what_en}.",
    )


def check_key(
    entry: TrustedKey,
    *,
    office_id: str,
    bundle_seq: int,
    key_id: str,
    expected_office: str | None,
) -> None:
    """Is ``entry`` allowed to sign bundle ``bundle_seq`` of ``office_id``?"""
    if expected_office is not None and office_id != expected_office:
        raise bundle_error(
            "wrong-office",
            f"Bundel ini milik kantor {office_id}, bukan {expected_office}.",
            f"This bundle belongs to office {office_id}, not {expected_office}.",
        )
    if entry.office_id not in (ANY_OFFICE, office_id):
        raise bundle_error(
            "unknown-key",
            f"Kunci penanda tangan tidak terdaftar untuk kantor {office_id}.",
            f"The signing key is not registered for office {office_id}.",
        )
    if entry.revoked:
        raise bundle_error(
            "revoked-key",
            f"Kunci penanda tangan {entry.key_id} telah dicabut.",
            f"The signing key {entry.key_id} has been revoked.",
        )
    if not entry.valid_for(bundle_seq):
        raise bundle_error(
            "key-not-valid",
            f"Kunci {entry.key_id} tidak berlaku untuk bundel nomor {bundle_seq}.",
            f"Key {entry.key_id} is not valid for bundle number {bundle_seq}.",
        )
    if key_id != compute_key_id(entry.public_key):
        raise _mismatch("key_id bukan kunci penanda tangan", "key_id is not the signing key")


def check_sequence(bundle_seq: int, last_seq: int | None) -> None:
    if last_seq is None:
        return
    if bundle_seq <= last_seq:
        raise bundle_error(
            "replay",
            f"Bundel nomor {bundle_seq} sudah pernah diterima (terakhir {last_seq}).",
            f"Bundle number {bundle_seq} was already received (last {last_seq}).",
        )
    if bundle_seq > last_seq + 1:
        raise bundle_error(
            "gap",
            f"Ada bundel yang hilang: diharapkan nomor {last_seq + 1}, diterima {bundle_seq}.",
            f"Bundles are missing: expected number {last_seq + 1}, got {bundle_seq}.",
        )


def _signer(keyring: KeyRing, sig: bytes | str) -> tuple[TrustedKey, str]:
    text = sig.decode("ascii", "replace") if isinstance(sig, bytes) else sig
    parsed = sshsig.parse(text)
    entry = keyring.find_by_public_key(parsed.public_key)
    if entry is None:
        raise bundle_error(
            "unknown-key",
            "Bundel ditandatangani dengan kunci yang tidak terdaftar.",
            "The bundle is signed with a key that is not registered.",
        )
    return entry, text


def check_envelope_files(
    env_path: Path, sig_path: Path, keyring: KeyRing, *, expected: Envelope | None = None
) -> tuple[Envelope, TrustedKey, str]:
    """Verify the envelope signature and parse it; returns (envelope, key, sha256 hex)."""
    env_bytes = read_capped(env_path, MAX_ENVELOPE, "amplop / envelope")
    sig = read_capped(sig_path, MAX_SIG, "tanda tangan amplop / envelope signature")
    entry, sig_text = _signer(keyring, sig)
    sshsig.verify(env_bytes, sig_text, namespace=sshsig.NS_ENVELOPE, public_key=entry.public_key)
    envelope = Envelope.from_json(loads_strict(env_bytes, what="envelope.json"))
    if expected is not None and envelope != expected:
        raise _mismatch("amplop tertulis berbeda", "written envelope differs")
    return envelope, entry, hashlib.sha256(env_bytes).hexdigest()


@dataclass(frozen=True)
class ZipCheck:
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
    """Everything inside the zip (see the module docstring)."""
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
        for required in (*TAG_FILES, bagit.TAGMANIFEST, TAG_SIG):
            if required not in names:
                raise bundle_error(
                    "missing-file",
                    f"Berkas wajib {required} tidak ada di bundel.",
                    f"Required file {required} is missing from the bundle.",
                )
        tagmanifest = zf.read(bagit.TAGMANIFEST, max_size=64 * 1024)
        sig = zf.read(TAG_SIG, max_size=MAX_SIG)
        signer, sig_text = _signer(keyring, sig)
        if envelope_signer is not None and signer.key_id != envelope_signer.key_id:
            raise bundle_error(
                "bad-signature",
                "Isi bundel ditandatangani kunci lain daripada amplopnya.",
                "The bag is signed by a different key than its envelope.",
            )
        sshsig.verify(
            tagmanifest, sig_text, namespace=sshsig.NS_BUNDLE, public_key=signer.public_key
        )
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
        bagit.check_bagit_txt(tag_data[BAGIT])
        header = BundleHeader.from_json(loads_strict(tag_data[HEADER], what=HEADER))
        if (header.office_id, header.bundle_seq) != stem:
            raise _mismatch("nama folder dan bundle.json", "folder name vs bundle.json")
        check_key(
            signer,
            office_id=header.office_id,
            bundle_seq=header.bundle_seq,
            key_id=header.key_id,
            expected_office=expected_office,
        )
        check_sequence(header.bundle_seq, last_seq)
        manifest = bagit.parse_manifest(tag_data[bagit.MANIFEST], what=bagit.MANIFEST)
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
            raise _mismatch("jumlah lampiran/laporan", "attachment/report counts")
        audit_files = {AUDIT} & set(manifest)
        for small in (CHANGES, *rotation_files, *audit_files):
            if sizes[small] > limits.max_metadata_size:
                raise bundle_error("zip-bomb", f"{small} terlalu besar.", f"{small} is too large.")

        file_hash = hashlib.sha256()
        extract = _Extract(extract_dir)
        kept: dict[str, list[bytes]] = {p: [] for p in (CHANGES, *rotation_files, *audit_files)}
        h512: dict[str, Any] = {}
        h256: dict[str, Any] = {}
        with extract.stack:
            consumers: dict[str, list[Callable[[bytes], object]]] = {}
            for path in sorted(manifest):
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
    changes = _parse_changes(b"".join(kept[CHANGES]), header)
    audit_rows = _parse_audit(b"".join(kept[AUDIT]), header) if audit_files else ()
    rotation = None
    if rotation_files:
        rotation = verify_rotation(
            b"".join(kept[ROTATION_PATH]),
            b"".join(kept[OLD_SIG_PATH]),
            b"".join(kept[NEW_SIG_PATH]),
        )
        if (
            rotation.office_id != header.office_id
            or rotation.old_key_id != signer.key_id
            or rotation.effective_from_seq != header.bundle_seq + 1
        ):
            raise _mismatch("pernyataan rotasi kunci", "key rotation statement")
    return ZipCheck(
        header=header,
        changes=changes,
        attachments=attachments,
        reports=reports,
        zip_sha256=file_hash.hexdigest(),
        tagmanifest_sha512=hashlib.sha512(tagmanifest).hexdigest(),
        payload_bytes=sum(sizes.values()),
        signer=signer,
        rotation=rotation,
        audit_rows=audit_rows,
    )


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
            raise _mismatch(f"bag-info {label}", f"bag-info {label}")
    if info.get("FlexDesk-Period") != header.period:
        raise _mismatch("bag-info FlexDesk-Period", "bag-info FlexDesk-Period")


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


def _parse_audit(data: bytes, header: BundleHeader) -> tuple[AuditRecord, ...]:
    """The audit rows, checked to be exactly the chain segment the header declares."""
    assert header.audit is not None
    if data and not data.endswith(b"\n"):
        raise bad_format(AUDIT, "baris terakhir tanpa akhir baris / last line unterminated")
    rows: list[AuditRecord] = []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        # a line equal to the canonical form of what it parses to has no duplicate keys and
        # no NaN (canonical_json refuses it): as strict as loads_strict, without its hooks,
        # which matters for tens of thousands of rows
        try:
            obj = json.loads(line)
            canonical = canonical_json_line(obj) == line
        except (ValueError, RecursionError):  # also UnicodeDecodeError; deep nesting
            canonical = False
        if not canonical:
            raise bad_format(AUDIT, f"baris {number} bukan JSON kanonik / line {number}")
        try:
            rows.append(AuditRecord.from_json(obj))
        except AuditFormatError as exc:
            raise bad_format(AUDIT, f"line {number}: {exc}") from exc
    problem = chain_problem(rows, header.audit)
    if problem is not None:
        raise bundle_error(
            "audit-chain",
            f"Baris audit dalam bundel tidak membentuk rantai hash yang dinyatakan: {problem}.",
            f"The audit rows in the bundle do not form the declared hash chain: {problem}.",
        )
    return tuple(rows)


def _parse_changes(data: bytes, header: BundleHeader) -> tuple[ChangeRecord, ...]:
    if data and not data.endswith(b"\n"):
        raise bad_format(CHANGES, "baris terakhir tanpa akhir baris / last line unterminated")
    out: list[ChangeRecord] = []
    last = header.changes.start - 1
    counts: dict[str, int] = {}
    for line in data.splitlines(keepends=True):
        rec = ChangeRecord.from_json(loads_strict(line, what=CHANGES))
        if rec.change_seq <= last or rec.change_seq > header.changes.end:
            raise _mismatch(
                f"change_seq {rec.change_seq} di luar urutan/rentang",
                f"change_seq {rec.change_seq} out of order/range",
            )
        last = rec.change_seq
        counts[rec.entity] = counts.get(rec.entity, 0) + 1
        out.append(rec)
    if len(out) != header.changes.count or counts != header.counts:
        raise _mismatch("jumlah perubahan", "change counts")
    return tuple(out)


def split_bundle_path(path: Path) -> tuple[str, Path]:
    name = path.name
    for suffix in (SIG_SUFFIX, ENVELOPE_SUFFIX, AGE_SUFFIX, ZIP_SUFFIX):
        if name.endswith(suffix):
            return name[: -len(suffix)], path.parent
    raise bundle_error(
        "bad-name",
        f"Bukan berkas bundel FlexDesk: {name}.",
        f"Not a FlexDesk bundle file: {name}.",
    )


def verify_bundle(
    path: Path,
    *,
    trusted_keys: Mapping[str, Ed25519PublicKey] | KeyRing,
    expected_office: str | None = None,
    last_seq: int | None = None,
    limits: ZipLimits | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    require_envelope: bool = False,
    identity: str | None = None,
    extract_dir: Path | None = None,
    work_dir: Path | None = None,
) -> VerifiedBundle:
    """Verify a bundle given its envelope, signature, zip or age file path.

    See :mod:`flexdesk.sync.bundle` for the parameters and the error codes.
    """
    keyring = as_keyring(trusted_keys, expected_office)
    stem, folder = split_bundle_path(path)
    env_path = folder / (stem + ENVELOPE_SUFFIX)
    envelope: Envelope | None = None
    env_sha: str | None = None
    signer: TrustedKey | None = None
    if env_path.exists() or path.name.endswith((ENVELOPE_SUFFIX, SIG_SUFFIX)):
        envelope, signer, env_sha = check_envelope_files(
            env_path, folder / (stem + SIG_SUFFIX), keyring
        )
        check_key(
            signer,
            office_id=envelope.office_id,
            bundle_seq=envelope.bundle_seq,
            key_id=envelope.key_id,
            expected_office=expected_office,
        )
        check_sequence(envelope.bundle_seq, last_seq)
        if envelope.stem != stem:
            raise _mismatch("nama berkas dan amplop", "file name vs envelope")
        container = folder / envelope.file
    elif require_envelope:
        raise bundle_error(
            "missing-file",
            f"Amplop bertanda tangan tidak ada: {env_path.name}.",
            f"The signed envelope is missing: {env_path.name}.",
        )
    else:
        container = path
    encrypted = container.name.endswith(AGE_SUFFIX)
    total = (envelope.size if envelope else _size_of(container)) * (2 if encrypted else 1)

    def report(stage: str, base: int) -> Callable[[int], None]:
        def cb(n: int) -> None:
            if progress is not None:
                progress(min(base + n, total), total, stage)

        return cb

    if envelope is not None:
        actual = _size_of(container)
        if actual < envelope.size:
            raise bundle_error(
                "truncated",
                f"Berkas {container.name} terpotong ({actual} dari {envelope.size} bita).",
                f"{container.name} is truncated ({actual} of {envelope.size} bytes).",
            )
        if actual > envelope.size:
            raise bundle_error(
                "size-mismatch",
                f"Ukuran {container.name} tidak sesuai amplop.",
                f"{container.name} size differs from the envelope.",
            )
    with contextlib.ExitStack() as stack:
        zip_path = container
        expected_zip_sha = envelope.sha256 if envelope is not None else None
        if encrypted:
            if identity is None:
                raise bundle_error(
                    "encrypted",
                    "Bundel terenkripsi; kunci dekripsi pusat diperlukan.",
                    "The bundle is encrypted; the central decryption key is needed.",
                )
            from flexdesk.sync.crypto import age

            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(dir=work_dir)))
            zip_path = tmp / (stem + ZIP_SUFFIX)
            outer_sha = age.decrypt_file(
                container,
                zip_path,
                identity,
                progress=report("decrypt", 0),
                is_cancelled=is_cancelled,
            )
            if envelope is not None:
                if outer_sha != envelope.sha256:
                    raise bundle_error(
                        "hash-mismatch",
                        f"Hash {container.name} tidak cocok dengan amplop.",
                        f"{container.name} does not match the envelope hash.",
                    )
                expected_zip_sha = envelope.zip_sha256
        elif envelope is not None and (
            envelope.zip_sha256 != envelope.sha256 or envelope.zip_size != envelope.size
        ):
            raise bad_format("envelope.json", "inner != outer")
        checked = verify_zip(
            zip_path,
            keyring=keyring,
            expected_top=stem,
            envelope_signer=signer,
            expected_office=expected_office,
            last_seq=last_seq,
            limits=limits,
            progress=report("verify", total // 2 if encrypted else 0),
            is_cancelled=is_cancelled,
            extract_dir=extract_dir,
        )
    if expected_zip_sha is not None and checked.zip_sha256 != expected_zip_sha:
        raise bundle_error(
            "hash-mismatch",
            "Hash zip tidak cocok dengan amplop bertanda tangan.",
            "The zip does not match the hash in the signed envelope.",
        )
    if envelope is not None:
        h = checked.header
        if (
            h.office_id,
            h.bundle_seq,
            h.bundle_uuid,
            h.key_id,
            h.base_ack,
            h.changes,
            h.format_version,
        ) != (
            envelope.office_id,
            envelope.bundle_seq,
            envelope.bundle_uuid,
            envelope.key_id,
            envelope.base_ack,
            envelope.changes,
            envelope.format_version,
        ) or checked.tagmanifest_sha512 != envelope.tagmanifest_sha512:
            raise _mismatch("bundle.json dan amplop", "bundle.json vs envelope")
    return VerifiedBundle(
        header=checked.header,
        changes=checked.changes,
        attachments=checked.attachments,
        reports=checked.reports,
        envelope=envelope,
        envelope_sha256=env_sha,
        zip_sha256=checked.zip_sha256,
        payload_bytes=checked.payload_bytes,
        rotation=checked.rotation,
        extracted_dir=extract_dir,
        audit_rows=checked.audit_rows,
    )


def _size_of(path: Path) -> int:
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise bundle_error(
            "missing-file", f"Berkas {path.name} tidak ada.", f"{path.name} is missing."
        ) from exc
    if not stat.S_ISREG(info.st_mode):  # a folder or FIFO: hashing it would fail or hang
        raise bundle_error(
            "symlink", f"{path.name} bukan berkas biasa.", f"{path.name} is not a regular file."
        )
    return info.st_size


__all__ = [
    "ZipCheck",
    "check_envelope_files",
    "check_key",
    "sha256_file",
    "split_bundle_path",
    "verify_bundle",
    "verify_zip",
]
