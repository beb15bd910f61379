"""Printing on a Windows PC without any printer (found under Wine, which has none)."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from flexdesk.ui.widgets.pdf_preview import native_print_dialog_possible


def test_windows_print_dialog_needs_a_windows_printer(qtbot: QtBot) -> None:
    # with no printer installed Qt falls back to PDF output; Windows' print dialog refuses
    # such a printer ("QPrintDialog: Cannot be used on non-native printers") and shows nothing
    pdf = QPrinter()
    pdf.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    assert not native_print_dialog_possible(pdf, platform="win32")
    assert native_print_dialog_possible(pdf, platform="linux")  # Qt's own dialog takes it
    native = QPrinter()
    native.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    if native.outputFormat() == QPrinter.OutputFormat.NativeFormat:  # a printer exists
        assert native_print_dialog_possible(native, platform="win32")
