"""The data that travels in a bundle, as plain frozen dataclasses (no ORM, no Qt).

The office side builds :class:`ChangeRecord`, :class:`AttachmentSource` and
:class:`ReportFile` from its database and hands them to ``write_bundle``; the central side gets
them back from ``verify_bundle`` in a :class:`VerifiedBundle`. JSON forms (``to_json`` /
``from_json``) are the exact objects written to ``changes.ndjson``, ``bundle.json`` and the
envelope; ``from_json`` validates everything, raising BundleError("bad-format").
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from flexdesk.sync._errors import bundle_error
from flexdesk.sync.auditchain import AuditFormatError, AuditRange, AuditRecord

if TYPE_CHECKING:
    from flexdesk.sync.rotation import KeyRotation

#: bundle format written by this code (bundle.json and envelope ``format_version``);
#: 2 added the audit chain (``bundle.json`` ``audit``, ``data/audit/audit.ndjson``)
FORMAT_VERSION = 2
#: newest format this code can read (format 1 bundles, without the audit part, still verify)
MAX_FORMAT_VERSION = 2
#: first format whose bundle.json carries ``audit``
AUDIT_FORMAT_VERSION = 2
HEADER_FORMAT = "flexdesk-bundle"
ENVELOPE_FORMAT = "flexdesk-envelope"

OFFICE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
ENTITY_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
RECORD_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
EXT_RE = re.compile(r"^[a-z0-9]{1,10}$")
REPORT_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")

Op = Literal["upsert", "delete"]


def bad_format(what: str, detail: str) -> Exception:
    return bundle_error(
        "bad-format",
        f"Isi {what} tidak sah: {detail}.",
        f"{what} is malformed: {detail}.",
    )


def bad_input(detail_id: str, detail_en: str) -> Exception:
    return bundle_error(
        "bad-input",
        f"Data untuk bundel tidak sah: {detail_id}.",
        f"Invalid data for the bundle: {detail_en}.",
    )


def bundle_stem(office_id: str, bundle_seq: int) -> str:
    """``O042-000000017``: the base name of every file of one bundle."""
    return f"{office_id}-{bundle_seq:09d}"


#: the largest size or count a metadata field may hold (a 64-bit integer); a bigger one from a
#: hostile or buggy peer is a format error, not an OverflowError when the office records it
MAX_INT = 2**63 - 1
#: the largest sequence, change, revision or audit number: what the INTEGER columns that store
#: them hold on PostgreSQL (4 bytes; SQLite's hold more). Two thousand million bundles or
#: changes is beyond any office; a bigger number is a format error, not a database error.
MAX_SEQ = 2**31 - 1


def _int(
    obj: Mapping[str, Any], key: str, what: str, *, minimum: int = 0, maximum: int = MAX_INT
) -> int:
    value = obj.get(key)
    if type(value) is not int or not minimum <= value <= maximum:
        raise bad_format(
            what, f"{key} harus bilangan bulat {minimum}..{maximum} / must be an int in range"
        )
    return value


def _seq(obj: Mapping[str, Any], key: str, what: str, *, minimum: int = 0) -> int:
    """A sequence, change, revision or audit number (at most :data:`MAX_SEQ`)."""
    return _int(obj, key, what, minimum=minimum, maximum=MAX_SEQ)


def _opt_seq(obj: Mapping[str, Any], key: str, what: str) -> int | None:
    if obj.get(key) is None:
        return None
    return _seq(obj, key, what)


def _str(obj: Mapping[str, Any], key: str, what: str, pattern: re.Pattern[str] | None) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or (pattern is not None and not pattern.match(value)):
        raise bad_format(what, f"{key}={value!r}")
    return value


def _keys(
    obj: Any, what: str, required: set[str], optional: frozenset[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise bad_format(what, "bukan objek JSON / not a JSON object")
    keys = set(obj)
    if not required <= keys or not keys <= required | optional:
        raise bad_format(what, f"kunci {sorted(keys ^ (required | (keys & optional)))}")
    return cast(dict[str, Any], obj)


def check_uuid(value: str, what: str) -> str:
    try:
        ok = str(uuid.UUID(value)) == value
    except (ValueError, AttributeError, TypeError):
        ok = False
    if not ok:
        raise bad_format(what, f"UUID {value!r}")
    return value


@dataclass(frozen=True)
class ChangeRecord:
    """One line of ``data/records/changes.ndjson``: the latest state of one row.

    ``change_seq`` is the office-wide counter value of the change; ``rev`` the row's revision
    (+1 per change); ``base_rev`` the revision the office last sent to central for this row
    (None if it never did); ``attachments`` the SHA-256 of evidence files the row refers to.
    A deletion is ``op="delete"`` with the tombstone's rev and usually empty ``data``.
    """

    change_seq: int
    entity: str
    id: str
    rev: int
    base_rev: int | None
    op: Op
    data: dict[str, Any]
    attachments: tuple[str, ...] = ()

    def validate(self) -> None:
        what = f"perubahan {self.change_seq}"
        if type(self.change_seq) is not int or self.change_seq < 1:
            raise bad_input(f"{what}: change_seq", f"change {self.change_seq}: change_seq")
        if not ENTITY_RE.match(self.entity) or not RECORD_ID_RE.match(self.id):
            raise bad_input(f"{what}: entity/id", f"change {self.change_seq}: entity/id")
        if type(self.rev) is not int or self.rev < 1:
            raise bad_input(f"{what}: rev", f"change {self.change_seq}: rev")
        if self.base_rev is not None and (
            type(self.base_rev) is not int or not 0 <= self.base_rev < self.rev
        ):
            raise bad_input(f"{what}: base_rev", f"change {self.change_seq}: base_rev")
        if self.op not in ("upsert", "delete") or not isinstance(self.data, dict):
            raise bad_input(f"{what}: op/data", f"change {self.change_seq}: op/data")
        if any(not isinstance(a, str) or not SHA256_RE.match(a) for a in self.attachments):
            raise bad_input(f"{what}: lampiran", f"change {self.change_seq}: attachments")

    def to_json(self) -> dict[str, Any]:
        return {
            "change_seq": self.change_seq,
            "entity": self.entity,
            "id": self.id,
            "rev": self.rev,
            "base_rev": self.base_rev,
            "op": self.op,
            "data": self.data,
            "attachments": list(self.attachments),
        }

    @classmethod
    def from_json(cls, obj: Any) -> ChangeRecord:
        what = "changes.ndjson"
        o = _keys(
            obj,
            what,
            {"change_seq", "entity", "id", "rev", "base_rev", "op", "data", "attachments"},
        )
        op = o["op"]
        if op not in ("upsert", "delete") or not isinstance(o["data"], dict):
            raise bad_format(what, "op/data")
        atts = o["attachments"]
        if not isinstance(atts, list) or not all(
            isinstance(a, str) and SHA256_RE.match(a) for a in atts
        ):
            raise bad_format(what, "attachments")
        record = cls(
            change_seq=_seq(o, "change_seq", what, minimum=1),
            entity=_str(o, "entity", what, ENTITY_RE),
            id=_str(o, "id", what, RECORD_ID_RE),
            rev=_seq(o, "rev", what, minimum=1),
            base_rev=_opt_seq(o, "base_rev", what),
            op=op,
            data=o["data"],
            attachments=tuple(atts),
        )
        if record.base_rev is not None and record.base_rev >= record.rev:
            raise bad_format(what, f"base_rev >= rev di perubahan {record.change_seq}")
        return record


@dataclass(frozen=True)
class AttachmentSource:
    """An evidence file to copy in as ``data/attachments/<sha256>.<ext>``."""

    sha256: str
    ext: str
    path: Path

    @property
    def bag_path(self) -> str:
        return f"data/attachments/{self.sha256}.{self.ext}"


@dataclass(frozen=True)
class ReportFile:
    """A printed form to copy in as ``data/reports/<name>.pdf`` (``name`` without .pdf)."""

    name: str
    path: Path

    @property
    def bag_path(self) -> str:
        stem = self.name[:-4] if self.name.lower().endswith(".pdf") else self.name
        return f"data/reports/{stem}.pdf"


@dataclass(frozen=True)
class BaseAck:
    """The last receipt the office accepted: which bundle, the receipt's SHA-256, and the
    change sequence central had applied through (the next bundle starts after it)."""

    ack_seq: int
    ack_sha256: str
    applied_through: int

    def to_json(self) -> dict[str, Any]:
        return {
            "ack_seq": self.ack_seq,
            "ack_sha256": self.ack_sha256,
            "applied_through": self.applied_through,
        }

    @classmethod
    def from_json(cls, obj: Any, what: str) -> BaseAck | None:
        if obj is None:
            return None
        o = _keys(obj, what, {"ack_seq", "ack_sha256", "applied_through"})
        return cls(
            ack_seq=_seq(o, "ack_seq", what, minimum=1),
            ack_sha256=_str(o, "ack_sha256", what, SHA256_RE),
            applied_through=_seq(o, "applied_through", what),
        )


@dataclass(frozen=True)
class ChangeRange:
    """The change sequences a bundle covers: every change in [start, end] still current."""

    start: int
    end: int
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start, "to": self.end, "count": self.count}

    @classmethod
    def from_json(cls, obj: Any, what: str) -> ChangeRange:
        o = _keys(obj, what, {"from", "to", "count"})
        rng = cls(_seq(o, "from", what, minimum=1), _seq(o, "to", what), _seq(o, "count", what))
        if rng.end < rng.start - 1 or rng.count > rng.end - rng.start + 1:
            raise bad_format(what, "changes from/to/count")
        return rng


@dataclass(frozen=True)
class BundleHeader:
    """``bundle.json``: what the bundle is, signed through the tag manifest."""

    office_id: str
    bundle_seq: int
    bundle_uuid: str
    key_id: str
    changes: ChangeRange
    base_ack: BaseAck | None
    app_version: str
    schema: str
    period: str | None
    counts: dict[str, int] = field(default_factory=dict)
    attachment_count: int = 0
    attachment_bytes: int = 0
    report_count: int = 0
    key_rotation: bool = False
    format_version: int = FORMAT_VERSION
    #: the audit rows the bundle carries (format 2; None: no audit part)
    audit: AuditRange | None = None

    def to_json(self) -> dict[str, Any]:
        out = self._json_v1()
        if self.format_version >= AUDIT_FORMAT_VERSION:
            out["audit"] = None if self.audit is None else self.audit.to_json()
        elif self.audit is not None:
            raise bad_input("audit dalam format 1", "audit in a format 1 header")
        return out

    def _json_v1(self) -> dict[str, Any]:
        return {
            "format": HEADER_FORMAT,
            "format_version": self.format_version,
            "office_id": self.office_id,
            "bundle_seq": self.bundle_seq,
            "bundle_uuid": self.bundle_uuid,
            "key_id": self.key_id,
            "changes": self.changes.to_json(),
            "base_ack": None if self.base_ack is None else self.base_ack.to_json(),
            "app_version": self.app_version,
            "schema": self.schema,
            "period": self.period,
            "counts": dict(sorted(self.counts.items())),
            "attachments": {"count": self.attachment_count, "bytes": self.attachment_bytes},
            "reports": {"count": self.report_count},
            "key_rotation": self.key_rotation,
        }

    @classmethod
    def from_json(cls, obj: Any) -> BundleHeader:
        what = "bundle.json"
        check_format(obj, what, HEADER_FORMAT)
        o = _keys(
            obj,
            what,
            {
                "format",
                "format_version",
                "office_id",
                "bundle_seq",
                "bundle_uuid",
                "key_id",
                "changes",
                "base_ack",
                "app_version",
                "schema",
                "period",
                "counts",
                "attachments",
                "reports",
                "key_rotation",
                *(("audit",) if o_version(obj) >= AUDIT_FORMAT_VERSION else ()),
            },
        )
        audit = None
        if o.get("audit") is not None:
            try:
                audit = AuditRange.from_json(o["audit"])
            except AuditFormatError as exc:
                raise bad_format(what, f"audit: {exc}") from exc
        counts = o["counts"]
        if not isinstance(counts, dict) or not all(
            isinstance(k, str) and ENTITY_RE.match(k) and type(v) is int and v >= 0
            for k, v in counts.items()
        ):
            raise bad_format(what, "counts")
        att = _keys(o["attachments"], what, {"count", "bytes"})
        rep = _keys(o["reports"], what, {"count"})
        period = o["period"]
        if period is not None and not (isinstance(period, str) and TOKEN_RE.match(period)):
            raise bad_format(what, "period")
        if not isinstance(o["key_rotation"], bool) or not isinstance(o["app_version"], str):
            raise bad_format(what, "key_rotation/app_version")
        return cls(
            office_id=_str(o, "office_id", what, OFFICE_ID_RE),
            bundle_seq=_seq(o, "bundle_seq", what, minimum=1),
            bundle_uuid=check_uuid(_str(o, "bundle_uuid", what, None), what),
            key_id=_str(o, "key_id", what, None),
            changes=ChangeRange.from_json(o["changes"], what),
            base_ack=BaseAck.from_json(o["base_ack"], what),
            app_version=o["app_version"],
            schema=_str(o, "schema", what, None),
            period=period,
            counts=dict(counts),
            attachment_count=_int(att, "count", what),
            attachment_bytes=_int(att, "bytes", what),
            report_count=_int(rep, "count", what),
            key_rotation=o["key_rotation"],
            format_version=o["format_version"],
            audit=audit,
        )


def o_version(obj: Any) -> int:
    """``format_version`` of an object that passed :func:`check_format`."""
    return int(obj["format_version"])


def check_format(obj: Any, what: str, expected: str, max_version: int | None = None) -> None:
    """Refuse another format, or a newer version of ours, before reading other fields."""
    newest = MAX_FORMAT_VERSION if max_version is None else max_version
    if not isinstance(obj, dict) or obj.get("format") != expected:
        raise bad_format(what, f"format harus {expected!r} / format must be {expected!r}")
    version = obj.get("format_version")
    if type(version) is not int or version < 1:
        raise bad_format(what, "format_version")
    if version > newest:
        raise bundle_error(
            "format-version",
            f"{what} dibuat dengan format versi {version}; versi ini hanya membaca sampai "
            f"{newest}. Perbarui FlexDesk.",
            f"{what} uses format version {version}; this version reads up to "
            f"{newest}. Update FlexDesk.",
        )


@dataclass(frozen=True)
class Envelope:
    """``<stem>.envelope.json``: signed outside the zip so a receiver can check who sent it
    and the zip's hash before opening it."""

    office_id: str
    bundle_seq: int
    bundle_uuid: str
    key_id: str
    file: str
    size: int
    sha256: str
    encryption: str | None
    zip_sha256: str
    zip_size: int
    tagmanifest_sha512: str
    base_ack: BaseAck | None
    changes: ChangeRange
    format_version: int = FORMAT_VERSION

    @property
    def stem(self) -> str:
        return bundle_stem(self.office_id, self.bundle_seq)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": ENVELOPE_FORMAT,
            "format_version": self.format_version,
            "office_id": self.office_id,
            "bundle_seq": self.bundle_seq,
            "bundle_uuid": self.bundle_uuid,
            "key_id": self.key_id,
            "file": self.file,
            "size": self.size,
            "sha256": self.sha256,
            "encryption": self.encryption,
            "inner": {
                "zip_sha256": self.zip_sha256,
                "zip_size": self.zip_size,
                "tagmanifest_sha512": self.tagmanifest_sha512,
            },
            "base_ack": None if self.base_ack is None else self.base_ack.to_json(),
            "changes": self.changes.to_json(),
        }

    @classmethod
    def from_json(cls, obj: Any) -> Envelope:
        what = "envelope.json"
        check_format(obj, what, ENVELOPE_FORMAT)
        o = _keys(
            obj,
            what,
            {
                "format",
                "format_version",
                "office_id",
                "bundle_seq",
                "bundle_uuid",
                "key_id",
                "file",
                "size",
                "sha256",
                "encryption",
                "inner",
                "base_ack",
                "changes",
            },
        )
        inner = _keys(o["inner"], what, {"zip_sha256", "zip_size", "tagmanifest_sha512"})
        enc = o["encryption"]
        if enc not in (None, "age"):
            raise bad_format(what, f"encryption {enc!r}")
        env = cls(
            office_id=_str(o, "office_id", what, OFFICE_ID_RE),
            bundle_seq=_seq(o, "bundle_seq", what, minimum=1),
            bundle_uuid=check_uuid(_str(o, "bundle_uuid", what, None), what),
            key_id=_str(o, "key_id", what, None),
            file=_str(o, "file", what, None),
            size=_int(o, "size", what),
            sha256=_str(o, "sha256", what, SHA256_RE),
            encryption=enc,
            zip_sha256=_str(inner, "zip_sha256", what, SHA256_RE),
            zip_size=_int(inner, "zip_size", what),
            tagmanifest_sha512=_str(
                inner, "tagmanifest_sha512", what, re.compile(r"^[0-9a-f]{128}$")
            ),
            base_ack=BaseAck.from_json(o["base_ack"], what),
            changes=ChangeRange.from_json(o["changes"], what),
            format_version=o["format_version"],
        )
        expected_file = env.stem + (".zip.age" if enc == "age" else ".zip")
        if env.file != expected_file:
            raise bad_format(what, f"file {env.file!r}, expected {expected_file!r}")
        return env


@dataclass(frozen=True)
class WrittenBundle:
    """What ``write_bundle`` produced (all three files already verified by re-reading)."""

    envelope_path: Path
    signature_path: Path
    container_path: Path
    envelope: Envelope
    header: BundleHeader
    envelope_sha256: str
    payload_bytes: int

    @property
    def paths(self) -> tuple[Path, Path, Path]:
        return (self.envelope_path, self.signature_path, self.container_path)


@dataclass(frozen=True)
class AttachmentInfo:
    sha256: str
    ext: str
    size: int


@dataclass(frozen=True)
class VerifiedBundle:
    """Everything a receiver needs after ``verify_bundle`` succeeded.

    ``envelope`` / ``envelope_sha256`` are None when a bare zip was verified. When
    ``extract_dir`` was given, verified payload files were written there under their bag paths
    relative to ``data/`` (``attachments/<sha256>.<ext>``, ``reports/<name>.pdf``).
    """

    header: BundleHeader
    changes: tuple[ChangeRecord, ...]
    attachments: tuple[AttachmentInfo, ...]
    reports: tuple[str, ...]
    envelope: Envelope | None
    envelope_sha256: str | None
    zip_sha256: str
    payload_bytes: int
    #: the verified key rotation statement, when the bundle carries one
    rotation: KeyRotation | None = None
    extracted_dir: Path | None = None
    #: the audit rows the bundle carries, chain-checked against ``header.audit`` (format 2)
    audit_rows: tuple[AuditRecord, ...] = ()
