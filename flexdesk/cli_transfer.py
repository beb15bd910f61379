"""``flexdesk import ...`` and ``flexdesk export ...``: files in and out from the command line.

    flexdesk import employees FILE [--apply [--accounts SLIPS.pdf]]
    flexdesk import skp FILE [--apply]
    flexdesk import template employees|skp OUT.xlsx
    flexdesk import copy-skp --unit NAME --year YYYY
    flexdesk export employees|schedule|logs|recap|evaluation|ekinerja OUT.xlsx [options]

Without ``--apply`` an import only prints its preview (what each row would do, and why a row is
refused); with it, the file is imported all or nothing. Like the other administration commands
the command line acts as the office admin (``cli_sync.CONSOLE_ACTOR``): whoever runs it has the
data folder in hand. Registered in ``cli.COMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from flexdesk.cli_sync import CONSOLE_ACTOR
from flexdesk.paths import DataPaths, resolve_data_paths

if TYPE_CHECKING:
    from flexdesk.db.engine import Database
    from flexdesk.services.app import Services

IMPORT_HELP = "impor pegawai atau SKP dari XLSX/CSV (import employees | skp | template | copy-skp)"
EXPORT_HELP = "ekspor XLSX (export employees | schedule | logs | recap | evaluation | ekinerja)"


def _common(parser: argparse.ArgumentParser) -> None:
    """--data-dir and --database-url after the action too (SUPPRESS keeps an earlier value)."""
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="folder data")
    parser.add_argument("--database-url", metavar="URL", default=argparse.SUPPRESS,
                        help="URL basis data (mis. PostgreSQL)")  # fmt: skip


def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """Subcommands of ``flexdesk import``."""
    sub = parser.add_subparsers(dest="import_command", metavar="AKSI", required=True)
    for name, text in (
        ("employees", "pegawai, unit kerja dan atasan"),
        ("skp", "RHK dan indikator SKP"),
    ):
        p = sub.add_parser(name, help=f"impor {text} (pratinjau; --apply untuk menyimpan)")
        p.add_argument("file", metavar="BERKAS", type=Path)
        p.add_argument("--apply", action="store_true", help="simpan (semua atau tidak sama sekali)")
        p.add_argument("--lang", choices=("id", "en"), default="id")
        if name == "employees":
            p.add_argument("--accounts", metavar="SLIP.pdf", type=Path,
                           help="buat akun untuk pegawai yang diimpor; slip kata sandi ke PDF ini")  # fmt: skip
    p = sub.add_parser("template", help="tulis templat impor XLSX")
    p.add_argument("kind", choices=("employees", "skp"))
    p.add_argument("out", metavar="BERKAS", type=Path)
    p = sub.add_parser("copy-skp", help="salin SKP tahun lalu untuk seluruh unit")
    p.add_argument("--unit", required=True, help="nama unit kerja")
    p.add_argument("--year", required=True, type=int, help="tahun SKP baru")
    for p in sub.choices.values():
        _common(p)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """Subcommands of ``flexdesk export``."""
    sub = parser.add_subparsers(dest="export_command", metavar="AKSI", required=True)
    p = sub.add_parser("employees", help="daftar pegawai (kolom templat impor)")
    p.add_argument("--include-inactive", action="store_true")
    p = sub.add_parser("schedule", help="jadwal satu bulan (grid berwarna)")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p = sub.add_parser("logs", help="log output dengan saringan")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--employee", metavar="NIP")
    p = sub.add_parser("recap", help="rekap output per pegawai dan periode")
    p.add_argument("--employee", metavar="NIP", action="append", default=[])
    for name in ("recap", "evaluation", "ekinerja"):
        p = sub.choices[name] if name in sub.choices else sub.add_parser(
            name, help={"evaluation": "rekap evaluasi kinerja satu unit",
                        "ekinerja": "rekap realisasi dan predikat untuk e-Kinerja"}[name])  # fmt: skip
        p.add_argument("--year", required=True, type=int)
        p.add_argument("--period", type=int, help="nomor periode (bawaan: tahunan)")
    for p in sub.choices.values():
        p.add_argument("out", metavar="BERKAS.xlsx", type=Path)
        p.add_argument("--unit", metavar="NAMA", help="nama unit kerja")
        p.add_argument("--paper", choices=("A4", "F4"), default="A4")
        _common(p)


def _print_preview(preview: object, lang: str) -> None:
    from flexdesk.services.transfer.preview import ImportPreview, RowStatus

    assert isinstance(preview, ImportPreview)
    for note, note_en in preview.notes:
        print(f"Catatan: {note if lang == 'id' else note_en}")
    if preview.new_units:
        print("Unit baru: " + ", ".join(preview.new_units))
    for row in preview.rows:
        label = row.status.label_id if lang == "id" else row.status.label_en
        name = " | ".join(v for v in row.values[:3] if v)
        print(f"baris {row.line:>5}  {label:<8} {name}")
        for issue in row.issues:
            print(
                f"             {issue.field}: {issue.message if lang == 'id' else issue.message_en}"
            )
        if row.status is RowStatus.UPDATED:
            print("             diubah: " + ", ".join(row.changed))
    print(preview.summary(lang))


def _open(args: argparse.Namespace) -> tuple[Database, Services, DataPaths]:
    from flexdesk.services.app import Services, open_database

    paths = resolve_data_paths(getattr(args, "data_dir", None))
    db = open_database(paths, database_url=getattr(args, "database_url", None))
    return db, Services(db, CONSOLE_ACTOR), paths


def run_import(args: argparse.Namespace) -> int:
    """``flexdesk import``: 0 done (or preview clean), 1 rows refused, 2 an error (cli.main)."""
    from flexdesk.services.transfer import people_sheets

    if args.import_command == "template":
        write = (
            people_sheets.write_employee_template
            if args.kind == "employees"
            else people_sheets.write_skp_template
        )
        print(f"Templat ditulis: {write(args.out)}")
        return 0
    db, services, _paths = _open(args)
    try:
        if args.import_command == "copy-skp":
            return _copy_skp(services, args)
        return _import_file(services, args)
    finally:
        db.dispose()


def _import_file(services: Services, args: argparse.Namespace) -> int:
    from flexdesk.services.transfer import accounts, employee_import, skp_import

    employees = args.import_command == "employees"
    preview_fn = (
        employee_import.preview_employee_import if employees else skp_import.preview_skp_import
    )
    preview = services.read(preview_fn, args.file)
    _print_preview(preview, args.lang)
    if preview.refused:
        print(
            "Tidak ada yang disimpan: perbaiki baris yang ditolak lalu impor lagi.", file=sys.stderr
        )
        return 1
    if not args.apply:
        print("Pratinjau saja; jalankan lagi dengan --apply untuk menyimpan.")
        return 0
    if not employees:
        done = services.call(skp_import.commit_skp_import, args.file)
        print(
            f"SKP baru {done.skp_created}, RHK baru {done.rhk_created}, diubah {done.rhk_updated}"
        )
        return 0
    result = services.call(employee_import.commit_employee_import, args.file)
    print(f"Pegawai baru {result.created}, diubah {result.updated}, tetap {result.unchanged}, "
          f"unit baru {result.units_created}")  # fmt: skip
    if args.accounts is not None:
        made = services.call(accounts.create_accounts, result.employee_ids)
        pages = accounts.write_slips(made, services.read(accounts.office_name), args.accounts)
        print(f"Akun dibuat: {len(made.slips)}; slip kata sandi: {args.accounts} ({pages} hlm.)")
        for name, reason, _en in made.skipped:
            print(f"  tanpa akun: {name} ({reason})")
    return 0


def _unit_id(services: Services, name: str | None) -> str | None:
    from flexdesk.errors import NotFound
    from flexdesk.services import units

    if not name:
        return None
    for unit in services.read(units.list_units, include_inactive=True):
        if unit.name.casefold() == name.casefold():
            return str(unit.id)
    raise NotFound(f"Unit kerja '{name}' tidak ditemukan.", message_en=f"No work unit '{name}'.")


def _copy_skp(services: Services, args: argparse.Namespace) -> int:
    from flexdesk.services.transfer.skp_copy import copy_unit_skp

    unit_id = _unit_id(services, args.unit)
    assert unit_id is not None  # --unit is required
    for line in services.call(copy_unit_skp, unit_id, args.year):
        result = f"{line.copied} RHK dari {line.source_year}" if line.copied else line.reason
        print(f"{line.name}: {result}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """``flexdesk export``: write the XLSX and say how many rows it holds."""
    db, services, _paths = _open(args)
    try:
        count = _export(services, args)
    finally:
        db.dispose()
    print(f"{args.out}: {count} baris")
    return 0


def _export(services: Services, args: argparse.Namespace) -> int:
    from flexdesk.services.evaluation.settings import office_period_type
    from flexdesk.services.evaluation.types import PeriodRef
    from flexdesk.services.outputs.logs import LogFilter
    from flexdesk.services.transfer import ekinerja, exports, people_sheets

    kind, out, unit = args.export_command, args.out, _unit_id(services, args.unit)
    if kind == "employees":
        return int(
            services.read(
                people_sheets.export_employees_xlsx, out, include_inactive=args.include_inactive
            )
        )
    if kind == "schedule":
        year, month = (int(p) for p in args.month.split("-"))
        return int(
            services.read(
                exports.export_schedule_xlsx, year, month, out, unit_id=unit, paper=args.paper
            )
        )
    if kind == "logs":
        flt = LogFilter(employee_id=_employee_id(services, args.employee), unit_id=unit,
                        date_from=_date(args.date_from), date_to=_date(args.date_to))  # fmt: skip
        return int(services.read(exports.export_logs_xlsx, flt, out, paper=args.paper))
    if kind == "recap":
        ids = [i for nip in args.employee if (i := _employee_id(services, nip)) is not None]
        return int(
            services.read(exports.export_recap_xlsx, ids, args.year, out, period_index=args.period)
        )
    ptype = services.read(lambda session, actor: office_period_type(session))
    period = (
        PeriodRef(args.year, ptype, args.period) if args.period else PeriodRef.annual(args.year)
    )
    if kind == "evaluation":
        if unit is None:
            raise SystemExit("--unit wajib untuk rekap evaluasi")
        return int(
            services.read(
                ekinerja.export_evaluation_recap_xlsx, unit, period, out, paper=args.paper
            )
        )
    return int(
        services.read(ekinerja.export_ekinerja_xlsx, period, out, unit_id=unit, paper=args.paper)
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _employee_id(services: Services, nip: str | None) -> str | None:
    from sqlalchemy import select

    from flexdesk.db.models import Employee
    from flexdesk.domain.people import normalize_nip
    from flexdesk.errors import NotFound

    if not nip:
        return None
    found = services.read(
        lambda session, actor: session.scalar(
            select(Employee.id).where(Employee.nip == normalize_nip(nip))
        )
    )
    if found is None:
        raise NotFound(
            f"Pegawai dengan NIP {nip} tidak ditemukan.", message_en=f"No employee with NIP {nip}."
        )
    return str(found)
