"""Start-up reconciliation of bundles left "exporting", in-process (issue 18 item 3).

An export whose history update never ran is made here by letting ``_record_sent`` raise (the
row stays "exporting", the files are in place), which is what a kill at that point leaves;
tests/unit/services/test_reconcile_kills.py does the same with real SIGKILLs.
"""

from __future__ import annotations

import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from flexdesk.db.engine import Database
from flexdesk.db.models_sync import SyncBundle, SyncKey
from flexdesk.instance_lock import InstanceLock
from flexdesk.paths import DataPaths
from flexdesk.services import startup
from flexdesk.services.app import Services
from flexdesk.services.storage import bundle_reconcile
from flexdesk.services.sync import export as export_mod
from flexdesk.services.sync import office as so
from flexdesk.sync.crypto import keys
from tests.support.helpers import Staff

PASS = "frasa sandi kantor uji"
NEW_PASS = "frasa sandi kunci kedua"


class Killed(BaseException):
    """Stands for the kill: nothing after it runs."""


@pytest.fixture
def office(db: Database, staff: Staff, data_paths: DataPaths) -> Services:
    svc = Services(db, staff.admin)
    svc.call(so.create_office_key, data_paths.keys, PASS, PASS, iterations=1000)
    central = keys.generate_key()
    svc.call(so.register_central_key, keys.public_key_openssh(central.public_key()))
    return svc


def cut_off_after_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(*_a: Any, **_k: Any) -> None:
        raise Killed

    monkeypatch.setattr(export_mod, "_record_sent", killed)


def stuck_export(
    office: Services, paths: DataPaths, out: Path, monkeypatch: pytest.MonkeyPatch, **kw: Any
) -> None:
    with monkeypatch.context() as m:
        cut_off_after_writing(m)
        with pytest.raises(Killed):
            so.export_bundle(office.db, office.actor, paths, out, PASS, **kw)


def reconcile(db: Database, paths: DataPaths, **kw: Any) -> startup.Reconciled:
    if not db.is_sqlite:  # on a server, rows are settled once they are old enough
        kw.setdefault("now", datetime.now(UTC) + bundle_reconcile.SERVER_GRACE * 2)
    return startup.reconcile(db, paths, started_at=time.time(), stale_seconds=0, **kw)


def bundle(db: Database, seq: int) -> SyncBundle:
    with db.read_session() as s:
        row = s.get(SyncBundle, seq)
        assert row is not None
        s.expunge(row)
        return row


def test_whole_bundle_becomes_sent_as_a_normal_export_would(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    stuck_export(office, data_paths, usb, monkeypatch)
    assert bundle(office.db, 1).status == "exporting"
    [fix] = reconcile(office.db, data_paths).bundles
    assert fix.outcome == "sent"
    recovered = bundle(office.db, 1)
    assert recovered.envelope_sha256 is not None and recovered.uuid
    # nothing is acknowledged yet: a normal export now carries the same changes, and its
    # history row must read the same
    written = so.export_bundle(office.db, office.actor, data_paths, tmp_path / "usb2", PASS)
    fresh = bundle(office.db, 2)
    assert fresh.envelope_sha256 == written.written.envelope_sha256
    for field in (
        "record_count", "counts", "attachment_count", "report_count", "change_from", "change_to",
    ):  # fmt: skip
        assert getattr(recovered, field) == getattr(fresh, field), field
    assert recovered.size == (usb / "O042-000000001.zip").stat().st_size
    assert recovered.folder == str(usb) and recovered.file_name == "O042-000000001.zip"


def test_damaged_bundle_is_removed_and_failed(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    stuck_export(office, data_paths, usb, monkeypatch)
    zip_path = usb / "O042-000000001.zip"
    data = bytearray(zip_path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    zip_path.write_bytes(bytes(data))
    [fix] = reconcile(office.db, data_paths).bundles
    assert fix.outcome == "failed" and fix.reason
    assert sorted(p.name for p in fix.removed) == sorted(
        ["O042-000000001.zip", "O042-000000001.envelope.json", "O042-000000001.envelope.json.sig"]
    )
    assert list(usb.iterdir()) == []
    row = bundle(office.db, 1)
    assert row.status == "failed" and row.envelope_sha256 is None
    assert "dihapus saat program dimulai" in row.error and "removed at start-up" in row.error


def test_encrypted_bundle_is_checked_against_its_envelope(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flexdesk.sync.crypto import age

    _identity, recipient = age.generate_identity()
    central = keys.generate_key()
    office.call(
        so.register_central_key,
        keys.public_key_openssh(central.public_key()),
        age_recipient=recipient,
    )
    usb = tmp_path / "usb"
    stuck_export(office, data_paths, usb, monkeypatch, encrypt=True)
    stuck_export(office, data_paths, usb, monkeypatch, encrypt=True)
    age2 = usb / "O042-000000002.zip.age"
    age2.write_bytes(age2.read_bytes()[:-10])  # cut short
    fixes = reconcile(office.db, data_paths).bundles
    assert [(f.seq, f.outcome) for f in fixes] == [(1, "sent"), (2, "failed")]
    one = bundle(office.db, 1)
    assert one.file_name == "O042-000000001.zip.age" and one.envelope_sha256
    assert one.record_count > 0 and one.counts  # kept from the reservation
    assert not any(p.name.startswith("O042-000000002") for p in usb.iterdir())


def test_rotation_cut_off_switches_to_the_new_key_when_its_file_is_there(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    saved = tmp_path / "saved-keys"
    real_save = keys.save_private_key

    def save_and_keep(path: Path, *a: Any, **k: Any) -> None:
        real_save(path, *a, **k)
        saved.mkdir(exist_ok=True)
        shutil.copy2(path, saved / path.name)  # a kill would not have removed it

    with monkeypatch.context() as m:
        cut_off_after_writing(m)
        m.setattr(keys, "save_private_key", save_and_keep)
        with pytest.raises(Killed):
            so.rotate_office_key(
                office.db, office.actor, data_paths, usb,
                old_passphrase=PASS, new_passphrase=NEW_PASS, confirm=NEW_PASS, iterations=1000,
            )  # fmt: skip
    for f in saved.iterdir():
        shutil.copy2(f, data_paths.keys / f.name)
    [fix] = reconcile(office.db, data_paths).bundles
    assert fix.outcome == "sent", fix.reason
    with office.db.read_session() as s:
        active = [(k.key_id, k.valid_from_seq) for k in s.query(SyncKey) if k.active]
    assert len(active) == 1 and active[0][1] == 2
    nxt = so.export_bundle(office.db, office.actor, data_paths, usb, NEW_PASS)
    assert nxt.bundle_seq == 2 and nxt.written.header.key_id == active[0][0]


def test_rotation_without_its_new_key_file_fails_and_keeps_the_old_key(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    with monkeypatch.context() as m:
        cut_off_after_writing(m)
        with pytest.raises(Killed):  # rotate_office_key removes the new key file on errors
            so.rotate_office_key(
                office.db, office.actor, data_paths, usb,
                old_passphrase=PASS, new_passphrase=NEW_PASS, confirm=NEW_PASS, iterations=1000,
            )  # fmt: skip
    [fix] = reconcile(office.db, data_paths).bundles
    assert fix.outcome == "failed" and "new key file" in fix.reason
    assert list(usb.iterdir()) == []
    assert so.export_bundle(office.db, office.actor, data_paths, usb, PASS).bundle_seq == 2


def test_unreachable_folder_waits_and_unrecorded_location_fails(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stuck_export(office, data_paths, stick, monkeypatch)
    shutil.move(stick, tmp_path / "stick-unplugged")
    with office.db.session() as s:  # a row from before exports recorded where they write
        s.add(SyncBundle(seq=2, status="exporting", key_id="x"))
    fixes = reconcile(office.db, data_paths).bundles
    assert [(f.seq, f.outcome) for f in fixes] == [(1, "pending"), (2, "failed")]
    assert bundle(office.db, 1).status == "exporting"
    shutil.move(tmp_path / "stick-unplugged", stick)  # plugged in again: next start settles it
    assert [f.outcome for f in reconcile(office.db, data_paths).bundles] == ["sent"]


def test_nothing_is_touched_while_another_flexdesk_holds_the_folder_or_exports(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck_export(office, data_paths, tmp_path / "usb", monkeypatch)
    other = InstanceLock(data_paths.root)
    monkeypatch.setattr(InstanceLock, "owner_pid", lambda self: 1)  # not this process
    assert other.acquire()
    try:
        result = reconcile(office.db, data_paths)
    finally:
        other.release()
    assert result.skipped and not result.changed
    monkeypatch.setattr(bundle_reconcile, "exports_running", lambda paths: True)
    assert reconcile(office.db, data_paths).bundles == ()
    assert bundle(office.db, 1).status == "exporting"


def test_server_database_waits_before_settling(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL another PC may be exporting: young rows are left alone."""
    stuck_export(office, data_paths, tmp_path / "usb", monkeypatch)
    monkeypatch.setattr(Database, "is_sqlite", property(lambda self: False))
    assert reconcile(office.db, data_paths, now=datetime.now(UTC)).bundles == ()
    later = datetime.now(UTC) + bundle_reconcile.SERVER_GRACE + timedelta(minutes=1)
    [fix] = reconcile(office.db, data_paths, now=later).bundles
    assert fix.outcome == "sent"


def test_receipt_for_a_recovered_bundle_is_imported(
    office: Services,
    data_paths: DataPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    central_key: Ed25519PrivateKey,
) -> None:
    """Without reconciliation the receipt fails ("not in this office's history")."""
    from flexdesk.central.service import Receiver
    from flexdesk.central.store import CentralPaths, make_engine
    from flexdesk.errors import BundleError

    office.call(so.register_central_key, keys.public_key_openssh(central_key.public_key()))
    info = office.read(so.sync_status, data_paths.keys).key
    assert info is not None
    usb = tmp_path / "usb"
    stuck_export(office, data_paths, usb, monkeypatch)
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        rx = Receiver(engine, CentralPaths(tmp_path / "central"), central_key)
        rx.register_office("O042", keys.load_public_key(info.public_openssh))
        res = rx.ingest(usb / "O042-000000001.envelope.json")
    finally:
        engine.dispose()
    assert res.status == "applied" and res.receipt_path is not None
    with pytest.raises(BundleError):
        office.call(so.import_receipt, res.receipt_path)
    reconcile(office.db, data_paths)
    [outcome] = office.call(so.import_receipt, res.receipt_path)
    assert outcome.status == "applied" and outcome.advanced
    assert bundle(office.db, 1).status == "acknowledged"


@pytest.fixture
def central_key() -> Ed25519PrivateKey:
    return keys.generate_key()


def test_a_gui_of_this_process_holding_the_lock_still_reconciles(
    office: Services, data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GUI takes the instance lock before it opens the database (ui/app.py)."""
    stuck_export(office, data_paths, tmp_path / "usb", monkeypatch)
    gui = InstanceLock(data_paths.root)
    assert gui.acquire()
    try:
        [fix] = reconcile(office.db, data_paths).bundles
    finally:
        gui.release()
    assert fix.outcome == "sent"
