"""The evidence files a bundle carries, from whichever store holds the office's evidence.

The bundle writer copies files by path and checks each against its SHA-256 while copying. On
SQLite those are the data folder's own files. On a server database the bytes are in the
database: each file is streamed a chunk at a time into ``cache/export`` of this PC's data
folder, its hash checked after the last chunk (a damaged blob refuses the export with
:class:`~flexdesk.errors.EvidenceDamaged` before anything is signed), and the folder is
emptied when the export ends, whatever way it ends. So any PC of the office can export.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flexdesk.db.engine import Database
from flexdesk.errors import BundleError
from flexdesk.paths import DataPaths
from flexdesk.services.storage.attachments import AttachmentStore, evidence_store
from flexdesk.services.storage.evidence_db import write_verified
from flexdesk.services.storage.evidence_types import EvidenceStore
from flexdesk.services.sync.collect import attachment_sources
from flexdesk.sync.format.model import AttachmentSource

STAGING = "export"


@contextmanager
def evidence_sources(
    db: Database,
    paths: DataPaths,
    wanted: dict[str, str],
    *,
    progress: Callable[[int, int, str], None] | None = None,
) -> Iterator[list[AttachmentSource]]:
    """The files for ``wanted`` (sha256 -> extension), valid inside the ``with`` block."""
    folder = AttachmentStore(paths.attachments)
    staging = paths.cache / STAGING
    staged = False
    try:
        with db.read_session() as session:
            store = evidence_store(session, folder)
            if store.kind == "folder":
                sources = attachment_sources(folder.root, wanted, folder.path_for)
            else:
                staged = True
                shutil.rmtree(staging, ignore_errors=True)  # a killed export's leftovers
                sources = _stage(store, wanted, staging, progress)
        yield sources
    finally:
        if staged:
            shutil.rmtree(staging, ignore_errors=True)


def _stage(
    store: EvidenceStore,
    wanted: dict[str, str],
    staging: Path,
    progress: Callable[[int, int, str], None] | None,
) -> list[AttachmentSource]:
    """Every wanted file streamed from ``store`` into ``staging``, each hash checked."""
    absent = [sha for sha in sorted(wanted) if not store.exists(sha)]
    if absent:
        short = ", ".join(m[:12] + "…" for m in absent[:5])
        raise BundleError(
            f"{len(absent)} berkas bukti tidak ada di basis data server: {short}. Jalankan "
            "'flexdesk attachments upload' di PC yang menyimpan berkas itu di folder datanya, "
            "lalu ekspor lagi.",
            code="missing-file",
            message_en=f"{len(absent)} evidence files are missing from the server database: "
            f"{short}. Run 'flexdesk attachments upload' on the PC whose data folder holds "
            "them, then export again.",
        )
    staging.mkdir(parents=True, exist_ok=True)
    sources: list[AttachmentSource] = []
    for i, (sha, ext) in enumerate(sorted(wanted.items())):
        if progress is not None:
            progress(i, len(wanted), "collect")
        path = staging / f"{sha}.{ext}"
        write_verified(store.iter_verified(sha), path)
        sources.append(AttachmentSource(sha, ext, path))
    return sources
