"""What :meth:`flexdesk.central.service.Receiver.ingest` tells its caller about one file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flexdesk.sync.receipt import SignedReceipt, Status


@dataclass(frozen=True)
class IngestResult:
    """What happened to one file given to :meth:`Receiver.ingest`."""

    source: Path
    status: Status
    office_id: str | None = None
    bundle_seq: int | None = None
    code: str | None = None  # BundleError code when rejected (or "gap")
    message: str | None = None
    message_en: str | None = None
    receipt: SignedReceipt | None = None
    receipt_path: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)
    quarantine_id: int | None = None
