"""Administration subcommands: ``flexdesk audit verify|list`` and ``flexdesk backup ...``.

Registered in ``cli.COMMANDS``. Whoever can run these has the data folder in hand, so they
work without signing in (like ``flexdesk info``); the GUI offers the same through services that
check the admin role.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from flexdesk.instance_lock import exclusive_use
from flexdesk.paths import DataPaths, resolve_data_paths

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

AUDIT_HELP = "periksa atau tampilkan jejak audit (audit verify | audit list)"
BACKUP_HELP = "cadangan basis data (backup create | list | verify | restore)"


def _paths(args: argparse.Namespace) -> DataPaths:
    return resolve_data_paths(getattr(args, "data_dir", None))


# -- audit --------------------------------------------------------------------------------------


def add_audit_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="audit_command", metavar="AKSI", required=True)
    p = sub.add_parser(
        "verify",
        help="periksa rantai hash, kecocokan tabel dengan jejak audit dan titik acuannya "
        "(keluar dengan kode 1 bila ada masalah)",
    )
    p.add_argument(
        "--lang", choices=("id", "en"), default=argparse.SUPPRESS, help="bahasa keluaran"
    )
    p = sub.add_parser("list", help="tampilkan entri audit terbaru")
    p.add_argument("--entity", default="", help="mis. employee, user, office")
    p.add_argument("--id", dest="entity_id", default="", help="id rekaman")
    p.add_argument("--user", dest="actor_name", default="", help="nama pengguna pelaku")
    p.add_argument("--limit", type=int, default=50)


def _print_verify(session: Session, paths: DataPaths, lang: str) -> int:
    """``audit verify``: each problem on its own line (row, table/id, kind, detail) in
    ``lang``; exit status 1 when there is any, 0 when the trail is intact."""
    from flexdesk.db.models_audit import AuditEntry
    from flexdesk.services.storage.audit import verify_audit_chain

    problems = verify_audit_chain(session, backups=paths.backups)
    count = session.query(AuditEntry).count()
    en = lang == "en"
    for problem in problems:
        print(("PROBLEM: " if en else "MASALAH: ") + problem.text(lang))
    if problems:
        print(
            f"The audit trail is NOT intact: {len(problems)} problem(s) in {count} entries."
            if en
            else f"Jejak audit TIDAK utuh: {len(problems)} masalah dalam {count} entri."
        )
        return 1
    print(
        f"The audit trail is intact: {count} entries checked."
        if en
        else f"Jejak audit utuh: {count} entri diperiksa."
    )
    return 0


def run_audit(args: argparse.Namespace) -> int:
    from flexdesk.db.models_audit import AuditEntry
    from flexdesk.services.app import open_database

    paths = _paths(args)
    db = open_database(paths, database_url=getattr(args, "database_url", None))
    try:
        with db.read_session() as session:
            if args.audit_command == "verify":
                return _print_verify(session, paths, getattr(args, "lang", None) or "id")
            from sqlalchemy import select

            query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(args.limit)
            if args.entity:
                query = query.where(AuditEntry.entity == args.entity)
            if args.entity_id:
                query = query.where(AuditEntry.entity_id == args.entity_id)
            if args.actor_name:
                query = query.where(AuditEntry.actor_name == args.actor_name)
            for e in session.scalars(query):
                print(
                    f"#{e.seq} {e.at}Z {e.actor_name} {e.op} {e.entity}/{e.entity_id} "
                    f"{e.before if e.op != 'insert' else ''} -> {e.after if e.op != 'delete' else ''}"
                )
            return 0
    finally:
        db.dispose()


# -- backup -------------------------------------------------------------------------------------


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="backup_command", metavar="AKSI", required=True)
    p = sub.add_parser("create", help="buat cadangan sekarang")
    p.add_argument("--to", metavar="FOLDER", help="folder tujuan (mis. flashdisk)")
    sub.add_parser("list", help="daftar cadangan: tanggal, ukuran, jumlah data")
    p = sub.add_parser("verify", help="periksa keutuhan sebuah cadangan")
    p.add_argument("file", help="berkas cadangan (nama di folder cadangan atau jalur lengkap)")
    p = sub.add_parser("restore", help="pulihkan dari cadangan (data sekarang dicadangkan dulu)")
    p.add_argument("file", help="berkas cadangan (nama di folder cadangan atau jalur lengkap)")


def _backup_file(paths: DataPaths, name: str) -> Path:
    given = Path(name).expanduser()
    if given.is_absolute() or given.exists():
        return given
    return paths.backups / name


def run_backup(args: argparse.Namespace) -> int:
    from flexdesk.services.storage import backup

    paths = _paths(args)
    if args.backup_command == "create":
        from flexdesk.services.app import open_database

        db = open_database(paths, database_url=getattr(args, "database_url", None))
        try:
            dest = Path(args.to).expanduser() if args.to else None
            info = backup.create_backup(db, paths, dest_dir=dest, kind="manual")
        finally:
            db.dispose()
        print(f"Cadangan dibuat: {info.path} ({info.size} bita)")
        return 0
    if args.backup_command == "list":
        infos = backup.list_backups(paths.backups)
        for info in infos:
            counts = ", ".join(f"{k} {v}" for k, v in info.counts.items()) or "-"
            print(f"{info.created:%Y-%m-%d %H:%M}  {info.size:>10}  {info.path.name}  {counts}")
        if not infos:
            print(f"Belum ada cadangan di {paths.backups}")
        return 0
    if args.backup_command == "verify":
        backup.verify_backup(_backup_file(paths, args.file))
        print("Cadangan utuh (integrity_check: ok).")
        return 0
    from flexdesk.services.storage.location import configured_database_url

    if getattr(args, "database_url", None) or configured_database_url(paths):
        raise backup.server_database_error()  # restore_as checks it too; before any copying
    with exclusive_use(paths.root):
        return _restore(args, paths)


def _restore(args: argparse.Namespace, paths: DataPaths) -> int:
    from flexdesk.cli_sync import CONSOLE_ACTOR
    from flexdesk.services.storage import backup

    chosen = _backup_file(paths, args.file)
    if chosen.resolve().parent != paths.backups.resolve():
        # a file from elsewhere (a USB drive): copied in safely and verified first, as the
        # GUI's "Pulihkan dari berkas…" does; never restored from where it lies
        chosen = backup.import_backup_file(CONSOLE_ACTOR, paths, chosen).path
        print(f"Disalin ke folder cadangan: {chosen.name}")
    result = backup.restore_as(CONSOLE_ACTOR, paths, chosen)
    print(f"Dipulihkan dari {result.restored_from}; data sebelumnya dicadangkan ke {result.safety}")
    if result.safety is not None:
        made = backup.bundles_since(
            backup.describe_backup(result.restored_from).counts,
            backup.describe_backup(result.safety).counts,
        )
        if made:
            print(
                f"Perhatian: {made} paket sinkronisasi dibuat sesudah cadangan ini. Pusat akan "
                "menolak paket berikutnya (fork / kesinambungan jejak audit) sampai operator "
                "pusat menerima riwayat yang dipulihkan; beri tahu operator pusat dulu.\n"
                f"Warning: {made} sync bundle(s) were made after this backup. Central will "
                "refuse the next bundle until its operator accepts the restored history; tell "
                "the central operator first.",
                file=sys.stderr,
            )
    return 0
