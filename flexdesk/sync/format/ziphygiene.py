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

Use::

    with SafeZip(path, limits=ZipLimits(), top="O042-000000017") as zf:
        names = zf.names()                 # relative to the top directory, files only
        data = zf.read("bundle.json", max_size=1 << 20)
        zf.scan({...}, file_hasher=...)    # one sequential pass over the whole file
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Protocol

from flexdesk.errors import Cancelled
from flexdesk.sync._errors import bundle_error
from flexdesk.sync._fs import open_regular, prefetch
from flexdesk.sync._pipeline import CHUNK, SideThread

GiB = 1024**3
_READ_AHEAD = 32 * 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """Caps applied to an untrusted zip (declared values and while streaming)."""

    max_entries: int = 100_000
    max_entry_size: int = 16 * GiB
    max_total_size: int = 256 * GiB
    #: largest uncompressed/compressed ratio for a DEFLATED entry bigger than ratio_min_size
    max_ratio: float = 100.0
    ratio_min_size: int = 1024 * 1024
    max_name_bytes: int = 512
    #: largest metadata file read into memory (bundle.json, manifests, changes.ndjson)
    max_metadata_size: int = 512 * 1024 * 1024


class _Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


@dataclass
class ZipEntry:
    """One regular file in the archive (directory entries are skipped)."""

    name: str  # relative to the top directory
    full_name: str
    method: int
    compress_size: int
    file_size: int
    crc: int
    header_offset: int
    data_offset: int = -1

    @property
    def data_end(self) -> int:
        return self.data_offset + self.compress_size


def _err(code: str, name: str, why_id: str, why_en: str) -> Exception:
    return bundle_error(
        code,
        f"Arsip zip ditolak: {why_id} ({name!r}).",
        f"Zip archive rejected: {why_en} ({name!r}).",
    )


def check_name(raw: str, *, utf8_flag: bool, limits: ZipLimits) -> list[str]:
    """Validate one entry name; return its components (trailing '' for a directory)."""
    if not utf8_flag and any(ord(c) > 127 for c in raw):
        raise _err("bad-name", raw, "nama bukan UTF-8", "name is not UTF-8")
    if any(ord(c) < 32 or ord(c) == 127 for c in raw):
        raise _err("bad-name", raw, "nama berisi karakter kontrol", "control character in name")
    if len(raw.encode("utf-8")) > limits.max_name_bytes:
        raise _err("bad-name", raw, "nama terlalu panjang", "name too long")
    if "\\" in raw:
        raise _err("path-traversal", raw, "garis miring terbalik", "backslash in name")
    if raw.startswith("/") or (len(raw) >= 2 and raw[1] == ":"):
        raise _err("path-traversal", raw, "jalur absolut", "absolute path")
    parts = raw.split("/")
    body = parts[:-1] if parts[-1] == "" else parts
    if not body:
        raise _err("bad-name", raw, "nama kosong", "empty name")
    for part in body:
        if part == "..":
            raise _err("path-traversal", raw, "jalur keluar folder ('..')", "'..' in path")
        if part in ("", "."):
            raise _err("bad-name", raw, "komponen jalur kosong", "empty path component")
    return parts


def _decoded_ok(info: zipfile.ZipInfo) -> str:
    # zipfile cuts .filename at a NUL byte (and on Windows turns "\\" into "/");
    # orig_filename is the name exactly as stored, which is what must be checked
    return info.orig_filename


class SafeZip:
    """An untrusted zip opened with every hygiene check done up front."""

    def __init__(self, path: Path, *, limits: ZipLimits | None = None, top: str | None = None):
        self.path = path
        self.limits = limits or ZipLimits()
        try:
            self._fh: BinaryIO = open_regular(path)  # closed in close()
        except FileNotFoundError as exc:
            raise _err("missing-file", path.name, "berkas tidak ada", "file missing") from exc
        except OSError as exc:  # a folder or FIFO under the name: never read it
            raise _err("symlink", path.name, "bukan berkas biasa", "not a regular file") from exc
        self._prefetched = 0
        try:
            self.size = os.fstat(self._fh.fileno()).st_size
            self.top, self._entries, self._cd_start = self._load(top)
        except BaseException:
            self._fh.close()
            raise

    # --- opening -----------------------------------------------------------------------

    def _load(self, expected_top: str | None) -> tuple[str, dict[str, ZipEntry], int]:
        limits = self.limits
        head = self._fh.read(4)
        self._fh.seek(0)
        try:
            with zipfile.ZipFile(self._fh) as zf:
                infos = zf.infolist()
                cd_start = int(getattr(zf, "start_dir", self.size))
        except UnicodeDecodeError as exc:
            raise _err("bad-name", "?", "nama bukan UTF-8", "name is not UTF-8") from exc
        except NotImplementedError as exc:  # e.g. "zip file version 6.4"
            raise _err(
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
        if len(infos) > limits.max_entries:
            raise _err("zip-bomb", self.path.name, "terlalu banyak entri", "too many entries")
        seen: set[str] = set()
        tops: set[str] = set()
        entries: dict[str, ZipEntry] = {}
        total = 0
        for info in infos:
            raw = _decoded_ok(info)
            parts = check_name(raw, utf8_flag=bool(info.flag_bits & 0x800), limits=limits)
            key = unicodedata.normalize("NFC", raw.rstrip("/")).casefold()
            if key in seen:
                raise _err("duplicate-name", raw, "nama ganda", "duplicate name")
            seen.add(key)
            tops.add(parts[0])
            mode = info.external_attr >> 16
            is_dir = raw.endswith("/")
            if info.create_system == 3 and mode:
                kind = stat.S_IFMT(mode)
                if kind == stat.S_IFLNK:
                    raise _err("symlink", raw, "tautan simbolik", "symbolic link")
                if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                    raise _err("symlink", raw, "bukan berkas biasa", "not a regular file")
                if kind == stat.S_IFDIR and not is_dir:
                    raise _err("symlink", raw, "bukan berkas biasa", "not a regular file")
            if info.flag_bits & 0x41:
                raise _err("unsupported-zip", raw, "entri terenkripsi", "encrypted entry")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _err(
                    "unsupported-zip", raw, "metode kompresi tidak didukung", "unsupported method"
                )
            if is_dir:
                if info.file_size or info.compress_size:
                    raise _err("bad-name", raw, "folder berisi data", "directory with data")
                continue
            if len(parts) < 2:
                raise _err("path-traversal", raw, "di luar folder utama", "outside the top folder")
            if info.file_size > limits.max_entry_size:
                raise _err("zip-bomb", raw, "berkas terlalu besar", "entry too large")
            total += info.file_size
            if total > limits.max_total_size:
                raise _err("zip-bomb", raw, "isi arsip terlalu besar", "archive too large")
            if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
                raise _err("bad-name", raw, "ukuran tidak konsisten", "inconsistent sizes")
            if (
                info.compress_type == zipfile.ZIP_DEFLATED
                and info.file_size > limits.ratio_min_size
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)
            ):
                raise _err("zip-bomb", raw, "rasio kompresi berlebihan", "compression ratio")
            name = "/".join(parts[1:])
            entries[name] = ZipEntry(
                name=name,
                full_name=raw,
                method=info.compress_type,
                compress_size=info.compress_size,
                file_size=info.file_size,
                crc=info.CRC,
                header_offset=info.header_offset,
            )
        if len(tops) > 1:
            raise _err(
                "path-traversal",
                ",".join(sorted(tops)),
                "lebih dari satu folder utama",
                "more than one top folder",
            )
        top = next(iter(tops)) if tops else (expected_top or "")
        if expected_top is not None and top != expected_top:
            raise _err("path-traversal", top, "folder utama tidak sesuai", "unexpected top folder")
        self._check_local_headers(entries, infos, cd_start)
        return top, entries, cd_start

    def _check_local_headers(
        self, entries: dict[str, ZipEntry], infos: Sequence[zipfile.ZipInfo], cd_start: int
    ) -> None:
        raw_names = {
            _decoded_ok(i): i.orig_filename.encode("utf-8" if i.flag_bits & 0x800 else "cp437")
            for i in infos
        }
        ordered = sorted(entries.values(), key=lambda e: e.header_offset)
        for entry in ordered:
            if not 0 <= entry.header_offset < self.size:
                raise _err(
                    "truncated",
                    entry.full_name,
                    "posisi entri di luar arsip",
                    "entry offset outside the archive",
                )
            self._fh.seek(entry.header_offset)
            header = self._fh.read(30)
            if len(header) < 30 or header[:4] != b"PK\x03\x04":
                raise _err("truncated", entry.full_name, "header lokal hilang", "no local header")
            name_len, extra_len = struct.unpack("<HH", header[26:30])
            local_name = self._fh.read(name_len)
            if local_name != raw_names[entry.full_name]:
                raise _err(
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
                raise _err(
                    "truncated",
                    current.full_name,
                    "data melewati akhir arsip",
                    "data runs past the end",
                )
            if current.data_end > end:
                raise _err("zip-bomb", current.full_name, "entri bertumpuk", "overlapping entries")

    # --- access ------------------------------------------------------------------------

    def names(self) -> set[str]:
        """Regular files, relative to the top directory."""
        return set(self._entries)

    def entry(self, name: str) -> ZipEntry:
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
                raise _err("truncated", entry.full_name, "data terpotong", "data cut off")
            remaining -= len(data)
            yield data

    def iter_member(self, name: str, *, chunk: int = CHUNK) -> Iterator[bytes]:
        """Decompressed content of one member, CRC and size checked while streaming."""
        entry = self._entries[name]
        inflate = _Inflater(entry) if entry.method == zipfile.ZIP_DEFLATED else None
        crc = 0
        produced = 0
        for raw in self._raw_chunks(entry, chunk):
            for out in inflate.feed(raw) if inflate else (raw,):
                crc = zlib.crc32(out, crc)
                produced += len(out)
                yield out
        if inflate:
            inflate.finish()
        _check_end(entry, crc, produced)

    def read(self, name: str, *, max_size: int | None = None) -> bytes:
        """Whole member in memory (metadata files), refusing anything over ``max_size``."""
        entry = self._entries[name]
        cap = self.limits.max_metadata_size if max_size is None else max_size
        if entry.file_size > cap:
            raise _err(
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
        file_hasher: _Hasher | None = None,
        progress: Callable[[int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> None:
        """Read the whole archive once, front to back.

        Every byte of the file goes to ``file_hasher`` (the SHA-256 the envelope signs); the
        decompressed content of each listed member goes to its consumers. The first consumer of
        each member runs on a helper thread (give it the SHA-512), the others on this one.
        ``progress`` gets the number of file bytes read so far.
        """
        fh = self._fh
        pos = 0
        done = 0

        side = SideThread()
        hasher_on_side = False

        def feed_raw(data: bytes, *, on_side: bool = False) -> None:
            # the file hash moves to the helper thread for members nobody else hashes
            # (CRC-only re-read after export), so CRC and SHA-256 overlap on two cores
            nonlocal done, hasher_on_side
            if file_hasher is not None:
                if on_side:
                    side.submit(file_hasher.update, data)
                    hasher_on_side = True
                else:
                    if hasher_on_side:
                        side.wait()
                        hasher_on_side = False
                    file_hasher.update(data)
            done += len(data)
            if progress is not None:
                progress(done)

        def copy_plain(start: int, end: int) -> None:
            fh.seek(start)
            remaining = end - start
            while remaining:
                data = fh.read(min(CHUNK, remaining))
                if not data:
                    raise _err("truncated", self.path.name, "arsip terpotong", "archive cut off")
                remaining -= len(data)
                feed_raw(data)

        ordered = sorted(self._entries.values(), key=lambda e: e.header_offset)
        with side:
            for entry in ordered:
                if is_cancelled is not None and is_cancelled():
                    raise Cancelled()
                copy_plain(pos, entry.data_offset)
                sinks = consumers.get(entry.name, ())
                inflate = _Inflater(entry) if entry.method == zipfile.ZIP_DEFLATED else None
                crc = 0
                produced = 0
                for raw in self._raw_chunks(entry, CHUNK):
                    if is_cancelled is not None and is_cancelled():
                        raise Cancelled()
                    for out in inflate.feed(raw) if inflate else (raw,):
                        if sinks:
                            # waits for the previous chunk's job, then overlaps with ours
                            side.submit(sinks[0], out)
                        for sink in sinks[1:]:
                            sink(out)
                        crc = zlib.crc32(out, crc)
                        produced += len(out)
                    feed_raw(raw, on_side=not sinks)
                side.wait()
                hasher_on_side = False
                if inflate:
                    inflate.finish()
                _check_end(entry, crc, produced)
                pos = entry.data_end
            copy_plain(pos, self.size)

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


class _Inflater:
    """Raw DEFLATE with the output capped at the declared size (streaming zip-bomb guard)."""

    def __init__(self, entry: ZipEntry) -> None:
        self.entry = entry
        self.d = zlib.decompressobj(-15)
        self.produced = 0

    def feed(self, raw: bytes) -> Iterator[bytes]:
        data = raw
        try:
            while data and not self.d.eof:
                room = self.entry.file_size - self.produced + 1
                out = self.d.decompress(data, max(1, min(room, CHUNK)))
                self.produced += len(out)
                if self.produced > self.entry.file_size:
                    raise _err(
                        "zip-bomb",
                        self.entry.full_name,
                        "isi melebihi ukuran yang dinyatakan",
                        "content exceeds declared size",
                    )
                if out:
                    yield out
                data = self.d.unconsumed_tail
        except zlib.error as exc:
            raise _err(
                "hash-mismatch",
                self.entry.full_name,
                "data kompresi rusak",
                "corrupt compressed data",
            ) from exc
        if data:
            raise _err(
                "truncated", self.entry.full_name, "data setelah akhir kompresi", "data after end"
            )

    def finish(self) -> None:
        if not self.d.eof or self.d.unused_data:
            raise _err(
                "truncated",
                self.entry.full_name,
                "data kompresi tidak lengkap",
                "incomplete compressed data",
            )


def _check_end(entry: ZipEntry, crc: int, produced: int) -> None:
    if produced != entry.file_size:
        raise _err("truncated", entry.full_name, "ukuran isi tidak sesuai", "size differs")
    if crc != entry.crc:
        raise _err("hash-mismatch", entry.full_name, "CRC-32 tidak sesuai", "CRC-32 mismatch")


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
