"""GUI check of a frozen build: every sidebar page and the Qt parts the pages use.

The frozen ``flexdesk`` runs this instead of the app when ``FLEXDESK_FROZEN_CHECK=1`` is set
(see flexdesk_main.py); from a checkout, ``python installers/frozen_check.py`` runs the same
check against the source tree. Pages are imported when first shown and Qt loads its plugins
when first needed, so a module or plugin the build left out only shows up when someone opens
the page: ``flexdesk self-test`` (headless, no Qt) and the start-up probe (main window only)
cannot see it. This check does, in the frozen process itself:

1. signs in to an existing office (``flexdesk demo --data-dir DIR`` makes one) as the app does
   and shows the main window;
2. opens every sidebar page, and every tab of every tab widget on it;
3. PDF: renders an evaluation form with ReportLab (as the app prints) and prints one page
   through QPrinter (print support), loads both into QPdfDocument (QtPdf) from memory as the
   preview does, renders their first pages and shows the form in a QPdfView (QtPdfWidgets):
   none may come out blank; the ``pdf`` and ``svg`` image-format plugins must be loadable;
4. opens the app's own PDF preview dialog (the one the Evaluasi page uses) on that form, opens
   its print dialog, and prints both pages through it to a PDF file;
5. fails on any Qt warning about a library or plugin that could not be loaded, and on any
   exception raised in a slot or timer (those never reach the step that caused them).

Each step prints one line; the last line is ``frozen-check passed`` or ``frozen-check FAILED``
(exit status 0 or 1). ``--grab PNG`` saves the main window (on ``--grab-page``) as the app
draws it; ``--hold SECONDS`` keeps it on screen for an outside screenshot
(``import -window root`` under Xvfb). Never used by an office: it is for the release tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ENV = "FLEXDESK_FROZEN_CHECK"
#: Qt messages that mean something is missing from the bundle
_MISSING = ("cannot load", "could not load", "failed to load", "library", "plugin")
#: known harmless notices (the offscreen platform, a headless machine without printers)
_HARMLESS = ("propagateSizeHints", "QFont::fromString")


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="flexdesk (frozen check)")
    parser.add_argument("--data-dir", required=True, help="folder of a set-up office (demo)")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="demo123456")
    parser.add_argument("--lang", default="id")
    parser.add_argument("--grab", help="save the main window as this PNG")
    parser.add_argument("--grab-page", default="dashboard", help="page shown when grabbing")
    parser.add_argument("--hold", type=float, default=0.0, help="seconds to stay on screen")
    return parser.parse_args(argv)


def _not_blank(image: object) -> bool:
    """True if the QImage has dark pixels (text), not just a white page."""
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    if image.isNull():
        return False
    small = image.convertToFormat(QImage.Format.Format_Grayscale8)
    step_x = max(1, small.width() // 200)
    step_y = max(1, small.height() // 200)
    for y in range(0, small.height(), step_y):
        for x in range(0, small.width(), step_x):
            if small.pixelColor(x, y).value() < 128:
                return True
    return False


def _check_pdf(tmp: Path, process: Callable[[], None]) -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QImageReader, QPageSize, QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrinter

    from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
    from flexdesk.reports.samples import sample_evaluation_form

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"pdf", "svg", "png", "jpg"} - formats
    if missing:
        raise RuntimeError(f"image-format plugins missing: {sorted(missing)}")

    report = tmp / "evaluasi.pdf"
    report.write_bytes(build_evaluation_pdf_bytes(sample_evaluation_form(n_utama=2, n_tambahan=1)))
    printed = tmp / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("QPrinter could not start a PDF")
    font = painter.font()
    font.setPointSize(28)
    painter.setFont(font)
    painter.drawText(
        printer.pageRect(QPrinter.Unit.DevicePixel).adjusted(200, 200, 0, 0), 0, "FlexDesk"
    )
    painter.end()

    details = []
    for path in (report, printed):
        doc = QPdfDocument()
        # from memory, as the preview dialog loads generated forms
        buffer = QBuffer()
        buffer.setData(QByteArray(path.read_bytes()))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        doc.load(buffer)
        if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
            raise RuntimeError(f"QPdfDocument cannot load {path.name}: {doc.error()}")
        image = doc.render(0, QSize(420, 594))
        if not _not_blank(image):
            raise RuntimeError(f"QPdfDocument rendered a blank first page of {path.name}")
        details.append(f"{path.name} {doc.pageCount()} hal.")
        if path == report:
            view = QPdfView()  # QtPdfWidgets, the preview's page view
            view.setDocument(doc)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.resize(600, 800)
            view.show()
            # pages are rendered in a thread: wait for the text to appear in the viewport
            _wait(
                lambda v=view: _not_blank(v.viewport().grab().toImage()),
                process,
                "QPdfView shows a blank page",
            )
            view.close()
            details.append("QPdfView ok")
        doc.close()
    return ", ".join(details)


def _check_preview_dialog(tmp: Path, window: object, process: Callable[[], None]) -> str:
    """The app's own PDF preview (flexdesk.ui.widgets.pdf_preview), as the Evaluasi page opens
    it: shows the form, opens the system print dialog (print-support plugin, CUPS when there),
    and prints both pages to a PDF file through its worker thread."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
    from flexdesk.reports.samples import sample_evaluation_form
    from flexdesk.ui.widgets.pdf_preview import PdfPreviewDialog

    assert isinstance(window, QWidget)
    data = build_evaluation_pdf_bytes(sample_evaluation_form(n_utama=2, n_tambahan=1))
    dialog = PdfPreviewDialog(window, "Evaluasi", data, suggested_path=tmp / "evaluasi.pdf")
    dialog.show()
    _wait(
        lambda: _not_blank(dialog.preview.view.viewport().grab().toImage()),
        process,
        "the preview dialog shows a blank page",
    )
    pages = dialog.document.pageCount()
    if sys.platform == "win32":
        opened = _windows_print_dialog(dialog, process)
    else:
        dialog.open_print_dialog()
        process()
        if dialog.print_dialog is None or not dialog.print_dialog.isVisible():
            raise RuntimeError("the print dialog did not open")
        dialog.print_dialog.reject()
        process()
        opened = "dialog cetak dibuka"

    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp / "dicetak.pdf"
    printer.setOutputFileName(str(printed))
    printer.setResolution(150)  # enough to check; the dialog caps real printers at 600 dpi
    dialog.print_to(printer)
    _wait(
        lambda: dialog.printed_pages > 0 or dialog.runner is None,
        process,
        f"printing did not finish ({dialog.status.text()!r})",
        seconds=60,
    )
    if dialog.printed_pages != pages:
        raise RuntimeError(
            f"printed {dialog.printed_pages} of {pages} pages: {dialog.status.text()}"
        )
    doc = QPdfDocument()
    doc.load(str(printed))
    if doc.pageCount() != pages or not _not_blank(doc.render(0, dialog.preview.view.size())):
        raise RuntimeError(f"the printed PDF has {doc.pageCount()} pages or a blank first page")
    doc.close()
    dialog.close()
    process()
    return f"{pages} hal. ditampilkan, {opened}, {pages} hal. dicetak ke PDF"


def _windows_print_dialog(dialog: object, process: Callable[[], None]) -> str:
    """Windows: QPrintDialog is Windows' own modal dialog and needs a Windows printer.

    With no printer installed (Wine, or a PC without one) the preview must say so instead of
    doing nothing. With a printer the native dialog would block this unattended check, so it is
    not opened: that line names what was not checked (``LIMIT``), it never reads as passed."""
    from PySide6.QtPrintSupport import QPrinterInfo

    from flexdesk.ui.widgets.pdf_preview import PdfPreviewDialog

    assert isinstance(dialog, PdfPreviewDialog)
    printers = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    if printers:
        print(
            f"LIMIT  print dialog: Windows' native print dialog not opened (modal; printers: "
            f"{', '.join(printers)}): check it by hand",
            flush=True,
        )
        return "dialog cetak Windows TIDAK dibuka (LIMIT)"
    dialog.open_print_dialog()
    process()
    if dialog.print_dialog is not None or "printer" not in dialog.status.text().lower():
        raise RuntimeError(
            f"no printer: expected the preview's notice, got {dialog.status.text()!r}"
        )
    print(
        "LIMIT  print dialog: no Windows printer in this prefix (Wine has none without CUPS "
        "printers), so Windows' print dialog was not opened; the no-printer notice was shown",
        flush=True,
    )
    return "tanpa printer Windows: pemberitahuan ditampilkan (LIMIT)"


def _wait(
    done: Callable[[], bool], process: Callable[[], None], failure: str, seconds: float = 15
) -> None:
    """Process events until ``done()``; Qt renders PDF pages and runs workers in threads."""
    until = time.monotonic() + seconds
    while not done():
        if time.monotonic() > until:
            raise RuntimeError(failure)
        process()
        time.sleep(0.05)


def _visit_tabs(widget: object, process: Callable[[], None]) -> int:
    from PySide6.QtWidgets import QTabWidget, QWidget

    assert isinstance(widget, QWidget)
    count = 0
    seen: set[int] = set()
    # tabs can build further tab widgets when first shown: look again until nothing is new
    while True:
        fresh = [t for t in widget.findChildren(QTabWidget) if id(t) not in seen]
        if not fresh:
            return count
        for tabs in fresh:
            seen.add(id(tabs))
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                process()
                count += 1
            tabs.setCurrentIndex(0)


def run(argv: list[str]) -> int:
    args = _parse(argv)
    started = time.perf_counter()
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(line_buffering=True)  # lines appear as the steps finish

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    problems: list[str] = []

    def on_message(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtDebugMsg or any(h in message for h in _HARMLESS):
            return
        print(f"qt: {message}", flush=True)
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) or any(
            m in message.lower() for m in _MISSING
        ):
            problems.append(message)

    qInstallMessageHandler(on_message)

    def on_exception(kind: type[BaseException], value: BaseException, tb: object) -> None:
        # an error raised in a slot or timer after a page was built never reaches step()
        problems.append(f"uncaught {kind.__name__}: {value}")
        traceback.print_exception(kind, value, tb)  # type: ignore[arg-type]

    sys.excepthook = on_exception

    from flexdesk import APP_NAME, __version__
    from flexdesk.paths import resolve_data_paths
    from flexdesk.services.app import Services, login, open_database
    from flexdesk.ui.context import UiContext, ui_settings
    from flexdesk.ui.i18n import install_translators
    from flexdesk.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    frozen = "beku" if getattr(sys, "frozen", False) else "sumber (bukan beku)"
    print(f"frozen-check FlexDesk {__version__}, {frozen}, platform {app.platformName()}")
    install_translators(app, args.lang)
    paths = resolve_data_paths(args.data_dir)
    db = open_database(paths, database_url=None)
    failures = 0

    def step(name: str, fn: Callable[[], str]) -> None:
        nonlocal failures
        t0 = time.perf_counter()
        try:
            detail = fn()
        except Exception:  # every failure is reported, then the next step runs
            failures += 1
            print(f"FAILED {name}\n{traceback.format_exc()}", flush=True)
            return
        print(f"ok     {name:<22} {time.perf_counter() - t0:5.2f} s  {detail}", flush=True)

    try:
        actor = login(db, args.user, args.password)
        ctx = UiContext(paths, db, Services(db, actor), ui_settings(paths), args.lang)
        import flexdesk.ui.pages.audit  # noqa: F401  (as run_gui: the admin's audit tab)

        window = MainWindow(ctx)
        window.show()
        app.processEvents()
        print(f"main-window-shown {time.perf_counter() - started:.3f}s", flush=True)

        def process() -> None:
            app.processEvents()

        for spec in window.specs:

            def open_page(key: str = spec.key) -> str:
                page = window.page(key)
                process()
                tabs = _visit_tabs(page, process)
                return f"{type(page).__name__}, {tabs} tab"

            step(f"page {spec.key}", open_page)

        with tempfile.TemporaryDirectory(prefix="flexdesk-frozen-check-") as tmp:
            step("pdf (QtPdf, print)", lambda: _check_pdf(Path(tmp), process))
            step("pdf preview dialog", lambda: _check_preview_dialog(Path(tmp), window, process))

        window.page(args.grab_page)
        process()
        if args.grab:
            pixmap = window.grab()
            if not pixmap.save(args.grab):
                print(f"FAILED grab: cannot write {args.grab}")
                failures += 1
            else:
                print(f"grab {args.grab} {pixmap.width()}x{pixmap.height()}")
        if args.hold > 0:
            until = time.monotonic() + args.hold
            while time.monotonic() < until:
                app.processEvents()
                time.sleep(0.05)
        window.close()
        process()
    finally:
        db.dispose()
    if problems:
        failures += 1
        print(
            "FAILED uncaught errors or Qt messages about missing parts:\n  " + "\n  ".join(problems)
        )
    print(f"frozen-check {'passed' if failures == 0 else 'FAILED'}", flush=True)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(run(sys.argv[1:]))
