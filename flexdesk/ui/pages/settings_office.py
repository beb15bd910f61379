"""Settings tabs: office profile (kop surat) and work units."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import FlexDeskError
from flexdesk.services import office, units
from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.widgets.forms import ErrorLabel


class OfficeTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        profile = ctx.services.read(office.office_profile)
        self.logo = profile.logo_png
        form = QFormLayout(self)
        self.code = QLineEdit(profile.code)
        self.instansi = QLineEdit(profile.instansi)
        self.unit_kerja = QLineEdit(profile.unit_kerja)
        self.address = QPlainTextEdit(profile.address)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.city = QLineEdit(profile.city)
        self.logo_view = QLabel()
        self.logo_view.setFixedSize(72, 72)
        self._show_logo()
        pick = QPushButton(self.tr("Ganti logo…"))
        pick.clicked.connect(self._pick_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_view)
        logo_row.addWidget(pick)
        logo_row.addStretch(1)
        form.addRow(self.tr("Kode kantor"), self.code)
        form.addRow(self.tr("Instansi"), self.instansi)
        form.addRow(self.tr("Unit kerja / kantor"), self.unit_kerja)
        form.addRow(self.tr("Alamat"), self.address)
        form.addRow(self.tr("Kota"), self.city)
        form.addRow(self.tr("Logo kop surat"), logo_row)
        self.error = ErrorLabel()
        form.addRow(self.error)
        self.save_button = QPushButton(self.tr("Simpan profil"))
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        editable = ctx.actor.can(Action.OFFICE_EDIT)
        for widget in (
            self.code,
            self.instansi,
            self.unit_kerja,
            self.address,
            self.city,
            pick,
            self.save_button,
        ):
            widget.setEnabled(editable)

    def _show_logo(self) -> None:
        if self.logo:
            pix = QPixmap()
            pix.loadFromData(self.logo)
            self.logo_view.setPixmap(pix.scaled(72, 72))
        else:
            self.logo_view.setText(self.tr("(tanpa logo)"))

    def _pick_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Pilih logo"), "", self.tr("Gambar (*.png *.jpg *.jpeg)")
        )
        if not name:
            return
        try:
            self.logo = office.load_logo(Path(name))
        except FlexDeskError as exc:
            self.error.show_error(self.ctx.message(exc))
            return
        self.error.clear_error()
        self._show_logo()

    def save(self) -> None:
        profile = office.OfficeProfile(
            code=self.code.text(),
            instansi=self.instansi.text(),
            unit_kerja=self.unit_kerja.text(),
            address=self.address.toPlainText(),
            city=self.city.text(),
            logo_png=self.logo,
        )
        try:
            self.ctx.services.call(office.update_office, profile)
        except FlexDeskError as exc:
            self.error.show_error(self.ctx.message(exc))
            return
        self.error.clear_error()
        QMessageBox.information(self, self.tr("Profil kantor"), self.tr("Profil kantor disimpan."))


class UnitsTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("unit_list")
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Tambah unit…"))
        add.clicked.connect(self.add_unit)
        rename = QPushButton(self.tr("Ganti nama…"))
        rename.clicked.connect(self.rename_unit)
        row.addWidget(add)
        row.addWidget(rename)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for unit in self.ctx.services.read(units.list_units, include_inactive=True):
            text = self.tr("{name} — {n} pegawai").format(name=unit.name, n=unit.headcount)
            if not unit.active:
                text += self.tr(" (nonaktif)")
            item = QListWidgetItem(text)
            item.setData(256, unit)
            self.list.addItem(item)

    def add_unit(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Unit kerja baru"), self.tr("Nama unit:"))
        if not ok:
            return
        try:
            self.ctx.services.call(units.create_unit, name)
        except FlexDeskError as exc:
            QMessageBox.warning(self, self.tr("Unit kerja"), self.ctx.message(exc))
            return
        self.reload()

    def rename_unit(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        unit = item.data(256)
        name, ok = QInputDialog.getText(
            self, self.tr("Ganti nama unit"), self.tr("Nama unit:"), text=unit.name
        )
        if not ok:
            return
        try:
            self.ctx.services.call(
                units.update_unit, unit.id, name=name, code=unit.code, active=unit.active
            )
        except FlexDeskError as exc:
            QMessageBox.warning(self, self.tr("Unit kerja"), self.ctx.message(exc))
            return
        self.reload()
