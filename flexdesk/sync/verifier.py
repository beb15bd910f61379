"""Verifying a bundle: the reusable, dependency-light checker (see :func:`verify_bundle`).

This module checks the files around the zip (envelope, size, decryption) and holds the
public names; the keys are checked in :mod:`flexdesk.sync.trust`, the zip itself in
:mod:`flexdesk.sync.zipcheck`, the records and audit rows in :mod:`flexdesk.sync.ndjson`.

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
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from flexdesk.sync._errors import bundle_error, mismatch
from flexdesk.sync.crypto.keys import KeyRing, TrustedKey, as_keyring
from flexdesk.sync.format.layout import AGE_SUFFIX, ENVELOPE_SUFFIX, SIG_SUFFIX, ZIP_SUFFIX
from flexdesk.sync.format.model import Envelope, VerifiedBundle, bad_format
from flexdesk.sync.format.ziphygiene import ZipLimits, sha256_file
from flexdesk.sync.trust import check_envelope_files, check_key, check_sequence
from flexdesk.sync.zipcheck import ZipCheck, verify_zip

Progress = Callable[[int, int, str], None]


def split_bundle_path(path: Path) -> tuple[str, Path]:
    """The bundle stem and folder of any of a bundle's files (envelope, signature, zip or
    encrypted zip); ``bad-name`` for another file."""
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
    envelope, signer, env_sha, container = _signed_envelope(
        path,
        stem,
        folder,
        keyring,
        expected_office=expected_office,
        last_seq=last_seq,
        require_envelope=require_envelope,
    )
    encrypted = container.name.endswith(AGE_SUFFIX)
    total = _checked_size(container, envelope) * (2 if encrypted else 1)
    with contextlib.ExitStack() as stack:
        zip_path, expected_zip_sha = _open_container(
            stack,
            container,
            envelope,
            stem,
            identity=identity,
            work_dir=work_dir,
            progress=_stage_progress(progress, total, "decrypt", 0),
            is_cancelled=is_cancelled,
        )
        checked = verify_zip(
            zip_path,
            keyring=keyring,
            expected_top=stem,
            envelope_signer=signer,
            expected_office=expected_office,
            last_seq=last_seq,
            limits=limits,
            progress=_stage_progress(progress, total, "verify", total // 2 if encrypted else 0),
            is_cancelled=is_cancelled,
            extract_dir=extract_dir,
        )
    if envelope is not None:
        _check_against_envelope(checked, envelope, expected_zip_sha)
    return _verified(checked, envelope, env_sha, extract_dir)


def _verified(
    checked: ZipCheck, envelope: Envelope | None, env_sha: str | None, extract_dir: Path | None
) -> VerifiedBundle:
    """What the receiver gets: the zip's findings with the envelope around it."""
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


def _signed_envelope(
    path: Path,
    stem: str,
    folder: Path,
    keyring: KeyRing,
    *,
    expected_office: str | None,
    last_seq: int | None,
    require_envelope: bool,
) -> tuple[Envelope | None, TrustedKey | None, str | None, Path]:
    """The envelope next to the bundle (checked: signature, key, sequence, name), its signer,
    its SHA-256 and the container it names; without an envelope (allowed unless
    ``require_envelope``): None, None, None and ``path`` itself."""
    env_path = folder / (stem + ENVELOPE_SUFFIX)
    if not (env_path.exists() or path.name.endswith((ENVELOPE_SUFFIX, SIG_SUFFIX))):
        if require_envelope:
            raise bundle_error(
                "missing-file",
                f"Amplop bertanda tangan tidak ada: {env_path.name}.",
                f"The signed envelope is missing: {env_path.name}.",
            )
        return None, None, None, path
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
        raise mismatch("nama berkas dan amplop", "file name vs envelope")
    return envelope, signer, env_sha, folder / envelope.file


def _checked_size(container: Path, envelope: Envelope | None) -> int:
    """The container's size, which must be the one the envelope signed (if there is one)."""
    actual = _size_of(container)
    if envelope is None:
        return actual
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
    return actual


def _stage_progress(
    progress: Progress | None, total: int, stage: str, base: int
) -> Callable[[int], None]:
    """A byte-count callback for one stage, reporting ``base + n`` of ``total``."""

    def cb(n: int) -> None:
        if progress is not None:
            progress(min(base + n, total), total, stage)

    return cb


def _open_container(
    stack: contextlib.ExitStack,
    container: Path,
    envelope: Envelope | None,
    stem: str,
    *,
    identity: str | None,
    work_dir: Path | None,
    progress: Callable[[int], None],
    is_cancelled: Callable[[], bool] | None,
) -> tuple[Path, str | None]:
    """The zip to verify (an ``.age`` container decrypted into a temporary folder of
    ``stack``) and the SHA-256 the envelope expects of it (None without an envelope)."""
    expected_zip_sha = envelope.sha256 if envelope is not None else None
    if not container.name.endswith(AGE_SUFFIX):
        if envelope is not None and (
            envelope.zip_sha256 != envelope.sha256 or envelope.zip_size != envelope.size
        ):
            raise bad_format("envelope.json", "inner != outer")
        return container, expected_zip_sha
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
        container, zip_path, identity, progress=progress, is_cancelled=is_cancelled
    )
    if envelope is not None:
        if outer_sha != envelope.sha256:
            raise bundle_error(
                "hash-mismatch",
                f"Hash {container.name} tidak cocok dengan amplop.",
                f"{container.name} does not match the envelope hash.",
            )
        expected_zip_sha = envelope.zip_sha256
    return zip_path, expected_zip_sha


def _check_against_envelope(
    checked: ZipCheck, envelope: Envelope, expected_zip_sha: str | None
) -> None:
    """The zip, bundle.json and the tag manifest are what the envelope signed."""
    if checked.zip_sha256 != expected_zip_sha:
        raise bundle_error(
            "hash-mismatch",
            "Hash zip tidak cocok dengan amplop bertanda tangan.",
            "The zip does not match the hash in the signed envelope.",
        )
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
        raise mismatch("bundle.json dan amplop", "bundle.json vs envelope")


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
