"""The audit trail as the admin sees it: list entries with filters, verify the chain.

``verify_audit_chain`` checks and names the row (or record) for each problem
(:mod:`.audit_findings` lists the kinds):

1. every row's ``hash`` matches its content and ``prev_hash`` (``hash``: a row edited in the
   file);
2. rows follow each other: ``seq`` from 1 without gaps and ``prev_hash`` equal to the previous
   row's hash (``gap``/``chain``: a row deleted from the middle, rows reordered or inserted);
3. the tables agree with the trail (:mod:`.audit_drift`): every record of every audited table
   has an audit history whose newest entry is its current content (``missing-audit``,
   ``drift``, ``deleted``, ``undeleted``); an empty trail while records exist is ``empty``;
4. the trail is not shorter than, and still holds, the heads recorded elsewhere
   (:mod:`.audit_anchors`: central's last receipt, exported bundles, backups):
   ``truncated``/``anchor``.

Limits, by design of a local file: someone with write access who rewrites the whole chain
consistently after the newest anchor (and edits the tables to match) is not caught here; the
next bundle then does not continue the head central acknowledged, which is where such a
rewrite shows (docs/audit.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from flexdesk.db.audit import GENESIS_HASH, decode_json, entry_hash
from flexdesk.db.models_audit import AuditEntry
from flexdesk.services.permissions import Action, Actor, require
from flexdesk.services.storage.audit_anchors import anchor_problems, collect_anchors
from flexdesk.services.storage.audit_drift import State, fold, record_count, table_drift
from flexdesk.services.storage.audit_findings import KINDS, Problem

BATCH = 2000

__all__ = [
    "KINDS",
    "AuditFilter",
    "AuditRow",
    "Problem",
    "list_entries",
    "verify",
    "verify_audit_chain",
]


@dataclass(frozen=True)
class AuditRow:
    """One audit trail row as the audit page lists it."""

    seq: int
    at: datetime
    actor_name: str
    actor_id: str | None
    entity: str
    entity_id: str
    op: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page filters on; empty fields do not filter."""

    entity: str = ""
    entity_id: str = ""
    actor_name: str = ""
    op: str = ""
    since: datetime | None = None
    until: datetime | None = None


def _iter_entries(session: Session) -> Any:
    last = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq).limit(BATCH)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def _entry_problems(entry: AuditEntry, expected_seq: int, prev_hash: str) -> list[Problem]:
    found: list[Problem] = []

    def add(kind: str, message: str, message_id: str) -> None:
        found.append(Problem(entry.seq, entry.entity, entry.entity_id, kind, message, message_id))

    if entry.seq != expected_seq:
        add(
            "gap",
            f"rows {expected_seq}..{entry.seq - 1} are missing",
            f"baris {expected_seq}..{entry.seq - 1} hilang",
        )
    if entry.prev_hash != prev_hash:
        add(
            "chain",
            "prev_hash does not match the previous row (a row was removed or changed)",
            "prev_hash tidak cocok dengan baris sebelumnya (ada baris yang dihapus atau diubah)",
        )
    actual = entry_hash(
        seq=entry.seq,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_name=entry.actor_name,
        entity=entry.entity,
        entity_id=entry.entity_id,
        op=entry.op,
        before=entry.before,
        after=entry.after,
        prev_hash=entry.prev_hash,
    )
    if actual != entry.hash:
        add(
            "hash",
            "content does not match its hash (the row was edited)",
            "isi baris tidak cocok dengan hash-nya (baris diubah)",
        )
    return found


def _after(entry: AuditEntry) -> dict[str, Any]:
    try:
        return decode_json(entry.after)
    except ValueError:  # an edited row: already reported as "hash"; fold nothing
        return {}


def verify_audit_chain(
    session: Session, *, check_tables: bool = True, backups: Path | None = None
) -> list[Problem]:
    """Every problem found in the audit trail (an empty list when it is intact).

    ``check_tables``: also cross-check the tables (3 above); ``backups``: the backups folder
    whose files serve as anchors (4; central's receipt and exported bundles always do)."""
    problems: list[Problem] = []
    state: State = {}
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    for entry in _iter_entries(session):
        problems.extend(_entry_problems(entry, expected_seq, prev_hash))
        expected_seq, prev_hash = entry.seq + 1, entry.hash
        count += 1
        if check_tables:
            fold(state, entry.entity, entry.entity_id, entry.seq, entry.op, after=_after(entry))
    problems.extend(anchor_problems(session, collect_anchors(session, backups), expected_seq - 1))
    drift, records = table_drift(session, state) if check_tables else ([], 0)
    if count == 0 and not check_tables:
        records = record_count(session)
    if count == 0 and records:
        problems.insert(
            0,
            Problem(
                None,
                "audit_log",
                "",
                "empty",
                f"the audit trail has no rows, but {records} records exist",
                f"jejak audit tidak berisi satu baris pun, padahal ada {records} rekaman",
            ),
        )
    return _guard_problems(session) + problems + drift


#: the triggers that make audit_log append-only (migration 0400), per backend
_GUARDS = {
    "sqlite": (
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'",
        {"audit_log_no_update", "audit_log_no_delete"},
    ),
    "postgresql": (
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND tgenabled <> 'D'",
        {"audit_log_append_only"},
    ),
}


def _guard_problems(session: Session) -> list[Problem]:
    """The append-only triggers dropped (the first step of editing the trail by hand): the
    trail may still be whole, but from then on anything with the file can rewrite it."""
    query, wanted = _GUARDS.get(session.get_bind().dialect.name, ("", set()))
    if not query:
        return []
    present = set(session.execute(text(query)).scalars())
    return [
        Problem(
            None,
            "audit_log",
            name,
            "unguarded",
            f"the trigger {name} that keeps the audit trail append-only is missing",
            f"pemicu {name} yang menjaga jejak audit hanya-tambah tidak ada",
        )
        for name in sorted(wanted - present)
    ]


def _to_row(entry: AuditEntry) -> AuditRow:
    from datetime import UTC

    return AuditRow(
        seq=entry.seq,
        at=datetime.fromisoformat(entry.at).replace(tzinfo=UTC),
        actor_name=entry.actor_name,
        actor_id=entry.actor_id,
        entity=entry.entity,
        entity_id=entry.entity_id,
        op=entry.op,
        before=decode_json(entry.before),
        after=decode_json(entry.after),
    )


def _iso(value: datetime) -> str:
    from datetime import UTC

    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def list_entries(
    session: Session,
    actor: Actor,
    flt: AuditFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
) -> list[AuditRow]:
    """Audit rows, newest first, matching ``flt`` (admin only)."""
    require(actor, Action.AUDIT_VIEW)
    flt = flt or AuditFilter()
    query = select(AuditEntry)
    if flt.entity:
        query = query.where(AuditEntry.entity == flt.entity)
    if flt.entity_id:
        query = query.where(AuditEntry.entity_id == flt.entity_id)
    if flt.actor_name:
        query = query.where(AuditEntry.actor_name == flt.actor_name)
    if flt.op:
        query = query.where(AuditEntry.op == flt.op)
    if flt.since is not None:
        query = query.where(AuditEntry.at >= _iso(flt.since))
    if flt.until is not None:
        query = query.where(AuditEntry.at < _iso(flt.until))
    query = query.order_by(AuditEntry.seq.desc()).offset(offset).limit(limit)
    return [_to_row(e) for e in session.scalars(query)]


def verify(session: Session, actor: Actor, backups: Path | None = None) -> list[Problem]:
    """``verify_audit_chain`` for the signed-in admin (the GUI's "check" button)."""
    require(actor, Action.AUDIT_VIEW)
    return verify_audit_chain(session, backups=backups)
