"""The demo's evidence files: a few small PDFs and a PNG made without ReportLab or an imaging
library, stored once in the attachment store and attached to some reviewed log entries (and a
link on a few), and the store the demo writes them to."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from flexdesk.db.base import new_uuid
from flexdesk.db.engine import DATA_ROOT
from flexdesk.domain.outputs import LogStatus
from flexdesk.services.storage.attachments import AttachmentStore, bytes_in_transaction


def sample_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small valid PNG (a colour with a lighter band), made without an imaging library."""
    rows = []
    for y in range(height):
        shade = tuple(min(255, c + 60) for c in rgb) if height // 3 < y < 2 * height // 3 else rgb
        rows.append(b"\x00" + bytes(shade) * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def sample_pdf(title: str) -> bytes:
    """A one-page PDF with a line of text (hand-built: small, valid, no ReportLab start-up)."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_store(session: Session) -> AttachmentStore | None:
    """The attachment store of the session's data folder (set by services.app.open_database;
    with a database server it is not beside the database), else beside a SQLite file."""
    root = session.info.get(DATA_ROOT)
    if isinstance(root, Path):
        return AttachmentStore(root / "attachments")
    url = session.connection().engine.url
    database = url.database if url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        return None
    return AttachmentStore(Path(database).parent / "attachments")


def demo_evidence(
    session: Session, store: AttachmentStore, log_rows: list[dict[str, Any]], rng: random.Random
) -> list[dict[str, Any]]:
    """Evidence rows for twelve reviewed or submitted entries picked at random (the four files
    in turn, each stored once) and a link on the first three of them."""
    made = (
        (sample_pdf("Notulen rapat koordinasi"), "Notulen rapat koordinasi.pdf", "application/pdf"),
        (sample_pdf("Daftar hadir kegiatan"), "Daftar hadir.pdf", "application/pdf"),
        (sample_pdf("Laporan bulanan"), "Laporan bulanan.pdf", "application/pdf"),
        (sample_png(160, 120, (31, 95, 168)), "Foto kegiatan.png", "image/png"),
    )
    files = [bytes_in_transaction(session, store, *f) for f in made]
    candidates = [r for r in log_rows if r["status"] != LogStatus.DRAFT.value]
    picked = rng.sample(candidates, min(12, len(candidates)))
    rows: list[dict[str, Any]] = []
    for i, log in enumerate(picked):
        stored = files[i % len(files)]  # the same file on several entries: stored once
        rows.append(
            {"id": new_uuid(), "log_id": log["id"], "kind": "file", "sha256": stored.sha256,
             "original_name": stored.name, "size": stored.size,
             "media_type": stored.media_type, "url": ""}
        )  # fmt: skip
    for log in picked[:3]:
        rows.append(
            {"id": new_uuid(), "log_id": log["id"], "kind": "link", "sha256": None,
             "original_name": "https://cigugur.kuningankab.go.id/berita",
             "size": 0, "media_type": "", "url": "https://cigugur.kuningankab.go.id/berita"}
        )  # fmt: skip
    return rows
