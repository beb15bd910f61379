"""The session hook that writes the audit trail (``audit_log``, see models_audit.py).

Generic on purpose: every mapped class with :class:`SyncedMixin` (so each capability's tables,
as they land) and the office settings are audited without registering anything. The acting
user comes from ``session.info["actor"]`` (set by ``services.app.Services``); writes made
without one (first-run setup, demo data, migrations, sign-in bookkeeping) are recorded as
"system".

What is stored: an insert records every column; an update records the old and new value of
each changed column; a delete records the row as it was. Values are canonical JSON (dates as
ISO text, binary data as its SHA-256 and size, never the bytes) in the one recipe of
:mod:`flexdesk.sync.format.canonical`; NaN and infinities are refused there (ValueError), so a
float that is not a number never reaches the trail as ``NaN``/``Infinity``.

Secrets are never stored: a column whose name mentions a password, secret, private key, token,
salt, hash or key (``password_hash``, ``signing_key``...) is recorded as ``"sha256:<digest of
the value>"``, enough to notice that it changed (and to compare with the table) but useless for
cracking. Exempt are primary keys (``settings.key`` names a setting) and *content* hashes, which
are public addresses of evidence files: columns named in :data:`CLEAR_COLUMNS` or in a model's
``__audit_clear__``.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, event, insert, inspect, select
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.orm.base import NO_VALUE

from flexdesk.db.base import SyncedMixin, utcnow
from flexdesk.db.models import Setting
from flexdesk.db.models_audit import AuditEntry
from flexdesk.errors import ValidationError

# the hash recipe is part of the published bundle format (pure, shared with receivers)
from flexdesk.sync.auditchain import GENESIS_HASH, entry_hash
from flexdesk.sync.format.canonical import canonical_text as canonical_json

SYSTEM_ACTOR = "system"
REDACTED_PREFIX = "sha256:"

#: column names that look secret by the rule below but are public content addresses
CLEAR_COLUMNS = frozenset({"sha256", "content_sha256", "content_hash", "file_sha256"})
_SECRET_RE = re.compile(r"password|secret|private|token|salt|hash|(^|_)keys?($|_)", re.I)

#: audited tables that do not carry SyncedMixin
_EXTRA_AUDITED: tuple[type[Any], ...] = (Setting,)

_PENDING_DELETES = "_audit_pending_deletes"

# engines known to have the audit_log table (positive answers only: a migration may add it)
_has_table: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def is_audited(obj: object) -> bool:
    return isinstance(obj, (SyncedMixin, *_EXTRA_AUDITED))


def audited_classes(session: Session) -> list[Mapper[Any]]:
    """Mappers of every audited table (every capability's model module is loaded first: a
    process that never imported, say, the schedule models must still check their tables)."""
    from flexdesk.db import all_models  # noqa: F401

    registry = Setting.registry
    return [
        m
        for m in registry.mappers
        if issubclass(m.class_, SyncedMixin) or m.class_ in _EXTRA_AUDITED
    ]


def is_secret_column(mapper: Mapper[Any], name: str) -> bool:
    if name in CLEAR_COLUMNS or name in getattr(mapper.class_, "__audit_clear__", ()):
        return False
    if any(col.name == name for col in mapper.primary_key):
        return False
    return bool(_SECRET_RE.search(name))


def plain_value(value: Any) -> Any:
    """A column value as JSON (the same for the value in memory and the value read back)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return plain_value(value.value)
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    return str(value)


def stored_value(mapper: Mapper[Any], name: str, value: Any) -> Any:
    """What the audit log keeps for one column: the plain value, or a digest of a secret."""
    plain = plain_value(value)
    if plain is not None and is_secret_column(mapper, name):
        digest = hashlib.sha256(canonical_json(plain).encode("utf-8")).hexdigest()
        return REDACTED_PREFIX + digest
    return plain


def entity_name(mapper: Mapper[Any]) -> str:
    return str(getattr(mapper.class_, "__entity__", "") or mapper.class_.__tablename__)


def identity_text(mapper: Mapper[Any], obj: object) -> str:
    values = mapper.primary_key_from_instance(obj)
    return "/".join("" if v is None else str(v) for v in values)


def row_values(mapper: Mapper[Any], obj: object) -> dict[str, Any]:
    """Every column of ``obj`` as the audit log stores it (keys are column names)."""
    out: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        col = prop.columns[0]
        out[col.name] = stored_value(mapper, col.name, getattr(obj, prop.key))
    return out


@dataclass
class _Change:
    entity: str
    entity_id: str
    op: str
    before: dict[str, Any]
    after: dict[str, Any]


def _update_change(obj: object) -> _Change | None:
    state = inspect(obj)
    mapper = state.mapper
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        hist = state.attrs[prop.key].history
        if not hist.has_changes():
            continue
        name = prop.columns[0].name
        old = hist.deleted[0] if hist.deleted else None
        if old is NO_VALUE:
            old = None
        new = getattr(obj, prop.key)
        old_v, new_v = stored_value(mapper, name, old), stored_value(mapper, name, new)
        if hist.deleted and old_v == new_v:
            continue
        before[name] = old_v
        after[name] = new_v
    if not after:
        return None
    return _Change(entity_name(mapper), identity_text(mapper, obj), "update", before, after)


@event.listens_for(Session, "before_flush")
def _remember_deletes(session: Session, _ctx: Any, _instances: Any) -> None:
    # A deleted row's values must be read before the DELETE runs (after it, unloaded columns
    # could no longer be fetched).
    pending = session.info.setdefault(_PENDING_DELETES, {})
    for obj in session.deleted:
        if is_audited(obj):
            mapper = inspect(obj).mapper
            pending[id(obj)] = _Change(
                entity_name(mapper),
                identity_text(mapper, obj),
                "delete",
                row_values(mapper, obj),
                {},
            )


def _audit_table_present(session: Session) -> bool:
    conn = session.connection()
    engine = conn.engine
    if _has_table.get(engine):
        return True
    present = inspect(conn).has_table(AuditEntry.__tablename__)
    if present:
        _has_table[engine] = True
    return present


def last_entry(session: Session) -> tuple[int, str]:
    """(seq, hash) of the newest audit row, or (0, GENESIS_HASH) for an empty log."""
    row = (
        session.connection()
        .execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
        .first()
    )
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


@event.listens_for(Session, "after_flush")
def _write_audit(session: Session, _ctx: Any) -> None:
    pending: dict[int, _Change] = session.info.pop(_PENDING_DELETES, {})
    changes: list[_Change] = []
    for obj in session.new:
        if is_audited(obj):
            mapper = inspect(obj).mapper
            changes.append(
                _Change(
                    entity_name(mapper),
                    identity_text(mapper, obj),
                    "insert",
                    {},
                    row_values(mapper, obj),
                )
            )
    for obj in session.dirty:
        if is_audited(obj) and session.is_modified(obj, include_collections=False):
            change = _update_change(obj)
            if change is not None:
                changes.append(change)
    for obj in session.deleted:
        if is_audited(obj):
            deleted = pending.get(id(obj))
            if deleted is not None:
                changes.append(deleted)
    _append(session, changes)


def record_bulk_inserts(session: Session, model: type[Any], ids: Sequence[Any]) -> int:
    """Audit rows for rows of ``model`` inserted with a Core ``insert()`` (bulk inserts skip
    the session hook), read back as stored so the trail folds to exactly the table's values.
    Returns how many were recorded. Call it in the same transaction as the insert."""
    if not ids or not _audit_table_present(session):
        return 0
    mapper = inspect(model)
    table = mapper.local_table
    pk = mapper.primary_key[0]
    names = [prop.columns[0].name for prop in mapper.column_attrs]
    entity = entity_name(mapper)
    secret = {n for n in names if is_secret_column(mapper, n)}
    changes: list[_Change] = []
    conn = session.connection()
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        # plain rows (no ORM objects: the demo records thousands this way)
        for row in conn.execute(select(*(table.c[n] for n in names)).where(pk.in_(chunk))):
            values = {
                n: stored_value(mapper, n, v) if n in secret else plain_value(v)
                for n, v in zip(names, row, strict=True)
            }
            changes.append(_Change(entity, str(values[pk.name]), "insert", {}, values))
    changes.sort(key=lambda c: c.entity_id)
    _append(session, changes)
    return len(changes)


def _append(session: Session, changes: list[_Change]) -> None:
    if not changes or not _audit_table_present(session):
        return
    actor = session.info.get("actor")
    actor_id = getattr(actor, "user_id", None)
    actor_name = str(getattr(actor, "username", "") or SYSTEM_ACTOR)
    at = utcnow().replace(tzinfo=None).isoformat(timespec="microseconds")
    seq, prev = last_entry(session)
    rows = []
    for change in changes:
        seq += 1
        fields: dict[str, Any] = {
            "seq": seq,
            "at": at,
            "actor_id": actor_id,
            "actor_name": actor_name[:60],
            "entity": change.entity[:40],
            "entity_id": change.entity_id[:80],
            "op": change.op,
            "before": _stored_json(change, change.before),
            "after": _stored_json(change, change.after),
            "prev_hash": prev,
        }
        try:
            prev = entry_hash(**fields)
        except UnicodeEncodeError as exc:  # a lone surrogate in text: no UTF-8 form to hash
            raise _unstorable(
                change, "", "teks memuat surrogate tunggal", "a lone surrogate"
            ) from exc
        rows.append({**fields, "hash": prev})
    session.connection().execute(insert(AuditEntry), rows)


def _unstorable(change: _Change, column: str, what_id: str, what_en: str) -> ValidationError:
    where = f"{change.entity}.{column}" if column else change.entity
    return ValidationError(
        f"Nilai {where} tidak dapat dicatat di jejak audit: {what_id}.",
        message_en=f"The value of {where} cannot be recorded in the audit trail: {what_en}.",
        field=column or None,
    )


def _stored_json(change: _Change, values: dict[str, Any]) -> str:
    """The canonical text of ``values``; a ValidationError naming the column for a value the
    recipe refuses (NaN or an infinity: the last line behind the services' own checks, so
    such a write is rolled back instead of reaching the trail as ``NaN``)."""
    try:
        return canonical_json(values)
    except ValueError as exc:
        for name, value in values.items():
            try:
                canonical_json(value)
            except ValueError:
                raise _unstorable(
                    change, name, "bukan angka yang sah (NaN/tak hingga)", "not a number (NaN/inf)"
                ) from exc
        raise _unstorable(change, "", "bukan JSON yang sah", "not valid JSON") from exc


@event.listens_for(Session, "after_rollback")
def _forget_deletes(session: Session) -> None:
    session.info.pop(_PENDING_DELETES, None)


def decode_json(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


__all__ = [
    "CLEAR_COLUMNS",
    "GENESIS_HASH",
    "SYSTEM_ACTOR",
    "audited_classes",
    "canonical_json",
    "decode_json",
    "entry_hash",
    "is_secret_column",
    "row_values",
]
