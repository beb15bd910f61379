"""First-run wizard: the office profile, then the first admin account.

Nobody is signed in yet, so the wizard has no ``Services``: its calls run on a database worker
of its own (``flexdesk.ui.ops.SessionOp``), so the window never freezes on them (creating the
admin hashes a password; a later step will test a connection to the office's server).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
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
from flexdesk.services import office
from flexdesk.services.permissions import Actor
from flexdesk.ui.ops import DbWorker, SessionOp
from flexdesk.ui.widgets.forms import ErrorLabel


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
    """Creates the office and the first admin in one transaction when finished."""

    def __init__(self, db: Database, *, lang: str = "id", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._lang = lang
        self.actor: Actor | None = None
        #: the wizard's own database worker (tests wait for ``ops.idle``)
        self.ops = DbWorker(self)
        self._busy = False
        self.setWindowTitle(self.tr("Selamat datang di FlexDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(620, 460)
        self.office_page = OfficePage(lang)
        self.admin_page = AdminPage()
        self.addPage(self.office_page)
        self.addPage(self.admin_page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        lay = self.layout()
        if isinstance(lay, QVBoxLayout):
            lay.setSpacing(8)

    def validateCurrentPage(self) -> bool:
        """On the admin page: start the setup on the worker and say "not yet"; its success
        presses Selesai again, and then the wizard closes."""
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
        for which in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton):
            self.button(which).setEnabled(not busy)

    def _set_up(self, actor: Actor) -> None:
        self.actor = actor
        self._set_busy(False)
        self.admin_page.error.clear_error()
        self.button(QWizard.WizardButton.FinishButton).click()

    def _refused(self, exc: FlexDeskError) -> None:
        self._set_busy(False)
        self.admin_page.error.show_error(exc.message_en if self._lang == "en" else exc.message)
