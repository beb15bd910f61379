"""Command line: ``flexdesk`` opens the GUI; subcommands do headless work.

flexdesk [--data-dir DIR] [--demo]      open the app (the demo office with --demo)
flexdesk demo --data-dir DIR            create the demo office without opening the GUI
flexdesk info                           where the data lives, schema version, counts
flexdesk migrate                        back up and bring the schema up to date
flexdesk self-test                      headless check of this installation (temporary data)
flexdesk audit verify|list              check / show the audit trail
flexdesk backup create|list|verify|restore   backups of the database
flexdesk bundle export|verify|import-receipt|history   signed sync bundles and receipts
flexdesk key create|show|export-public|register-central   office signing key, central key
flexdesk import employees|skp|template|copy-skp   import staff and SKPs from XLSX/CSV
flexdesk export employees|schedule|logs|recap|evaluation|ekinerja   XLSX exports
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from flexdesk import __version__, cli_admin, cli_evidence, cli_sync, cli_transfer, selftest
from flexdesk.errors import FlexDeskError
from flexdesk.paths import DataPaths, default_data_root, resolve_data_paths

log = logging.getLogger(__name__)

#: Subcommands contributed by capabilities: name -> (help, add_arguments, run)
Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
COMMANDS: dict[str, Command] = {
    "self-test": (selftest.HELP, selftest.add_arguments, selftest.run),
    "audit": (cli_admin.AUDIT_HELP, cli_admin.add_audit_arguments, cli_admin.run_audit),
    "backup": (cli_admin.BACKUP_HELP, cli_admin.add_backup_arguments, cli_admin.run_backup),
    "bundle": (cli_sync.BUNDLE_HELP, cli_sync.add_bundle_arguments, cli_sync.run_bundle),
    "key": (cli_sync.KEY_HELP, cli_sync.add_key_arguments, cli_sync.run_key),
    "attachments": (cli_evidence.HELP, cli_evidence.add_arguments, cli_evidence.run),
    "import": (
        cli_transfer.IMPORT_HELP,
        cli_transfer.add_import_arguments,
        cli_transfer.run_import,
    ),
    "export": (
        cli_transfer.EXPORT_HELP,
        cli_transfer.add_export_arguments,
        cli_transfer.run_export,
    ),
}


def display_url(url: str) -> str:
    """A database URL fit to print: a password in it is shown as ``***``."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def demo_paths(args: argparse.Namespace) -> DataPaths:
    """The demo never mixes with real data: without --data-dir it uses its own folder."""
    if args.data_dir:
        return resolve_data_paths(args.data_dir)
    return DataPaths(default_data_root() / "demo")


def _data_paths(args: argparse.Namespace) -> DataPaths:
    if getattr(args, "demo", False):
        return demo_paths(args)
    return resolve_data_paths(args.data_dir)


def ensure_demo(paths: DataPaths, database_url: str | None = None) -> bool:
    """Create the demo office in ``paths`` unless it is already set up; True if created."""
    from flexdesk.services import demo, office
    from flexdesk.services.app import open_database

    db = open_database(paths, database_url=database_url)
    try:
        with db.session() as session:
            if office.is_set_up(session):
                return False
            info = demo.create_demo_office(session)
    finally:
        db.dispose()
    print(
        f"Kantor demo dibuat di {paths.root}\n"
        f"  admin: {info.admin_username}   atasan: {', '.join(info.supervisor_usernames)}\n"
        f"  pegawai (contoh): {', '.join(info.employee_usernames[:3])}\n"
        f"  kata sandi semua akun demo: {info.password}"
    )
    return True


def _cmd_gui(args: argparse.Namespace) -> int:
    paths = _data_paths(args)
    if args.demo:
        ensure_demo(paths, args.database_url)
    from flexdesk.ui.app import run_gui

    return int(run_gui(paths, database_url=args.database_url, demo=args.demo, lang=args.lang))


def _cmd_demo(args: argparse.Namespace) -> int:
    paths = demo_paths(args)
    if not ensure_demo(paths, args.database_url):
        print(f"Kantor demo sudah ada di {paths.root}")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from flexdesk.db.migrate import current_revisions, describe, schema_heads
    from flexdesk.db.models import Employee, Office, User
    from flexdesk.services.app import open_database

    paths = _data_paths(args)
    db = open_database(paths, database_url=args.database_url)
    try:
        with db.read_session() as session:
            office = session.scalar(select(Office).limit(1))
            office_text = f"{office.unit_kerja} ({office.code})" if office else "-"
            employees = session.scalar(select(func.count(Employee.id)))
            users = session.scalar(select(func.count(User.id)))
        print(f"FlexDesk {__version__}")
        print(f"Folder data : {paths.root}")
        print(f"Basis data  : {display_url(db.url)}")
        print(
            f"Skema       : {describe(current_revisions(db))} (terbaru {describe(schema_heads())})"
        )
        print(f"Kantor      : {office_text}")
        print(f"Pegawai     : {employees}   Akun: {users}")
        print(f"Log         : {paths.logs}")
    finally:
        db.dispose()
    return 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    from flexdesk.db.migrate import current_revisions, describe
    from flexdesk.instance_lock import exclusive_use
    from flexdesk.services.app import open_database

    paths = _data_paths(args)
    with exclusive_use(paths.root):  # an open window must not run on a schema changed under it
        db = open_database(paths, database_url=args.database_url)
        print(f"Skema basis data: {describe(current_revisions(db))}")
        db.dispose()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flexdesk",
        description=(
            "FlexDesk: jadwal kerja fleksibel, log output, evaluasi kinerja dan paket "
            "sinkronisasi bertanda tangan untuk kantor ASN. Tanpa subperintah: buka aplikasi."
        ),
    )
    parser.add_argument("--version", action="version", version=f"FlexDesk {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    # The same options work before and after the subcommand; SUPPRESS keeps a subcommand's
    # unset option from overwriting a value given before it.
    for target, default in ((parser, None), (common, argparse.SUPPRESS)):
        target.add_argument(
            "--data-dir",
            metavar="DIR",
            default=default,
            help="folder data (bawaan: folder data pengguna; juga FLEXDESK_DATA_DIR)",
        )
        target.add_argument(
            "--database-url",
            metavar="URL",
            default=default,
            help="URL basis data SQLAlchemy (mis. PostgreSQL) sebagai ganti berkas SQLite",
        )
    parser.add_argument(
        "--demo", action="store_true", help="buka kantor demo (dibuat bila belum ada)"
    )
    parser.add_argument("--lang", choices=("id", "en"), help="bahasa antarmuka untuk sesi ini")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    p = sub.add_parser("gui", parents=[common], help="buka aplikasi (bawaan)")
    p.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS, help="buka kantor demo"
    )
    p.add_argument(
        "--lang", choices=("id", "en"), default=argparse.SUPPRESS, help="bahasa antarmuka"
    )
    p.set_defaults(func=_cmd_gui)
    p = sub.add_parser("demo", parents=[common], help="buat kantor demo tanpa membuka aplikasi")
    p.set_defaults(func=_cmd_demo)
    p = sub.add_parser("info", parents=[common], help="lokasi data, versi skema, jumlah data")
    p.set_defaults(func=_cmd_info)
    p = sub.add_parser("migrate", parents=[common], help="cadangkan lalu perbarui skema basis data")
    p.set_defaults(func=_cmd_migrate)
    for name, (help_text, add_args, run) in COMMANDS.items():
        p = sub.add_parser(name, parents=[common], help=help_text)
        add_args(p)
        p.set_defaults(func=run)
    parser.set_defaults(func=_cmd_gui, demo=False, lang=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # PDF batches render in worker processes; a frozen (PyInstaller) build must let a spawned
    # child run the worker instead of starting the app again. No-op otherwise.
    import multiprocessing

    multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "demo"):
        args.demo = False
    paths = _data_paths(args)
    from flexdesk.logsetup import setup_logging

    try:
        setup_logging(paths.logs)
    except OSError as exc:  # a read-only or missing log folder must not stop the app
        print(f"Peringatan: log tidak dapat ditulis ({exc})", file=sys.stderr)
    try:
        result: int = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not in a traceback at exit
        return result
    except BrokenPipeError:
        return stdout_closed()
    except FlexDeskError as exc:
        log.warning("command failed: %s", exc)
        print(f"Galat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


#: exit status when the reader of stdout went away (128 + SIGPIPE, as a shell reports it)
EXIT_PIPE_CLOSED = 141


def stdout_closed() -> int:
    """``flexdesk info | head -1``: the reader closed the pipe. End quietly, without the
    BrokenPipeError traceback, and point stdout at the null device so that Python's flush at
    exit does not raise again. Whatever the command did is done (an exported bundle is
    recorded "sent" before anything is printed about it)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    log.info("stdout was closed by its reader; output cut short")
    return EXIT_PIPE_CLOSED


if __name__ == "__main__":
    sys.exit(main())
