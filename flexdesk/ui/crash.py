"""An uncaught exception shows a dialog with the log location instead of vanishing."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("flexdesk.crash")


def install_excepthook(log_file: Path) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None:
            traceback.print_exception(exc_type, exc, tb)
            return
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Crash", "Terjadi kesalahan"),
            QCoreApplication.translate(
                "Crash",
                "FlexDesk mengalami kesalahan yang tidak terduga. Data yang sudah disimpan aman.",
            ),
        )
        box.setInformativeText(
            QCoreApplication.translate("Crash", "Rincian tercatat di berkas log:\n{path}").format(
                path=log_file
            )
        )
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        box.exec()

    sys.excepthook = hook
