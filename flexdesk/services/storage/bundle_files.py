"""The history row of an exported bundle: what "sent" means in the database, shared by the
export itself and by the start-up reconciliation of an export that was cut off.

An export records its bundle as "exporting" (with the folder and container name it writes
to and the revisions it carries) before it writes a byte, and "sent" once the files are in
place. A process killed in between leaves the row "exporting";
:mod:`.bundle_reconcile` then finishes the bookkeeping from the files on disk with the same
functions as a normal export, so a receipt for such a bundle is accepted.

Here in storage rather than in services.sync because start-up (services.app, which the
capabilities themselves use) must reach it; the export in services.sync uses it from above.

A running export holds a lock (:func:`export_lock`) for as long as it runs, so start-up never
takes a live export for a dead one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete
from sqlalchemy.orm import Session

from flexdesk.db.models_sync import SyncBundle, SyncKey, SyncSentRecord
from flexdesk.instance_lock import InstanceLock
from flexdesk.paths import DataPaths
from flexdesk.sync.bundle import ChangeRecord
from flexdesk.sync.crypto import keys

#: ``progress(done, total, stage)`` of an export
Progress = Callable[[int, int, str], None]

log = logging.getLogger(__name__)

#: folder of the data folder holding one lock per running export (by process id)
EXPORT_LOCKS = ".exports-running"


@dataclass(frozen=True)
class SentFacts:
    """What the history keeps of a bundle whose files are in place (from the writer's result,
    or from the envelope and header read back at start-up)."""

    uuid: str
    container: Path
    size: int
    envelope_sha256: str
    record_count: int
    change_from: int
    change_to: int
    #: per-entity counts, attachments and reports; None where they cannot be read back (an
    #: encrypted bundle: the office has no key to open it), keeping what the export planned
    counts: dict[str, int] | None = None
    attachment_count: int | None = None
    report_count: int | None = None


def mark_sent(row: SyncBundle, facts: SentFacts) -> None:
    """Fill ``row`` as a finished export: status "sent", the container, its size and the
    envelope's hash (what :mod:`flexdesk.services.sync.receipts` matches a receipt against)."""
    row.status = "sent"
    row.error = ""
    row.uuid = facts.uuid
    row.file_name = facts.container.name
    row.folder = str(facts.container.parent)
    row.size = facts.size
    row.record_count = facts.record_count
    row.change_from = facts.change_from
    row.change_to = facts.change_to
    row.envelope_sha256 = facts.envelope_sha256
    if facts.counts is not None:
        row.counts = dict(facts.counts)
    if facts.attachment_count is not None:
        row.attachment_count = facts.attachment_count
    if facts.report_count is not None:
        row.report_count = facts.report_count


def switch_key(
    session: Session,
    *,
    office_id: str,
    old_key_id: str,
    new_public: Ed25519PublicKey,
    file_name: str,
    seq: int,
) -> None:
    """After a rotation bundle ``seq`` is out: the new key signs from ``seq + 1`` on (central
    trusts it from there once it applied this bundle)."""
    old_key = session.get(SyncKey, old_key_id)
    if old_key is not None:
        old_key.active = False
    session.flush()
    session.add(
        SyncKey(
            key_id=keys.key_id(new_public),
            fingerprint=keys.short_fingerprint(new_public),
            public_openssh=keys.public_key_openssh(new_public, comment=f"office-{office_id}"),
            active=True,
            valid_from_seq=seq + 1,
            private_key_file=file_name,
        )
    )


def mark_failed(session: Session, seq: int, text: str) -> None:
    """Bundle ``seq`` did not go out: "failed" with ``text``; the revisions it would have
    carried are forgotten (its number stays used up)."""
    row = session.get(SyncBundle, seq)
    if row is not None:
        row.status = "failed"
        row.error = text[:2000]
    session.execute(delete(SyncSentRecord).where(SyncSentRecord.bundle_seq == seq))


def console_safe(progress: Progress | None) -> Progress | None:
    """``progress`` that cannot fail the export: a console closed under ``flexdesk bundle
    export | head`` (BrokenPipeError) once marked a bundle "failed" after its files were in
    place. Reporting stops at the first such error; the export goes on."""
    if progress is None:
        return None
    broken: list[OSError] = []

    def report(done: int, total: int, stage: str) -> None:
        if broken:
            return
        try:
            progress(done, total, stage)
        except OSError as exc:
            broken.append(exc)
            log.warning("export progress can no longer be shown: %s", exc)

    return report


def record_planned(session: Session, seq: int, changes: Sequence[ChangeRecord]) -> None:
    """The revisions bundle ``seq`` carries, recorded with its reservation (promoted when a
    receipt acknowledges it; :mod:`flexdesk.services.sync.receipts`)."""
    session.add_all(
        SyncSentRecord(
            bundle_seq=seq,
            entity=c.entity,
            entity_id=c.id,
            rev=c.rev,
            change_seq=c.change_seq,
        )
        for c in changes
    )


def _locks_dir(paths: DataPaths) -> Path:
    return paths.root / EXPORT_LOCKS


@contextlib.contextmanager
def export_lock(paths: DataPaths) -> Iterator[None]:
    """Held while this process exports (an OS lock, so it dies with the process): start-up
    leaves "exporting" rows alone while any export lock is held."""
    folder = _locks_dir(paths) / str(os.getpid())
    lock = InstanceLock(folder)
    lock.acquire()  # a fresh folder per process id: nobody else holds it
    try:
        yield
    finally:
        lock.release()
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)


def exports_running(paths: DataPaths) -> bool:
    """True while another process holds an export lock of this data folder; stale locks (of
    killed processes) are removed on the way."""
    folder = _locks_dir(paths)
    if not folder.is_dir():
        return False
    running = False
    for entry in folder.iterdir():
        if entry.name == str(os.getpid()):
            running = True  # this very process is exporting (a restart inside the GUI)
            continue
        lock = InstanceLock(entry)
        if not entry.is_dir() or not lock.acquire():
            running = running or entry.is_dir()
            continue
        lock.release()
        with contextlib.suppress(OSError):
            shutil.rmtree(entry)
    return running
