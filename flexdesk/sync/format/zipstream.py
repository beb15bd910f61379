"""Streaming the members of an untrusted zip: DEFLATE with the output capped at the declared
size, the CRC-32 and size check at each member's end, and the raw byte feed of
:meth:`~flexdesk.sync.format.ziphygiene.SafeZip.scan` (file hash and progress)."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from typing import Protocol

from flexdesk.sync._pipeline import CHUNK, SideThread
from flexdesk.sync.format.zipentries import ZipEntry, zip_rejected


class Hasher(Protocol):
    """What takes the raw bytes of the whole file (``hashlib`` objects)."""

    def update(self, data: bytes, /) -> None: ...


class Inflater:
    """Raw DEFLATE with the output capped at the declared size (streaming zip-bomb guard)."""

    def __init__(self, entry: ZipEntry) -> None:
        self.entry = entry
        self.d = zlib.decompressobj(-15)
        self.produced = 0

    def feed(self, raw: bytes) -> Iterator[bytes]:
        """The decompressed pieces of ``raw``, refusing output past the declared size."""
        data = raw
        try:
            while data and not self.d.eof:
                room = self.entry.file_size - self.produced + 1
                out = self.d.decompress(data, max(1, min(room, CHUNK)))
                self.produced += len(out)
                if self.produced > self.entry.file_size:
                    raise zip_rejected(
                        "zip-bomb",
                        self.entry.full_name,
                        "isi melebihi ukuran yang dinyatakan",
                        "content exceeds declared size",
                    )
                if out:
                    yield out
                data = self.d.unconsumed_tail
        except zlib.error as exc:
            raise zip_rejected(
                "hash-mismatch",
                self.entry.full_name,
                "data kompresi rusak",
                "corrupt compressed data",
            ) from exc
        if data:
            raise zip_rejected(
                "truncated", self.entry.full_name, "data setelah akhir kompresi", "data after end"
            )

    def finish(self) -> None:
        """Refuse a stream that ended early or has data after its end."""
        if not self.d.eof or self.d.unused_data:
            raise zip_rejected(
                "truncated",
                self.entry.full_name,
                "data kompresi tidak lengkap",
                "incomplete compressed data",
            )


def check_end(entry: ZipEntry, crc: int, produced: int) -> None:
    """A member's content, read to its end, has its declared size and CRC-32."""
    if produced != entry.file_size:
        raise zip_rejected("truncated", entry.full_name, "ukuran isi tidak sesuai", "size differs")
    if crc != entry.crc:
        raise zip_rejected(
            "hash-mismatch", entry.full_name, "CRC-32 tidak sesuai", "CRC-32 mismatch"
        )


class RawFeed:
    """Every raw byte of the file, in order: to the file hasher and the progress count.

    For members nobody else hashes (the CRC-only re-read after export) the file hash moves to
    the helper thread, so CRC and SHA-256 overlap on two cores; :meth:`settled` says the
    helper has been waited for.
    """

    def __init__(
        self,
        side: SideThread,
        file_hasher: Hasher | None,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.side = side
        self.file_hasher = file_hasher
        self.progress = progress
        self.done = 0
        self.hasher_on_side = False

    def __call__(self, data: bytes, *, on_side: bool = False) -> None:
        if self.file_hasher is not None:
            if on_side:
                self.side.submit(self.file_hasher.update, data)
                self.hasher_on_side = True
            else:
                if self.hasher_on_side:
                    self.side.wait()
                    self.hasher_on_side = False
                self.file_hasher.update(data)
        self.done += len(data)
        if self.progress is not None:
            self.progress(self.done)

    def settled(self) -> None:
        """The caller waited for the helper thread: the file hash is up to date."""
        self.hasher_on_side = False
