"""Signed report bundles: the public API (office export, anyone's verification).

The format is specified in docs/bundle-format.md. This module re-exports everything the office
services, the CLI, the GUI worker and the central receiver need; none of it imports Qt or the
office ORM.

Export (office side)
--------------------
The office service collects, inside one read transaction::

    last = <the newest verified receipt>          # None before the first acknowledgement
    base_ack = BaseAck.from_receipt(...)          # see flexdesk.sync.receipt
    changes = [ChangeRecord(change_seq=row.change_seq, entity=..., id=row.id, rev=row.rev,
                            base_rev=<rev last sent for this row, or None>, op="upsert",
                            data=<plain JSON dict>, attachments=(sha256, ...))
               for row in rows_and_tombstones_with(change_seq > base_ack.applied_through)]
    attachments = [AttachmentSource(sha256, ext, store_path) for evidence referenced]
    reports = [ReportFile("skp-2025-06-199001012020121001", pdf_path), ...]

then persists the next ``bundle_seq`` (never reused) and calls::

    written = write_bundle(
        out_dir, office_id="O042", bundle_seq=seq, bundle_uuid=None, changes=changes,
        attachments=attachments, reports=reports, signing_key=key, key_id=key_id(key.public_key()),
        base_ack=base_ack, app_version=flexdesk.__version__, period="2025-06",
        encrypt_to=None or "age1...", progress=cb, is_cancelled=flag,
    )

``write_bundle`` (runs in a worker thread; Qt-free):

- changes must be sorted by strictly increasing ``change_seq``; the bundle declares the range
  ``changes_from..changes_to`` it covers (default: ``base_ack.applied_through + 1`` (or 1) up
  to the highest ``change_seq`` given). Rows changed twice appear once, with their latest
  ``change_seq``, so the range may have holes; central checks continuity on the range.
- ``bundle_uuid=None`` derives a UUID from office, sequence and content, so re-exporting the same
  sequence with the same inputs yields byte-identical zip, envelope and signature (not so with
  ``encrypt_to``: age uses a fresh file key each time). Re-export a sequence only with the same
  content; once a bundle may have left the office, new changes need a new ``bundle_seq``, or
  central reports a fork.
- each evidence file is read once: SHA-512 for the manifest and CRC-32 for the zip (plus, with
  ``verify="full"``, SHA-256 to check it still matches its content address: BundleError
  "hash-mismatch" if the office store is damaged; without it, receivers refuse such a bundle).
- writes hidden temp files in ``out_dir``, fsyncs them (a helper thread flushes while the
  writer hashes), drops them from the page cache and re-reads them from the device before
  renaming zip, signature and envelope (last) into place. The re-read (``verify="crc"``, the
  default) opens the zip with the import-hygiene reader, checks the CRC-32 of every member
  (storage faults: a bad or fake-capacity stick, a cut write), the tag manifest signature and
  hashes, that the manifest lists exactly the payload, header/bag-info consistency, and takes
  the zip's SHA-256 for the envelope from the bytes read back. The SHA-512 of each payload
  file was computed from the very buffers written, so recomputing it proves nothing more
  about the medium; ``verify="full"`` does it anyway (the full ``verify_bundle`` work, about
  twice the export time on one core). On error or ``Cancelled`` nothing is left behind.
  Existing files of the same sequence are replaced.
- ``progress(done, total, stage)``: ``stage`` is one of :data:`STAGES`.
- optional: ``rotation=make_rotation(...)`` (flexdesk.sync.rotation), ``office_name`` (bag-info
  Source-Organization), ``schema`` (record schema id), ``audit=AuditSegment(start, prev_hash,
  rows)`` (:mod:`flexdesk.sync.auditchain`): the office's audit rows after central's audit
  head, written as ``data/audit/audit.ndjson`` and declared in ``bundle.json`` ``audit``; a
  segment that is not an intact chain is refused (BundleError "audit-chain").

Verification (anyone)
---------------------
``verify_bundle(path, trusted_keys=..., expected_office=None, last_seq=None, limits=ZipLimits(),
progress=None, is_cancelled=None, require_envelope=False, identity=None, extract_dir=None)``

- ``path``: the envelope, its ``.sig``, the ``.zip`` or the ``.zip.age``. When the envelope is
  next to a zip it is always checked; a bare zip (``require_envelope=False``) is checked from
  its own signed tag manifest, which covers every payload and tag file but not zip metadata.
- ``trusted_keys``: a :class:`~flexdesk.sync.crypto.keys.KeyRing` (office, validity range by sequence,
  revocation) or a plain ``{label: Ed25519PublicKey}`` (trusted for ``expected_office``).
- ``last_seq``: the last sequence already accepted: ``replay`` if not newer, ``gap`` if one is
  missing. (The central receiver applies its own rules instead: duplicate/superseded/gap.)
- ``identity``: age identity text (``AGE-SECRET-KEY-1...``) for ``.zip.age`` bundles.
- ``extract_dir``: also write the verified payload there (``records/``, ``attachments/``,
  ``reports/``, ``keys/``); delete it if verification raises.

Returns :class:`VerifiedBundle` (``audit_rows``: the audit rows, already checked to be the
chain segment ``header.audit`` declares); raises ``BundleError`` with ``code`` from
:data:`flexdesk.sync._errors.CODES` (bad-signature, unknown-key, revoked-key, key-not-valid,
wrong-office, hash-mismatch, size-mismatch, truncated, not-a-zip, extra-file, missing-file,
path-traversal, symlink, duplicate-name, zip-bomb, bad-name, unsupported-zip, bad-format,
mismatch, format-version, gap, replay, encrypted, decrypt-failed, decrypt-damaged,
audit-chain) or
``Cancelled``.
"""

from __future__ import annotations

from flexdesk.sync._errors import CODES
from flexdesk.sync.auditchain import AuditRange, AuditRecord, AuditSegment
from flexdesk.sync.crypto.keys import KeyRing, TrustedKey
from flexdesk.sync.format.model import (
    FORMAT_VERSION,
    MAX_FORMAT_VERSION,
    AttachmentInfo,
    AttachmentSource,
    BaseAck,
    BundleHeader,
    ChangeRange,
    ChangeRecord,
    Envelope,
    ReportFile,
    VerifiedBundle,
    WrittenBundle,
    bundle_stem,
)
from flexdesk.sync.format.ziphygiene import ZipLimits
from flexdesk.sync.rotation import KeyRotation, make_rotation
from flexdesk.sync.verifier import verify_bundle
from flexdesk.sync.writer import DEFAULT_SCHEMA, write_bundle

#: progress stages of write_bundle / verify_bundle with their labels (id, en)
STAGES: dict[str, tuple[str, str]] = {
    "write": ("Menulis bundel", "Writing the bundle"),
    "verify": ("Memeriksa bundel", "Verifying the bundle"),
    "encrypt": ("Mengenkripsi bundel", "Encrypting the bundle"),
    "decrypt": ("Mendekripsi bundel", "Decrypting the bundle"),
    "done": ("Selesai", "Done"),
}

__all__ = [
    "CODES",
    "DEFAULT_SCHEMA",
    "FORMAT_VERSION",
    "MAX_FORMAT_VERSION",
    "STAGES",
    "AttachmentInfo",
    "AttachmentSource",
    "AuditRange",
    "AuditRecord",
    "AuditSegment",
    "BaseAck",
    "BundleHeader",
    "ChangeRange",
    "ChangeRecord",
    "Envelope",
    "KeyRing",
    "KeyRotation",
    "ReportFile",
    "TrustedKey",
    "VerifiedBundle",
    "WrittenBundle",
    "ZipLimits",
    "bundle_stem",
    "make_rotation",
    "verify_bundle",
    "write_bundle",
]
