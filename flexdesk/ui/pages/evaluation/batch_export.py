"""Exporting a unit's evaluation forms: one combined PDF, or one PDF per employee.

The forms are fetched and rendered in a worker (ui/worker.py) with a cancellable progress
dialog. A cancelled or failed run leaves nothing behind: the combined PDF is written
atomically, and per-employee files are rendered into a hidden staging folder inside the
target folder and only moved into place (``os.replace``, same file system) once every form
is done.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import Cancelled, FlexDeskError
from flexdesk.reports.batch import evaluation_file_name, render_many
from flexdesk.reports.evaluation_form import EvaluationFormData, build_evaluation_pdfs
from flexdesk.reports.pdfio import fsync_dir
from flexdesk.ui.worker import CancelledFn, ProgressFn, ProgressRunner

log = logging.getLogger(__name__)

FormsLoader = Callable[[], Sequence[EvaluationFormData]]
STAGING_PREFIX = ".flexdesk-ekspor-"
#: Below this many forms one process renders them: starting the worker processes (each
#: imports ReportLab and the fonts) cost more than it saved. Measured on the 2-core box,
#: busy: 80 three-page forms took 9.6 s in one process and 16.0 s with two.
PROCESS_POOL_FROM = 100


@dataclass(frozen=True)
class ExportResult:
    combined: bool
    paths: list[Path]
    forms: int
    pages: int = 0  # combined PDF only


def export_forms(
    forms: Sequence[EvaluationFormData],
    target: Path,
    *,
    combined: bool,
    progress: ProgressFn,
    is_cancelled: CancelledFn,
    text: Callable[[int, int], str] = lambda done, total: f"{done}/{total}",
    workers: int | None = None,
) -> ExportResult:
    """Write ``forms`` to ``target`` (a PDF file if ``combined``, else a folder).

    Raises :class:`Cancelled` when ``is_cancelled()`` turns true; nothing is left behind.
    ``workers`` None: one process below :data:`PROCESS_POOL_FROM` forms, else every core.
    """
    total = len(forms)
    if total == 0:
        raise FlexDeskError(
            "Tidak ada formulir evaluasi untuk diekspor.",
            message_en="There are no evaluation forms to export.",
        )

    def step(done: int, total_: int) -> None:
        if is_cancelled():
            raise Cancelled()
        progress(done, total_, text(done, total_))

    progress(0, total, text(0, total))
    if combined:
        pages = build_evaluation_pdfs(forms, target, progress=step)
        return ExportResult(True, [target], total, pages)

    if workers is None and total < PROCESS_POOL_FROM:
        workers = 1
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target))
    try:
        names = [evaluation_file_name(f, i) for i, f in enumerate(forms)]
        staged = render_many(forms, staging, workers=workers, file_names=names, progress=step)
        if is_cancelled():
            raise Cancelled()
        final = [target / name for name in names]
        for src, dest in zip(staged, final, strict=True):
            os.replace(src, dest)
        fsync_dir(target)
        return ExportResult(False, final, total)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class BatchExportDialog(QDialog):
    """Choose combined or per-employee output and where; run the export; report the files."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        description: str,
        count: int,
        load_forms: FormsLoader,
        default_dir: Path,
        base_name: str,
        lang: str = "id",
        workers: int | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batch_export_dialog")
        self.setWindowTitle(self.tr("Ekspor formulir evaluasi"))
        self.load_forms = load_forms
        self.default_dir = default_dir
        self.base_name = base_name
        self.lang = lang
        self.workers = workers
        #: where the export runs (the page passes its database worker's: the forms are read
        #: there); None: Qt's global pool
        self.pool = pool
        self.count = count
        self.runner: ProgressRunner | None = None
        self.file_dialog: QFileDialog | None = None
        self.message: QMessageBox | None = None
        self.result_: ExportResult | None = None
        self._path_edited = False

        intro = QLabel(
            self.tr("{what}: {n} formulir evaluasi.").format(what=description, n=count), self
        )
        intro.setWordWrap(True)
        self._build_choice()
        self._build_target()
        self.status = QLabel(self)
        self.status.setObjectName("export_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.combined_radio)
        layout.addWidget(self.separate_radio)
        layout.addSpacing(6)
        layout.addWidget(self.target_label)
        layout.addLayout(self.target_row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.combined_radio.toggled.connect(self._mode_changed)
        self._mode_changed()
        self.resize(620, self.sizeHint().height())

    def _build_choice(self) -> None:
        self.combined_radio = QRadioButton(self.tr("Satu PDF gabungan"), self)
        self.combined_radio.setToolTip(
            self.tr("Semua formulir dalam satu berkas, nomor halaman per formulir")
        )
        self.separate_radio = QRadioButton(self.tr("Satu berkas PDF per pegawai"), self)
        self.separate_radio.setToolTip(
            self.tr("Setiap formulir ke berkasnya sendiri di satu folder")
        )
        group = QButtonGroup(self)
        group.addButton(self.combined_radio)
        group.addButton(self.separate_radio)
        self.combined_radio.setChecked(True)

    def _build_target(self) -> None:
        self.target_label = QLabel(self)
        self.target = QLineEdit(self)
        self.target.setObjectName("export_target")
        self.target.textEdited.connect(self._edited)
        self.target_label.setBuddy(self.target)
        self.browse_button = QPushButton(self.tr("Pilih…"), self)
        self.browse_button.clicked.connect(self.browse)
        self.target_row = QHBoxLayout()
        self.target_row.addWidget(self.target, 1)
        self.target_row.addWidget(self.browse_button)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("Ekspor"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(
            self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self.export_button.setDefault(True)
        self.export_button.setEnabled(self.count > 0)

    @property
    def combined(self) -> bool:
        return self.combined_radio.isChecked()

    def _edited(self, _text: str) -> None:
        self._path_edited = True

    def _default_target(self) -> Path:
        if self.combined:
            return self.default_dir / f"{self.base_name}.pdf"
        return self.default_dir / self.base_name

    def _mode_changed(self, *_args: object) -> None:
        self.target_label.setText(
            self.tr("Berkas PDF:") if self.combined else self.tr("Folder tujuan:")
        )
        if not self._path_edited:
            self.target.setText(str(self._default_target()))

    def browse(self) -> None:
        self.default_dir.mkdir(parents=True, exist_ok=True)
        current = self.target.text().strip() or str(self._default_target())
        if self.combined:
            dialog = QFileDialog(self, self.tr("Simpan PDF gabungan"), current, "PDF (*.pdf)")
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("pdf")
            dialog.selectFile(current)
        else:
            dialog = QFileDialog(self, self.tr("Pilih folder tujuan"), str(Path(current).parent))
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)

        def chosen(name: str) -> None:
            self._path_edited = True
            self.target.setText(name)

        dialog.fileSelected.connect(chosen)
        self.file_dialog = dialog
        dialog.open()

    def start(self) -> None:
        text = self.target.text().strip()
        if not text:
            self.status.setText(self.tr("Pilih berkas atau folder tujuan dulu."))
            return
        target = Path(text).expanduser()
        if self.combined and target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        if self.combined and target.is_dir():
            self.status.setText(
                self.tr("{path} adalah folder; tulis nama berkas PDF.").format(path=target)
            )
            return
        if not self.combined and target.exists() and not target.is_dir():
            self.status.setText(self.tr("{path} bukan folder.").format(path=target))
            return
        self.run(target)

    def run(self, target: Path) -> None:
        """Export to ``target`` now (tests call this; the Ekspor button goes through start)."""
        combined = self.combined
        loader, workers = self.load_forms, self.workers
        template = self.tr("Formulir {done} dari {total}")
        preparing = self.tr("Menyiapkan data formulir…")

        def text(done: int, total: int) -> str:
            return template.format(done=done, total=total)

        def work(progress: ProgressFn, cancelled: CancelledFn) -> ExportResult:
            progress(0, 0, preparing)
            forms = loader()
            if cancelled():
                raise Cancelled()
            return export_forms(
                forms,
                target,
                combined=combined,
                progress=progress,
                is_cancelled=cancelled,
                text=text,
                workers=workers,
            )

        self.export_button.setEnabled(False)
        self.status.setText("")
        self.runner = ProgressRunner(self, self.tr("Mengekspor formulir evaluasi"), self.pool)
        self.runner.start(work, self._done, self._failed)

    def _done(self, result: object) -> None:
        assert isinstance(result, ExportResult)
        self.result_ = result
        self.export_button.setEnabled(True)
        if result.combined:
            text = self.tr("{n} formulir ({pages} halaman) ditulis ke {path}").format(
                n=result.forms, pages=result.pages, path=result.paths[0]
            )
        else:
            shown = "\n".join(p.name for p in result.paths[:8])
            more = len(result.paths) - 8
            if more > 0:
                shown += "\n" + self.tr("… dan {n} berkas lainnya").format(n=more)
            text = self.tr("{n} berkas PDF ditulis ke {folder}:").format(
                n=len(result.paths), folder=result.paths[0].parent
            )
            text += "\n" + shown
        self.status.setText(text)
        self._fit()
        self.close_button.setFocus()

    def _fit(self) -> None:
        """Grow to show the whole report (the list of files is taller than the form)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Ekspor dibatalkan; tidak ada berkas yang ditulis."))
            return
        if isinstance(exc, FlexDeskError):
            text = exc.message_en if self.lang == "en" else exc.message
        elif isinstance(exc, OSError):
            text = self.tr("Berkas tidak dapat ditulis: {why}").format(why=exc)
        else:
            log.error("evaluation export failed", exc_info=exc)
            text = str(exc)
        self.status.setText(text)
        self._fit()
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), text, parent=self)
        box.setObjectName("export_warning")
        self.message = box
        box.open()
