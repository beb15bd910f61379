"""The tables against the trail: every record of every audited table must have an audit
history whose newest entry is its current content.

The chain walk folds each record's entries (insert: all columns; update: the changed ones;
delete: gone) into ``state``; this module compares that with the tables, so a row inserted,
edited or deleted in the file without FlexDesk shows by table and id:

- ``missing-audit``: a record the trail never mentions (a ``users`` row with role admin or a
  ``settings`` row written with ``sqlite3``). No exception for "rows older than the trail": the
  trail starts with the database (the audit migration runs before any data is written), and
  the old exception by ``created_at`` let anyone who set that column back hide a row;
- ``drift``: a column differs from the folded value (columns a later migration added, which
  no entry names, are not compared);
- ``undeleted``: the newest entry is a delete but the row is there;
- ``deleted``: the newest entry is not a delete but the row is gone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flexdesk.db.audit import audited_classes, entity_name, identity_text, row_values
from flexdesk.services.storage.audit_findings import Problem

#: (entity, id) -> (seq of the newest entry, folded values; None when that entry is a delete)
State = dict[tuple[str, str], tuple[int, dict[str, Any] | None]]

_YIELD = 1000


def fold(
    state: State, entity: str, entity_id: str, seq: int, op: str, *, after: dict[str, Any]
) -> None:
    """Apply one audit entry to ``state``."""
    key = (entity, entity_id)
    if op == "delete":
        state[key] = (seq, None)
        return
    _, values = state.get(key, (0, None))
    folded = dict(values or {}) if op == "update" else {}
    folded.update(after)
    state[key] = (seq, folded)


def _record_problem(
    key: tuple[str, str], found: tuple[int, dict[str, Any] | None] | None, actual: dict[str, Any]
) -> Problem | None:
    entity, ident = key
    if found is None:
        return Problem(
            None,
            entity,
            ident,
            "missing-audit",
            "the record has no audit entry (written without FlexDesk)",
            "rekaman ini tidak punya entri audit (ditulis di luar FlexDesk)",
        )
    seq, expected = found
    if expected is None:
        return Problem(
            seq,
            entity,
            ident,
            "undeleted",
            "the trail's newest entry deletes the record, yet it exists",
            "entri terbaru di jejak audit menghapus rekaman ini, tetapi rekaman masih ada",
        )
    changed = sorted(k for k in expected if k in actual and expected[k] != actual[k])
    if not changed:
        return None
    columns = ", ".join(changed)
    return Problem(
        seq,
        entity,
        ident,
        "drift",
        f"the table differs from the audit trail in {columns}",
        f"isi tabel berbeda dari jejak audit pada kolom {columns}",
    )


def table_drift(session: Session, state: State) -> tuple[list[Problem], int]:
    """Every record that disagrees with ``state``, and how many records were checked."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    entities: set[str] = set()
    checked = 0
    for mapper in audited_classes(session):
        entity = entity_name(mapper)
        entities.add(entity)
        result = session.scalars(select(mapper.class_).execution_options(yield_per=_YIELD))
        for obj in result:
            key = (entity, identity_text(mapper, obj))
            seen.add(key)
            checked += 1
            problem = _record_problem(key, state.get(key), row_values(mapper, obj))
            if problem is not None:
                problems.append(problem)
        session.expunge_all()
    for key, (seq, values) in state.items():
        if values is not None and key not in seen and key[0] in entities:
            problems.append(
                Problem(
                    seq,
                    key[0],
                    key[1],
                    "deleted",
                    "the record is missing from the table, but the trail never deleted it",
                    "rekaman tidak ada di tabel, padahal jejak audit tidak pernah menghapusnya",
                )
            )
    return problems, checked


def record_count(session: Session) -> int:
    """How many records the audited tables hold (for an empty trail without the cross-check)."""
    return sum(
        int(session.scalar(select(func.count()).select_from(m.local_table)) or 0)
        for m in audited_classes(session)
    )
