"""Evidence files in a content-addressed store under the data folder.

A file is stored once under ``attachments/ab/cdef…`` where ``abcdef…`` is the SHA-256 of its
content; the database keeps that hash with the original name, size and type. So:

- the same file attached twice is stored once (dedup);
- nothing from the user's side (path, name) ever becomes a path in the store: the name is only
  kept as text, sanitised, for display and for the copy opened in a viewer;
- a copy is written to a temporary file in the store, fsync'd, and renamed into place, so a
  crash never leaves a half-written file under a valid name;
- every read recomputes the hash and refuses a file that changed on disk;
- a size limit and an allow-list of types (office settings) are checked before anything is
  written, by extension and by the file's first bytes (a renamed program is not a PDF);
- files a rolled-back transaction added are removed again, and :func:`clean_orphans` removes
  files no evidence row refers to any more (after a grace period).

Checking a file before it is stored (limits, safe names, content against type) is in
:mod:`.attachment_check`, imported back here.

This folder is the store of a SQLite office (one PC). On a PostgreSQL server the office's
evidence is in the database (:mod:`.evidence_db`), so that every PC opens every file;
:func:`evidence_store` picks the store from the session's database and the functions here
(``store_in_transaction``, ``clean_orphan_attachments``) go through it, so callers keep
passing this PC's ``AttachmentStore`` either way (docs/evidence-and-keys.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from flexdesk.db.models_outputs import OutputEvidence
from flexdesk.errors import StorageError
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.storage.attachment_check import (
    CHUNK,
    KNOWN_TYPES,
    MAX_NAME_LENGTH,
    AttachmentLimits,
    CheckedFile,
    attachment_limits,
    check_file,
    safe_name,
)
from flexdesk.services.storage.attachment_files import copy_in, file_digest, fsync_dir, mkstemp
from flexdesk.services.storage.evidence_db import DatabaseStore, write_verified
from flexdesk.services.storage.evidence_types import (
    DIGEST_RE,
    ORPHAN_GRACE_SECONDS,
    EvidenceStore,
    StoredFile,
    damaged,
    missing,
    require_digest,
)

__all__ = [
    "CHUNK",
    "DIGEST_RE",
    "KNOWN_TYPES",
    "MAX_NAME_LENGTH",
    "ORPHAN_GRACE_SECONDS",
    "TMP_DIR",
    "AttachmentLimits",
    "AttachmentStore",
    "CheckedFile",
    "DatabaseStore",
    "EvidenceStore",
    "StoredFile",
    "attachment_limits",
    "bytes_in_transaction",
    "check_file",
    "clean_orphan_attachments",
    "evidence_store",
    "referenced_digests",
    "safe_name",
    "store_in_transaction",
]

log = logging.getLogger(__name__)

TMP_DIR = "tmp"


class AttachmentStore:
    """The content-addressed folder of this PC's data folder; knows nothing of the database.
    On a server database it is this PC's old store (``flexdesk attachments upload``) and
    :func:`evidence_store` answers the database store instead."""

    kind = "folder"

    def __init__(self, root: Path) -> None:
        self.root = root

    def __repr__(self) -> str:
        return f"AttachmentStore({self.root})"

    def path_for(self, digest: str) -> Path:
        """Where content ``digest`` is stored (StorageError for a malformed digest)."""
        require_digest(digest)
        return self.root / digest[:2] / digest[2:]

    def exists(self, digest: str) -> bool:
        """True when a file with this SHA-256 is in the store."""
        return self.path_for(digest).is_file()

    def size(self, digest: str) -> int | None:
        """The stored file's size (None when it is not in the store)."""
        try:
            return self.path_for(digest).stat().st_size
        except FileNotFoundError:
            return None

    def iter_verified(self, digest: str) -> Iterator[bytes]:
        """The file in chunks, hashed while read; EvidenceDamaged after the last chunk when
        it does not hash to ``digest``."""
        try:
            fh = self.path_for(digest).open("rb")
        except FileNotFoundError:
            raise missing(digest, f"folder lampiran ({self.root})") from None
        h = hashlib.sha256()
        with fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
                yield chunk
        if h.hexdigest() != digest:
            raise damaged(digest, str(self.root))

    def put(self, checked: CheckedFile, *, max_bytes: int | None = None) -> StoredFile:
        """Copy a checked file in (temp file, fsync, rename); dedup by content: a file whose
        content is stored (and intact) already is not copied again."""
        known = self.path_for(checked.sha256)
        if known.is_file() and file_digest(known) == checked.sha256:
            with contextlib.suppress(OSError):
                os.utime(known)  # a fresh mtime keeps it out of orphan clean-up
            return StoredFile(checked.sha256, checked.name, checked.size, checked.media_type, False)
        tmp_dir = self.root / TMP_DIR
        tmp_dir.mkdir(parents=True, exist_ok=True)
        limit = max_bytes if max_bytes is not None else checked.size
        fd, tmp_name = mkstemp(tmp_dir)
        tmp = Path(tmp_name)
        try:
            size = copy_in(checked, fd, limit)
            created = self._place(tmp, checked.sha256)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        return StoredFile(checked.sha256, checked.name, size, checked.media_type, created)

    def _place(self, tmp: Path, digest: str) -> bool:
        """Rename the verified copy ``tmp`` into place, unless an intact copy of ``digest`` is
        there already; True if the store did not hold this content before."""
        final = self.path_for(digest)
        existed = final.is_file()
        if existed and file_digest(final) == digest:
            tmp.unlink()
            # a fresh mtime keeps a file that is being re-attached out of orphan clean-up
            with contextlib.suppress(OSError):
                os.utime(final)
            return False
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)  # also repairs a damaged copy of the same content
        fsync_dir(final.parent)
        # a repaired copy is referenced already: a rollback must not remove it
        return not existed

    def put_bytes(self, data: bytes, name: str, media_type: str) -> StoredFile:
        """Store bytes made by FlexDesk itself (demo evidence, generated reports)."""
        hexdigest = hashlib.sha256(data).hexdigest()
        final = self.path_for(hexdigest)
        if final.is_file() and file_digest(final) == hexdigest:
            return StoredFile(hexdigest, safe_name(name), len(data), media_type, False)
        tmp_dir = self.root / TMP_DIR
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = mkstemp(tmp_dir)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_name, final)
            fsync_dir(final.parent)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        return StoredFile(hexdigest, safe_name(name), len(data), media_type, True)

    def open_verified(self, digest: str) -> BinaryIO:
        """The stored bytes after checking they still hash to ``digest`` (StorageError if not)."""
        path = self.path_for(digest)
        try:
            actual = file_digest(path)
        except FileNotFoundError:
            raise missing(digest, f"folder lampiran ({self.root})") from None
        if actual != digest:
            raise damaged(digest, str(self.root))
        return path.open("rb")

    def read_bytes(self, digest: str) -> bytes:
        """The stored bytes of ``digest``, verified after reading as well."""
        with self.open_verified(digest) as fh:
            data = fh.read()
        if hashlib.sha256(data).hexdigest() != digest:  # changed between check and read
            raise StorageError(
                f"Berkas bukti {digest[:12]}… berubah saat dibaca.",
                message_en=f"Evidence file {digest[:12]}… changed while being read.",
            )
        return data

    def export_copy(self, digest: str, dest_dir: Path, name: str) -> Path:
        """A verified copy named after the (sanitised) original name, to open in a viewer."""
        dest_dir.mkdir(parents=True, exist_ok=True)
        target = dest_dir / safe_name(name)
        write_verified(self.iter_verified(digest), target)  # renamed in only when intact
        return target

    def digests(self) -> Iterator[str]:
        """Every content hash present in the store."""
        if not self.root.is_dir():
            return
        for sub in self.root.iterdir():
            if len(sub.name) != 2 or not sub.is_dir():
                continue
            for f in sub.iterdir():
                digest = sub.name + f.name
                if DIGEST_RE.fullmatch(digest) and f.is_file():
                    yield digest

    def remove(self, digest: str) -> None:
        """Delete a stored file (no error when it is already gone)."""
        with contextlib.suppress(FileNotFoundError):
            self.path_for(digest).unlink()

    def clean_orphans(
        self,
        referenced: Iterable[str],
        *,
        grace_seconds: float = ORPHAN_GRACE_SECONDS,
        now: float | None = None,
    ) -> list[str]:
        """Delete stored files not in ``referenced`` and older than the grace period, and
        leftover temporary files; returns the removed digests."""
        keep = set(referenced)
        cutoff = (time.time() if now is None else now) - grace_seconds
        removed: list[str] = []
        for digest in list(self.digests()):
            path = self.path_for(digest)
            if digest in keep:
                continue
            try:
                if path.stat().st_mtime > cutoff:
                    continue
                path.unlink()
            except FileNotFoundError:
                continue
            removed.append(digest)
            with contextlib.suppress(OSError):
                path.parent.rmdir()  # only when empty
        tmp_dir = self.root / TMP_DIR
        if tmp_dir.is_dir():
            for f in tmp_dir.iterdir():
                with contextlib.suppress(OSError):
                    if f.stat().st_mtime <= cutoff:
                        f.unlink()
        return removed


# -- which store, tied to a transaction ---------------------------------------------------------

_PENDING = "flexdesk.attachments.created"


def evidence_store(session: Session, store: EvidenceStore) -> EvidenceStore:
    """The store that holds the office's evidence for ``session``'s database: the data folder
    ``store`` on SQLite (one PC), the database itself on a server, where every PC must read
    what any PC stored (``store`` is then only this PC's old folder, see ``flexdesk
    attachments upload``)."""
    if isinstance(store, DatabaseStore) or session.get_bind().dialect.name == "sqlite":
        return store
    return DatabaseStore(session)


def store_in_transaction(
    session: Session, store: EvidenceStore, checked: CheckedFile, limits: AttachmentLimits
) -> StoredFile:
    """Store a file as part of the session's transaction: if the transaction rolls back, a
    file this call added to the store is removed again (nothing half-saved; in the database
    store the rollback itself takes the chunks)."""
    session.connection()  # a transaction is under way: its end keeps or removes the file
    target = evidence_store(session, store)
    return _track(session, target, target.put(checked, max_bytes=limits.max_bytes))


def bytes_in_transaction(
    session: Session, store: EvidenceStore, data: bytes, name: str, media_type: str
) -> StoredFile:
    """Like :func:`store_in_transaction` for bytes FlexDesk made itself (demo evidence)."""
    session.connection()
    target = evidence_store(session, store)
    return _track(session, target, target.put_bytes(data, name, media_type))


def _track(session: Session, store: EvidenceStore, stored: StoredFile) -> StoredFile:
    if stored.created and isinstance(store, AttachmentStore):
        session.info.setdefault(_PENDING, []).append((store, stored.sha256))
    return stored


@event.listens_for(Session, "after_commit")
def _keep_committed(session: Session) -> None:
    session.info.pop(_PENDING, None)


@event.listens_for(Session, "after_transaction_end")
def _drop_rolled_back(session: Session, transaction: Any) -> None:
    if transaction.parent is not None:
        return
    pending: list[tuple[AttachmentStore, str]] = session.info.pop(_PENDING, [])
    for store, digest in pending:
        log.info("removing evidence file %s of a rolled-back transaction", digest[:12])
        store.remove(digest)


# -- services ----------------------------------------------------------------------------------


def referenced_digests(session: Session) -> set[str]:
    """Every content hash an evidence row refers to."""
    rows = session.scalars(
        select(OutputEvidence.sha256).where(OutputEvidence.sha256.is_not(None)).distinct()
    )
    return {d for d in rows if d}


def clean_orphan_attachments(
    session: Session,
    actor: Actor,
    store: EvidenceStore,
    *,
    grace_seconds: float = ORPHAN_GRACE_SECONDS,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[str]:
    """Remove evidence files no log entry refers to (admin), from the office's store."""
    require(actor, Action.ATTACHMENT_CLEANUP)
    if progress is not None:
        progress(0, 0, "")
    target = evidence_store(session, store)
    return target.clean_orphans(referenced_digests(session), grace_seconds=grace_seconds)
