"""``flexdesk self-test``: a headless check that this installation works, for smoke tests of
the frozen build and for support calls ("run flexdesk self-test and read me the last line").

Everything happens in a temporary data folder that is deleted afterwards, so the self-test
never touches the user's real data. Each check prints one line with its time; a failed check
prints what failed in Indonesian and in English, and the command exits non-zero.

Checks, in order (later checks reuse what earlier ones made):

1. resources: the fonts, the translation sources and the migration files are where
   ``importlib.resources`` and the migration runner look for them (the usual casualty of a
   packaging mistake);
2. database: a new database with every migration applied, and a small demo office in it;
3. PDF: one evaluation form rendered with the embedded fonts, read back as a PDF with pages;
4. PDF batch: four forms rendered one file each by two worker processes, as the Evaluasi
   page's "one file per employee" export does (in a frozen build the workers are the program
   itself started again, which works only through ``multiprocessing.freeze_support()``);
5. bundle: a signed bundle with two records from the demo database and the PDF, written and
   verified with the public key alone; a damaged copy must be refused;
6. server (only with ``--database-url``): the office's PostgreSQL server through the bundled
   psycopg, read only: reachable, the database there, its schema and office (services.server).

No Qt here: the GUI has its own smoke test (``FLEXDESK_STARTUP_PROBE``, see flexdesk.ui.app).
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flexdesk import __version__

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

    from flexdesk.sync.bundle import WrittenBundle

HELP = "periksa instalasi tanpa layar: basis data, PDF, bundel bertanda tangan"

#: Office code the self-test's demo office and bundle use.
OFFICE_ID = "O042"
_PAGE_RE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class CheckFailed(Exception):
    """A check found something wrong; carries the Indonesian and English explanation."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en


@dataclass
class _Workspace:
    """What the checks share: the temporary folder and the results of earlier checks."""

    root: Path
    database_url: str | None = None
    pdf_path: Path | None = None
    records: list[tuple[int, str, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class CheckResult:
    """One check's outcome: its names, whether it passed, how long it took, what it said."""

    name: str
    name_en: str
    ok: bool
    seconds: float
    detail: str


def count_pdf_pages(data: bytes) -> int:
    """Pages of a PDF written by ReportLab (page objects are not compressed there)."""
    return len(_PAGE_RE.findall(data))


def _check_resources(ws: _Workspace) -> str:
    from importlib import resources

    from flexdesk.db.migrate import MIGRATIONS_DIR, schema_heads

    base = resources.files("flexdesk_resources")
    missing = [
        name
        for name in ("fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf", "i18n/flexdesk_en.ts")
        if not (base / name).is_file()
    ]
    if not (MIGRATIONS_DIR / "env.py").is_file():
        missing.append(str(MIGRATIONS_DIR / "env.py"))
    if missing:
        raise CheckFailed(
            f"berkas sumber daya tidak ditemukan: {', '.join(missing)}",
            f"resource files not found: {', '.join(missing)}",
        )
    heads = schema_heads()
    if not heads:
        raise CheckFailed(
            f"berkas migrasi tidak ditemukan di {MIGRATIONS_DIR / 'versions'}",
            f"no migration files in {MIGRATIONS_DIR / 'versions'}",
        )
    qm = "ada" if (base / "i18n" / "flexdesk_en.qm").is_file() else "belum dikompilasi"
    return f"font, terjemahan (.qm {qm}), {len(heads)} cabang migrasi"


def _check_database(ws: _Workspace) -> str:
    from sqlalchemy import func, select

    from flexdesk.db.migrate import current_revisions, describe, schema_heads
    from flexdesk.db.models import Employee
    from flexdesk.paths import DataPaths
    from flexdesk.services import demo
    from flexdesk.services.app import open_database

    paths = DataPaths(ws.root / "data")
    db = open_database(paths)
    try:
        revisions = current_revisions(db)
        if revisions != schema_heads():
            raise CheckFailed(
                f"skema {describe(revisions)}, seharusnya {describe(schema_heads())}",
                f"schema at {describe(revisions)}, expected {describe(schema_heads())}",
            )
        with db.session() as session:
            info = demo.create_demo_office(session, employees=6)
        with db.read_session() as session:
            employees = session.scalar(select(func.count(Employee.id))) or 0
            rows = session.execute(
                select(Employee.change_seq, Employee.id, Employee.rev, Employee.nama)
                .order_by(Employee.change_seq)
                .limit(2)
            ).all()
        ws.records = [(int(s), str(i), int(r), str(n)) for s, i, r, n in rows]
    finally:
        db.dispose()
    if employees < 1 or len(ws.records) < 2:
        raise CheckFailed(
            f"kantor demo tanpa pegawai ({employees})",
            f"demo office has no employees ({employees})",
        )
    return f"skema {describe(revisions)}, kantor {info.office_code}, {employees} pegawai"


def _check_pdf(ws: _Workspace) -> str:
    from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
    from flexdesk.reports.samples import sample_evaluation_form

    data = build_evaluation_pdf_bytes(sample_evaluation_form(n_utama=2, n_tambahan=1))
    pages = count_pdf_pages(data)
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise CheckFailed("hasil cetak bukan berkas PDF utuh", "the output is not a complete PDF")
    if pages < 1:
        raise CheckFailed("PDF tanpa halaman", "the PDF has no pages")
    ws.pdf_path = ws.root / "evaluasi.pdf"
    ws.pdf_path.write_bytes(data)
    return f"{pages} halaman, {len(data) / 1024:.0f} KiB"


def _check_pdf_batch(ws: _Workspace) -> str:
    from flexdesk.reports.batch import render_many
    from flexdesk.reports.samples import sample_evaluation_form

    forms = [sample_evaluation_form(i, n_utama=1, n_tambahan=0) for i in range(4)]
    paths = render_many(forms, ws.root / "batch", workers=2)
    broken = [p.name for p in paths if not p.is_file() or count_pdf_pages(p.read_bytes()) < 1]
    if broken:
        raise CheckFailed(
            f"berkas PDF tidak utuh: {', '.join(broken)}", f"incomplete PDF files: {broken}"
        )
    return f"{len(paths)} berkas dari 2 proses"


def _check_bundle(ws: _Workspace) -> str:
    from flexdesk.sync.bundle import verify_bundle

    key, written, n_changes, n_reports = _write_test_bundle(ws)
    trusted = {"self-test": key.public_key()}
    verified = verify_bundle(
        written.envelope_path, trusted_keys=trusted, expected_office=OFFICE_ID,
        require_envelope=True,
    )  # fmt: skip
    if len(verified.changes) != n_changes or len(verified.reports) != n_reports:
        raise CheckFailed(
            "isi bundel terverifikasi tidak sama dengan yang ditulis",
            "the verified bundle's content differs from what was written",
        )
    refused = _damaged_copy_refused(ws, written, trusted)
    size = written.container_path.stat().st_size
    return (
        f"{written.container_path.name} ({size / 1024:.0f} KiB, {n_changes} catatan) "
        f"terverifikasi; salinan rusak ditolak ({refused})"
    )


def _write_test_bundle(ws: _Workspace) -> tuple[Ed25519PrivateKey, WrittenBundle, int, int]:
    """A bundle of the demo records (and the PDF) signed with a new key: the key, the written
    bundle and how many records and reports it holds."""
    from flexdesk.sync.bundle import ChangeRecord, ReportFile, write_bundle
    from flexdesk.sync.crypto.keys import generate_key, key_id

    key = generate_key()
    changes = [
        ChangeRecord(
            change_seq=seq,
            entity="employee",
            id=rid,
            rev=rev,
            base_rev=None,
            op="upsert",
            data={"nama": nama},
        )
        for seq, rid, rev, nama in ws.records
    ]
    reports = [ReportFile("self-test", ws.pdf_path)] if ws.pdf_path else []
    out = ws.root / "exports"
    out.mkdir()
    written = write_bundle(
        out,
        office_id=OFFICE_ID,
        bundle_seq=1,
        bundle_uuid=None,
        changes=changes,
        attachments=[],
        reports=reports,
        signing_key=key,
        key_id=key_id(key.public_key()),
        base_ack=None,
        app_version=__version__,
        period=None,
    )
    return key, written, len(changes), len(reports)


def _damaged_copy_refused(
    ws: _Workspace, written: WrittenBundle, trusted: dict[str, Ed25519PublicKey]
) -> str:
    """A verifier that accepts anything would pass the checks above: a copy with one byte of
    the zip flipped must be refused; returns the refusal's code."""
    from flexdesk.errors import BundleError
    from flexdesk.sync.bundle import verify_bundle

    damaged_dir = ws.root / "damaged"
    damaged_dir.mkdir()
    for path in written.paths:
        shutil.copy2(path, damaged_dir / path.name)
    zip_copy = damaged_dir / written.container_path.name
    blob = bytearray(zip_copy.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    zip_copy.write_bytes(bytes(blob))
    try:
        verify_bundle(
            damaged_dir / written.envelope_path.name, trusted_keys=trusted,
            expected_office=OFFICE_ID, require_envelope=True,
        )  # fmt: skip
    except BundleError as exc:
        return str(getattr(exc, "code", "refused"))
    raise CheckFailed("bundel yang rusak diterima oleh pemeriksa", "a damaged bundle was accepted")


#: (name id, name en, check); each returns a short detail line or raises.
def _check_server(ws: _Workspace) -> str:
    """The installed driver reaches the server: what "Uji koneksi" in the wizard does."""
    from flexdesk.errors import FlexDeskError
    from flexdesk.services.server import check_server

    assert ws.database_url
    try:
        found = check_server(ws.database_url)  # a missing driver is refused in words too
    except FlexDeskError as exc:
        raise CheckFailed(exc.message, exc.message_en) from exc
    import psycopg

    schema = {"empty": "kosong", "current": "terbaru", "older": "lama"}.get(
        found.schema.value, "lebih baru"
    )

    office = found.office_name or "belum ada kantor"
    return (
        f"PostgreSQL {found.server_version}, psycopg {psycopg.__version__} "
        f"({psycopg.pq.__impl__}), skema {schema}, {office}, {found.where}"
    )


CHECKS: tuple[tuple[str, str, Callable[[_Workspace], str]], ...] = (
    ("sumber daya", "resources", _check_resources),
    ("basis data", "database", _check_database),
    ("PDF", "PDF", _check_pdf),
    ("PDF banyak", "PDF batch", _check_pdf_batch),
    ("bundel", "bundle", _check_bundle),
)


def _explain(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, CheckFailed):
        return exc.message, exc.message_en
    message = getattr(exc, "message", None)
    message_en = getattr(exc, "message_en", None)
    if isinstance(message, str):
        return message, message_en if isinstance(message_en, str) else message
    text = f"{type(exc).__name__}: {exc}"
    return text, text


def run_checks(
    work_dir: Path, out: Callable[[str], None] = print, database_url: str | None = None
) -> list[CheckResult]:
    """Run every check in ``work_dir`` (an empty folder), printing one line per check."""
    ws = _Workspace(work_dir, database_url=database_url)
    results: list[CheckResult] = []
    server = (("server", "server", _check_server),) if database_url else ()
    for name, name_en, check in (*CHECKS, *server):
        start = time.perf_counter()
        try:
            detail = check(ws)
        except Exception as exc:  # a self-test reports every failure instead of crashing
            seconds = time.perf_counter() - start
            message, message_en = _explain(exc)
            out(f"GAGAL  {name:<12} {seconds:6.2f} s  {message}")
            out(f"FAILED {name_en:<12} {'':8}  {message_en}")
            if not isinstance(exc, CheckFailed):
                out("".join(traceback.format_exception(exc)).rstrip())
            results.append(CheckResult(name, name_en, False, seconds, message_en))
        else:
            seconds = time.perf_counter() - start
            out(f"OK     {name:<12} {seconds:6.2f} s  {detail}")
            results.append(CheckResult(name, name_en, True, seconds, detail))
    return results


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``flexdesk self-test``."""
    parser.add_argument(
        "--keep",
        action="store_true",
        help="jangan hapus folder sementara (untuk diperiksa petugas dukungan)",
    )


def run(args: argparse.Namespace) -> int:
    """Run every check in a temporary folder; exit status 0 when all passed."""
    frozen = "beku (PyInstaller)" if getattr(sys, "frozen", False) else "Python"
    print(
        f"FlexDesk {__version__} self-test — {frozen}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )
    print(f"Program: {sys.executable}")
    total = time.perf_counter()
    work_dir = Path(tempfile.mkdtemp(prefix="flexdesk-selftest-"))
    try:
        results = run_checks(work_dir, database_url=getattr(args, "database_url", None))
    finally:
        if getattr(args, "keep", False):
            print(f"Folder sementara disimpan / temporary folder kept: {work_dir}")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    failed = [r for r in results if not r.ok]
    seconds = time.perf_counter() - total
    if failed:
        names = ", ".join(r.name for r in failed)
        names_en = ", ".join(r.name_en for r in failed)
        print(f"{len(failed)} dari {len(results)} pemeriksaan GAGAL ({names}) — {seconds:.2f} s")
        print(f"{len(failed)} of {len(results)} checks FAILED ({names_en})")
        return 1
    print(
        f"Semua {len(results)} pemeriksaan lulus / all {len(results)} checks passed — {seconds:.2f} s"
    )
    return 0
