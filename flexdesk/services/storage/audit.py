"""The audit trail as the admin sees it: list entries with filters, verify the chain.

``verify_audit_chain`` checks three things and names the row for each problem:

1. every row's ``hash`` matches its content and ``prev_hash`` (a row edited in the file);
2. rows follow each other: ``seq`` without gaps and ``prev_hash`` equal to the previous row's
   hash (a row deleted from the middle, rows reordered or inserted by hand);
3. the tables agree with the trail: folding each record's entries gives the values in the table
   (a data row edited, inserted or deleted in the file without going through FlexDesk).

Limits, by design of a local file: someone who rewrites the whole chain from the edited row on,
or cuts rows off its end, is not caught here; the sync bundles carry the chain head to the
central office, which is where such a rewrite shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.audit import (
    GENESIS_HASH,
    audited_classes,
    decode_json,
    entity_name,
    entry_hash,
    identity_text,
    row_values,
)
from flexdesk.db.models_audit import AuditEntry
from flexdesk.services.permissions import Action, Actor, require

BATCH = 2000


@dataclass(frozen=True)
class Problem:
    """One finding of ``verify_audit_chain``: which audit row (or record) and what is wrong."""

    seq: int | None  # the audit row concerned (None: a record with no audit row at all)
    entity: str
    entity_id: str
    kind: str  # hash | chain | gap | drift | missing-audit
    message: str

    def __str__(self) -> str:
        where = f"audit #{self.seq}" if self.seq is not None else "no audit row"
        return f"{where} {self.entity}/{self.entity_id}: {self.kind}: {self.message}"


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

    def add(kind: str, message: str) -> None:
        found.append(Problem(entry.seq, entry.entity, entry.entity_id, kind, message))

    if entry.seq != expected_seq:
        add("gap", f"rows {expected_seq}..{entry.seq - 1} are missing")
    if entry.prev_hash != prev_hash:
        add("chain", "prev_hash does not match the previous row (a row was removed or changed)")
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
        add("hash", "content does not match its hash (the row was edited)")
    return found


def verify_audit_chain(session: Session, *, check_tables: bool = True) -> list[Problem]:
    """Every problem found in the audit trail (an empty list when it is intact)."""
    problems: list[Problem] = []
    # (entity, id) -> (last seq, folded values or None when deleted)
    state: dict[tuple[str, str], tuple[int, dict[str, Any] | None]] = {}
    expected_seq, prev_hash = 1, GENESIS_HASH
    first_at: str | None = None
    for entry in _iter_entries(session):
        problems.extend(_entry_problems(entry, expected_seq, prev_hash))
        expected_seq, prev_hash = entry.seq + 1, entry.hash
        first_at = first_at or entry.at
        if not check_tables:
            continue
        key = (entry.entity, entry.entity_id)
        if entry.op == "delete":
            state[key] = (entry.seq, None)
            continue
        _, values = state.get(key, (0, None))
        folded = dict(values or {}) if entry.op == "update" else {}
        folded.update(decode_json(entry.after))
        state[key] = (entry.seq, folded)
    if check_tables:
        problems.extend(_table_drift(session, state, first_at))
    return problems


def _table_drift(
    session: Session,
    state: dict[tuple[str, str], tuple[int, dict[str, Any] | None]],
    first_at: str | None,
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for mapper in audited_classes(session):
        entity = entity_name(mapper)
        for obj in session.scalars(select(mapper.class_)).all():
            key = (entity, identity_text(mapper, obj))
            seen.add(key)
            seq, expected = state.get(key, (None, None))
            actual = row_values(mapper, obj)
            if seq is None:
                created = actual.get("created_at")
                # rows older than the trail (written before the audit migration) have none
                if first_at is not None and isinstance(created, str) and created >= first_at:
                    problems.append(
                        Problem(None, key[0], key[1], "missing-audit", "record has no audit row")
                    )
                continue
            if expected is None:
                problems.append(
                    Problem(seq, key[0], key[1], "drift", "record deleted in the trail exists")
                )
                continue
            changed = sorted(k for k in expected if k in actual and expected[k] != actual[k])
            if changed:
                problems.append(
                    Problem(
                        seq,
                        key[0],
                        key[1],
                        "drift",
                        "table differs from the audit trail in " + ", ".join(changed),
                    )
                )
        session.expunge_all()
    for key, (seq, values) in state.items():
        if values is not None and key not in seen and key[0] in _entities(session):
            problems.append(
                Problem(seq, key[0], key[1], "drift", "record in the audit trail is missing")
            )
    return problems


def _entities(session: Session) -> set[str]:
    return {entity_name(m) for m in audited_classes(session)}


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


def verify(session: Session, actor: Actor) -> list[Problem]:
    """``verify_audit_chain`` for the signed-in admin (the GUI's "check" button)."""
    require(actor, Action.AUDIT_VIEW)
    return verify_audit_chain(session)
