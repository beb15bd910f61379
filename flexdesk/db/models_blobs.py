"""The shared evidence store and key material of a server database (migration 0700, branch
``attachment_store``).

On a PostgreSQL server every PC of the office must open every evidence file and export every
bundle, so the bytes cannot stay in one PC's data folder:

* ``attachment_blobs``: one row per stored content, keyed by its SHA-256 (content-addressed,
  so a file attached twice is stored once), with its size and how many chunks hold it;
* ``attachment_chunks``: the content in pieces of at most :data:`BLOB_CHUNK` bytes, so a
  50 MB file is written and read a piece at a time and never held in memory whole;
* ``office_key_material``: the office signing key's private half as encrypted PKCS#8 (the
  passphrase is never stored), so an admin can export from any PC (docs/evidence-and-keys.md).

The tables exist on both backends (one schema); a SQLite office (one PC) keeps its evidence in
the data folder. None of them carry SyncedMixin: they are storage, not office records, and
never travel in a bundle as rows (evidence travels as files).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from flexdesk.db.base import Base, UTCDateTime, utcnow

#: bytes per stored chunk (1 MiB: one round trip moves a useful amount, one chunk is small)
BLOB_CHUNK = 1024 * 1024


class AttachmentBlob(Base):
    """One stored evidence content; the row is written in the same transaction as its chunks,
    so a committed row always has every chunk."""

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    chunk_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AttachmentChunk(Base):
    """Chunk ``n`` (from 0) of the content ``sha256``."""

    __tablename__ = "attachment_chunks"

    sha256: Mapped[str] = mapped_column(
        ForeignKey("attachment_blobs.sha256", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class OfficeKeyMaterial(Base):
    """The encrypted private half of an office signing key, for a server database: usable on
    any PC after the passphrase, useless without it (the passphrase is never stored)."""

    __tablename__ = "office_key_material"

    key_id: Mapped[str] = mapped_column(String(80), primary_key=True)  # as sync_keys.key_id
    #: PKCS#8 PEM encrypted with the passphrase (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC; sync/crypto/keys)
    encrypted_pkcs8: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
