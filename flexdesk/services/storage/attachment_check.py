"""Checking an evidence file before anything is stored: the office's limits (size, allowed
types), a display name made safe from the untrusted one, and content that matches the
extension (a renamed program is not a PDF)."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from flexdesk.errors import ValidationError
from flexdesk.services.office import get_setting

CHUNK = 1024 * 1024
MAX_NAME_LENGTH = 200

#: media types of the extensions FlexDesk knows; an office may allow others (stored as
#: application/octet-stream, without a content check)
KNOWN_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "txt": "text/plain",
    "csv": "text/csv",
}

_ZIP = (b"PK\x03\x04",)
#: what the first bytes of a file of each known type look like
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
}


@dataclass(frozen=True)
class AttachmentLimits:
    """The office's size limit and allowed types for evidence files."""

    max_bytes: int
    allowed_types: frozenset[str]  # extensions, lower case, without the dot

    @property
    def max_mb(self) -> float:
        return self.max_bytes / (1024 * 1024)


def attachment_limits(session: Session) -> AttachmentLimits:
    """The office's size limit and type allow-list (settings ``attachment_max_mb`` and
    ``attachment_types``)."""
    max_mb = get_setting(session, "attachment_max_mb")
    types = get_setting(session, "attachment_types")
    mb = float(max_mb) if isinstance(max_mb, int | float | str) else 10.0
    allowed = types if isinstance(types, list) else []
    return AttachmentLimits(
        max_bytes=int(mb * 1024 * 1024),
        allowed_types=frozenset(str(t).lower().lstrip(".") for t in allowed),
    )


def safe_name(name: str) -> str:
    """A display name from an untrusted file name: the last path part only, no control
    characters or path separators, at most MAX_NAME_LENGTH characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = base.strip().strip(".") or "berkas"
    if len(base) > MAX_NAME_LENGTH:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME_LENGTH - len(ext) - 1] + dot + ext) if dot else base[:200]
    return base


def _extension(name: str) -> str:
    _stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot else ""


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks and may be stored."""

    source: Path
    name: str
    size: int
    media_type: str
    sha256: str


def invalid_evidence(message: str, message_en: str) -> ValidationError:
    """The refusal of an evidence file (field ``evidence``)."""
    return ValidationError(message, message_en=message_en, field="evidence")


def _stat(source: Path, name: str) -> os.stat_result:
    try:
        return source.stat()
    except FileNotFoundError:
        raise invalid_evidence(
            f"Berkas '{name}' tidak ditemukan; mungkin sudah dipindah atau dihapus.",
            f"The file '{name}' was not found; it may have been moved or deleted.",
        ) from None
    except OSError as exc:
        raise invalid_evidence(
            f"Berkas '{name}' tidak dapat dibaca ({exc.strerror}).",
            f"The file '{name}' cannot be read ({exc.strerror}).",
        ) from None
    except (ValueError, UnicodeError):  # NUL or an unencodable character in the path
        raise invalid_evidence(
            "Jalur berkas berisi karakter yang tidak dapat dipakai; ganti nama berkasnya.",
            "The file's path contains a character that cannot be used; rename the file.",
        ) from None


def check_file(source: Path, limits: AttachmentLimits) -> CheckedFile:
    """Refuse a missing, unreadable, oversized or disallowed file, before anything is stored."""
    name = safe_name(source.name)
    st = _stat(source, name)
    if not source.is_file():
        raise invalid_evidence(
            f"'{name}' bukan berkas biasa (folder atau perangkat tidak dapat dilampirkan).",
            f"'{name}' is not a regular file (folders and devices cannot be attached).",
        )
    ext = _extension(name)
    if ext not in limits.allowed_types:
        allowed = ", ".join(sorted(limits.allowed_types)) or "-"
        raise invalid_evidence(
            f"Jenis berkas '{name}' tidak diizinkan. Jenis yang diizinkan: {allowed}.",
            f"The file type of '{name}' is not allowed. Allowed types: {allowed}.",
        )
    if st.st_size > limits.max_bytes:
        raise invalid_evidence(
            f"Berkas '{name}' terlalu besar ({st.st_size / 1048576:.1f} MB); "
            f"maksimal {limits.max_mb:g} MB.",
            f"The file '{name}' is too large ({st.st_size / 1048576:.1f} MB); "
            f"at most {limits.max_mb:g} MB.",
        )
    if st.st_size == 0:
        raise invalid_evidence(f"Berkas '{name}' kosong.", f"The file '{name}' is empty.")
    try:
        with source.open("rb") as fh:
            head = fh.read(8192)
            digest = hashlib.sha256(head)
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise invalid_evidence(
            f"Berkas '{name}' tidak dapat dibaca ({exc.strerror}).",
            f"The file '{name}' cannot be read ({exc.strerror}).",
        ) from None
    if not _content_matches(ext, head):
        raise invalid_evidence(
            f"Isi berkas '{name}' tidak sesuai dengan jenisnya (.{ext}); berkas mungkin rusak "
            "atau diganti namanya.",
            f"The content of '{name}' does not match its type (.{ext}); the file may be "
            "damaged or renamed.",
        )
    media_type = KNOWN_TYPES.get(ext, "application/octet-stream")
    return CheckedFile(source, name, st.st_size, media_type, digest.hexdigest())


def _content_matches(ext: str, head: bytes) -> bool:
    if ext in _SIGNATURES:
        return head.startswith(_SIGNATURES[ext])
    if ext == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if ext in ("txt", "csv"):
        return b"\x00" not in head  # text, not a binary renamed .txt
    return True
