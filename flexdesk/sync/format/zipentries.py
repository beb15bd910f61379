"""The central directory of an untrusted zip, checked entry by entry before any member is read
(docs/bundle-format.md "Import hygiene"): names, entry kinds, encryption and methods, declared
sizes and ratios. Used by :class:`flexdesk.sync.format.ziphygiene.SafeZip`."""

from __future__ import annotations

import stat
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from flexdesk.errors import BundleError
from flexdesk.sync._errors import bundle_error

GiB = 1024**3


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
        """Offset just past the member's (compressed) data."""
        return self.data_offset + self.compress_size


def zip_rejected(code: str, name: str, why_id: str, why_en: str) -> BundleError:
    """BundleError ``code`` for the entry (or archive) ``name``, saying why in both languages."""
    return bundle_error(
        code,
        f"Arsip zip ditolak: {why_id} ({name!r}).",
        f"Zip archive rejected: {why_en} ({name!r}).",
    )


def stored_name(info: zipfile.ZipInfo) -> str:
    """The entry name exactly as stored, which is what must be checked."""
    # zipfile cuts .filename at a NUL byte (and on Windows turns "\\" into "/");
    # orig_filename is the name exactly as stored
    return info.orig_filename


def check_name(raw: str, *, utf8_flag: bool, limits: ZipLimits) -> list[str]:
    """Validate one entry name; return its components (trailing '' for a directory)."""
    if not utf8_flag and any(ord(c) > 127 for c in raw):
        raise zip_rejected("bad-name", raw, "nama bukan UTF-8", "name is not UTF-8")
    if any(ord(c) < 32 or ord(c) == 127 for c in raw):
        raise zip_rejected(
            "bad-name", raw, "nama berisi karakter kontrol", "control character in name"
        )
    if len(raw.encode("utf-8")) > limits.max_name_bytes:
        raise zip_rejected("bad-name", raw, "nama terlalu panjang", "name too long")
    if "\\" in raw:
        raise zip_rejected("path-traversal", raw, "garis miring terbalik", "backslash in name")
    if raw.startswith("/") or (len(raw) >= 2 and raw[1] == ":"):
        raise zip_rejected("path-traversal", raw, "jalur absolut", "absolute path")
    parts = raw.split("/")
    body = parts[:-1] if parts[-1] == "" else parts
    if not body:
        raise zip_rejected("bad-name", raw, "nama kosong", "empty name")
    for part in body:
        if part == "..":
            raise zip_rejected("path-traversal", raw, "jalur keluar folder ('..')", "'..' in path")
        if part in ("", "."):
            raise zip_rejected("bad-name", raw, "komponen jalur kosong", "empty path component")
    return parts


def directory_entries(
    infos: Sequence[zipfile.ZipInfo], limits: ZipLimits
) -> tuple[dict[str, ZipEntry], set[str]]:
    """The regular files of the central directory by name (relative to the top folder), every
    entry checked, and the top folder names seen."""
    seen: set[str] = set()
    tops: set[str] = set()
    entries: dict[str, ZipEntry] = {}
    total = 0
    for info in infos:
        raw = stored_name(info)
        parts = check_name(raw, utf8_flag=bool(info.flag_bits & 0x800), limits=limits)
        key = unicodedata.normalize("NFC", raw.rstrip("/")).casefold()
        if key in seen:
            raise zip_rejected("duplicate-name", raw, "nama ganda", "duplicate name")
        seen.add(key)
        tops.add(parts[0])
        _check_kind(info, raw)
        if raw.endswith("/"):
            if info.file_size or info.compress_size:
                raise zip_rejected("bad-name", raw, "folder berisi data", "directory with data")
            continue
        if len(parts) < 2:
            raise zip_rejected(
                "path-traversal", raw, "di luar folder utama", "outside the top folder"
            )
        if info.file_size > limits.max_entry_size:
            raise zip_rejected("zip-bomb", raw, "berkas terlalu besar", "entry too large")
        total += info.file_size
        if total > limits.max_total_size:
            raise zip_rejected("zip-bomb", raw, "isi arsip terlalu besar", "archive too large")
        _check_sizes(info, raw, limits)
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
    return entries, tops


def _check_kind(info: zipfile.ZipInfo, raw: str) -> None:
    """A regular file or a folder, not encrypted, STORED or DEFLATED."""
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode:
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            raise zip_rejected("symlink", raw, "tautan simbolik", "symbolic link")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise zip_rejected("symlink", raw, "bukan berkas biasa", "not a regular file")
        if kind == stat.S_IFDIR and not raw.endswith("/"):
            raise zip_rejected("symlink", raw, "bukan berkas biasa", "not a regular file")
    if info.flag_bits & 0x41:
        raise zip_rejected("unsupported-zip", raw, "entri terenkripsi", "encrypted entry")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise zip_rejected(
            "unsupported-zip", raw, "metode kompresi tidak didukung", "unsupported method"
        )


def _check_sizes(info: zipfile.ZipInfo, raw: str, limits: ZipLimits) -> None:
    """Declared sizes that agree (STORED) and a plausible compression ratio (DEFLATED)."""
    if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        raise zip_rejected("bad-name", raw, "ukuran tidak konsisten", "inconsistent sizes")
    if (
        info.compress_type == zipfile.ZIP_DEFLATED
        and info.file_size > limits.ratio_min_size
        and info.file_size > limits.max_ratio * max(info.compress_size, 1)
    ):
        raise zip_rejected("zip-bomb", raw, "rasio kompresi berlebihan", "compression ratio")
