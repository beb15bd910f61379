"""The flush hook that keeps ``last_edits`` (models_concurrency.py): for every updated or
deleted synced row, the revision it now has, who changed it, on which PC and when.

Kept beside the audit trail rather than derived from it because the trail has no PC column
(and its hash recipe is published); written in ``after_flush``, when ``rev`` and ``updated_at``
already carry the new values (flexdesk.db.base), in the same transaction as the change, so the
row and its "last edited by" commit or roll back together. One upsert per flush for all rows.

The PC's name: ``FLEXDESK_PC_NAME`` in the environment, else the first line of ``pc-name.txt``
in the data folder (an office that names its PCs "TU-1", "Kasubag"), else the host name.
"""

from __future__ import annotations

import os
import socket
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, event, insert, inspect, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from flexdesk.db.audit import SYSTEM_ACTOR, entity_name, identity_text
from flexdesk.db.base import SyncedMixin, utcnow
from flexdesk.db.models_concurrency import LastEdit

ENV_PC_NAME = "FLEXDESK_PC_NAME"
PC_NAME_FILE = "pc-name.txt"
WORKSTATION = "workstation"  # Session.info key: overrides the PC name (tests, a server job)
_DATA_ROOT = "data_root"  # flexdesk.db.engine.DATA_ROOT (engine imports this module)

#: entities whose *creation* can conflict, so their inserts are recorded too: a grid cell
#: read empty on one PC and filled on another meanwhile (every other form edits a row that
#: existed when it was read, so only its updates matter)
RECORD_INSERTS = frozenset({"schedule_entry"})

_has_table: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


@lru_cache(maxsize=8)
def _configured_pc_name(data_root: str | None) -> str:
    if data_root:
        try:
            for line in (Path(data_root) / PC_NAME_FILE).read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    return line.strip()
        except (OSError, UnicodeDecodeError):
            pass
    return socket.gethostname() or "?"


def workstation_name(session: Session) -> str:
    """The name of the PC this session's changes are made on."""
    name = session.info.get(WORKSTATION) or os.environ.get(ENV_PC_NAME, "").strip()
    if not name:
        root = session.info.get(_DATA_ROOT)
        name = _configured_pc_name(str(root) if root is not None else None)
    return str(name)[:100]


def actor_label(session: Session) -> str:
    actor = session.info.get("actor")
    name = getattr(actor, "display_name", "") or getattr(actor, "username", "")
    return str(name or SYSTEM_ACTOR)[:60]


def _table_present(session: Session) -> bool:
    conn = session.connection()
    if _has_table.get(conn.engine):
        return True
    present = inspect(conn).has_table(LastEdit.__tablename__)
    if present:
        _has_table[conn.engine] = True
    return present


def _upsert(session: Session, rows: list[dict[str, Any]]) -> None:
    conn = session.connection()
    name = conn.dialect.name
    if name in ("sqlite", "postgresql"):
        ins = (sqlite if name == "sqlite" else postgresql).insert(LastEdit)
        stmt = ins.on_conflict_do_update(
            index_elements=["entity", "entity_id"],
            set_={c: ins.excluded[c] for c in ("rev", "actor_name", "workstation", "at")},
        )
        conn.execute(stmt, rows)
        return
    keys = [(r["entity"], r["entity_id"]) for r in rows]  # any other backend: two statements
    conn.execute(delete(LastEdit).where(tuple_(LastEdit.entity, LastEdit.entity_id).in_(keys)))
    conn.execute(insert(LastEdit), rows)


@event.listens_for(Session, "after_flush")
def _record_last_edits(session: Session, _ctx: Any) -> None:
    updated = [
        o
        for o in session.dirty
        if isinstance(o, SyncedMixin) and session.is_modified(o, include_collections=False)
    ]
    updated += [
        o
        for o in session.new
        if isinstance(o, SyncedMixin) and getattr(o, "__entity__", "") in RECORD_INSERTS
    ]
    deleted = [o for o in session.deleted if isinstance(o, SyncedMixin)]
    if not (updated or deleted) or not _table_present(session):
        return
    who, where, now = actor_label(session), workstation_name(session), utcnow()
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    # a deletion is recorded too, with the tombstone's revision: a grid cell emptied on
    # another PC is refused with who emptied it (flexdesk.services.schedule.cells)
    changed = [(o, o.rev, o.updated_at) for o in updated]
    changed += [(o, (o.rev or 0) + 1, now) for o in deleted]
    for obj, rev, at in changed:
        mapper = inspect(obj).mapper
        key = (entity_name(mapper), identity_text(mapper, obj))
        rows[key] = {
            "entity": key[0],
            "entity_id": key[1],
            "rev": rev,
            "actor_name": who,
            "workstation": where,
            "at": at or now,
        }
    _upsert(session, list(rows.values()))
