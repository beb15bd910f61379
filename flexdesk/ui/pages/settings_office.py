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

from flexdesk.errors import FlexDeskError, StaleEdit
from flexdesk.services import office, units
from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.widgets.conflict import Choice, ConflictDialog, FieldDiff, show_conflict
from flexdesk.ui.widgets.forms import ErrorLabel


class OfficeTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.logo: bytes | None = None
        self.expected_rev: int | None = None  # the profile's revision shown in the form
        self.conflict: ConflictDialog | None = None
        self._loaded = False
        self._saving = False
        form = QFormLayout(self)
        self.code = QLineEdit()
        self.instansi = QLineEdit()
        self.unit_kerja = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.city = QLineEdit()
        self.logo_view = QLabel()
        self.logo_view.setFixedSize(72, 72)
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
        self._editable = [self.code, self.instansi, self.unit_kerja, self.address, self.city, pick]
        self._update_enabled()
        # Loaded once: this tab is the profile's only editor, and a reload on another
        # setting's change would throw away what is being typed here.
        QueryOp(ctx, office.office_profile).on_success(self._show_profile).run(parent=self)

    def _show_profile(self, profile: office.OfficeProfile) -> None:
        self.code.setText(profile.code)
        self.instansi.setText(profile.instansi)
        self.unit_kerja.setText(profile.unit_kerja)
        self.address.setPlainText(profile.address)
        self.city.setText(profile.city)
        self.logo = profile.logo_png
        self.expected_rev = profile.rev
        self._show_logo()
        self._loaded = True
        self._update_enabled()

    def _update_enabled(self) -> None:
        editable = self._loaded and self.ctx.actor.can(Action.OFFICE_EDIT)
        for widget in self._editable:
            widget.setEnabled(editable)
        self.save_button.setEnabled(editable and not self._saving)

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

    def form_profile(self) -> office.OfficeProfile:
        return office.OfficeProfile(
            code=self.code.text(),
            instansi=self.instansi.text(),
            unit_kerja=self.unit_kerja.text(),
            address=self.address.toPlainText(),
            city=self.city.text(),
            logo_png=self.logo,
        )

    def save(self) -> None:
        self._saving = True
        self._update_enabled()
        MutationOp(
            self.ctx,
            office.update_office,
            self.form_profile(),
            expected_rev=self.expected_rev,
            topics=["settings"],
        ).on_success(self._saved).on_failure(self._refused).run(parent=self)

    def _saved(self, _none: object) -> None:
        self._saving = False
        self._update_enabled()
        self.error.clear_error()
        QMessageBox.information(self, self.tr("Profil kantor"), self.tr("Profil kantor disimpan."))

    def _refused(self, exc: FlexDeskError) -> None:
        self._saving = False
        self._update_enabled()
        theirs = exc.current if isinstance(exc, StaleEdit) else None
        if isinstance(exc, StaleEdit) and isinstance(theirs, office.OfficeProfile):
            self.conflict = show_conflict(
                self, exc, self._diffs(theirs), lambda c: self._resolve(exc, theirs, c)
            )
            return
        self.error.show_error(self.ctx.message(exc))

    def _resolve(self, exc: StaleEdit, theirs: office.OfficeProfile, choice: Choice) -> None:
        """Keep theirs: their profile in the form; overwrite: mine against their revision."""
        if choice is Choice.THEIRS:
            self._show_profile(theirs)
            return
        self.expected_rev = exc.current_rev
        self.save()

    def _diffs(self, theirs: office.OfficeProfile) -> list[FieldDiff]:
        """The profile's fields, theirs against what the form holds."""
        mine = self.form_profile()
        logo = {True: self.tr("(ada logo)"), False: self.tr("(tanpa logo)")}
        return [
            FieldDiff(self.tr("Kode kantor"), theirs.code, mine.code),
            FieldDiff(self.tr("Instansi"), theirs.instansi, mine.instansi),
            FieldDiff(self.tr("Unit kerja / kantor"), theirs.unit_kerja, mine.unit_kerja),
            FieldDiff(self.tr("Alamat"), theirs.address, mine.address),
            FieldDiff(self.tr("Kota"), theirs.city, mine.city),
            FieldDiff(
                self.tr("Logo kop surat"),
                logo[bool(theirs.logo_png)] if theirs.logo_png != mine.logo_png else "=",
                logo[bool(mine.logo_png)] if theirs.logo_png != mine.logo_png else "=",
            ),
        ]


class UnitsTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.conflict: ConflictDialog | None = None
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
        ctx.events.follow(self, ["units", "employees"], self.reload)

    def reload(self) -> None:
        """At the start and after a change to the units or their staff (the change bus)."""
        QueryOp(self.ctx, units.list_units, include_inactive=True).on_success(self._show).run(
            parent=self
        )

    def _show(self, rows: list[units.UnitRow]) -> None:
        self.list.clear()
        for unit in rows:
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
        MutationOp(self.ctx, units.create_unit, name, topics=["units"]).titled(
            self.tr("Unit kerja")
        ).run(parent=self)

    def rename_unit(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        unit = item.data(256)
        name, ok = QInputDialog.getText(
            self, self.tr("Ganti nama unit"), self.tr("Nama unit:"), text=unit.name
        )
        if ok:
            self._save_unit(unit, name, unit.rev)

    def _save_unit(self, unit: units.UnitRow, name: str, rev: int) -> None:
        """Store the new name, checked against the revision of the unit as it was listed."""
        MutationOp(
            self.ctx,
            units.update_unit,
            unit.id,
            name=name,
            code=unit.code,
            active=unit.active,
            expected_rev=rev,
            topics=["units"],
        ).titled(self.tr("Unit kerja")).on_failure(lambda exc: self._refused(exc, unit, name)).run(
            parent=self
        )

    def _refused(self, exc: FlexDeskError, unit: units.UnitRow, name: str) -> None:
        """Changed on another PC since the list was read: their name beside mine, then keep
        theirs (the list reloads) or overwrite (mine, against their revision)."""
        theirs = exc.current if isinstance(exc, StaleEdit) else None
        if not isinstance(exc, StaleEdit) or not isinstance(theirs, units.UnitRow):
            QMessageBox.warning(self, self.tr("Unit kerja"), self.ctx.message(exc))
            return

        def chosen(choice: Choice) -> None:
            if choice is Choice.THEIRS:
                self.reload()
            else:
                self._save_unit(theirs, name, theirs.rev)

        diff = FieldDiff(self.tr("Nama unit:"), theirs.name, name)
        self.conflict = show_conflict(self, exc, [diff], chosen)
