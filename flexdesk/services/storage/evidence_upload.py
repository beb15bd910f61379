"""Moving a PC's evidence folder into the server database (``flexdesk attachments upload``).

An office that ran on a PostgreSQL server before the shared store (migration 0700) has its
evidence in the data folder of whichever PC attached it. Each PC runs the upload once: every
file an evidence row refers to is streamed into the database store with its hash checked,
one transaction per file (a big folder is resumable: run again after an interruption). A file
whose content does not match its name is reported as damaged and not stored. Running it again
stores nothing new (idempotent). With ``remove=True`` a local file is deleted once the
database copy has been read back whole and hash-checked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from flexdesk.db.engine import Database
from flexdesk.errors import EvidenceDamaged, ValidationError
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.storage.attachments import AttachmentStore, referenced_digests
from flexdesk.services.storage.evidence_db import DatabaseStore

log = logging.getLogger(__name__)


@dataclass
class UploadResult:
    """What an upload did, per content hash."""

    uploaded: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # in the database before
    damaged: list[str] = field(default_factory=list)  # local file does not match its hash
    unreferenced: list[str] = field(default_factory=list)  # no evidence row: left alone
    removed: list[str] = field(default_factory=list)  # local copies deleted (remove=True)
    bytes_uploaded: int = 0


def upload_folder_evidence(
    db: Database,
    actor: Actor,
    folder: AttachmentStore,
    *,
    remove: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> UploadResult:
    """Store this PC's evidence files in the server database (admin; see the module doc)."""
    require(actor, Action.ATTACHMENT_CLEANUP)
    if db.is_sqlite:
        raise ValidationError(
            "Basis data ini berkas SQLite (satu PC): berkas bukti memang disimpan di folder "
            "data PC ini; tidak ada yang perlu diunggah.",
            message_en="This database is a SQLite file (one PC): evidence belongs in this PC's "
            "data folder; there is nothing to upload.",
        )
    with db.read_session() as session:
        wanted = referenced_digests(session)
    result = UploadResult()
    local = sorted(folder.digests())
    for i, digest in enumerate(local):
        if progress is not None:
            progress(i, len(local), digest[:12])
        if digest not in wanted:
            result.unreferenced.append(digest)
            continue
        _upload_one(db, folder, digest, result)
        if remove and digest not in result.damaged and _verified_in_database(db, digest):
            folder.remove(digest)
            result.removed.append(digest)
    log.info(
        "evidence upload: %d stored, %d already there, %d damaged",
        len(result.uploaded),
        len(result.already),
        len(result.damaged),
    )
    return result


def _upload_one(db: Database, folder: AttachmentStore, digest: str, result: UploadResult) -> None:
    path = folder.path_for(digest)
    try:
        with db.session() as session:
            if DatabaseStore(session).put_path(path, digest):
                result.uploaded.append(digest)
                result.bytes_uploaded += path.stat().st_size
            else:
                result.already.append(digest)
    except EvidenceDamaged:
        log.warning("evidence file %s in %s is damaged; not uploaded", digest[:12], folder.root)
        result.damaged.append(digest)


def _verified_in_database(db: Database, digest: str) -> bool:
    with db.read_session() as session:
        try:
            for _chunk in DatabaseStore(session).iter_verified(digest):
                pass
        except EvidenceDamaged:
            return False
    return True
