"""Reading untrusted zip files safely (bundles at central, receipts and reference data in the
office).

Python's ``zipfile`` parses the central directory well but does not protect a reader that
opens members itself, so :class:`SafeZip` uses it only for that parsing and then checks
everything in docs/bundle-format.md "Import hygiene" before any member is read:

- every name is UTF-8 (the zip UTF-8 flag, or plain ASCII), has no control characters, no
  backslash, no drive letter, is not absolute, has no ``..``/``.``/empty component, and lies
  inside the one top directory (``bad-name`` / ``path-traversal``);
- no symlinks or other non-regular entries (``symlink``);
- no two names equal after Unicode NFC and case folding (``duplicate-name``);
- only STORED and DEFLATED, no zip encryption (``unsupported-zip``);
- entry count, per-file size, total size and compression ratio are capped from the declared
  sizes *and* again while streaming, because the declared sizes can lie; entries may not
  overlap (the "overlapping files" zip bomb) nor run past the central directory
  (``zip-bomb`` / ``truncated``);
- every local header name equals its central directory name; the CRC-32 of every member is
  checked while it is read (``hash-mismatch``).

Names are only ever compared with names the caller expects; the reader never builds a file
system path from a name found in the archive.

The entry checks live in :mod:`~flexdesk.sync.format.zipentries`, the streaming pieces
(capped inflation, CRC check, the raw byte feed) in :mod:`~flexdesk.sync.format.zipstream`;
this module opens the archive, checks the local headers against the directory and reads.

Use::

    with SafeZip(path, limits=ZipLimits(), top="O042-000000017") as zf:
        names = zf.names()                 # relative to the top directory, files only
        data = zf.read("bundle.json", max_size=1 << 20)
        zf.scan({...}, file_hasher=...)    # one sequential pass over the whole file
"""

from __future__ import annotations

import hashlib
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from flexdesk.errors import Cancelled
from flexdesk.sync._errors import bundle_error
from flexdesk.sync._fs import open_regular, prefetch
from flexdesk.sync._pipeline import CHUNK, SideThread
from flexdesk.sync.format.zipentries import (
    GiB,
    ZipEntry,
    ZipLimits,
    check_name,
    directory_entries,
    stored_name,
    zip_rejected,
)
from flexdesk.sync.format.zipstream import Hasher, Inflater, RawFeed, check_end

_READ_AHEAD = 32 * 1024 * 1024


class SafeZip:
    """An untrusted zip opened with every hygiene check done up front."""

    def __init__(self, path: Path, *, limits: ZipLimits | None = None, top: str | None = None):
        self.path = path
        self.limits = limits or ZipLimits()
        try:
            self._fh: BinaryIO = open_regular(path)  # closed in close()
        except FileNotFoundError as exc:
            raise zip_rejected(
                "missing-file", path.name, "berkas tidak ada", "file missing"
            ) from exc
        except OSError as exc:  # a folder or FIFO under the name: never read it
            raise zip_rejected(
                "symlink", path.name, "bukan berkas biasa", "not a regular file"
            ) from exc
        self._prefetched = 0
        try:
            self.size = os.fstat(self._fh.fileno()).st_size
            self.top, self._entries, self._cd_start = self._load(top)
        except BaseException:
            self._fh.close()
            raise

    # --- opening -----------------------------------------------------------------------

    def _load(self, expected_top: str | None) -> tuple[str, dict[str, ZipEntry], int]:
        infos, cd_start = self._read_directory()
        if len(infos) > self.limits.max_entries:
            raise zip_rejected(
                "zip-bomb", self.path.name, "terlalu banyak entri", "too many entries"
            )
        entries, tops = directory_entries(infos, self.limits)
        if len(tops) > 1:
            raise zip_rejected(
                "path-traversal",
                ",".join(sorted(tops)),
                "lebih dari satu folder utama",
                "more than one top folder",
            )
        top = next(iter(tops)) if tops else (expected_top or "")
        if expected_top is not None and top != expected_top:
            raise zip_rejected(
                "path-traversal", top, "folder utama tidak sesuai", "unexpected top folder"
            )
        self._check_local_headers(entries, infos, cd_start)
        return top, entries, cd_start

    def _read_directory(self) -> tuple[list[zipfile.ZipInfo], int]:
        """The central directory as ``zipfile`` parses it, and where it starts; any parser
        failure on hostile bytes is a rejection."""
        head = self._fh.read(4)
        self._fh.seek(0)
        try:
            with zipfile.ZipFile(self._fh) as zf:
                return zf.infolist(), int(getattr(zf, "start_dir", self.size))
        except UnicodeDecodeError as exc:
            raise zip_rejected("bad-name", "?", "nama bukan UTF-8", "name is not UTF-8") from exc
        except NotImplementedError as exc:  # e.g. "zip file version 6.4"
            raise zip_rejected(
                "unsupported-zip",
                self.path.name,
                "fitur zip tidak didukung",
                f"unsupported zip feature: {exc}",
            ) from exc
        except Exception as exc:  # any parser failure on hostile bytes is a rejection
            code = "truncated" if head == b"PK\x03\x04" else "not-a-zip"
            raise bundle_error(
                code,
                f"Berkas zip rusak atau terpotong: {self.path.name} ({exc}).",
                f"Zip file damaged or truncated: {self.path.name} ({exc}).",
            ) from exc

    def _check_local_headers(
        self, entries: dict[str, ZipEntry], infos: Sequence[zipfile.ZipInfo], cd_start: int
    ) -> None:
        raw_names = {
            stored_name(i): i.orig_filename.encode("utf-8" if i.flag_bits & 0x800 else "cp437")
            for i in infos
        }
        ordered = sorted(entries.values(), key=lambda e: e.header_offset)
        for entry in ordered:
            if not 0 <= entry.header_offset < self.size:
                raise zip_rejected(
                    "truncated",
                    entry.full_name,
                    "posisi entri di luar arsip",
                    "entry offset outside the archive",
                )
            self._fh.seek(entry.header_offset)
            header = self._fh.read(30)
            if len(header) < 30 or header[:4] != b"PK\x03\x04":
                raise zip_rejected(
                    "truncated", entry.full_name, "header lokal hilang", "no local header"
                )
            name_len, extra_len = struct.unpack("<HH", header[26:30])
            local_name = self._fh.read(name_len)
            if local_name != raw_names[entry.full_name]:
                raise zip_rejected(
                    "bad-name",
                    entry.full_name,
                    "nama header lokal berbeda",
                    "local header name differs",
                )
            entry.data_offset = entry.header_offset + 30 + name_len + extra_len
        limit = min(cd_start, self.size)
        followers: list[ZipEntry | None] = [*ordered[1:], None] if ordered else []
        for current, following in zip(ordered, followers, strict=True):
            end = following.header_offset if following is not None else limit
            if current.data_end > limit:
                raise zip_rejected(
                    "truncated",
                    current.full_name,
                    "data melewati akhir arsip",
                    "data runs past the end",
                )
            if current.data_end > end:
                raise zip_rejected(
                    "zip-bomb", current.full_name, "entri bertumpuk", "overlapping entries"
                )

    # --- access ------------------------------------------------------------------------

    def names(self) -> set[str]:
        """Regular files, relative to the top directory."""
        return set(self._entries)

    def entry(self, name: str) -> ZipEntry:
        """The directory entry of the regular file ``name`` (KeyError if there is none)."""
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def _raw_chunks(self, entry: ZipEntry, chunk: int) -> Iterator[bytes]:
        self._fh.seek(entry.data_offset)
        remaining = entry.compress_size
        pos = entry.data_offset
        while remaining:
            if pos + chunk > self._prefetched:
                # keep the device busy reading the next stretch while we hash this one
                self._prefetched = pos + _READ_AHEAD
                prefetch(self._fh.fileno(), pos, _READ_AHEAD)
            data = self._fh.read(min(chunk, remaining))
            pos += len(data)
            if not data:
                raise zip_rejected("truncated", entry.full_name, "data terpotong", "data cut off")
            remaining -= len(data)
            yield data

    def iter_member(self, name: str, *, chunk: int = CHUNK) -> Iterator[bytes]:
        """Decompressed content of one member, CRC and size checked while streaming."""
        entry = self._entries[name]
        inflate = Inflater(entry) if entry.method == zipfile.ZIP_DEFLATED else None
        crc = 0
        produced = 0
        for raw in self._raw_chunks(entry, chunk):
            for out in inflate.feed(raw) if inflate else (raw,):
                crc = zlib.crc32(out, crc)
                produced += len(out)
                yield out
        if inflate:
            inflate.finish()
        check_end(entry, crc, produced)

    def read(self, name: str, *, max_size: int | None = None) -> bytes:
        """Whole member in memory (metadata files), refusing anything over ``max_size``."""
        entry = self._entries[name]
        cap = self.limits.max_metadata_size if max_size is None else max_size
        if entry.file_size > cap:
            raise zip_rejected(
                "zip-bomb",
                entry.full_name,
                "berkas metadata terlalu besar",
                "metadata file too large",
            )
        return b"".join(self.iter_member(name))

    def scan(
        self,
        consumers: Mapping[str, Sequence[Callable[[bytes], object]]],
        *,
        file_hasher: Hasher | None = None,
        progress: Callable[[int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> None:
        """Read the whole archive once, front to back.

        Every byte of the file goes to ``file_hasher`` (the SHA-256 the envelope signs); the
        decompressed content of each listed member goes to its consumers. The first consumer of
        each member runs on a helper thread (give it the SHA-512), the others on this one.
        ``progress`` gets the number of file bytes read so far.
        """
        side = SideThread()
        feed = RawFeed(side, file_hasher, progress)
        pos = 0
        ordered = sorted(self._entries.values(), key=lambda e: e.header_offset)
        with side:
            for entry in ordered:
                _check_cancel(is_cancelled)
                self._copy_plain(pos, entry.data_offset, feed)
                self._scan_member(entry, consumers.get(entry.name, ()), side, feed, is_cancelled)
                pos = entry.data_end
            self._copy_plain(pos, self.size, feed)

    def _copy_plain(self, start: int, end: int, feed: RawFeed) -> None:
        """Headers and directory between members: only hashed and counted."""
        self._fh.seek(start)
        remaining = end - start
        while remaining:
            data = self._fh.read(min(CHUNK, remaining))
            if not data:
                raise zip_rejected(
                    "truncated", self.path.name, "arsip terpotong", "archive cut off"
                )
            remaining -= len(data)
            feed(data)

    def _scan_member(
        self,
        entry: ZipEntry,
        sinks: Sequence[Callable[[bytes], object]],
        side: SideThread,
        feed: RawFeed,
        is_cancelled: Callable[[], bool] | None,
    ) -> None:
        """One member's content to its consumers (the first on the helper thread), checked
        against its CRC-32 and size at the end."""
        inflate = Inflater(entry) if entry.method == zipfile.ZIP_DEFLATED else None
        crc = 0
        produced = 0
        for raw in self._raw_chunks(entry, CHUNK):
            _check_cancel(is_cancelled)
            for out in inflate.feed(raw) if inflate else (raw,):
                if sinks:
                    # waits for the previous chunk's job, then overlaps with ours
                    side.submit(sinks[0], out)
                for sink in sinks[1:]:
                    sink(out)
                crc = zlib.crc32(out, crc)
                produced += len(out)
            feed(raw, on_side=not sinks)
        side.wait()
        feed.settled()
        if inflate:
            inflate.finish()
        check_end(entry, crc, produced)

    # --- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _check_cancel(is_cancelled: Callable[[], bool] | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()


def sha256_file(path: Path, *, progress: Callable[[int], None] | None = None) -> str:
    """Streaming SHA-256 of a file (hex)."""
    h = hashlib.sha256()
    done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done)
    return h.hexdigest()


__all__ = [
    "GiB",
    "SafeZip",
    "ZipEntry",
    "ZipLimits",
    "check_name",
    "sha256_file",
]
