"""What every evidence store offers, whichever holds the bytes: the data folder of the one
PC of a SQLite office (:class:`~flexdesk.services.storage.attachments.AttachmentStore`) or the
PostgreSQL server every PC of the office shares
(:class:`~flexdesk.services.storage.evidence_db.DatabaseStore`).

Both are content-addressed by SHA-256, stream in chunks (a 50 MB scan is never held in memory)
and check the hash of every read: a copy is trusted only after its last byte hashed right, and
a mismatch is :class:`~flexdesk.errors.EvidenceDamaged` ("berkas bukti rusak")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from flexdesk.errors import EvidenceDamaged, StorageError
from flexdesk.services.storage.attachment_check import CheckedFile

DIGEST_RE = re.compile(r"[0-9a-f]{64}")
#: files younger than this are never treated as orphans (a save may be under way)
ORPHAN_GRACE_SECONDS = 3600.0


@dataclass(frozen=True)
class StoredFile:
    """A file in the store, as an evidence row records it."""

    sha256: str
    name: str
    size: int
    media_type: str
    created: bool  # False when the content was already in the store (dedup)


class EvidenceStore(Protocol):
    """Content-addressed evidence bytes (see the module docstring)."""

    #: "folder" or "database" (what the export page and the CLI tell the user)
    kind: str

    def exists(self, digest: str) -> bool:
        """True when content ``digest`` is stored."""
        ...

    def size(self, digest: str) -> int | None:
        """The stored size of ``digest`` (None when it is not stored)."""
        ...

    def put(self, checked: CheckedFile, *, max_bytes: int | None = None) -> StoredFile:
        """Store a checked file, streaming it and hashing while reading (dedup by content)."""
        ...

    def put_bytes(self, data: bytes, name: str, media_type: str) -> StoredFile:
        """Store bytes FlexDesk made itself (demo evidence)."""
        ...

    def iter_verified(self, digest: str) -> Iterator[bytes]:
        """The content in chunks; raises EvidenceDamaged after the last chunk if it does not
        hash to ``digest`` (so the consumer must not trust what it got until the end)."""
        ...

    def export_copy(self, digest: str, dest_dir: Path, name: str) -> Path:
        """A verified copy named after the (sanitised) original name, to open in a viewer."""
        ...

    def digests(self) -> Iterator[str]:
        """Every content hash present in the store."""
        ...

    def remove(self, digest: str) -> None:
        """Delete stored content (no error when it is already gone)."""
        ...

    def clean_orphans(
        self,
        referenced: Iterable[str],
        *,
        grace_seconds: float = ORPHAN_GRACE_SECONDS,
        now: float | None = None,
    ) -> list[str]:
        """Delete content not in ``referenced`` and older than the grace period."""
        ...


def require_digest(digest: str) -> str:
    """``digest`` if it is a lower-case SHA-256 hex string (StorageError otherwise): no
    reference from a row ever becomes a path or a query that is not a content address."""
    if not DIGEST_RE.fullmatch(digest):
        raise StorageError(
            "Kode berkas bukti tidak valid.", message_en="Invalid evidence file reference."
        )
    return digest


def damaged(digest: str, where: str) -> EvidenceDamaged:
    """The refusal of content that does not hash to its address."""
    return EvidenceDamaged(
        f"Berkas bukti {digest[:12]}… rusak atau diubah di luar FlexDesk ({where}; isi tidak "
        "cocok dengan sidik SHA-256).",
        message_en=f"Evidence file {digest[:12]}… is damaged or was changed outside FlexDesk "
        f"({where}; its SHA-256 does not match).",
    )


def missing(digest: str, where: str) -> StorageError:
    """The refusal of content the store does not hold."""
    return StorageError(
        f"Berkas bukti {digest[:12]}… tidak ada di {where}.",
        message_en=f"Evidence file {digest[:12]}… is missing from {where}.",
    )
