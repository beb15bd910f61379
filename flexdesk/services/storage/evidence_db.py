"""Evidence bytes in the database (``attachment_blobs`` / ``attachment_chunks``, migration
0700): the store of an office on a PostgreSQL server, where every PC must open every file and
any PC may export a bundle.

Written in the caller's transaction: the blob row first (``INSERT … ON CONFLICT DO NOTHING``,
so two PCs storing the same new content at once end with one copy: the second waits for the
first and finds it), then the chunks, read from the file 1 MiB at a time with the hash
computed while reading; a file that changed since it was checked is refused and the
transaction rolls back, taking every chunk with it. No half-stored content is ever visible,
and nothing is left to remove after a rollback (unlike files in a folder).

Read a chunk per query (bounded memory, any driver), the hash checked after the last one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Table, delete, select, update
from sqlalchemy.orm import Session

from flexdesk.db.base import utcnow
from flexdesk.db.models_blobs import BLOB_CHUNK, AttachmentBlob, AttachmentChunk
from flexdesk.errors import ValidationError
from flexdesk.services.storage.attachment_check import CheckedFile, invalid_evidence, safe_name
from flexdesk.services.storage.evidence_types import (
    ORPHAN_GRACE_SECONDS,
    StoredFile,
    damaged,
    missing,
    require_digest,
)

WHERE = "basis data server"
WHERE_EN = "the server database"

_BLOBS = cast(Table, AttachmentBlob.__table__)
_CHUNKS = cast(Table, AttachmentChunk.__table__)


def _insert(session: Session, table: Any) -> Any:
    """An INSERT that can skip a row already there, in the session's own dialect."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


class DatabaseStore:
    """Evidence content in the database, bound to one session (its transaction decides)."""

    kind = "database"

    def __init__(self, session: Session) -> None:
        self.session = session

    def __repr__(self) -> str:
        return f"DatabaseStore({WHERE_EN})"

    def exists(self, digest: str) -> bool:
        """True when content ``digest`` is stored (committed, or written by this session)."""
        return self.size(digest) is not None

    def size(self, digest: str) -> int | None:
        """The stored size of ``digest``; None when it is not stored."""
        return self.session.scalar(
            select(_BLOBS.c.size).where(_BLOBS.c.sha256 == require_digest(digest))
        )

    def _claim(self, digest: str, size: int) -> bool:
        """Insert the blob row for ``digest``; False when it is stored already (by anyone).
        On PostgreSQL a concurrent insert of the same digest waits here for the other
        transaction, then finds its row (or, if it rolled back, takes the claim)."""
        if self.exists(digest):
            self._touch(digest)
            return False
        stmt = _insert(self.session, _BLOBS).values(
            sha256=digest, size=size, chunk_count=0, created_at=utcnow()
        )
        # RETURNING, not rowcount: drivers report -1 for an INSERT … ON CONFLICT
        claimed = self.session.execute(
            stmt.on_conflict_do_nothing(index_elements=["sha256"]).returning(_BLOBS.c.sha256)
        ).first()
        if claimed is None:
            self._touch(digest)
            return False
        return True

    def _touch(self, digest: str) -> None:
        """A fresh ``created_at`` keeps content being attached again out of orphan clean-up
        (the row lock also makes a concurrent clean-up wait for this transaction)."""
        self.session.execute(
            update(_BLOBS).where(_BLOBS.c.sha256 == digest).values(created_at=utcnow())
        )

    def put(self, checked: CheckedFile, *, max_bytes: int | None = None) -> StoredFile:
        """Stream ``checked.source`` in, hashing while reading; refuses a file that grew past
        ``max_bytes`` or whose content is not the one checked (ValidationError)."""
        digest = require_digest(checked.sha256)
        if not self._claim(digest, checked.size):
            return StoredFile(digest, checked.name, checked.size, checked.media_type, False)
        limit = max_bytes if max_bytes is not None else checked.size
        try:
            with checked.source.open("rb") as src:
                size = self._write_chunks(digest, src, limit, checked.name)
        except OSError as exc:
            raise invalid_evidence(
                f"Berkas '{checked.name}' tidak dapat dibaca ({exc.strerror}).",
                f"The file '{checked.name}' cannot be read ({exc.strerror}).",
            ) from None
        return StoredFile(digest, checked.name, size, checked.media_type, True)

    def _write_chunks(self, digest: str, src: Any, limit: int, name: str) -> int:
        h = hashlib.sha256()
        size = n = 0
        while chunk := src.read(BLOB_CHUNK):
            size += len(chunk)
            if size > limit:
                raise _changed(name)
            h.update(chunk)
            self.session.execute(_CHUNKS.insert().values(sha256=digest, n=n, data=chunk))
            n += 1
        if h.hexdigest() != digest:
            raise _changed(name)
        self.session.execute(
            update(_BLOBS).where(_BLOBS.c.sha256 == digest).values(size=size, chunk_count=n)
        )
        return size

    def put_path(self, path: Path, digest: str) -> bool:
        """Store the file ``path`` that should hold content ``digest`` (the upload of a PC's
        folder store); True if it was not stored before. EvidenceDamaged when the file does
        not hash to ``digest`` (the caller's savepoint then drops what was written)."""
        require_digest(digest)
        if not self._claim(digest, path.stat().st_size):
            return False
        try:
            with path.open("rb") as src:
                self._write_chunks(digest, src, 1 << 62, path.name)
        except ValidationError:  # the bytes do not hash to the name they are stored under
            raise damaged(digest, str(path.parent)) from None
        return True

    def put_bytes(self, data: bytes, name: str, media_type: str) -> StoredFile:
        """Store bytes FlexDesk made itself (demo evidence)."""
        digest = hashlib.sha256(data).hexdigest()
        if not self._claim(digest, len(data)):
            return StoredFile(digest, safe_name(name), len(data), media_type, False)
        for n, start in enumerate(range(0, len(data), BLOB_CHUNK)):
            piece = data[start : start + BLOB_CHUNK]
            self.session.execute(_CHUNKS.insert().values(sha256=digest, n=n, data=piece))
        count = (len(data) + BLOB_CHUNK - 1) // BLOB_CHUNK
        self.session.execute(
            update(_BLOBS).where(_BLOBS.c.sha256 == digest).values(chunk_count=count)
        )
        return StoredFile(digest, safe_name(name), len(data), media_type, True)

    def iter_verified(self, digest: str) -> Iterator[bytes]:
        """The content a chunk at a time; EvidenceDamaged after the last chunk when a chunk is
        missing or the bytes do not hash to ``digest``."""
        require_digest(digest)
        row = self.session.execute(
            select(_BLOBS.c.size, _BLOBS.c.chunk_count).where(_BLOBS.c.sha256 == digest)
        ).first()
        if row is None:
            raise missing(digest, WHERE)
        size, count = row
        h = hashlib.sha256()
        total = 0
        for n in range(count):
            data = self.session.scalar(
                select(_CHUNKS.c.data).where(_CHUNKS.c.sha256 == digest, _CHUNKS.c.n == n)
            )
            if data is None:
                raise damaged(digest, WHERE)
            data = bytes(data)
            h.update(data)
            total += len(data)
            yield data
        if total != size or h.hexdigest() != digest:
            raise damaged(digest, WHERE)

    def export_copy(self, digest: str, dest_dir: Path, name: str) -> Path:
        """A verified copy named ``name`` (sanitised) in ``dest_dir``: written to a temporary
        file first and renamed only after the hash matched, so a damaged blob leaves no file
        a viewer could open."""
        dest_dir.mkdir(parents=True, exist_ok=True)
        target = dest_dir / safe_name(name)
        write_verified(self.iter_verified(digest), target)
        return target

    def digests(self) -> Iterator[str]:
        """Every content hash stored."""
        yield from self.session.scalars(select(_BLOBS.c.sha256).order_by(_BLOBS.c.sha256))

    def remove(self, digest: str) -> None:
        """Delete the content and its chunks (no error when it is gone)."""
        require_digest(digest)
        self.session.execute(delete(_CHUNKS).where(_CHUNKS.c.sha256 == digest))
        self.session.execute(delete(_BLOBS).where(_BLOBS.c.sha256 == digest))

    def clean_orphans(
        self,
        referenced: Iterable[str],
        *,
        grace_seconds: float = ORPHAN_GRACE_SECONDS,
        now: float | None = None,
    ) -> list[str]:
        """Delete content no evidence row refers to, stored before the grace period."""
        keep = set(referenced)
        at = datetime.now(UTC) if now is None else datetime.fromtimestamp(now, UTC)
        cutoff = at - timedelta(seconds=grace_seconds)
        old = self.session.scalars(select(_BLOBS.c.sha256).where(_BLOBS.c.created_at <= cutoff))
        removed: list[str] = []
        for digest in [d for d in old if d not in keep]:
            # re-checked in the DELETE: content attached again meanwhile got a fresh created_at
            gone = self.session.execute(
                delete(_BLOBS).where(_BLOBS.c.sha256 == digest, _BLOBS.c.created_at <= cutoff)
            )
            if cast(CursorResult[Any], gone).rowcount:
                self.session.execute(delete(_CHUNKS).where(_CHUNKS.c.sha256 == digest))
                removed.append(digest)
        return removed


def write_verified(chunks: Iterator[bytes], target: Path) -> None:
    """Write ``chunks`` (an ``iter_verified`` stream) to ``target`` through a temporary file
    beside it, renamed into place only once the stream ended without an error."""
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _changed(name: str) -> Exception:
    return invalid_evidence(
        f"Berkas '{name}' berubah saat disalin; coba lagi.",
        f"The file '{name}' changed while being copied; try again.",
    )
