"""File helpers of the folder evidence store: copying a checked file in with the hash computed
while copying, temporary files in the store, hashing a stored file, fsync of a folder (so a
rename survives a power cut)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flexdesk.services.storage.attachment_check import CHUNK, CheckedFile, invalid_evidence


def copy_in(checked: CheckedFile, fd: int, limit: int) -> int:
    """Copy ``checked.source`` into the temporary file open as ``fd`` and fsync it; returns the
    bytes copied. Refuses a file that grew past ``limit`` or changed since it was checked."""
    digest = hashlib.sha256()
    size = 0
    with os.fdopen(fd, "wb") as out:
        try:
            with checked.source.open("rb") as src:
                while chunk := src.read(CHUNK):
                    size += len(chunk)
                    if size > limit:  # the file grew after it was checked
                        raise invalid_evidence(
                            f"Berkas '{checked.name}' berubah saat disalin; coba lagi.",
                            f"The file '{checked.name}' changed while being copied; try again.",
                        )
                    digest.update(chunk)
                    out.write(chunk)
        except OSError as exc:
            raise invalid_evidence(
                f"Berkas '{checked.name}' tidak dapat dibaca ({exc.strerror}).",
                f"The file '{checked.name}' cannot be read ({exc.strerror}).",
            ) from None
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != checked.sha256:  # changed between the check and the copy
        raise invalid_evidence(
            f"Berkas '{checked.name}' berubah saat disalin; coba lagi.",
            f"The file '{checked.name}' changed while being copied; try again.",
        )
    return size


def mkstemp(folder: Path) -> tuple[int, str]:
    """A temporary file in the store's own folder (same file system: the rename is atomic)."""
    import tempfile

    return tempfile.mkstemp(prefix="in-", suffix=".part", dir=folder)


def file_digest(path: Path) -> str:
    """The SHA-256 of a stored file, read a chunk at a time."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder for fsync)."""
    if os.name != "posix":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
