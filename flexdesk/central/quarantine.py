"""Rejected bundles (service.py, steps 1-3 and 4a): the quarantine row (why, and whether the
envelope was authentic), a copy of the files under central's own fixed names, and the
``rejected`` receipt."""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from flexdesk.central.models import CentralOffice, CentralQuarantine
from flexdesk.central.receipts import ReceiptIssuer, receipt_version
from flexdesk.central.results import IngestResult
from flexdesk.errors import BundleError
from flexdesk.sync._errors import bundle_error
from flexdesk.sync.format.layout import AGE_SUFFIX, ENVELOPE_SUFFIX, SIG_SUFFIX, ZIP_SUFFIX
from flexdesk.sync.format.model import Envelope
from flexdesk.sync.verifier import split_bundle_path

#: the receiver's logger, as before rejection moved here (operators filter on its name)
log = logging.getLogger("flexdesk.central.service")


class Rejections:
    """Rejecting bundles: quarantined, answered with a signed ``rejected`` receipt when the
    envelope is authentic and names a registered office."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        issuer: ReceiptIssuer,
        folder: Path,
        clock: Callable[[], datetime],
    ) -> None:
        self.Session = sessions
        self.issuer = issuer
        self.folder = folder
        self.clock = clock

    def reject(
        self, path: Path, error: BundleError, known: tuple[Envelope, str] | None
    ) -> IngestResult:
        """Quarantine the bundle; answer with a ``rejected`` receipt when the envelope is
        authentic and names a registered office."""
        envelope, env_sha = known if known is not None else (None, None)
        with self.Session.begin() as s:
            q = quarantine(
                s,
                path,
                error,
                envelope,
                env_sha=env_sha,
                now=self.clock(),
                folder=self.folder,
            )
            signed = None
            if envelope is not None and s.get(CentralOffice, envelope.office_id) is not None:
                office = s.get(CentralOffice, envelope.office_id)
                signed = self.issuer.issue(
                    s,
                    office_id=envelope.office_id,
                    bundle_seq=envelope.bundle_seq,
                    bundle_uuid=envelope.bundle_uuid,
                    env_sha=env_sha,
                    status="rejected",
                    office=office,
                    counts={},
                    error=error,
                    version=receipt_version(envelope.format_version),
                )
                q.receipt_id = signed.receipt.receipt_id
            qid = q.id
        log.warning("quarantined %s: %s (%s)", path.name, error.code, error.message_en)
        return IngestResult(
            source=path,
            status="rejected",
            office_id=envelope.office_id if envelope else None,
            bundle_seq=envelope.bundle_seq if envelope else None,
            code=error.code,
            message=error.message,
            message_en=error.message_en,
            receipt=signed,
            receipt_path=self.issuer.send(signed) if signed else None,
            quarantine_id=qid,
        )

    def internal_error(self, path: Path, exc: BaseException) -> IngestResult:
        """The last resort of ingest: an error nobody foresaw (a bug, a value a library
        chokes on) quarantines the bundle as ``internal-error`` with the traceback in the log,
        and no receipt (central cannot say what it did with the bundle). Never raises: if even
        the quarantine fails (the database is the problem), that is logged and reported too."""
        log.error("internal error ingesting %s", _storable(path.name, single_line=True),
                  exc_info=exc)  # fmt: skip
        error = bundle_error(
            "internal-error",
            f"Kesalahan internal di pusat saat memproses paket ini ({type(exc).__name__}); "
            "paket dikarantina tanpa tanda terima. Laporkan ke pengelola pusat (lihat log).",
            f"Central hit an internal error ingesting this bundle ({type(exc).__name__}); it "
            "was quarantined and no receipt was issued. Tell central's operator (see the log).",
        )
        qid: int | None = None
        try:
            with self.Session.begin() as s:
                qid = quarantine(
                    s, path, error, None, env_sha=None, now=self.clock(), folder=self.folder
                ).id
        except Exception:
            log.exception("the bundle %s could not be quarantined either", path.name)
        return IngestResult(
            source=path,
            status="rejected",
            code=error.code,
            message=error.message,
            message_en=error.message_en,
            quarantine_id=qid,
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\r\n]")


def _storable(text: str, *, single_line: bool = False) -> str:
    """``text`` made storable whatever a hostile bundle put in it: a lone surrogate (a file
    name that is not UTF-8, a message quoting one) shown as its escape, control characters as
    "?", so the quarantine row itself can never be refused by the flush check."""
    text = _CONTROL.sub("?", text.encode("utf-8", "backslashreplace").decode("utf-8"))
    return _LINE_BREAK.sub("?", text) if single_line else text


def quarantine(
    s: Session,
    path: Path,
    error: BundleError,
    envelope: Envelope | None,
    *,
    env_sha: str | None,
    now: datetime,
    folder: Path,
) -> CentralQuarantine:
    """Record the rejected bundle and keep its files in ``folder/<id>``."""
    q = CentralQuarantine(
        received_at=now,
        source_name=_storable(path.name, single_line=True)[:255],
        office_id=envelope.office_id if envelope else None,
        bundle_seq=envelope.bundle_seq if envelope else None,
        envelope_sha256=env_sha,
        authentic=envelope is not None,
        code=error.code,
        message=_storable(error.message),
        message_en=_storable(error.message_en),
        stored_dir="",
    )
    s.add(q)
    s.flush()
    q.stored_dir = f"{q.id:06d}"
    keep_files(path, folder / q.stored_dir)
    return q


def keep_files(path: Path, dest: Path) -> None:
    """Copy the bundle's files under our own fixed names (never names from the bundle)."""
    dest.mkdir(parents=True, exist_ok=True)
    try:
        stem, folder = split_bundle_path(path)
        sources = [
            (folder / (stem + sfx), name)
            for sfx, name in (
                (ENVELOPE_SUFFIX, "envelope.json"),
                (SIG_SUFFIX, "envelope.json.sig"),
                (ZIP_SUFFIX, "bundle.zip"),
                (AGE_SUFFIX, "bundle.zip.age"),
            )
        ]
    except BundleError:
        sources = [(path, "original.bin")]
    for src, name in sources:
        if src.is_file() and not src.is_symlink():
            with contextlib.suppress(OSError):
                shutil.copyfile(src, dest / name)
