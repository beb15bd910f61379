"""Who changed a row last, from which PC and when: what a refused stale save shows.

A save made from a form or grid cell that read an older revision of the row is refused
(:class:`flexdesk.errors.StaleEdit`, optimistic concurrency). "Changed by NAME on PC at TIME"
needs the PC, which the audit trail does not keep (adding it there would change the published
hash recipe of ``audit_log``), so this table keeps one row per edited row: the newest update's
revision, user name, workstation and time. Written by the flush hook in
:mod:`flexdesk.db.concurrency`; only updates and deletions are recorded (a form edits a row
that existed when it was read, so a conflict is against a later change, not its creation),
plus the creation of grid cells (a cell read empty can be filled on another PC), so inserting
thousands of imported logs or employees costs nothing here. Local bookkeeping, not synced: bundles and receivers never see it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from flexdesk.db.base import Base, UTCDateTime


class LastEdit(Base):
    __tablename__ = "last_edits"

    #: the row's entity name as the audit trail spells it (``__entity__`` or the table name)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    #: the revision the recorded change produced (a deletion: the tombstone's); older than the row's: the row was changed
    #: by a path that skips the hook (then the audit trail answers who and when)
    rev: Mapped[int] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(60))
    #: the PC's name (``FLEXDESK_PC_NAME``, ``pc-name.txt`` in the data folder, else hostname)
    workstation: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
