"""Pegawai > Impor…: pick a file (or download the template), see the preview, import.

Reading the file and the commit run in a worker with a cancellable progress dialog
(``ui.worker.ProgressRunner``); the services decide everything (rules, permissions, the
transaction), the dialog only shows the preview and passes the file on. The same dialog
imports SKPs and copies last year's SKP for a whole unit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.services import units
from flexdesk.services.permissions import Action
from flexdesk.services.transfer import accounts, employee_import, people_sheets, skp_import
from flexdesk.services.transfer.preview import ImportPreview
from flexdesk.services.transfer.skp_copy import copy_unit_skp
from flexdesk.services.units import UnitRow
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.transfer.preview_model import PreviewTableModel
from flexdesk.ui.widgets.forms import ErrorLabel
from flexdesk.ui.worker import ProgressRunner, run_with_progress

KINDS = ("employees", "skp")


class ImportDialog(QDialog):
    """Import employees or SKPs from an XLSX/CSV file, with a preview before anything is saved."""

    imported = Signal()

    def __init__(
        self, ctx: UiContext, *, kind: str = "employees", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Impor data dari Excel/CSV"))
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.result_text = ""
        self.slips_path: Path | None = None
        self.runner: ProgressRunner | None = None
        self._slips_target: Path | None = None  # the account slips of the running import
        self.file_dialog: QFileDialog | None = None
        self.model = PreviewTableModel(ctx.lang)
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("import_notes")
        layout.addWidget(self.notes)
        layout.addWidget(self._table(), 1)
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.accounts = QCheckBox(
            self.tr(
                "Buat akun masuk untuk pegawai yang diimpor (nama pengguna = NIP, slip kata sandi sementara dalam PDF)"
            )
        )
        self.accounts.setObjectName("create_accounts")
        self.accounts.setVisible(ctx.actor.can(Action.USER_MANAGE))
        layout.addWidget(self.accounts)
        layout.addLayout(self._copy_row())
        layout.addWidget(self._buttons())
        self.kind.setCurrentIndex(KINDS.index(kind))
        self._kind_changed()
        self.resize(1100, 640)

    # -- building -----------------------------------------------------------------------------

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("import_kind")
        self.kind.addItem(self.tr("Pegawai, unit kerja dan atasan"), "employees")
        self.kind.addItem(self.tr("SKP: RHK dan indikator"), "skp")
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("Berkas XLSX atau CSV…"))
        choose = QPushButton(self.tr("Pilih berkas…"))
        choose.setObjectName("choose_file")
        choose.clicked.connect(self.choose_file)
        template = QPushButton(self.tr("Unduh templat…"))
        template.setObjectName("download_template")
        template.clicked.connect(self.choose_template_target)
        row.addWidget(self.kind)
        row.addWidget(self.file_edit, 1)
        row.addWidget(choose)
        row.addWidget(template)
        return row

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setObjectName("import_preview")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(False)
        return self.table

    def _copy_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.copy_label = QLabel(self.tr("Salin SKP tahun lalu untuk seluruh unit:"))
        self.copy_unit_box = QComboBox()
        self.copy_unit_box.setObjectName("copy_unit")
        QueryOp(self.ctx, units.list_units).on_success(self._fill_units).run(parent=self)
        self.copy_year = QSpinBox()
        self.copy_year.setRange(2000, 2100)
        self.copy_year.setValue(date.today().year + 1)
        self.copy_button = QPushButton(self.tr("Salin"))
        self.copy_button.setObjectName("copy_unit_skp")
        self.copy_button.clicked.connect(self.copy_unit)
        for widget in (self.copy_label, self.copy_unit_box, self.copy_year, self.copy_button):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _fill_units(self, rows: list[UnitRow]) -> None:
        for unit in rows:
            self.copy_unit_box.addItem(unit.name, unit.id)

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        self.import_button = box.addButton(self.tr("Impor"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_commit")
        self.import_button.setEnabled(False)
        close = box.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.commit)
        close.clicked.connect(self.reject)
        return box

    def _kind_changed(self) -> None:
        skp = self.current_kind == "skp"
        self.accounts.setVisible(not skp and self.ctx.actor.can(Action.USER_MANAGE))
        for widget in (self.copy_label, self.copy_unit_box, self.copy_year, self.copy_button):
            widget.setVisible(skp)
        if self.path is not None:
            self.load_file(self.path)

    @property
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    # -- actions ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Pilih berkas impor"), str(Path.home()),
                             self.tr("Excel atau CSV (*.xlsx *.csv *.txt)"))  # fmt: skip
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.load_file(Path(name)))
        self.file_dialog = dialog
        dialog.open()

    def choose_template_target(self) -> None:
        name = "templat-pegawai.xlsx" if self.current_kind == "employees" else "templat-skp.xlsx"
        dialog = QFileDialog(self, self.tr("Simpan templat"), str(self.ctx.paths.exports / name),
                             self.tr("Excel (*.xlsx)"))  # fmt: skip
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda target: self.save_template(Path(target)))
        self.file_dialog = dialog
        dialog.open()

    def save_template(self, target: Path) -> Path:
        """Write the template of the current kind to ``target`` (no database needed)."""
        self.ctx.paths.exports.mkdir(parents=True, exist_ok=True)
        if self.current_kind == "employees":
            written = people_sheets.write_employee_template(target)
        else:
            written = people_sheets.write_skp_template(target)
        self.summary.setText(self.tr("Templat disimpan: {path}").format(path=written))
        return written

    def load_file(self, path: Path) -> None:
        """Read ``path`` and show its preview (in a worker; nothing is written)."""
        self.path = path
        self.file_edit.setText(str(path))
        self.import_button.setEnabled(False)
        self.error.clear_error()
        fn = (
            employee_import.preview_employee_import
            if self.current_kind == "employees"
            else skp_import.preview_skp_import
        )
        self._run(
            self.tr("Membaca berkas"), _without_progress(fn), path, on_done=self._show_preview
        )

    def _show_preview(self, preview: Any) -> None:
        assert isinstance(preview, ImportPreview)
        self.preview = preview
        self.model.set_preview(preview)
        self.table.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 260))
        self.table.setColumnWidth(2, min(max(self.table.columnWidth(2), 120), 420))
        en = self.ctx.lang == "en"
        notes = [n_en if en else n for n, n_en in preview.notes]
        if preview.new_units:
            notes.append(
                self.tr("Unit kerja baru: {names}").format(names=", ".join(preview.new_units))
            )
        self.notes.setText("\n".join(notes))
        text = preview.summary(self.ctx.lang)
        if preview.refused:
            text += " — " + self.tr(
                "perbaiki baris yang ditolak (alasannya di kolom Keterangan dan pada sel merah), lalu pilih berkasnya lagi"
            )
        self.summary.setText(text)
        self.import_button.setEnabled(preview.can_commit)

    def commit(self) -> None:
        """Import the previewed file in one transaction (and the accounts, if ticked)."""
        if self.path is None or self.preview is None or not self.preview.can_commit:
            return
        path = self.path
        with_accounts = self.accounts.isVisible() and self.accounts.isChecked()
        self.import_button.setEnabled(False)
        title = self.tr("Mengimpor")
        if self.current_kind == "skp":
            self._run(title, _without_progress(skp_import.commit_skp_import), path,
                      on_done=self._committed, write=True)  # fmt: skip
            return
        self._slips_target = self.ctx.paths.exports / f"slip-akun-{date.today():%Y%m%d}.pdf"
        self._run(title, accounts.import_employees_with_accounts, path, on_done=self._committed,
                  write=True, with_accounts=with_accounts, slips_out=self._slips_target)  # fmt: skip

    def _committed(self, result: Any) -> None:
        if isinstance(result, skp_import.SkpImportResult):
            self.result_text = self.tr("Tersimpan: {n} RHK baru, {u} diubah, {s} SKP baru.").format(
                n=result.rhk_created, u=result.rhk_updated, s=result.skp_created)  # fmt: skip
        else:
            done, made = result
            self.result_text = self.tr("Tersimpan: {n} pegawai baru, {u} diubah, {k} unit baru.").format(
                n=done.created, u=done.updated, k=done.units_created)  # fmt: skip
            if made is not None:
                self._write_slips(made)
        self.summary.setText(self.result_text)
        self.imported.emit()

    def _write_slips(self, made: accounts.AccountsResult) -> None:
        target = self._slips_target  # written by the service before the import committed
        if not made.slips or target is None:
            return
        self.slips_path = target
        self.result_text += " " + self.tr("{n} akun dibuat; slip kata sandi: {path}").format(
            n=len(made.slips), path=target)  # fmt: skip

    def copy_unit(self) -> None:
        """Copy last year's SKP for every employee of the chosen unit."""
        unit_id, year = self.copy_unit_box.currentData(), self.copy_year.value()
        if unit_id is None:
            return

        def done(lines: Any) -> None:
            copied = sum(1 for ln in lines if ln.copied)
            self.summary.setText(self.tr("SKP {year} disalin untuk {n} dari {total} pegawai.").format(
                year=year, n=copied, total=len(lines)))  # fmt: skip
            self.imported.emit()

        self._run(self.tr("Menyalin SKP"), _without_progress(copy_unit_skp), unit_id, year,
                  on_done=done, write=True)  # fmt: skip

    def _run(
        self,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        write: bool = False,
        **kwargs: Any,
    ) -> None:
        self.runner = run_with_progress(
            self.ctx, self, title, fn, *args, on_done=on_done, on_error=self._failed,
            write=write, cancellable=fn is accounts.import_employees_with_accounts,
            topics=("employees", "units", "users", "outputs") if write else (), **kwargs,
        )  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(self.ctx.message(exc) if isinstance(exc, Exception) else str(exc))
        self.import_button.setEnabled(bool(self.preview and self.preview.can_commit))

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter never imports by accident
        super().keyPressEvent(event)


def _without_progress(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn(session, actor, *args)`` for ``run_with_progress``, which passes ``progress``: these
    steps are short and report nothing along the way."""

    def call(session: Any, actor: Any, *args: Any, progress: Any = None, **kwargs: Any) -> Any:
        return fn(session, actor, *args, **kwargs)

    return call
