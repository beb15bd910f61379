"""``flexdesk-central``: the reference central receiver on the command line.

::

    flexdesk-central [--data-dir DIR] [--database-url URL] [--lang id|en] COMMAND ...

    init-key [--no-passphrase] [--force] [--age]
        create the central signing key (receipts) and, with --age, an age identity for
        encrypted bundles; prints the key id, the short fingerprint and the allowed_signers
        line offices (and third parties) use to check receipts
    register-office OFFICE_ID PUBLIC_KEY_FILE [--name NAME] [--valid-from-seq N]
                    [--fingerprint XXXX-XXXX-XXXX-XXXX]
        register an office key (OpenSSH line or PEM); --fingerprint is what the office read
        out over the phone, refused if it differs
    revoke-key KEY_ID [--reason TEXT]
    ingest FILE... [--age-identity FILE] [--receipts-dir DIR]
        ingest bundles (any of the envelope / .sig / .zip / .zip.age paths); receipts are
        written to <data>/receipts/<office>/ (or --receipts-dir)
    receipts [--office ID] [--export DIR] [--zip]
    conflicts [--office ID] [--all]
    quarantine [--office ID]
    offices
    allowed-signers
        print an OpenSSH allowed_signers file with every valid office key

The central key's passphrase comes from ``$FLEXDESK_CENTRAL_PASSPHRASE``, ``--passphrase-file``
or a prompt. Exit status: 0 on success, 1 on an error, 3 when some ingested bundle was rejected.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from flexdesk.central.service import Receiver
from flexdesk.central.store import CentralPaths, default_data_dir, make_engine
from flexdesk.errors import FlexDeskError
from flexdesk.sync.crypto import keys, sshsig
from flexdesk.sync.receipt import SignedReceipt, write_receipt_files, write_receipt_zip

ENV_PASSPHRASE = "FLEXDESK_CENTRAL_PASSPHRASE"
CENTRAL_PRINCIPAL = "flexdesk-central"
EXIT_REJECTED = 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="flexdesk-central", description="FlexDesk reference central receiver"
    )
    p.add_argument("--data-dir", type=Path, default=None, help="data folder (keys, DB, store)")
    p.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: SQLite file)")
    p.add_argument("--passphrase-file", type=Path, default=None)
    p.add_argument("--lang", choices=("id", "en"), default="id")
    sub = p.add_subparsers(dest="command", required=True)
    k = sub.add_parser("init-key", help="create the central signing key")
    k.add_argument("--no-passphrase", action="store_true")
    k.add_argument("--force", action="store_true")
    k.add_argument("--age", action="store_true", help="also create an age identity")
    r = sub.add_parser("register-office", help="register an office public key")
    r.add_argument("office_id")
    r.add_argument("public_key_file", type=Path)
    r.add_argument("--name", default="")
    r.add_argument("--valid-from-seq", type=int, default=1)
    r.add_argument("--fingerprint", default=None)
    v = sub.add_parser("revoke-key", help="revoke an office key")
    v.add_argument("key_id")
    v.add_argument("--reason", default="revoked by operator")
    i = sub.add_parser("ingest", help="ingest bundles")
    i.add_argument("files", nargs="+", type=Path)
    i.add_argument("--age-identity", type=Path, default=None)
    i.add_argument("--receipts-dir", type=Path, default=None)
    rc = sub.add_parser("receipts", help="list or export receipts")
    rc.add_argument("--office", default=None)
    rc.add_argument("--export", type=Path, default=None)
    rc.add_argument("--zip", action="store_true", help="one zip per office when exporting")
    c = sub.add_parser("conflicts", help="list the conflict queue")
    c.add_argument("--office", default=None)
    c.add_argument("--all", action="store_true", help="include resolved ones")
    q = sub.add_parser("quarantine", help="list rejected bundles")
    q.add_argument("--office", default=None)
    sub.add_parser("offices", help="list offices and their progress")
    sub.add_parser("allowed-signers", help="print an allowed_signers file of office keys")
    return p


class _Ctx:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.paths = CentralPaths(args.data_dir or default_data_dir())
        self.url = args.database_url or f"sqlite:///{self.paths.database}"
        self.engines: list[Engine] = []

    def engine(self) -> Engine:
        engine = make_engine(self.url)
        self.engines.append(engine)
        return engine

    def say(self, message_id: str, message_en: str) -> None:
        print(message_en if self.args.lang == "en" else message_id)

    def passphrase(self) -> str | None:
        pfile: Path | None = self.args.passphrase_file
        if pfile is not None:
            return pfile.read_text(encoding="utf-8").rstrip("\r\n")
        env = os.environ.get(ENV_PASSPHRASE)
        if env:
            return env
        data = self.paths.private_key.read_bytes() if self.paths.private_key.exists() else b""
        if b"ENCRYPTED" not in data:
            return None
        if sys.stdin.isatty():
            return getpass.getpass("Frasa sandi kunci pusat / central key passphrase: ")
        return None

    def passphrase_for_new(self) -> str:
        given = self.passphrase()
        if given:
            return given
        if not sys.stdin.isatty():
            raise FlexDeskError(
                f"Frasa sandi diperlukan: isi ${ENV_PASSPHRASE} atau pakai --no-passphrase.",
                message_en=f"A passphrase is needed: set ${ENV_PASSPHRASE} or use --no-passphrase.",
            )
        first = getpass.getpass("Frasa sandi baru / new passphrase: ")
        if first != getpass.getpass("Ulangi / repeat: "):
            raise FlexDeskError("Frasa sandi tidak sama.", message_en="Passphrases differ.")
        return first

    def receiver(self, age_identity: str | None = None) -> Receiver:
        if not self.paths.private_key.exists():
            raise FlexDeskError(
                "Kunci pusat belum ada: jalankan 'flexdesk-central init-key' dulu.",
                message_en="No central key yet: run 'flexdesk-central init-key' first.",
            )
        key = keys.load_private_key(self.paths.private_key, self.passphrase())
        self.paths.ensure()
        return Receiver(
            self.engine(),
            self.paths,
            key,
            age_identity=age_identity,
            receipts_dir=getattr(self.args, "receipts_dir", None),
        )


def _init_key(ctx: _Ctx) -> int:
    paths = ctx.paths.ensure()
    if paths.private_key.exists() and not ctx.args.force:
        ctx.say(
            f"Kunci pusat sudah ada: {paths.private_key} (pakai --force untuk mengganti).",
            f"The central key already exists: {paths.private_key} (use --force to replace).",
        )
        return 1
    passphrase = None if ctx.args.no_passphrase else ctx.passphrase_for_new()
    key = keys.generate_key()
    keys.save_private_key(paths.private_key, key, passphrase)
    pub = key.public_key()
    paths.public_key.write_text(keys.public_key_openssh(pub, CENTRAL_PRINCIPAL) + "\n")
    print(f"key_id: {keys.key_id(pub)}")
    print(f"fingerprint: {keys.short_fingerprint(pub)}")
    print(f"public key: {paths.public_key}")
    print(
        "allowed_signers: " + keys.allowed_signers_line(CENTRAL_PRINCIPAL, pub, [sshsig.NS_RECEIPT])
    )
    if ctx.args.age:
        from flexdesk.sync._fs import atomic_write_bytes
        from flexdesk.sync.crypto import age

        identity, recipient = age.generate_identity()
        atomic_write_bytes(
            paths.root / "central_age.key",
            f"# public key: {recipient}\n{identity}\n".encode(),
            mode=0o600,
        )
        print(f"age recipient: {recipient}")
    ctx.engine()
    return 0


def _ingest(ctx: _Ctx) -> int:
    identity = None
    if ctx.args.age_identity is not None:
        identity = ctx.args.age_identity.read_text(encoding="utf-8")
    elif (ctx.paths.root / "central_age.key").exists():
        identity = (ctx.paths.root / "central_age.key").read_text(encoding="utf-8")
    rx = ctx.receiver(identity)
    worst = 0
    for path in ctx.args.files:
        res = rx.ingest(path)
        counts = ", ".join(f"{k}={v}" for k, v in res.counts.items() if v)
        line = f"{path.name}: {res.status}"
        if res.code and res.status != "gap":
            line += f" [{res.code}]"
        if counts:
            line += f" ({counts})"
        print(line)
        message = res.message_en if ctx.args.lang == "en" else res.message
        if message and res.status in ("rejected", "gap"):
            print(f"  {message}")
        if res.receipt_path is not None:
            print(f"  receipt: {res.receipt_path}")
        if res.status == "rejected":
            worst = EXIT_REJECTED
    return worst


def _receipts(ctx: _Ctx) -> int:
    rx = ctx.receiver()
    signed = rx.receipts(ctx.args.office)
    for item in signed:
        r = item.receipt
        print(
            f"{r.receipt_id:6d} {r.stem} {r.status:10s} through={r.applied_through_change} "
            f"next={r.next_expected_seq} at={r.received_at}"
            + (f" audit=#{r.audit.seq}" if r.audit is not None else "")
        )
    if ctx.args.export is not None:
        out: Path = ctx.args.export
        if ctx.args.zip:
            by_office: dict[str, list[SignedReceipt]] = {}
            for item in signed:
                by_office.setdefault(item.receipt.office_id, []).append(item)
            for office, items in by_office.items():
                path = write_receipt_zip(items, out / f"receipts-{office}.zip")
                print(f"-> {path}")
        else:
            for item in signed:
                write_receipt_files(item, out)
            print(f"-> {out} ({len(signed)})")
    return 0


def _conflicts(ctx: _Ctx) -> int:
    rows = ctx.receiver().conflicts(ctx.args.office, only_open=not ctx.args.all)
    for c in rows:
        print(
            f"{c.id:6d} {c.office_id} {c.entity}/{c.entity_id} rev {c.incoming_rev} "
            f"(base {c.base_rev}, central {c.current_rev}) bundle {c.bundle_seq} "
            f"{c.reason} {c.status}"
        )
    if not rows:
        ctx.say("Tidak ada konflik.", "No conflicts.")
    return 0


def _quarantine(ctx: _Ctx) -> int:
    rows = ctx.receiver().quarantined(ctx.args.office)
    for q in rows:
        msg = q.message_en if ctx.args.lang == "en" else q.message
        print(
            f"{q.id:6d} {q.source_name} office={q.office_id or '?'} seq={q.bundle_seq or '?'} "
            f"[{q.code}] {msg} -> {ctx.paths.quarantine / q.stored_dir}"
        )
    return 0


def _offices(ctx: _Ctx) -> int:
    rx = ctx.receiver()
    heads = rx.audit_heads()
    for o in rx.offices():
        head = heads.get(o.office_id)
        audit = f"audit_head=#{head.seq}:{head.hash[:16]}" if head else "audit_head=-"
        print(
            f"{o.office_id:10s} applied_through={o.applied_through} "
            f"next_expected_seq={o.max_bundle_seq + 1} {audit} {o.name}"
        )
    return 0


def _allowed_signers(ctx: _Ctx) -> int:
    ring = ctx.receiver().keyring()
    for kid in sorted(ring):
        entry = ring[kid]
        if entry.revoked:
            continue
        line = keys.allowed_signers_line(
            f"office-{entry.office_id}", entry.public_key, [sshsig.NS_ENVELOPE, sshsig.NS_BUNDLE]
        )
        print(line)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``flexdesk-central COMMAND``: run one command, return the exit status."""
    args = _parser().parse_args(argv)
    ctx = _Ctx(args)
    try:
        if args.command == "init-key":
            return _init_key(ctx)
        if args.command == "register-office":
            rx = ctx.receiver()
            pub = keys.load_public_key(args.public_key_file.read_text(encoding="utf-8"))
            reg = rx.register_office(
                args.office_id,
                pub,
                name=args.name,
                valid_from_seq=args.valid_from_seq,
                expected_fingerprint=args.fingerprint,
            )
            state = "registered" if reg.created else "already registered"
            print(
                f"{reg.office_id}: {state} {reg.key_id} ({reg.short_fingerprint}) "
                f"from bundle {reg.valid_from_seq}"
            )
            return 0
        if args.command == "revoke-key":
            row = ctx.receiver().revoke_key(args.key_id, reason=args.reason)
            print(f"revoked {row.key_id} ({row.office_id}) at {row.revoked_at}")
            return 0
        handlers = {
            "ingest": _ingest,
            "receipts": _receipts,
            "conflicts": _conflicts,
            "quarantine": _quarantine,
            "offices": _offices,
            "allowed-signers": _allowed_signers,
        }
        return handlers[args.command](ctx)
    except FlexDeskError as exc:
        print(exc.message_en if args.lang == "en" else exc.message, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1
    finally:
        for engine in ctx.engines:
            engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
