"""The office's evidence store as a test sees it: the data folder on SQLite, the server
database on PostgreSQL (whichever the test's database is), read and written in sessions of
its own, so a test asserts on what every PC of the office would find."""

from __future__ import annotations

from pathlib import Path

from flexdesk.db.engine import Database
from flexdesk.services.storage.attachments import (
    AttachmentStore,
    CheckedFile,
    StoredFile,
    evidence_store,
)


class OfficeStore:
    """``folder`` (this PC's data folder) and ``db`` together: the store the services use."""

    def __init__(self, db: Database, folder: AttachmentStore) -> None:
        self.db = db
        self.folder = folder

    @property
    def kind(self) -> str:
        return "folder" if self.db.is_sqlite else "database"

    def digests(self) -> list[str]:
        with self.db.read_session() as session:
            return sorted(evidence_store(session, self.folder).digests())

    def exists(self, digest: str) -> bool:
        with self.db.read_session() as session:
            return evidence_store(session, self.folder).exists(digest)

    def read_bytes(self, digest: str) -> bytes:
        with self.db.read_session() as session:
            return b"".join(evidence_store(session, self.folder).iter_verified(digest))

    def put(self, checked: CheckedFile) -> StoredFile:
        with self.db.session() as session:
            return evidence_store(session, self.folder).put(checked)

    def export_copy(self, digest: str, dest_dir: Path, name: str) -> Path:
        with self.db.read_session() as session:
            return evidence_store(session, self.folder).export_copy(digest, dest_dir, name)

    def remove(self, digest: str) -> None:
        with self.db.session() as session:
            evidence_store(session, self.folder).remove(digest)
