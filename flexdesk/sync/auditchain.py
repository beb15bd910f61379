"""The office audit trail's hash chain, as it travels in bundles (format 2).

One pure module (standard library and the canonical-JSON recipe only) holds the hash recipe, so the office's audit hook
(:mod:`flexdesk.db.audit`), ``flexdesk audit verify`` and every receiver compute the same
value. The recipe (docs/bundle-format.md section 6.2):

    hash = SHA-256( canonical_json({seq, at, actor_id, actor_name, entity, entity_id, op,
                                    before, after, prev_hash}) )   as lowercase hex

where ``canonical_json`` is :func:`flexdesk.sync.format.canonical.canonical_json` (keys sorted,
separators ``,``/``:``, UTF-8 with non-ASCII written as itself, NaN refused); ``before`` and ``after`` are the stored *strings* (canonical JSON text of the
changed columns), hashed as strings; ``prev_hash`` of the first row is :data:`GENESIS_HASH`.

In a bundle the rows after the last audit row central acknowledged travel in
``data/audit/audit.ndjson`` (one :class:`AuditRecord` per line, exactly the stored fields plus
``hash``) and ``bundle.json`` declares the range in ``audit`` (:class:`AuditRange`):
``from``/``to`` seq, ``prev_hash`` (the hash the first row continues from: the stored hash of
row ``from - 1``, genesis for ``from == 1``) and ``head_hash`` (the hash of row ``to``; equal to
``prev_hash`` when no row is carried). :func:`check_audit_chain` is the verifier's check.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flexdesk.sync.format.canonical import canonical_json

GENESIS_HASH = "0" * 64
#: the fields an audit row is hashed over (``hash`` itself excluded)
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "entity",
    "entity_id",
    "op",
    "before",
    "after",
    "prev_hash",
)
OPS = frozenset({"insert", "update", "delete"})
#: the largest seq a receiver's database column holds (INTEGER: 4 bytes on PostgreSQL)
MAX_SEQ = 2**31 - 1
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def entry_hash(
    *,
    seq: int,
    at: str,
    actor_id: str | None,
    actor_name: str,
    entity: str,
    entity_id: str,
    op: str,
    before: str,
    after: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) over the canonical JSON of one audit row's fields and the previous
    row's hash: the one recipe the office, ``audit verify`` and receivers share."""
    payload = canonical_json(
        {
            "seq": seq,
            "at": at,
            "actor_id": actor_id,
            "actor_name": actor_name,
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "before": before,
            "after": after,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(payload).hexdigest()


class AuditFormatError(ValueError):
    """A row or range that is not well formed (the caller turns it into its own error)."""


def _str(obj: dict[str, Any], key: str, max_len: int, *, nullable: bool = False) -> str | None:
    value = obj.get(key)
    if value is None and nullable:
        return None
    # NUL: PostgreSQL text cannot hold it, and no office writes it
    if not isinstance(value, str) or len(value) > max_len or "\x00" in value:
        raise AuditFormatError(f"{key}={str(value)[:80]!r}")
    return value


def _hex(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not _HEX64.match(value):
        raise AuditFormatError(f"{key}={value!r}")
    return value


def _seq(obj: dict[str, Any], key: str, minimum: int) -> int:
    value = obj.get(key)
    if type(value) is not int or not minimum <= value <= MAX_SEQ:
        raise AuditFormatError(f"{key}={str(value)[:80]!r}")
    return value


@dataclass(frozen=True)
class AuditRecord:
    """One audit row exactly as the office stores it (``hash`` included)."""

    seq: int
    at: str
    actor_id: str | None
    actor_name: str
    entity: str
    entity_id: str
    op: str
    before: str
    after: str
    prev_hash: str
    hash: str

    def computed_hash(self) -> str:
        return entry_hash(
            seq=self.seq,
            at=self.at,
            actor_id=self.actor_id,
            actor_name=self.actor_name,
            entity=self.entity,
            entity_id=self.entity_id,
            op=self.op,
            before=self.before,
            after=self.after,
            prev_hash=self.prev_hash,
        )

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*HASHED_FIELDS, "hash")}

    @classmethod
    def from_json(cls, obj: Any) -> AuditRecord:
        """Parse one line's object; AuditFormatError when a field is missing, extra or of
        the wrong type (content is checked by the hash, not here)."""
        if not isinstance(obj, dict):
            raise AuditFormatError("not a JSON object")
        if set(obj) != {*HASHED_FIELDS, "hash"}:
            raise AuditFormatError(f"keys {sorted(obj)}")
        op = obj.get("op")
        if op not in OPS:
            raise AuditFormatError(f"op={op!r}")
        return cls(
            seq=_seq(obj, "seq", 1),
            at=str(_str(obj, "at", 64)),
            actor_id=_str(obj, "actor_id", 64, nullable=True),
            actor_name=str(_str(obj, "actor_name", 200)),
            entity=str(_str(obj, "entity", 64)),
            entity_id=str(_str(obj, "entity_id", 200)),
            op=op,
            before=str(_str(obj, "before", 1 << 30)),
            after=str(_str(obj, "after", 1 << 30)),
            prev_hash=_hex(obj, "prev_hash"),
            hash=_hex(obj, "hash"),
        )


@dataclass(frozen=True)
class AuditRange:
    """``bundle.json`` ``audit``: rows ``start..end`` (empty when ``end == start - 1``)
    continuing from ``prev_hash`` and ending at ``head_hash``."""

    start: int
    end: int
    prev_hash: str
    head_hash: str

    @property
    def count(self) -> int:
        return self.end - self.start + 1

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.start,
            "to": self.end,
            "prev_hash": self.prev_hash,
            "head_hash": self.head_hash,
        }

    @classmethod
    def from_json(cls, obj: Any) -> AuditRange:
        if not isinstance(obj, dict) or set(obj) != {"from", "to", "prev_hash", "head_hash"}:
            raise AuditFormatError("audit must be {from, to, prev_hash, head_hash}")
        rng = cls(
            start=_seq(obj, "from", 1),
            end=_seq(obj, "to", 0),
            prev_hash=_hex(obj, "prev_hash"),
            head_hash=_hex(obj, "head_hash"),
        )
        if rng.end < rng.start - 1:
            raise AuditFormatError("to < from - 1")
        return rng

    @classmethod
    def of(cls, rows: Sequence[AuditRecord], *, start: int, prev_hash: str) -> AuditRange:
        """The range describing ``rows`` (which must start at ``start``)."""
        return cls(start, start + len(rows) - 1, prev_hash, rows[-1].hash if rows else prev_hash)


@dataclass(frozen=True)
class AuditSegment:
    """What the office hands to ``write_bundle``: ``rows`` (seq ``start``, ``start + 1``...)
    continuing from ``prev_hash`` (the stored hash of row ``start - 1``, or genesis)."""

    start: int
    prev_hash: str
    rows: tuple[AuditRecord, ...] = ()

    @property
    def range(self) -> AuditRange:
        return AuditRange.of(self.rows, start=self.start, prev_hash=self.prev_hash)


def chain_problem(rows: Sequence[AuditRecord], rng: AuditRange) -> str | None:
    """Why ``rows`` are not exactly the declared chain segment, or None when they are.

    Checks: seq runs ``from..to`` without gaps; the first row continues ``prev_hash``
    (which is genesis when ``from`` is 1); every row's hash is its recomputed hash; every
    row's ``prev_hash`` is the previous row's hash; the last hash is ``head_hash``.
    """
    if rng.start == 1 and rng.prev_hash != GENESIS_HASH:
        return "the chain starts at row 1 but prev_hash is not the genesis value"
    if len(rows) != rng.count:
        return f"{len(rows)} rows, the header declares {rng.count}"
    prev = rng.prev_hash
    for expected_seq, row in enumerate(rows, start=rng.start):
        if row.seq != expected_seq:
            return f"row {row.seq} where row {expected_seq} was expected"
        if row.prev_hash != prev:
            return f"row {row.seq} does not continue the previous hash"
        if row.computed_hash() != row.hash:
            return f"row {row.seq}: content does not match its hash"
        prev = row.hash
    if prev != rng.head_hash:
        return "the last hash is not the declared head_hash"
    return None


__all__ = [
    "GENESIS_HASH",
    "HASHED_FIELDS",
    "AuditFormatError",
    "AuditRange",
    "AuditRecord",
    "AuditSegment",
    "chain_problem",
    "entry_hash",
]
