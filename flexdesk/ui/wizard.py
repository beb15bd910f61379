"""First-run wizard: one PC or the office's server, then the office profile and the first
admin account (or, when the server already holds the office, straight to the sign-in).

Nobody is signed in yet, so the wizard has no ``Services``: its calls run on a database worker
of its own (``flexdesk.ui.ops.SessionOp``, or ``DbWorker.submit`` before a database is chosen),
so the window never freezes on them (testing a server that is off waits for the connect
timeout; creating the admin hashes a password).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from flexdesk.db.engine import Database
from flexdesk.errors import FlexDeskError
from flexdesk.paths import DataPaths
from flexdesk.services import office, server
from flexdesk.services.permissions import Actor
from flexdesk.services.storage.location import forget_database_url
from flexdesk.ui.ops import DbWorker, SessionOp
from flexdesk.ui.widgets.forms import ErrorLabel
from flexdesk.ui.wizard_server import (
    ADMIN_PAGE,
    MODE_PAGE,
    OFFICE_PAGE,
    SERVER_PAGE,
    ModePage,
    ServerPage,
)


class OfficePage(QWizardPage):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self._lang = lang
        self.logo: bytes | None = None
        self.setTitle(self.tr("Profil kantor"))
        self.setSubTitle(
            self.tr(
                "Data ini tampil di kop surat formulir dan di paket sinkronisasi. "
                "Dapat diubah kemudian di Pengaturan."
            )
        )
        form = QFormLayout(self)
        self.code = QLineEdit()
        self.code.setObjectName("office_code")
        self.code.setPlaceholderText(self.tr("mis. O042 (dari kantor pusat)"))
        self.instansi = QLineEdit()
        self.instansi.setObjectName("instansi")
        self.instansi.setPlaceholderText(self.tr("mis. Pemerintah Kabupaten Kuningan"))
        self.unit_kerja = QLineEdit()
        self.unit_kerja.setObjectName("unit_kerja")
        self.unit_kerja.setPlaceholderText(self.tr("mis. Kantor Kecamatan Cigugur"))
        self.address = QPlainTextEdit()
        self.address.setObjectName("address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.city = QLineEdit()
        self.city.setObjectName("city")
        self.city.setPlaceholderText(self.tr("kota pada baris tanda tangan, mis. Kuningan"))
        logo_row = QHBoxLayout()
        self.logo_label = QLabel(self.tr("(tanpa logo)"))
        pick = QPushButton(self.tr("Pilih logo…"))
        pick.clicked.connect(self._pick_logo)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(pick)
        form.addRow(self.tr("Kode kantor"), self.code)
        form.addRow(self.tr("Instansi"), self.instansi)
        form.addRow(self.tr("Unit kerja / kantor"), self.unit_kerja)
        form.addRow(self.tr("Alamat"), self.address)
        form.addRow(self.tr("Kota"), self.city)
        form.addRow(self.tr("Logo kop surat"), logo_row)
        self.error = ErrorLabel()
        form.addRow(self.error)

    def _pick_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih logo"), "", self.tr("Gambar (*.png *.jpg *.jpeg)")
        )
        if not name:
            return
        try:
            self.logo = office.load_logo(Path(name))
        except FlexDeskError as exc:
            self.error.show_error(exc.message_en if self._lang == "en" else exc.message)
            return
        self.error.clear_error()
        self.logo_label.setText(Path(name).name)

    def profile(self) -> office.OfficeProfile:
        return office.OfficeProfile(
            code=self.code.text(),
            instansi=self.instansi.text(),
            unit_kerja=self.unit_kerja.text(),
            address=self.address.toPlainText(),
            city=self.city.text(),
            logo_png=self.logo,
        )

    def validatePage(self) -> bool:
        try:
            office.validate_profile(self.profile())  # the same checks as the final save
        except FlexDeskError as exc:
            self.error.show_error(exc.message_en if self._lang == "en" else exc.message)
            return False
        self.error.clear_error()
        return True


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Akun admin pertama"))
        self.setSubTitle(
            self.tr(
                "Admin mengelola pegawai, akun pengguna dan pengaturan. "
                "Simpan kata sandinya di tempat aman."
            )
        )
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("admin_name")
        self.username = QLineEdit("admin")
        self.username.setObjectName("admin_username")
        self.password = QLineEdit()
        self.password.setObjectName("admin_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("admin_confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Nama lengkap"), self.name)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        form.addRow(self.tr("Ulangi kata sandi"), self.confirm)
        self.error = ErrorLabel()
        form.addRow(self.error)


class FirstRunWizard(QWizard):
    """Creates the office and the first admin in one transaction when finished.

    With ``paths`` (a data folder on its local SQLite file) it first asks one PC or the
    office's server; choosing a server saves its URL for the data folder and continues on the
    server's database: :attr:`db` is then that database, and :attr:`sign_in_office` names the
    office when one was already there (no actor: the caller shows the sign-in).
    """

    def __init__(
        self,
        db: Database,
        *,
        paths: DataPaths | None = None,
        lang: str = "id",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._local_db = db
        self._db = db
        self._paths = paths
        self._lang = lang
        self.actor: Actor | None = None
        #: the office found on the chosen server (the caller signs in to it)
        self.sign_in_office: str | None = None
        self._server_url = ""  # the URL the wizard's server database was opened with
        #: the wizard's own database worker (tests wait for ``ops.idle``)
        self.ops = DbWorker(self)
        self._busy = False
        self.setWindowTitle(self.tr("Selamat datang di FlexDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(620, 460)
        self.mode_page = ModePage()
        self.server_page = ServerPage(lang)
        self.server_page.test_requested.connect(self._test_server)
        self.office_page = OfficePage(lang)
        self.admin_page = AdminPage()
        if paths is not None and db.is_sqlite:  # a server named on the command line: no choice
            self.setPage(MODE_PAGE, self.mode_page)
            self.setPage(SERVER_PAGE, self.server_page)
        self.setPage(OFFICE_PAGE, self.office_page)
        self.setPage(ADMIN_PAGE, self.admin_page)
        self.setStartId(MODE_PAGE if paths is not None and db.is_sqlite else OFFICE_PAGE)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        lay = self.layout()
        if isinstance(lay, QVBoxLayout):
            lay.setSpacing(8)

    @property
    def db(self) -> Database:
        """The database the wizard ended on: the local file or the chosen server's."""
        return self._db

    def _message(self, exc: FlexDeskError) -> str:
        return exc.message_en if self._lang == "en" else exc.message

    def _on_worker(
        self,
        fn: Callable[[], Any],
        ok: Callable[[Any], None],
        failed: Callable[[FlexDeskError], None],
    ) -> None:
        def deliver(result: Any, error: BaseException | None) -> None:
            if error is None:
                ok(result)
            elif isinstance(error, FlexDeskError):
                failed(error)
            else:
                raise error

        self.ops.submit(fn, deliver)

    def _test_server(self, url: str) -> None:
        page = self.server_page
        self._on_worker(
            lambda: server.check_server(url),
            lambda check: page.show_check(url, check),
            lambda exc: page.show_failure(self._message(exc)),
        )

    def _validate_server_page(self) -> bool:
        """Save the tested URL for this data folder and open the server (migrations) on the
        worker; its success presses Lanjut/Selesai again."""
        page = self.server_page
        url = page.url()
        if self._server_url == url:
            return True
        if self._busy or self._paths is None:
            return False
        paths = self._paths
        self._set_busy(True)
        page.result.setText(self.tr("Menyiapkan basis data di server…"))
        self._on_worker(
            lambda: server.use_server(paths, url),
            lambda opened: self._server_opened(url, *opened),
            self._server_refused,
        )
        return False

    def _server_opened(self, url: str, db: Database, office_name: str | None) -> None:
        self._set_busy(False)
        if not self.isVisible():  # cancelled meanwhile: back to the local file
            db.dispose()
            if self._paths is not None:
                forget_database_url(self._paths)
            return
        self._drop_server_db()
        self._db = db
        self._server_url = url
        self.sign_in_office = office_name
        if office_name:
            self.button(QWizard.WizardButton.FinishButton).click()
        else:
            self.next()

    def _server_refused(self, exc: FlexDeskError) -> None:
        self._set_busy(False)
        self.server_page.show_failure(self._message(exc))

    def _drop_server_db(self) -> None:
        """Forget the server database opened earlier in this wizard (another choice now)."""
        if self._db is not self._local_db:
            self._db.dispose()
            self._db = self._local_db
            self._server_url = ""
            self.sign_in_office = None

    def _back_to_local(self) -> None:
        if self._db is not self._local_db and self._paths is not None:
            forget_database_url(self._paths)
        self._drop_server_db()

    def done(self, result: int) -> None:
        """Cancelled before an office exists on the chosen server: the data folder goes back
        to its local file, so the next start asks again."""
        # (QWizard.done validates the page first when accepting: that starts the admin setup)
        if result == int(QDialog.DialogCode.Rejected) and self.actor is None:
            self._back_to_local()
        super().done(result)

    def validateCurrentPage(self) -> bool:
        """On the admin page: start the setup on the worker and say "not yet"; its success
        presses Selesai again, and then the wizard closes."""
        if self.currentPage() is self.mode_page and not self.mode_page.server.isChecked():
            self._back_to_local()  # one PC after all (the server was chosen, then Kembali)
        if self.currentPage() is self.server_page:
            return self._validate_server_page()
        if self.currentPage() is not self.admin_page:
            return super().validateCurrentPage()
        if self.actor is not None:
            return True
        page = self.admin_page
        if self._busy:
            return False
        if page.password.text() != page.confirm.text():
            page.error.show_error(self.tr("Kedua kata sandi tidak sama."))
            page.confirm.setFocus()
            return False
        self._set_busy(True)
        SessionOp(
            self.ops,
            self._db,
            office.first_run_setup,
            self.office_page.profile(),
            admin_username=page.username.text(),
            admin_password=page.password.text(),
            admin_name=page.name.text() or page.username.text(),
        ).on_success(self._set_up).on_failure(self._refused).run(parent=self)
        return False

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for which in (
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
        ):
            self.button(which).setEnabled(not busy)
        self.server_page.test_button.setEnabled(not busy)

    def _set_up(self, actor: Actor) -> None:
        self.actor = actor
        self._set_busy(False)
        self.admin_page.error.clear_error()
        self.button(QWizard.WizardButton.FinishButton).click()

    def _refused(self, exc: FlexDeskError) -> None:
        self._set_busy(False)
        self.admin_page.error.show_error(exc.message_en if self._lang == "en" else exc.message)
