"""Receipts: central's signed answer to a bundle (namespace ``flexdesk-receipt-v1``).

Files: ``<stem>.receipt.json`` (canonical JSON) and ``<stem>.receipt.json.sig`` (SSHSIG by the
central key). Central may also hand several receipts over in one zip (``receipts-O042.zip``
with one top folder), read with :func:`read_receipt_zip` under the import hygiene rules.

Office side (``flexdesk bundle import-receipt`` / Sinkronisasi page)::

    for data, sig in read_receipt_files(path) or read_receipt_zip(path):
        signed = verify_receipt(data, sig, central_keys=[central_pub], expected_office="O042")
        # record signed.receipt (status, applied_through_change, received_at) and signed.sha256
        new_ack = advance_ack(current_ack, signed)   # never moves backwards
        # persist new_ack; the next export uses it as base_ack and starts after
        # new_ack.applied_through

Only statuses applied, duplicate, superseded and gap acknowledge anything; ``rejected`` says
why (``reason`` is a BundleError code, ``message`` Indonesian, ``message_en`` English) and
changes nothing.

Receipt format 2 adds ``audit``: the head of the office's audit chain central holds after
this bundle (``{"seq", "hash"}``, or null before any audit row arrived). The office's next
bundle carries the audit rows after ``audit.seq``. Central answers a format 1 bundle (an
office not yet updated) with a format 1 receipt, which has no ``audit``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from flexdesk.sync._errors import bundle_error
from flexdesk.sync._fs import atomic_write_bytes, read_capped
from flexdesk.sync.crypto import sshsig
from flexdesk.sync.crypto.keys import key_id, public_key_raw
from flexdesk.sync.format.canonical import canonical_json_line, loads_strict
from flexdesk.sync.format.fields import (
    OFFICE_ID_RE,
    SHA256_RE,
    bad_format,
    check_uuid,
    read_int,
    read_object,
    read_seq,
    read_str,
)
from flexdesk.sync.format.model import BaseAck, bundle_stem, check_format
from flexdesk.sync.format.ziphygiene import SafeZip, ZipLimits

RECEIPT_FORMAT = "flexdesk-receipt"
#: receipt format written by default (2: with the audit head); 1 is still read and written
RECEIPT_FORMAT_VERSION = 2
RECEIPT_SUFFIX = ".receipt.json"
RECEIPT_SIG_SUFFIX = ".receipt.json.sig"
MAX_RECEIPT = 256 * 1024

Status = Literal["applied", "duplicate", "superseded", "gap", "rejected"]
STATUSES: tuple[str, ...] = ("applied", "duplicate", "superseded", "gap", "rejected")
#: statuses after which the office may advance its acknowledged point
ACKNOWLEDGING = frozenset({"applied", "duplicate", "superseded", "gap"})
_COUNT_KEYS = ("applied", "unchanged", "stale", "conflicts", "attachments", "reports")
_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def format_time(moment: datetime) -> str:
    """UTC, second precision, ``Z`` suffix (the only form receipts use)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class AuditHead:
    """The last audit row of an office that central holds: its seq and hash."""

    seq: int
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash}

    @classmethod
    def from_json(cls, obj: Any, what: str) -> AuditHead | None:
        if obj is None:
            return None
        o = read_object(obj, what, {"seq", "hash"})
        return cls(read_seq(o, "seq", what, minimum=1), read_str(o, "hash", what, SHA256_RE))


@dataclass(frozen=True)
class Receipt:
    """What central did with one bundle; ``received_at`` is central's clock (trusted time)."""

    office_id: str
    bundle_seq: int
    bundle_uuid: str | None
    envelope_sha256: str | None
    status: Status
    applied_through_change: int
    next_expected_seq: int
    received_at: str
    central_key_id: str
    receipt_id: int
    reason: str | None = None
    message: str | None = None
    message_en: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    #: central's audit head for the office after this bundle (format 2 only)
    audit: AuditHead | None = None
    format_version: int = RECEIPT_FORMAT_VERSION

    def __post_init__(self) -> None:
        # every count present, so a receipt equals itself after a JSON round trip
        object.__setattr__(self, "counts", {k: self.counts.get(k, 0) for k in _COUNT_KEYS})
        if self.format_version not in (1, 2) or (self.format_version < 2 and self.audit):
            raise ValueError("receipt format 1 has no audit head")

    @property
    def stem(self) -> str:
        return bundle_stem(self.office_id, self.bundle_seq)

    def to_json(self) -> dict[str, Any]:
        out = self._json_v1()
        if self.format_version >= 2:
            out["audit"] = None if self.audit is None else self.audit.to_json()
        return out

    def _json_v1(self) -> dict[str, Any]:
        return {
            "format": RECEIPT_FORMAT,
            "format_version": self.format_version,
            "receipt_id": self.receipt_id,
            "office_id": self.office_id,
            "bundle_seq": self.bundle_seq,
            "bundle_uuid": self.bundle_uuid,
            "envelope_sha256": self.envelope_sha256,
            "status": self.status,
            "reason": self.reason,
            "message": self.message,
            "message_en": self.message_en,
            "applied_through_change": self.applied_through_change,
            "next_expected_seq": self.next_expected_seq,
            "received_at": self.received_at,
            "central_key_id": self.central_key_id,
            "counts": {k: self.counts.get(k, 0) for k in _COUNT_KEYS},
        }

    @classmethod
    def from_json(cls, obj: Any) -> Receipt:
        what = "receipt.json"
        check_format(obj, what, RECEIPT_FORMAT, max_version=RECEIPT_FORMAT_VERSION)
        version = int(obj["format_version"])
        o = read_object(
            obj,
            what,
            {
                "format",
                "format_version",
                "receipt_id",
                "office_id",
                "bundle_seq",
                "bundle_uuid",
                "envelope_sha256",
                "status",
                "reason",
                "message",
                "message_en",
                "applied_through_change",
                "next_expected_seq",
                "received_at",
                "central_key_id",
                "counts",
                *(("audit",) if version >= 2 else ()),
            },
        )
        if o["status"] not in STATUSES:
            raise bad_format(what, f"status {o['status']!r}")
        for opt in ("reason", "message", "message_en"):
            if o[opt] is not None and not isinstance(o[opt], str):
                raise bad_format(what, opt)
        env = o["envelope_sha256"]
        if env is not None and not (isinstance(env, str) and SHA256_RE.match(env)):
            raise bad_format(what, "envelope_sha256")
        uuid_ = o["bundle_uuid"]
        if uuid_ is not None:
            check_uuid(uuid_ if isinstance(uuid_, str) else "", what)
        counts = read_object(o["counts"], what, set(_COUNT_KEYS))
        return cls(
            office_id=read_str(o, "office_id", what, OFFICE_ID_RE),
            bundle_seq=read_seq(o, "bundle_seq", what, minimum=1),
            bundle_uuid=uuid_,
            envelope_sha256=env,
            status=cast(Status, o["status"]),
            applied_through_change=read_seq(o, "applied_through_change", what),
            next_expected_seq=read_seq(o, "next_expected_seq", what, minimum=1),
            received_at=read_str(o, "received_at", what, _TIME_RE),
            central_key_id=read_str(o, "central_key_id", what, None),
            receipt_id=read_seq(o, "receipt_id", what, minimum=1),
            reason=o["reason"],
            message=o["message"],
            message_en=o["message_en"],
            counts={k: read_int(counts, k, what) for k in _COUNT_KEYS},
            audit=AuditHead.from_json(o.get("audit"), what),
            format_version=version,
        )


@dataclass(frozen=True)
class SignedReceipt:
    """A receipt with the exact bytes central signed and the signature."""

    receipt: Receipt
    data: bytes  # the canonical JSON bytes that were signed
    signature: str

    @property
    def sha256(self) -> str:
        """What the office puts in the next bundle's ``base_ack.ack_sha256``."""
        return hashlib.sha256(self.data).hexdigest()

    def base_ack(self) -> BaseAck:
        """The ``base_ack`` the office's next bundle carries after accepting this receipt."""
        return BaseAck(
            ack_seq=self.receipt.bundle_seq,
            ack_sha256=self.sha256,
            applied_through=self.receipt.applied_through_change,
        )


def sign_receipt(receipt: Receipt, central_key: Ed25519PrivateKey) -> SignedReceipt:
    """Sign the receipt's canonical JSON with the central key it names."""
    if receipt.central_key_id != key_id(central_key.public_key()):
        raise ValueError("central_key_id does not name the signing key")
    data = canonical_json_line(receipt.to_json())
    return SignedReceipt(receipt, data, sshsig.sign(data, central_key, sshsig.NS_RECEIPT))


def verify_receipt(
    data: bytes,
    signature: str | bytes,
    *,
    central_keys: Ed25519PublicKey | Iterable[Ed25519PublicKey],
    expected_office: str,
) -> SignedReceipt:
    """Check a receipt from central; BundleError "bad-signature" (tampered or another key),
    "wrong-office", "format-version" or "bad-format" otherwise."""
    keys = [central_keys] if isinstance(central_keys, Ed25519PublicKey) else list(central_keys)
    sig_text = signature.decode("ascii", "replace") if isinstance(signature, bytes) else signature
    parsed = sshsig.parse(sig_text)
    match = [k for k in keys if public_key_raw(k) == parsed.public_key]
    if not match:
        raise bundle_error(
            "bad-signature",
            "Tanda terima tidak ditandatangani oleh kunci pusat yang terdaftar.",
            "The receipt is not signed by the registered central key.",
        )
    sshsig.verify(data, sig_text, namespace=sshsig.NS_RECEIPT, public_key=match[0])
    receipt = Receipt.from_json(loads_strict(data, what="receipt.json"))
    if receipt.central_key_id != key_id(match[0]):
        raise bad_format("receipt.json", "central_key_id")
    if receipt.office_id != expected_office:
        raise bundle_error(
            "wrong-office",
            f"Tanda terima ini untuk kantor {receipt.office_id}, bukan {expected_office}.",
            f"This receipt is for office {receipt.office_id}, not {expected_office}.",
        )
    return SignedReceipt(receipt, data, sig_text)


def advance_ack(current: BaseAck | None, signed: SignedReceipt) -> BaseAck | None:
    """The office's acknowledged point after ``signed``: never backwards, never on rejection."""
    if signed.receipt.status not in ACKNOWLEDGING:
        return current
    candidate = signed.base_ack()
    if current is not None and (
        candidate.applied_through < current.applied_through
        or (
            candidate.applied_through == current.applied_through
            and candidate.ack_seq < current.ack_seq
        )
    ):
        return current
    return candidate


def write_receipt_files(signed: SignedReceipt, out_dir: Path) -> tuple[Path, Path]:
    """Atomically write ``<stem>.receipt.json`` and ``.sig`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / (signed.receipt.stem + RECEIPT_SUFFIX)
    sig_path = out_dir / (signed.receipt.stem + RECEIPT_SIG_SUFFIX)
    atomic_write_bytes(sig_path, signed.signature.encode("ascii"))
    atomic_write_bytes(json_path, signed.data)
    return json_path, sig_path


def read_receipt_files(path: Path) -> tuple[bytes, bytes]:
    """``(json, sig)`` from ``<stem>.receipt.json`` or its ``.sig`` path."""
    name = path.name
    if name.endswith(RECEIPT_SIG_SUFFIX):
        base = path.with_name(name[: -len(".sig")])
    elif name.endswith(RECEIPT_SUFFIX):
        base = path
    else:
        raise bundle_error(
            "bad-name", f"Bukan berkas tanda terima: {name}.", f"Not a receipt file: {name}."
        )
    what = "tanda terima / receipt"
    return read_capped(base, MAX_RECEIPT, what), read_capped(
        base.with_name(base.name + ".sig"), MAX_RECEIPT, what
    )


def read_receipt_zip(path: Path, *, limits: ZipLimits | None = None) -> list[tuple[bytes, bytes]]:
    """Receipt pairs from a zip with one top folder (import hygiene applies)."""
    limits = limits or ZipLimits(max_entries=10_000, max_total_size=512 * 1024 * 1024)
    pairs: list[tuple[bytes, bytes]] = []
    with SafeZip(path, limits=limits) as zf:
        names = zf.names()
        for name in sorted(names):
            if name.endswith(RECEIPT_SUFFIX) and "/" not in name:
                sig = name + ".sig"
                if sig not in names:
                    raise bundle_error("missing-file", f"{sig} tidak ada.", f"{sig} is missing.")
                pairs.append(
                    (zf.read(name, max_size=MAX_RECEIPT), zf.read(sig, max_size=MAX_RECEIPT))
                )
            elif not (name.endswith(RECEIPT_SIG_SUFFIX) and "/" not in name):
                raise bundle_error(
                    "extra-file", f"Berkas tak dikenal: {name}.", f"Unexpected file: {name}."
                )
    return pairs


def write_receipt_zip(signed: Iterable[SignedReceipt], out_path: Path) -> Path:
    """Several receipts in one deterministic zip (top folder = file stem)."""
    import zipfile

    from flexdesk.sync._fs import temp_path_for
    from flexdesk.sync.zipwriter import ZIP_DATE

    top = out_path.name.removesuffix(".zip")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path_for(out_path)
    try:
        with zipfile.ZipFile(tmp, "x", compression=zipfile.ZIP_DEFLATED) as zf:
            files: dict[str, bytes] = {}
            for s in signed:
                files[s.receipt.stem + RECEIPT_SUFFIX] = s.data
                files[s.receipt.stem + RECEIPT_SIG_SUFFIX] = s.signature.encode("ascii")
            for name in sorted(files):
                info = zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_DATE)
                info.create_system = 3
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, files[name])
        tmp.replace(out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_path
