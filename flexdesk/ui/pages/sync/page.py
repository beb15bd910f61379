"""Sinkronisasi page: key status, central key, export to a folder/USB drive, receipts, history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import Cancelled, FlexDeskError
from flexdesk.services.permissions import Action
from flexdesk.services.sync import office as so
from flexdesk.sync.crypto import keys
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp, progress_runner, worker_calls
from flexdesk.ui.pages.sync.dialogs import (
    PassphraseDialog,
    RotateKeyDialog,
    open_file_dialog,
    open_folder_dialog,
    show_message,
)
from flexdesk.ui.pages.sync.history_model import HistoryModel, history_view
from flexdesk.ui.pages.sync.key_panel import KeyPanel
from flexdesk.ui.pages.sync.work import create_key_work, export_work, page_state, rotate_work
from flexdesk.ui.worker import ProgressRunner


class SyncPage(QWidget):
    #: PBKDF2 iterations for a new key (tests lower it; the default is the documented one)
    kdf_iterations = keys.DEFAULT_KDF_ITERATIONS

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.file_dialog: QFileDialog | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.rotate_dialog: RotateKeyDialog | None = None
        self.message_box: QMessageBox | None = None
        self.runner: ProgressRunner | None = None
        self._export_folder = ""
        #: what to show once the reload after a change is in (the message names the new state)
        self._then: list[Callable[[], None]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.addWidget(QLabel("<h2>" + self.tr("Sinkronisasi") + "</h2>"))
        intro = QLabel(
            self.tr(
                "Paket sinkronisasi berisi semua perubahan sejak tanda terima terakhir dari "
                "kantor pusat, ditandatangani dengan kunci kantor. Simpan ke flashdisk atau "
                "folder, kirim ke pusat, lalu impor tanda terimanya di sini."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.allowed = ctx.actor.can(Action.SYNC_EXPORT)
        if not self.allowed:
            denied = QLabel(self.tr("Hanya admin kantor yang dapat mengelola sinkronisasi."))
            denied.setObjectName("sync_denied")
            layout.addWidget(denied)
            layout.addStretch(1)
            return

        self.keys = KeyPanel()
        layout.addWidget(self.keys)
        self.keys.create_button.clicked.connect(self.create_key)
        self.keys.export_public_button.clicked.connect(self.export_public_key)
        self.keys.register_button.clicked.connect(self.register_central_key)
        self.keys.rotate_button.clicked.connect(self.start_rotation)
        layout.addLayout(self._build_bar())
        layout.addWidget(QLabel("<b>" + self.tr("Riwayat paket") + "</b>"))
        layout.addWidget(self._build_history(), 1)
        self.reload()
        ctx.events.follow(self, ["sync"], self.reload)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setObjectName("sync_status")
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Ekspor paket…"))
        self.export_button.setObjectName("export_bundle")
        self.export_button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.receipt_button = QPushButton(self.tr("Impor tanda terima…"))
        self.receipt_button.setObjectName("import_receipt")
        # off until the status is in
        self.export_button.setEnabled(False)
        self.receipt_button.setEnabled(False)
        bar.addWidget(self.status_label, 1)
        bar.addWidget(self.receipt_button)
        bar.addWidget(self.export_button)
        self.export_button.clicked.connect(self.start_export)
        self.receipt_button.clicked.connect(self.choose_receipt)
        return bar

    def _build_history(self) -> QTableView:
        self.model = HistoryModel(self.ctx.lang, self)
        self.table = history_view(self.model)
        return self.table

    # -- state ------------------------------------------------------------------------------

    def reload(self) -> None:
        """At the start and after a change to keys, bundles or receipts (the change bus)."""
        if not self.allowed:
            return
        QueryOp(self.ctx, page_state, self.ctx.paths.keys).on_success(self._show_state).run(
            parent=self
        )

    def _changed(self, then: Callable[[], None]) -> None:
        """After this page's own change: tell the others, reload, then ``then()``."""
        self._then.append(then)
        self.ctx.events.publish(["sync"])  # the follower reloads this page while shown
        if not self.isVisible():
            self.reload()

    def _show_state(self, state: tuple[so.SyncStatus, list[so.HistoryRow]]) -> None:
        status, history = state
        self.status = status
        self.keys.show_status(status)
        if status.ack_seq:
            ack = self.tr("Diterima pusat sampai paket {seq} (perubahan {change}).").format(
                seq=status.ack_seq, change=status.applied_through
            )
        else:
            ack = self.tr("Belum ada tanda terima dari pusat.")
        pending = self.tr("{n} perubahan belum diterima pusat; paket berikut nomor {seq}.").format(
            n=status.pending_changes, seq=status.next_bundle_seq
        )
        self.status_label.setText(ack + " " + pending)
        self.export_button.setEnabled(status.key is not None)
        self.receipt_button.setEnabled(status.central_fingerprint is not None)
        self.model.set_rows(history)
        then, self._then = self._then, []
        for show in then:
            show()

    def _message(self, title: str, text: str, *, error: bool = False) -> None:
        self.message_box = show_message(self, title, text, error=error)

    def _error(self, title: str, exc: BaseException) -> None:
        text = self.ctx.message(exc) if isinstance(exc, FlexDeskError) else str(exc)
        self._then.append(lambda: self._message(title, text, error=True))
        self.reload()

    def _stage(self, stage: str) -> str:
        labels = {
            "collect": self.tr("Mengumpulkan perubahan…"),
            "write": self.tr("Menulis paket…"),
            "verify": self.tr("Membaca ulang dan memeriksa paket…"),
            "encrypt": self.tr("Mengenkripsi paket…"),
            "decrypt": self.tr("Mendekripsi paket…"),
            "done": self.tr("Selesai"),
        }
        return labels.get(stage, stage)

    def _stages(self) -> dict[str, str]:
        return {s: self._stage(s) for s in ("collect", "write", "verify", "encrypt", "done")}

    # -- keys -------------------------------------------------------------------------------

    def create_key(self) -> None:
        dialog = PassphraseDialog(
            self,
            self.tr("Buat kunci tanda tangan"),
            self.tr(
                "Frasa sandi melindungi kunci kantor di komputer ini (minimal 12 karakter; "
                "boleh beberapa kata). Catat dan simpan di tempat aman: tanpa frasa sandi, "
                "paket tidak dapat diekspor."
            ),
            confirm=True,
            message=self.ctx.message,
        )
        dialog.accepted.connect(lambda: self._create_key(dialog.value()))
        self.passphrase_dialog = dialog
        dialog.open()

    def _create_key(self, passphrase: str) -> None:
        work = create_key_work(
            worker_calls(self.ctx), self.ctx.paths.keys, passphrase, self.kdf_iterations
        )
        self.runner = progress_runner(self.ctx, self, self.tr("Membuat kunci…"))
        self.runner.start(
            work,
            lambda info: self._changed(lambda: self._key_created(info)),
            lambda exc: self._error(self.tr("Buat kunci"), exc),
        )

    def _key_created(self, info: Any) -> None:
        self._message(
            self.tr("Kunci dibuat"),
            self.tr(
                "Kunci tanda tangan kantor dibuat.\n\nSidik jari: {fp}\n\nBacakan sidik jari "
                "ini ke kantor pusat dan kirim kunci publiknya (Ekspor kunci publik…)."
            ).format(fp=info.fingerprint),
        )

    def export_public_key(self) -> None:
        self.file_dialog = open_folder_dialog(
            self, self.tr("Pilih folder untuk kunci publik"), self._export_public_to
        )

    def _export_public_to(self, folder: str) -> None:
        QueryOp(self.ctx, so.export_public_key, Path(folder)).on_success(
            self._public_exported
        ).on_failure(lambda exc: self._error(self.tr("Ekspor kunci publik"), exc)).run(parent=self)

    def _public_exported(self, files: so.PublicKeyFiles) -> None:
        self._message(
            self.tr("Kunci publik diekspor"),
            self.tr("Ditulis: {ssh} dan {pem}\n\nSidik jari untuk dibacakan: {fp}").format(
                ssh=files.openssh_path.name, pem=files.pem_path.name, fp=files.fingerprint
            ),
        )

    def register_central_key(self) -> None:
        self.file_dialog = open_file_dialog(
            self,
            self.tr("Pilih kunci publik kantor pusat"),
            self.tr("Kunci publik (*.pub *.pem *.txt)"),
            self._register_central,
        )

    def _register_central(self, path: str) -> None:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            self._error(self.tr("Kunci pusat"), exc)
            return
        MutationOp(self.ctx, so.register_central_key, text, topics=["sync"]).on_success(
            lambda short: self._changed(lambda: self._central_registered(short))
        ).on_failure(lambda exc: self._error(self.tr("Kunci pusat"), exc)).run(parent=self)

    def _central_registered(self, short: str) -> None:
        self._message(
            self.tr("Kunci pusat didaftarkan"),
            self.tr(
                "Sidik jari kunci pusat: {fp}\n\nPastikan sama dengan yang disebutkan kantor "
                "pusat; bila tidak, daftarkan ulang kunci yang benar."
            ).format(fp=short),
        )

    def start_rotation(self) -> None:
        """Key rotation: a folder for the rotation bundle, then the old and new passphrases."""
        self.file_dialog = open_folder_dialog(
            self,
            self.tr("Pilih folder atau flashdisk untuk paket penggantian kunci"),
            self._ask_rotation,
            self._export_folder,
        )

    def _ask_rotation(self, folder: str) -> None:
        self._export_folder = folder
        dialog = RotateKeyDialog(
            self,
            self.tr(
                "Kunci baru akan dibuat dengan frasa sandi baru. Paket berisi perubahan terbaru "
                "dan pengumuman kunci baru, ditandatangani kunci lama, ditulis ke {folder}. "
                "Bawa paket ini ke kantor pusat sebelum paket berikutnya; paket berikutnya "
                "ditandatangani kunci baru."
            ).format(folder=folder),
            message=self.ctx.message,
        )
        dialog.accepted.connect(
            lambda: self._rotate(Path(folder), dialog.old.text(), dialog.new.text())
        )
        self.rotate_dialog = dialog
        dialog.open()

    def _rotate(self, folder: Path, old: str, new: str) -> None:
        calls, iterations = worker_calls(self.ctx), self.kdf_iterations
        work = rotate_work(calls, self.ctx.paths, folder, (old, new), iterations=iterations,
                           labels=self._stages())  # fmt: skip
        self.runner = progress_runner(self.ctx, self, self.tr("Mengganti kunci…"))
        self.runner.start(
            work, lambda result: self._changed(lambda: self._rotated(result)), self._rotation_failed
        )

    def _rotated(self, result: Any) -> None:
        key = self.status.key
        self._message(
            self.tr("Kunci diganti"),
            self.tr(
                "Kunci baru: {fp}\n\nPaket {seq} (pengumuman kunci baru, ditandatangani kunci "
                "lama) ditulis ke {folder} dan sudah diperiksa. Bawa ke kantor pusat sebelum "
                "paket berikutnya, dan bacakan sidik jari baru ini kepada mereka."
            ).format(
                fp=key.fingerprint if key else "-",
                seq=result.bundle_seq,
                folder=result.written.container_path.parent,
            ),
        )

    def _rotation_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            title = self.tr("Penggantian kunci dibatalkan")
            text = self.tr("Dibatalkan; kunci lama tetap berlaku dan tidak ada berkas tertinggal.")
            self._changed(lambda: self._message(title, text))  # (a bundle number is used up)
            return
        self._error(self.tr("Penggantian kunci gagal"), exc)

    # -- export -----------------------------------------------------------------------------

    def start_export(self) -> None:
        self.file_dialog = open_folder_dialog(
            self,
            self.tr("Pilih folder atau flashdisk tujuan"),
            self._ask_passphrase,
            self._export_folder,
        )

    def _ask_passphrase(self, folder: str) -> None:
        self._export_folder = folder
        dialog = PassphraseDialog(
            self,
            self.tr("Ekspor paket"),
            self.tr("Paket akan ditulis ke {folder}. Masukkan frasa sandi kunci kantor.").format(
                folder=folder
            ),
            confirm=False,
            message=self.ctx.message,
        )
        dialog.accepted.connect(lambda: self._export(Path(folder), dialog.value()))
        self.passphrase_dialog = dialog
        dialog.open()

    def _export(self, folder: Path, passphrase: str) -> None:
        work = export_work(
            worker_calls(self.ctx), self.ctx.paths, folder, passphrase, self._stages()
        )
        self.runner = progress_runner(self.ctx, self, self.tr("Mengekspor paket…"))
        self.runner.start(
            work, lambda result: self._changed(lambda: self._exported(result)), self._export_failed
        )

    def _exported(self, result: Any) -> None:
        w = result.written
        self._message(
            self.tr("Paket selesai"),
            self.tr(
                "Paket {seq} ditulis dan sudah dibaca ulang serta diperiksa.\n\n{records} "
                "rekaman, {files} berkas bukti.\nBerkas: {name} (dan .envelope.json, .sig) di "
                "{folder}\n\nBawa ketiga berkas ke kantor pusat."
            ).format(
                seq=result.bundle_seq,
                records=result.record_count,
                files=result.attachment_count,
                name=w.container_path.name,
                folder=w.container_path.parent,
            ),
        )

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            title = self.tr("Ekspor dibatalkan")
            text = self.tr("Ekspor dibatalkan; tidak ada berkas yang tertinggal di tujuan.")
            self._changed(lambda: self._message(title, text))  # the bundle's number is used up
            return
        self._error(self.tr("Ekspor gagal"), exc)

    # -- receipts ---------------------------------------------------------------------------

    def choose_receipt(self) -> None:
        self.file_dialog = open_file_dialog(
            self,
            self.tr("Pilih tanda terima dari kantor pusat"),
            self.tr("Tanda terima (*.receipt.json *.receipt.json.sig *.zip)"),
            self.import_receipt,
        )

    def import_receipt(self, path: str) -> None:
        MutationOp(self.ctx, so.import_receipt, Path(path), topics=["sync"]).on_success(
            lambda outcomes: self._changed(lambda: self._receipt_imported(outcomes))
        ).on_failure(lambda exc: self._error(self.tr("Tanda terima ditolak"), exc)).run(parent=self)

    def _receipt_imported(self, outcomes: list[so.ReceiptOutcome]) -> None:
        lines = []
        for o in outcomes:
            status = self.model.status_text(so.HISTORY_STATUS.get(o.status, o.status))
            note = (o.message_en if self.ctx.lang == "en" else o.message) or ""
            lines.append(
                self.tr("Paket {seq}: {status}").format(seq=o.bundle_seq, status=status)
                + (f" — {note}" if note else "")
            )
        self._message(self.tr("Tanda terima diimpor"), "\n".join(lines))
