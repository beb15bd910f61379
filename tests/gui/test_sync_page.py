"""Sinkronisasi as the admin uses it: create the office key, register central's key, export a
bundle with the progress dialog, import central's receipt; the history shows it acknowledged.
Central is the reference receiver, in process."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from flexdesk.central.service import Receiver
from flexdesk.central.store import CentralPaths, make_engine
from flexdesk.db.engine import Database
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.permissions import Actor
from flexdesk.sync.crypto import keys
from flexdesk.ui.context import UiContext, ui_settings
from flexdesk.ui.main_window import MainWindow
from flexdesk.ui.pages.sync.page import SyncPage
from tests.support.helpers import Staff, make_staff, setup_office

PASS = "frasa sandi kantor uji gui"
LEFT = Qt.MouseButton.LeftButton


def _page(qtbot: QtBot, db: Database, paths: DataPaths, actor: Actor) -> SyncPage:
    ctx = UiContext(paths, db, Services(db, actor), ui_settings(paths))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.page("sync")
    assert isinstance(page, SyncPage)
    qtbot.waitUntil(ctx.ops.idle)  # the status arrives from the database worker
    return page


def _ok(qtbot: QtBot, dialog: object) -> None:
    buttons = dialog.findChild(QDialogButtonBox)  # type: ignore[attr-defined]
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)


def _wait_message(qtbot: QtBot, page: SyncPage, before: QMessageBox | None) -> QMessageBox:
    qtbot.waitUntil(
        lambda: page.message_box is not None and page.message_box is not before, timeout=20000
    )
    box = page.message_box
    assert box is not None
    return box


def test_key_export_receipt_history(
    qtbot: QtBot, database: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    staff: Staff = make_staff(database, setup_office(database))
    page = _page(qtbot, database, data_paths, staff.admin)
    page.kdf_iterations = 1000
    assert page.keys.fingerprint.text() == "Belum ada kunci"
    assert not page.export_button.isEnabled()

    # create the key: a passphrase that is too short is refused inside the dialog
    qtbot.mouseClick(page.keys.create_button, LEFT)
    dialog = page.passphrase_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.passphrase, "pendek")
    qtbot.keyClicks(dialog.confirm, "pendek")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "12" in dialog.error.text()
    dialog.passphrase.setText(PASS)
    dialog.confirm.setText(PASS)
    _ok(qtbot, dialog)
    box = _wait_message(qtbot, page, None)
    status = page.status
    assert status.key is not None
    assert status.key.fingerprint in box.text()
    assert page.keys.fingerprint.text() == status.key.fingerprint
    assert status.key.private_key_path.is_file()
    box.close()

    # register central's key from a file
    central_key = keys.generate_key()
    pub = tmp_path / "central.pub"
    pub.write_text(keys.public_key_openssh(central_key.public_key()) + "\n")
    qtbot.mouseClick(page.keys.register_button, LEFT)
    assert page.file_dialog is not None and page.file_dialog.isVisible()
    page.file_dialog.fileSelected.emit(str(pub))
    box = _wait_message(qtbot, page, box)
    assert keys.short_fingerprint(central_key.public_key()) in box.text()
    assert page.receipt_button.isEnabled()
    box.close()

    # export to a "USB drive": folder, passphrase, progress dialog, verified message
    usb = tmp_path / "usb"
    usb.mkdir()
    qtbot.mouseClick(page.export_button, LEFT)
    page.file_dialog.fileSelected.emit(str(usb))
    dialog = page.passphrase_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.passphrase, PASS)
    _ok(qtbot, dialog)
    assert page.runner is not None and page.runner.dialog is not None
    box = _wait_message(qtbot, page, box)
    assert "Paket 1 ditulis dan sudah dibaca ulang serta diperiksa" in box.text()
    envelope = usb / "O042-000000001.envelope.json"
    assert envelope.is_file()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 5).data() == "terkirim"
    box.close()

    # central ingests it; the office imports the receipt
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        rx = Receiver(engine, CentralPaths(tmp_path / "central"), central_key)
        rx.register_office("O042", keys.load_public_key(status.key.public_openssh))
        result = rx.ingest(envelope)
    finally:
        engine.dispose()
    assert result.status == "applied" and result.receipt_path is not None
    qtbot.mouseClick(page.receipt_button, LEFT)
    page.file_dialog.fileSelected.emit(str(result.receipt_path))
    box = _wait_message(qtbot, page, box)
    assert "Paket 1: diterima pusat" in box.text()
    assert page.model.index(0, 5).data() == "diterima pusat"
    assert "Diterima pusat sampai paket 1" in page.status_label.text()
    assert "0 perubahan belum diterima pusat" in page.status_label.text()
    box.close()

    # a receipt for another file is refused and changes nothing
    junk = tmp_path / "x.receipt.json"
    junk.write_text("{}")
    (tmp_path / "x.receipt.json.sig").write_text("bukan tanda tangan")
    page.import_receipt(str(junk))
    box = _wait_message(qtbot, page, box)
    assert box.icon() == QMessageBox.Icon.Warning
    assert page.model.index(0, 5).data() == "diterima pusat"


def test_cancelled_export_uses_up_the_number(
    qtbot: QtBot, database: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    staff = make_staff(database, setup_office(database))
    page = _page(qtbot, database, data_paths, staff.admin)
    from flexdesk.services.sync import office as so

    Services(database, staff.admin).call(
        so.create_office_key, data_paths.keys, PASS, PASS, iterations=1000
    )
    page.reload()  # (the key was made outside the page: nothing on the change bus)
    qtbot.waitUntil(page.ctx.ops.idle)
    page._export(tmp_path / "usb", PASS)
    assert page.runner is not None and page.runner.task is not None
    page.runner.task.cancel()  # what the progress dialog's Cancel button does
    box = _wait_message(qtbot, page, None)
    if "dibatalkan" in box.text():
        assert page.model.index(0, 5).data() == "gagal/dibatalkan"
    else:  # the export finished before the flag was seen: still a used number
        assert page.model.index(0, 5).data() == "terkirim"
    assert "paket berikut nomor 2" in page.status_label.text()


def test_not_for_staff(qtbot: QtBot, database: Database, data_paths: DataPaths) -> None:
    staff = make_staff(database, setup_office(database))
    page = _page(qtbot, database, data_paths, staff.member_actor)
    label = page.findChild(QLabel, "sync_denied")
    assert label is not None and "admin" in label.text()


def test_history_model(
    qtbot: QtBot, qtmodeltester, database: Database, data_paths: DataPaths
) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff(database, setup_office(database))
    page = _page(qtbot, database, data_paths, staff.admin)
    qtmodeltester.check(page.model)


def test_key_rotation_from_the_page(
    qtbot: QtBot, database: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    """Ganti kunci: folder, old + new passphrase (checked in the dialog), progress, a rotation
    bundle signed by the old key announcing the new one; the page shows the new fingerprint."""
    from flexdesk.services.sync import office as so
    from flexdesk.sync.bundle import verify_bundle

    staff = make_staff(database, setup_office(database))
    page = _page(qtbot, database, data_paths, staff.admin)
    page.kdf_iterations = 1000
    assert not page.keys.rotate_button.isEnabled()  # nothing to rotate yet
    Services(database, staff.admin).call(
        so.create_office_key, data_paths.keys, PASS, PASS, iterations=1000
    )
    page.reload()  # (the key was made outside the page: nothing on the change bus)
    qtbot.waitUntil(page.ctx.ops.idle)
    old = page.status.key
    assert old is not None and page.keys.rotate_button.isEnabled()

    usb = tmp_path / "usb"
    usb.mkdir()
    qtbot.mouseClick(page.keys.rotate_button, LEFT)
    assert page.file_dialog is not None
    page.file_dialog.fileSelected.emit(str(usb))
    dialog = page.rotate_dialog
    assert dialog is not None and dialog.isVisible()
    new_pass = "frasa sandi kunci yang baru"
    qtbot.keyClicks(dialog.old, PASS)
    qtbot.keyClicks(dialog.new, new_pass)
    qtbot.keyClicks(dialog.confirm, new_pass + "x")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()  # mismatch stays in the dialog
    dialog.confirm.setText(new_pass)
    _ok(qtbot, dialog)
    box = _wait_message(qtbot, page, None)
    new = page.status.key
    assert new is not None and new.key_id != old.key_id
    assert new.fingerprint in box.text() and "Kunci baru" in box.text()
    assert page.keys.fingerprint.text() == new.fingerprint
    envelope = usb / "O042-000000001.envelope.json"
    verified = verify_bundle(
        envelope, trusted_keys={old.key_id: keys.load_public_key(old.public_openssh)}
    )
    assert verified.header.key_rotation  # announced in a bundle signed by the old key
    box.close()

    # a wrong current passphrase is refused, and the key stays as it is
    page._rotate(tmp_path / "usb2", "frasa yang salah sekali", "frasa sandi ketiga kali")
    box = _wait_message(qtbot, page, box)
    assert box.icon() == QMessageBox.Icon.Warning
    assert page.status.key is not None and page.status.key.key_id == new.key_id


def test_page_follows_changes_on_the_bus(
    qtbot: QtBot, database: Database, data_paths: DataPaths
) -> None:
    """A sync change committed by another page (its MutationOp) refreshes the status."""
    from PySide6.QtWidgets import QWidget

    from flexdesk.services.sync import office as so
    from flexdesk.ui.ops import MutationOp

    staff = make_staff(database, setup_office(database))
    page = _page(qtbot, database, data_paths, staff.admin)
    assert not page.receipt_button.isEnabled()
    assert page.keys.central.text() == "Belum terdaftar"
    central_key = keys.generate_key()
    other = QWidget()
    qtbot.addWidget(other)
    MutationOp(
        page.ctx,
        so.register_central_key,
        keys.public_key_openssh(central_key.public_key()),
        topics=["sync"],
    ).run(parent=other)
    qtbot.waitUntil(page.ctx.ops.idle)
    assert page.receipt_button.isEnabled()
    assert keys.short_fingerprint(central_key.public_key()) in page.keys.central.text()
