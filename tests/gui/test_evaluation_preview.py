"""The evaluation form's preview (QtPdf), printing and batch export, on sample forms."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from flexdesk.reports.evaluation_form import EvaluationFormData, build_evaluation_pdf_bytes
from flexdesk.reports.samples import sample_evaluation_form
from flexdesk.ui.pages.evaluation.batch_export import STAGING_PREFIX, BatchExportDialog
from flexdesk.ui.widgets.pdf_preview import PdfPreviewDialog


@pytest.fixture(scope="module")
def form_pdf() -> bytes:
    return build_evaluation_pdf_bytes(sample_evaluation_form(3))


def _preview(qtbot: QtBot, data: bytes, tmp_path: Path) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(
        None, "Pratinjau evaluasi", data, suggested_path=tmp_path / "out" / "evaluasi.pdf"
    )
    qtbot.addWidget(dialog)
    dialog.resize(1000, 760)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    assert dialog.document.status() == QPdfDocument.Status.Ready
    return dialog


def test_preview_keyboard_navigation_and_zoom(
    qtbot: QtBot, form_pdf: bytes, tmp_path: Path
) -> None:
    dialog = _preview(qtbot, form_pdf, tmp_path)
    preview = dialog.preview
    assert preview.view.hasFocus()  # the keys below work without clicking first
    assert preview.page_count == 3
    assert preview.page_total.text() == "dari 3"
    assert preview.page_spin.value() == 1
    assert not preview.prev_button.isEnabled() and preview.next_button.isEnabled()

    view = preview.view
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: preview.current_page == 1)
    assert preview.page_spin.value() == 2
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview.current_page == 2)
    assert not preview.next_button.isEnabled() and not preview.last_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: preview.current_page == 1)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview.current_page == 0)
    # the page box: typing a number goes there
    preview.page_spin.setValue(3)
    qtbot.waitUntil(lambda: preview.current_page == 2)

    # fit width is the start; W / F switch the fit; Ctrl++ / Ctrl+- step the zoom
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.fit_width_button.isChecked()
    fit_width = preview.effective_zoom()
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert view.zoomMode() == QPdfView.ZoomMode.FitInView
    assert preview.fit_page_button.isChecked() and not preview.fit_width_button.isChecked()
    assert preview.effective_zoom() < fit_width  # a whole A4 page is narrower than the window
    assert preview.current_page == 2  # the zoom keeps the page being read
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    zoomed = view.zoomFactor()
    assert preview.zoom_label.text() == f"{round(zoomed * 100)}%"
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoomFactor() < zoomed
    for _ in range(20):  # the zoom stops at 25%
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoomFactor() == pytest.approx(0.25)
    assert preview.zoom_label.text() == "25%"
    qtbot.keyClick(view, Qt.Key.Key_W)
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.effective_zoom() == pytest.approx(fit_width, rel=0.05)
    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.zoomFactor() > fit_width
    # Ctrl + mouse wheel zooms too
    before = view.zoomFactor()
    wheel = QWheelEvent(
        QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoomFactor() < before


def test_preview_saves_and_prints_a_page_range(
    qtbot: QtBot, form_pdf: bytes, tmp_path: Path
) -> None:
    dialog = _preview(qtbot, form_pdf, tmp_path)
    # Ctrl+S opens the save dialog at the suggested place; choosing a file writes the bytes
    qtbot.keyClick(dialog.preview.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.file_dialog is not None and dialog.file_dialog.isVisible()
    target = tmp_path / "simpan" / "form.pdf"
    target.parent.mkdir()
    dialog.file_dialog.selectFile(str(target))
    dialog.file_dialog.accept()
    assert not dialog.file_dialog.isVisible()
    assert target.read_bytes() == form_pdf
    assert str(target) in dialog.status.text()
    assert [p.name for p in target.parent.iterdir()] == ["form.pdf"]  # no temporary left

    # Ctrl+P opens the system print dialog with the document's pages selectable
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog.preview.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    print_dialog = dialog.print_dialog
    assert isinstance(print_dialog, QPrintDialog) and print_dialog.isVisible()
    assert (print_dialog.minPage(), print_dialog.maxPage()) == (1, 3)
    printer = dialog.printer
    assert printer is not None
    assert printer.pageLayout().pageSize().id() == printer.pageLayout().pageSize().PageSizeId.A4
    print_dialog.reject()

    # pages 2–3 to a PDF printer (what the dialog's page range sets)
    out = tmp_path / "printed.pdf"
    printer = dialog.make_printer()
    printer.setResolution(150)  # keeps the test fast; real printers give their own
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    dialog.print_to(printer)
    qtbot.waitUntil(lambda: dialog.printed_pages == 2, timeout=20000)
    assert "2 halaman dikirim ke printer" in dialog.status.text()
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 2

    # a printer that cannot make copies itself gets them from us, collated; last page first
    again = tmp_path / "copies.pdf"
    printer.setOutputFileName(str(again))
    printer.setCopyCount(2)
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    printer.setFromTo(1, 2)
    assert not printer.supportsMultipleCopies()
    dialog.printed_pages = 0
    dialog.print_to(printer)
    qtbot.waitUntil(lambda: dialog.printed_pages == 4, timeout=20000)
    assert len(pypdf.PdfReader(again).pages) == 4
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert reader.pages[0].images  # the rendered page


def test_batch_export_one_file_per_employee_and_combined(qtbot: QtBot, tmp_path: Path) -> None:
    forms = [sample_evaluation_form(i, n_utama=2, n_tambahan=1) for i in range(3)]
    dialog = BatchExportDialog(
        None,
        description="UPTD Puskesmas Cigugur, Oktober 2026",
        count=len(forms),
        load_forms=lambda: forms,
        default_dir=tmp_path / "exports",
        base_name="evaluasi-2026-10",
        workers=1,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.target.text() == str(tmp_path / "exports" / "evaluasi-2026-10.pdf")
    dialog.separate_radio.click()
    folder = tmp_path / "exports" / "evaluasi-2026-10"
    assert dialog.target.text() == str(folder)
    # a file where the folder should be: said at once, nothing started
    not_a_folder = tmp_path / "berkas.txt"
    not_a_folder.write_text("x")
    dialog.target.setText(str(not_a_folder))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.runner is None and "bukan folder" in dialog.status.text()
    dialog.target.setText(str(folder))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.runner is not None and dialog.runner.dialog is not None
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=30000)
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == [
        "001-evaluasi-ni-luh-putu-ayu-wulandari.pdf",
        "002-evaluasi-dr-drg-cagr-ozturk.pdf",
        "003-evaluasi-ahmad-fauzi-rahman.pdf",
    ]
    assert "3 berkas PDF ditulis" in dialog.status.text()
    text = pypdf.PdfReader(files[1]).pages[0].extract_text()
    assert "Çağrı Öztürk" in text

    dialog.combined_radio.click()
    combined = tmp_path / "exports" / "evaluasi-2026-10.pdf"
    dialog.result_ = None
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=30000)
    reader = pypdf.PdfReader(combined)
    assert dialog.result_.pages == len(reader.pages) >= 3
    text = "".join(page.extract_text() for page in reader.pages)
    assert all(name in text for name in ("Wulandari", "Öztürk", "Ahmad Fauzi Rahman"))
    assert f"({len(reader.pages)} halaman)" in dialog.status.text()


@pytest.mark.parametrize("combined", [True, False])
def test_cancelled_batch_export_leaves_nothing(
    qtbot: QtBot, tmp_path: Path, combined: bool
) -> None:
    forms = [sample_evaluation_form(i, n_utama=2, n_tambahan=0) for i in range(6)]
    dialog: BatchExportDialog

    def load() -> list[EvaluationFormData]:
        # runs in the worker: the user presses Cancel once two forms are done (a direct
        # connection, so the flag is set before the third form starts, every time)
        task = dialog.runner.task if dialog.runner is not None else None
        assert task is not None

        def progress(done: int, _total: int, _text: str) -> None:
            if done >= 2:
                task.cancel()

        task.signals.progress.connect(progress, Qt.ConnectionType.DirectConnection)
        return forms

    out = tmp_path / "usb"
    out.mkdir()
    (out / "lama.pdf").write_bytes(b"%PDF-1.4 lama")
    dialog = BatchExportDialog(
        None,
        description="Unit",
        count=len(forms),
        load_forms=load,
        default_dir=out,
        base_name="evaluasi",
        workers=1,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.combined_radio.setChecked(combined)
    dialog.separate_radio.setChecked(not combined)
    target = out / ("evaluasi.pdf" if combined else "evaluasi")
    dialog.run(target)
    qtbot.waitUntil(lambda: "dibatalkan" in dialog.status.text(), timeout=20000)
    assert dialog.result_ is None
    leftovers = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert leftovers in (["lama.pdf"], ["evaluasi", "lama.pdf"])  # an empty target folder at most
    assert not any(p.name.startswith(STAGING_PREFIX) for p in out.rglob("*"))
    assert (out / "lama.pdf").read_bytes() == b"%PDF-1.4 lama"
