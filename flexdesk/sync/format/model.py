"""The data that travels in a bundle, as plain frozen dataclasses (no ORM, no Qt).

The office side builds :class:`ChangeRecord`, :class:`AttachmentSource` and
:class:`ReportFile` from its database and hands them to ``write_bundle``; the central side gets
them back from ``verify_bundle`` in a :class:`VerifiedBundle`. JSON forms (``to_json`` /
``from_json``) are the exact objects written to ``changes.ndjson``, ``bundle.json`` and the
envelope; ``from_json`` validates everything, raising BundleError("bad-format").

This module holds the format versions, ``bundle.json`` (:class:`BundleHeader`) and the
envelope; the office's inputs live in :mod:`~flexdesk.sync.format.records`, the results of
writing and verifying in :mod:`~flexdesk.sync.format.results`, the field readers and patterns
in :mod:`~flexdesk.sync.format.fields`. All are importable from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flexdesk.sync._errors import bundle_error
from flexdesk.sync.auditchain import AuditFormatError, AuditRange
from flexdesk.sync.format.fields import (
    ENTITY_RE,
    EXT_RE,
    MAX_INT,
    MAX_SEQ,
    OFFICE_ID_RE,
    RECORD_ID_RE,
    REPORT_NAME_RE,
    SHA256_RE,
    TOKEN_RE,
    bad_format,
    bad_input,
    check_uuid,
    read_int,
    read_object,
    read_seq,
    read_str,
)
from flexdesk.sync.format.records import AttachmentSource, ChangeRecord, Op, ReportFile
from flexdesk.sync.format.results import AttachmentInfo, VerifiedBundle, WrittenBundle

#: bundle format written by this code (bundle.json and envelope ``format_version``);
#: 2 added the audit chain (``bundle.json`` ``audit``, ``data/audit/audit.ndjson``)
FORMAT_VERSION = 2
#: newest format this code can read (format 1 bundles, without the audit part, still verify)
MAX_FORMAT_VERSION = 2
#: first format whose bundle.json carries ``audit``
AUDIT_FORMAT_VERSION = 2
HEADER_FORMAT = "flexdesk-bundle"
ENVELOPE_FORMAT = "flexdesk-envelope"


def bundle_stem(office_id: str, bundle_seq: int) -> str:
    """``O042-000000017``: the base name of every file of one bundle."""
    return f"{office_id}-{bundle_seq:09d}"


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
        o = read_object(obj, what, {"ack_seq", "ack_sha256", "applied_through"})
        return cls(
            ack_seq=read_seq(o, "ack_seq", what, minimum=1),
            ack_sha256=read_str(o, "ack_sha256", what, SHA256_RE),
            applied_through=read_seq(o, "applied_through", what),
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
        o = read_object(obj, what, {"from", "to", "count"})
        rng = cls(
            read_seq(o, "from", what, minimum=1),
            read_seq(o, "to", what),
            read_seq(o, "count", what),
        )
        if rng.end < rng.start - 1 or rng.count > rng.end - rng.start + 1:
            raise bad_format(what, "changes from/to/count")
        return rng


#: the keys of bundle.json in every format (format 2 adds ``audit``)
HEADER_KEYS = frozenset(
    [
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
    ]
)


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
        """Parse and validate ``bundle.json`` (format 1 or 2)."""
        what = "bundle.json"
        check_format(obj, what, HEADER_FORMAT)
        audit_key = {"audit"} if o_version(obj) >= AUDIT_FORMAT_VERSION else set()
        o = read_object(obj, what, {*HEADER_KEYS, *audit_key})
        audit = None
        if o.get("audit") is not None:
            try:
                audit = AuditRange.from_json(o["audit"])
            except AuditFormatError as exc:
                raise bad_format(what, f"audit: {exc}") from exc
        counts = _entity_counts(o["counts"], what)
        att = read_object(o["attachments"], what, {"count", "bytes"})
        rep = read_object(o["reports"], what, {"count"})
        period = o["period"]
        if period is not None and not (isinstance(period, str) and TOKEN_RE.match(period)):
            raise bad_format(what, "period")
        if not isinstance(o["key_rotation"], bool) or not isinstance(o["app_version"], str):
            raise bad_format(what, "key_rotation/app_version")
        return cls(
            office_id=read_str(o, "office_id", what, OFFICE_ID_RE),
            bundle_seq=read_seq(o, "bundle_seq", what, minimum=1),
            bundle_uuid=check_uuid(read_str(o, "bundle_uuid", what, None), what),
            key_id=read_str(o, "key_id", what, None),
            changes=ChangeRange.from_json(o["changes"], what),
            base_ack=BaseAck.from_json(o["base_ack"], what),
            app_version=o["app_version"],
            schema=read_str(o, "schema", what, None),
            period=period,
            counts=counts,
            attachment_count=read_int(att, "count", what),
            attachment_bytes=read_int(att, "bytes", what),
            report_count=read_int(rep, "count", what),
            key_rotation=o["key_rotation"],
            format_version=o["format_version"],
            audit=audit,
        )


def _entity_counts(counts: Any, what: str) -> dict[str, int]:
    """``counts`` of bundle.json: changes per entity name."""
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and ENTITY_RE.match(k) and type(v) is int and v >= 0
        for k, v in counts.items()
    ):
        raise bad_format(what, "counts")
    return dict(counts)


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
        o = read_object(
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
        inner = read_object(o["inner"], what, {"zip_sha256", "zip_size", "tagmanifest_sha512"})
        enc = o["encryption"]
        if enc not in (None, "age"):
            raise bad_format(what, f"encryption {enc!r}")
        env = cls(
            office_id=read_str(o, "office_id", what, OFFICE_ID_RE),
            bundle_seq=read_seq(o, "bundle_seq", what, minimum=1),
            bundle_uuid=check_uuid(read_str(o, "bundle_uuid", what, None), what),
            key_id=read_str(o, "key_id", what, None),
            file=read_str(o, "file", what, None),
            size=read_int(o, "size", what),
            sha256=read_str(o, "sha256", what, SHA256_RE),
            encryption=enc,
            zip_sha256=read_str(inner, "zip_sha256", what, SHA256_RE),
            zip_size=read_int(inner, "zip_size", what),
            tagmanifest_sha512=read_str(
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


__all__ = [
    "AUDIT_FORMAT_VERSION",
    "ENTITY_RE",
    "ENVELOPE_FORMAT",
    "EXT_RE",
    "FORMAT_VERSION",
    "HEADER_FORMAT",
    "MAX_FORMAT_VERSION",
    "MAX_INT",
    "MAX_SEQ",
    "OFFICE_ID_RE",
    "RECORD_ID_RE",
    "REPORT_NAME_RE",
    "SHA256_RE",
    "TOKEN_RE",
    "AttachmentInfo",
    "AttachmentSource",
    "BaseAck",
    "BundleHeader",
    "ChangeRange",
    "ChangeRecord",
    "Envelope",
    "Op",
    "ReportFile",
    "VerifiedBundle",
    "WrittenBundle",
    "bad_format",
    "bad_input",
    "bundle_stem",
    "check_format",
    "check_uuid",
    "o_version",
]
