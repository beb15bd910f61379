"""The first-run wizard's first two pages: one PC (the SQLite file) or the office's server,
and the server's settings with "Uji koneksi".

The connection test and opening the server run on the wizard's database worker
(``FirstRunWizard.ops``): a server that is off takes up to the connect timeout to answer, and
the window must stay usable meanwhile. The pages only show; the wizard decides what runs.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)

from flexdesk.services.server import Schema, ServerCheck
from flexdesk.services.storage.location import DATABASE_URL_FILE, server_url
from flexdesk.ui.widgets.forms import ErrorLabel

MODE_PAGE, SERVER_PAGE, OFFICE_PAGE, ADMIN_PAGE = range(4)
DEFAULT_PORT = 5432


class ModePage(QWizardPage):
    """Where this office keeps its data: asked once, before anything is created."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Cara kantor menyimpan data"))
        self.setSubTitle(
            self.tr("Pilih sekali saat memasang. Jika ragu, tanyakan kepada pengelola TI kantor.")
        )
        lay = QVBoxLayout(self)
        self.single = QRadioButton(self.tr("Kantor ini memakai satu komputer (SQLite)"))
        self.single.setObjectName("mode_single")
        self.single.setChecked(True)
        single_note = QLabel(self.tr("Semua data disimpan di komputer ini saja."))
        self.server = QRadioButton(self.tr("Kantor ini memakai server"))
        self.server.setObjectName("mode_server")
        server_note = QLabel(
            self.tr(
                "Beberapa komputer memakai satu server PostgreSQL di jaringan kantor "
                "(biasanya komputer kepala kantor). Server harus sudah dipasang: "
                "lihat panduan docs/postgresql.md."
            )
        )
        group = QButtonGroup(self)
        for button, note in ((self.single, single_note), (self.server, server_note)):
            group.addButton(button)
            note.setWordWrap(True)
            note.setIndent(24)
            lay.addWidget(button)
            lay.addWidget(note)
            lay.addSpacing(8)
        lay.addStretch(1)

    def nextId(self) -> int:
        return SERVER_PAGE if self.server.isChecked() else OFFICE_PAGE


class ServerPage(QWizardPage):
    """The server's address and account; "Lanjut" only after a test of exactly these."""

    #: the person pressed "Uji koneksi" (the wizard runs the check on its worker)
    test_requested = Signal(str)

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._lang = lang
        #: the last successful check and the URL it was made with
        self.check: ServerCheck | None = None
        self._checked_url = ""
        self.setTitle(self.tr("Server kantor"))
        self.setSubTitle(
            self.tr(
                "Isi seperti pada catatan pemasangan server. Tekan Uji koneksi; "
                "Lanjut dapat ditekan setelah koneksi berhasil."
            )
        )
        form = QFormLayout(self)
        self.host = QLineEdit()
        self.host.setObjectName("server_host")
        self.host.setPlaceholderText(self.tr("mis. 192.168.1.10 atau nama komputer server"))
        self.port = QSpinBox()
        self.port.setObjectName("server_port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit("flexdesk")
        self.database.setObjectName("server_database")
        self.user = QLineEdit("flexdesk")
        self.user.setObjectName("server_user")
        self.password = QLineEdit()
        self.password.setObjectName("server_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Uji koneksi"))
        self.test_button.setObjectName("server_test")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self._test)
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        self.result = QLabel()
        self.result.setObjectName("server_result")
        self.result.setWordWrap(True)
        self.error = ErrorLabel()
        self.error.setObjectName("server_error")
        note = QLabel(
            self.tr(
                "Alamat dan kata sandi server disimpan di berkas {file} dalam folder data "
                "komputer ini, yang hanya dapat dibaca akun Windows/Linux Anda."
            ).format(file=DATABASE_URL_FILE)
        )
        note.setWordWrap(True)
        note.setObjectName("server_note")
        form.addRow(self.tr("Alamat server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Nama basis data"), self.database)
        form.addRow(self.tr("Nama pengguna"), self.user)
        form.addRow(self.tr("Kata sandi"), self.password)
        form.addRow(test_row)
        form.addRow(self.result)
        form.addRow(self.error)
        form.addRow(note)
        for edit in (self.host, self.database, self.user, self.password):
            edit.textEdited.connect(self._changed)
        self.port.valueChanged.connect(self._changed)

    def url(self) -> str:
        return server_url(
            self.host.text(),
            self.port.value(),
            self.database.text(),
            self.user.text(),
            self.password.text(),
        )

    def initializePage(self) -> None:
        self.host.setFocus()

    def _test(self) -> None:
        if not self.host.text().strip():
            self.error.show_error(self.tr("Isi alamat server dulu."))
            self.host.setFocus()
            return
        self.set_testing(True)
        self.test_requested.emit(self.url())

    def _changed(self) -> None:
        """Another setting than the one tested: test again before going on."""
        if self.check is None and not self.result.text():
            return
        self.check = None
        self.result.clear()
        self.error.clear_error()
        self._update_buttons()

    def set_testing(self, testing: bool) -> None:
        self.test_button.setEnabled(not testing)
        if testing:
            self.check = None
            self.error.clear_error()
            self.result.setText(self.tr("Menghubungi server…"))
            self._update_buttons()

    def show_check(self, url: str, check: ServerCheck) -> None:
        self.set_testing(False)
        self.check = check if check.usable else None
        self._checked_url = url
        self.result.setText(self.describe(check))
        if not check.usable:
            self.error.show_error(
                self.tr(
                    "Basis data ini dibuat oleh FlexDesk versi yang lebih baru. Perbarui "
                    "FlexDesk di komputer ini dulu; server tidak diubah."
                )
            )
        self._update_buttons()

    def show_failure(self, message: str) -> None:
        self.set_testing(False)
        self.check = None
        self.result.setText(self.tr("Koneksi gagal."))
        self.error.show_error(message)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Lanjut or Selesai, as the check decides: QWizard re-reads ``nextId`` only when
        told that the page's final state changed (``setFinalPage`` does)."""
        self.setFinalPage(self.nextId() == -1)
        self.completeChanged.emit()

    def describe(self, check: ServerCheck) -> str:
        lines = [
            self.tr("Server terhubung: {where} (PostgreSQL {version}).").format(
                where=check.where, version=check.server_version
            )
        ]
        if check.schema is Schema.EMPTY:
            lines.append(
                self.tr(
                    "Basis data masih kosong: FlexDesk membuat tabelnya, lalu Anda mengisi "
                    "profil kantor dan admin pertama."
                )
            )
        elif check.schema is Schema.OLDER:
            lines.append(
                self.tr(
                    "Basis data dibuat oleh FlexDesk versi lama dan diperbarui saat komputer "
                    "ini membukanya (ambil cadangan pg_dump dulu)."
                )
            )
        elif check.schema is Schema.CURRENT:
            lines.append(self.tr("Basis data FlexDesk dengan skema terbaru."))
        if check.office_name:
            lines.append(
                self.tr(
                    "Kantor «{office}» sudah dipasang di server ini: tekan Selesai, lalu masuk "
                    "dengan akun Anda (tidak dibuat kantor kedua)."
                ).format(office=check.office_name)
            )
        elif check.schema is not Schema.EMPTY and check.usable:
            lines.append(self.tr("Belum ada kantor: lanjut ke profil kantor dan admin pertama."))
        return "\n".join(lines)

    def isComplete(self) -> bool:
        return self.check is not None and self._checked_url == self.url()

    def nextId(self) -> int:
        if self.check is not None and self.check.office_name:
            return -1  # the office exists: finish here and sign in
        return OFFICE_PAGE
