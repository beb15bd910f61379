"""``flexdesk attachments upload``: move this PC's evidence files (and its encrypted office
key file) into the server database, for an office that used a PostgreSQL server before the
shared evidence store (docs/evidence-and-keys.md).

Registered in ``cli.COMMANDS``; acts as the office admin like ``flexdesk backup`` and
``flexdesk key`` (whoever holds the data folder). Idempotent: running it again uploads
nothing new; exit status 1 when a local file was damaged (not uploaded), else 0.
"""

from __future__ import annotations

import argparse

from flexdesk.cli_sync import CONSOLE_ACTOR
from flexdesk.paths import resolve_data_paths

HELP = "berkas bukti di server (attachments upload: pindahkan folder lampiran PC ini ke server)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``attachments`` subcommands and their options."""
    sub = parser.add_subparsers(dest="attachments_command", metavar="AKSI", required=True)
    p = sub.add_parser(
        "upload",
        help="unggah berkas bukti dan kunci kantor terenkripsi dari folder data PC ini ke "
        "basis data server (aman diulang)",
        description="Untuk kantor yang sudah memakai server PostgreSQL sebelum penyimpanan "
        "bersama: setiap berkas bukti yang dirujuk dan ada di folder data PC ini disalin ke "
        "basis data server, sidik SHA-256-nya diperiksa. Jalankan sekali di setiap PC.",
    )
    p.add_argument(
        "--remove",
        action="store_true",
        help="hapus salinan lokal setelah salinan di server dibaca ulang dan cocok",
    )


def run(args: argparse.Namespace) -> int:
    """``flexdesk attachments AKSI``: the exit status."""
    from flexdesk.services.app import open_database
    from flexdesk.services.storage.attachments import AttachmentStore
    from flexdesk.services.storage.evidence_upload import upload_folder_evidence
    from flexdesk.services.sync.key_material import upload_key_files

    paths = resolve_data_paths(getattr(args, "data_dir", None))
    db = open_database(paths, database_url=getattr(args, "database_url", None))
    try:
        folder = AttachmentStore(paths.attachments)
        result = upload_folder_evidence(db, CONSOLE_ACTOR, folder, remove=args.remove)
        with db.session() as session:
            key_ids = upload_key_files(session, CONSOLE_ACTOR, paths.keys)
    finally:
        db.dispose()
    mb = result.bytes_uploaded / 1048576
    print(f"Diunggah       : {len(result.uploaded)} berkas ({mb:.1f} MB)")
    print(f"Sudah di server: {len(result.already)} berkas")
    print(f"Tidak dirujuk  : {len(result.unreferenced)} berkas (dibiarkan)")
    if args.remove:
        print(f"Dihapus lokal  : {len(result.removed)} berkas")
    print(f"Kunci kantor   : {len(key_ids)} kunci terenkripsi diunggah")
    for digest in result.damaged:
        print(f"RUSAK (tidak diunggah): {folder.path_for(digest)}")
    return 1 if result.damaged else 0
