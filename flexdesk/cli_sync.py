"""Sync subcommands: ``flexdesk bundle export|verify|import-receipt|history`` and
``flexdesk key create|rotate|show|export-public|register-central``.

Registered in ``cli.COMMANDS``. Like ``flexdesk backup``, these act as the office admin for
whoever has the data folder in hand (there is no sign-in on the command line); what protects
the bundles is the signing key's passphrase, which is read from a file or asked for without
echo, never taken as a plain argument (it would land in the shell history and ``ps``).
``bundle verify`` needs no data folder at all: central can run it on any bundle.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from flexdesk.paths import DataPaths, resolve_data_paths
from flexdesk.services.permissions import Actor, Role

if TYPE_CHECKING:
    from flexdesk.db.engine import Database
    from flexdesk.services.app import Services

BUNDLE_HELP = (
    "paket sinkronisasi bertanda tangan (bundle export | verify | import-receipt | history)"
)
KEY_HELP = (
    "kunci tanda tangan kantor (key create | rotate | show | export-public | register-central)"
)

#: the command line acts as the office admin (see the module docstring)
CONSOLE_ACTOR = Actor(
    user_id="console", username="console", role=Role.ADMIN, display_name="Konsol", account=False
)


def _paths(args: argparse.Namespace) -> DataPaths:
    return resolve_data_paths(getattr(args, "data_dir", None))


def read_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> tuple[str, str | None]:
    """From ``--passphrase-file`` (first line) or asked twice/once without echo."""
    if args.passphrase_file:
        text = Path(args.passphrase_file).expanduser().read_text(encoding="utf-8")
        value = text.splitlines()[0] if text else ""
        return value, value if confirm else None
    value = getpass.getpass("Frasa sandi kunci / key passphrase: ")
    if not confirm:
        return value, None
    return value, getpass.getpass("Ulangi frasa sandi / repeat passphrase: ")


def _add_passphrase_file(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase-file",
        metavar="BERKAS",
        help="baca frasa sandi dari baris pertama berkas ini (bawaan: ditanyakan tanpa gema)",
    )


# -- bundle -------------------------------------------------------------------------------------


def add_bundle_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``bundle`` subcommands and their options."""
    sub = parser.add_subparsers(dest="bundle_command", metavar="AKSI", required=True)
    p = sub.add_parser(
        "export",
        help="ekspor semua perubahan sejak tanda terima terakhir ke folder/flashdisk",
        description="Menulis <kode>-<nomor>.zip, .envelope.json dan .sig ke folder tujuan, "
        "lalu membacanya ulang dan memeriksanya sebelum selesai.",
    )
    p.add_argument("--out", required=True, metavar="FOLDER", help="folder tujuan (mis. flashdisk)")
    _add_passphrase_file(p)
    p.add_argument("--period", metavar="YYYY-MM", help="periode laporan (bawaan: bulan ini)")
    p.add_argument(
        "--report", action="append", default=[], metavar="PDF", help="sertakan formulir PDF"
    )
    p.add_argument(
        "--encrypt", action="store_true", help="enkripsi (age) ke penerima pusat yang terdaftar"
    )
    p.add_argument(
        "--full-verify",
        action="store_true",
        help="periksa ulang semua hash setelah menulis (lebih lambat)",
    )
    p = sub.add_parser(
        "verify",
        help="periksa paket: tanda tangan, semua hash, berkas lebih/kurang, urutan",
        description="Pemeriksaan murni tanpa basis data (dapat dipakai kantor pusat). Status "
        "keluar 0 bila sah, 2 bila ditolak.",
    )
    p.add_argument("file", help="berkas .envelope.json, .sig, .zip atau .zip.age")
    p.add_argument(
        "--public-key",
        required=True,
        metavar="BERKAS",
        help="kunci publik kantor (PEM atau baris ssh-ed25519)",
    )
    p.add_argument("--last-seq", type=int, metavar="N", help="nomor paket terakhir yang diterima")
    p.add_argument("--office", metavar="KODE", help="kode kantor yang diharapkan")
    p.add_argument("--age-identity", metavar="BERKAS", help="identitas age untuk paket terenkripsi")
    p = sub.add_parser(
        "import-receipt",
        help="impor tanda terima kantor pusat (.receipt.json, .sig atau zip)",
        description="Memeriksa tanda tangan pusat dan kode kantor, lalu menandai paket "
        "diterima. Tanda terima yang tidak sah tidak mengubah apa pun.",
    )
    p.add_argument("file", help="berkas tanda terima atau zip berisi beberapa tanda terima")
    p = sub.add_parser("history", help="riwayat paket: nomor, periode, ukuran, status")
    p.add_argument("--limit", type=int, default=50, help="jumlah baris (bawaan 50)")


def _progress(done: int, total: int, stage: str, _last: list[str] = []) -> None:  # noqa: B006
    if not _last or _last[0] != stage:
        from flexdesk.services.sync.office import STAGE_LABELS

        label = STAGE_LABELS.get(stage, (stage, stage))[0]
        print(f"  {label}…", file=sys.stderr)
        _last[:] = [stage]


def run_bundle(args: argparse.Namespace) -> int:
    """``flexdesk bundle AKSI``: the exit status (verify needs no data folder)."""
    if args.bundle_command == "verify":
        return _bundle_verify(args)
    from flexdesk.services.app import Services, open_database

    paths = _paths(args)
    db = open_database(paths, database_url=getattr(args, "database_url", None))
    svc = Services(db, CONSOLE_ACTOR)
    try:
        if args.bundle_command == "export":
            return _bundle_export(args, db, paths)
        if args.bundle_command == "import-receipt":
            return _bundle_import_receipt(args, svc)
        return _bundle_history(args, svc)
    finally:
        db.dispose()


def _bundle_verify(args: argparse.Namespace) -> int:
    from flexdesk.services.sync import office as so

    identity = (
        Path(args.age_identity).expanduser().read_text(encoding="utf-8")
        if args.age_identity
        else None
    )
    vb = so.verify_bundle_file(
        Path(args.file),
        Path(args.public_key).expanduser().read_text(encoding="utf-8"),
        office_id=args.office,
        last_seq=args.last_seq,
        age_identity=identity,
    )
    h = vb.header
    print(
        f"Paket sah / bundle valid: {h.office_id} #{h.bundle_seq} ({h.bundle_uuid}), "
        f"perubahan {h.changes.start}-{h.changes.end} ({h.changes.count} rekaman), "
        f"{len(vb.attachments)} lampiran, {len(vb.reports)} laporan, kunci {h.key_id}"
    )
    return 0


def _bundle_export(args: argparse.Namespace, db: Database, paths: DataPaths) -> int:
    from flexdesk.services.sync import office as so
    from flexdesk.sync.bundle import ReportFile

    passphrase, _ = read_passphrase(args)
    reports = [ReportFile(Path(r).stem, Path(r)) for r in args.report]
    result = so.export_bundle(
        db,
        CONSOLE_ACTOR,
        paths,
        Path(args.out).expanduser(),
        passphrase,
        period=args.period,
        reports=reports,
        encrypt=args.encrypt,
        progress=_progress,
        verify="full" if args.full_verify else "crc",
    )
    w = result.written
    print(
        f"Paket {result.bundle_seq} ditulis dan diperiksa: {w.envelope_path}\n"
        f"  {result.record_count} rekaman, {result.attachment_count} lampiran, "
        f"{w.envelope.size} bita"
    )
    return 0


def _bundle_import_receipt(args: argparse.Namespace, svc: Services) -> int:
    from flexdesk.services.sync import office as so

    outcomes = svc.call(so.import_receipt, Path(args.file).expanduser())
    rejected = False
    for o in outcomes:
        note = f" — {o.message}" if o.message else ""
        print(
            f"Paket {o.bundle_seq}: {o.status}, diterapkan s.d. perubahan {o.applied_through}{note}"
        )
        rejected |= o.status == "rejected"
    return 3 if rejected else 0


def _bundle_history(args: argparse.Namespace, svc: Services) -> int:
    from flexdesk.services.sync import office as so

    rows = svc.read(so.bundle_history, limit=args.limit)
    if not rows:
        print("Belum ada paket yang diekspor.")
    for r in rows:
        print(
            f"#{r.seq:<5} {r.created_at:%Y-%m-%d %H:%M}  {r.period or '-':<8} "
            f"{r.size:>10} bita  {r.record_count:>6} rekaman  {r.status}"
            + (f" ({r.receipt_status})" if r.receipt_status else "")
        )
    return 0


# -- key ----------------------------------------------------------------------------------------


def add_key_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``key`` subcommands and their options."""
    sub = parser.add_subparsers(dest="key_command", metavar="AKSI", required=True)
    p = sub.add_parser(
        "create",
        help="buat kunci tanda tangan kantor (Ed25519, terenkripsi frasa sandi)",
        description="Kunci privat disimpan terenkripsi (PKCS#8) di folder keys data FlexDesk; "
        "frasa sandi minimal 12 karakter.",
    )
    _add_passphrase_file(p)
    p = sub.add_parser(
        "rotate",
        help="ganti kunci kantor: kunci baru diumumkan dalam paket bertanda tangan kunci lama",
        description="Membuat kunci baru (frasa sandi baru) dan mengekspor paket yang "
        "ditandatangani kunci lama serta memuat pernyataan rotasi; paket berikutnya memakai "
        "kunci baru. Bawa paket ini ke pusat sebelum paket berikutnya.",
    )
    p.add_argument("--out", required=True, metavar="FOLDER", help="folder tujuan paket rotasi")
    _add_passphrase_file(p)
    p.add_argument(
        "--new-passphrase-file",
        metavar="BERKAS",
        help="frasa sandi kunci baru dari baris pertama berkas ini (bawaan: ditanyakan)",
    )
    sub.add_parser("show", help="tampilkan sidik jari kunci kantor dan kunci pusat")
    p = sub.add_parser(
        "export-public",
        help="tulis kunci publik kantor (.pub dan .pem) untuk didaftarkan di pusat",
    )
    p.add_argument("--out", required=True, metavar="FOLDER", help="folder tujuan")
    p = sub.add_parser(
        "register-central",
        help="daftarkan kunci publik kantor pusat (untuk memeriksa tanda terima)",
    )
    p.add_argument("file", help="kunci publik pusat (PEM atau baris ssh-ed25519)")
    p.add_argument(
        "--fingerprint", metavar="XXXX-XXXX-XXXX-XXXX", help="sidik jari yang disebutkan pusat"
    )
    p.add_argument("--age-recipient", metavar="age1…", help="penerima age untuk enkripsi paket")


def run_key(args: argparse.Namespace) -> int:
    """``flexdesk key AKSI``: the exit status."""
    from flexdesk.services.app import Services, open_database

    paths = _paths(args)
    db = open_database(paths, database_url=getattr(args, "database_url", None))
    svc = Services(db, CONSOLE_ACTOR)
    try:
        if args.key_command == "create":
            return _key_create(args, svc, paths)
        if args.key_command == "rotate":
            return _key_rotate(args, svc, db, paths)
        if args.key_command == "export-public":
            return _key_export_public(args, svc)
        if args.key_command == "register-central":
            return _key_register_central(args, svc)
        return _key_show(svc, paths)
    finally:
        db.dispose()


def _key_create(args: argparse.Namespace, svc: Services, paths: DataPaths) -> int:
    from flexdesk.services.sync import office as so

    passphrase, confirm = read_passphrase(args, confirm=True)
    info = svc.call(so.create_office_key, paths.keys, passphrase, confirm)
    print(
        f"Kunci kantor dibuat: {info.key_id}\n"
        f"  sidik jari (bacakan ke pusat): {info.fingerprint}\n"
        f"  kunci privat terenkripsi: {info.private_key_path}"
    )
    return 0


def _key_rotate(args: argparse.Namespace, svc: Services, db: Database, paths: DataPaths) -> int:
    from flexdesk.services.sync import office as so

    old, _ = read_passphrase(args)
    if args.new_passphrase_file:
        text = Path(args.new_passphrase_file).expanduser().read_text(encoding="utf-8")
        new = confirm = text.splitlines()[0] if text else ""
    else:
        new = getpass.getpass("Frasa sandi kunci BARU / NEW key passphrase: ")
        confirm = getpass.getpass("Ulangi frasa sandi baru / repeat: ")
    result = so.rotate_office_key(
        db,
        CONSOLE_ACTOR,
        paths,
        Path(args.out).expanduser(),
        old_passphrase=old,
        new_passphrase=new,
        confirm=confirm,
        progress=_progress,
    )
    key = svc.read(so.sync_status, paths.keys).key
    print(
        f"Paket rotasi {result.bundle_seq} ditulis: {result.envelope_path}\n"
        f"  kunci baru: {key.fingerprint if key else '-'} (berlaku mulai paket "
        f"{result.bundle_seq + 1})"
    )
    return 0


def _key_export_public(args: argparse.Namespace, svc: Services) -> int:
    from flexdesk.services.sync import office as so

    files = svc.read(so.export_public_key, Path(args.out).expanduser())
    print(
        f"Kunci publik ditulis: {files.openssh_path} dan {files.pem_path}\n"
        f"  sidik jari (bacakan ke pusat): {files.fingerprint}"
    )
    return 0


def _key_register_central(args: argparse.Namespace, svc: Services) -> int:
    from flexdesk.services.sync import office as so

    text = Path(args.file).expanduser().read_text(encoding="utf-8")
    short = svc.call(
        so.register_central_key,
        text,
        expected_fingerprint=args.fingerprint,
        age_recipient=args.age_recipient,
    )
    print(f"Kunci pusat didaftarkan, sidik jari {short}")
    return 0


#: where this PC reads the private key from (SyncStatus.key_location)
_KEY_PLACES = {
    "file": "berkas terenkripsi di PC ini",
    "database": "terenkripsi di basis data server (dapat dipakai dari PC ini dengan frasa sandi)",
    "missing": "TIDAK ADA di PC ini maupun di server: jalankan 'flexdesk attachments upload' "
    "di PC yang menyimpan berkas kuncinya",
}


def _key_show(svc: Services, paths: DataPaths) -> int:
    from flexdesk.services.sync import office as so

    status = svc.read(so.sync_status, paths.keys)
    key = status.key
    print(f"Kantor        : {status.office_id or '-'}")
    print(f"Kunci kantor  : {key.fingerprint + '  ' + key.key_id if key else '-'}")
    if key is not None:
        print(f"Kunci privat  : {_KEY_PLACES.get(status.key_location, status.key_location)}")
    print(f"Kunci pusat   : {status.central_fingerprint or '-'}")
    print(f"Paket berikut : {status.next_bundle_seq}")
    print(f"Diterima s.d. : perubahan {status.applied_through} (paket {status.ack_seq or '-'})")
    return 0
