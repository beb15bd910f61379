"""What writing and verifying a bundle return: :class:`WrittenBundle` (the three files, already
read back) and :class:`VerifiedBundle` (everything a receiver needs), with
:class:`AttachmentInfo` for each evidence file found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: model re-exports these classes
    from flexdesk.sync.auditchain import AuditRecord
    from flexdesk.sync.format.model import BundleHeader, Envelope
    from flexdesk.sync.format.records import ChangeRecord
    from flexdesk.sync.rotation import KeyRotation


@dataclass(frozen=True)
class WrittenBundle:
    """What ``write_bundle`` produced (all three files already verified by re-reading)."""

    envelope_path: Path
    signature_path: Path
    container_path: Path
    envelope: Envelope
    header: BundleHeader
    envelope_sha256: str
    payload_bytes: int

    @property
    def paths(self) -> tuple[Path, Path, Path]:
        return (self.envelope_path, self.signature_path, self.container_path)


@dataclass(frozen=True)
class AttachmentInfo:
    """An evidence file in a verified bundle: its content hash, extension and size."""

    sha256: str
    ext: str
    size: int


@dataclass(frozen=True)
class VerifiedBundle:
    """Everything a receiver needs after ``verify_bundle`` succeeded.

    ``envelope`` / ``envelope_sha256`` are None when a bare zip was verified. When
    ``extract_dir`` was given, verified payload files were written there under their bag paths
    relative to ``data/`` (``attachments/<sha256>.<ext>``, ``reports/<name>.pdf``).
    """

    header: BundleHeader
    changes: tuple[ChangeRecord, ...]
    attachments: tuple[AttachmentInfo, ...]
    reports: tuple[str, ...]
    envelope: Envelope | None
    envelope_sha256: str | None
    zip_sha256: str
    payload_bytes: int
    #: the verified key rotation statement, when the bundle carries one
    rotation: KeyRotation | None = None
    extracted_dir: Path | None = None
    #: the audit rows the bundle carries, chain-checked against ``header.audit`` (format 2)
    audit_rows: tuple[AuditRecord, ...] = ()
