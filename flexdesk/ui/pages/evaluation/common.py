"""Shared pieces of the Evaluasi page: labels in the UI language, colours, small dialogs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.domain.performance import Predikat, Rating
from flexdesk.ui.widgets.style import ERROR_COLOUR

STATUS_COLOURS = {
    EvaluationStatus.DRAFT: QColor("#5f6b7a"),
    EvaluationStatus.SHARED: QColor("#1f5fa8"),
    EvaluationStatus.FINAL: QColor("#1e7b34"),
}
PREDIKAT_COLOURS = {
    Predikat.SANGAT_BAIK: QColor("#1e7b34"),
    Predikat.BAIK: QColor("#2f7d5b"),
    Predikat.BUTUH_PERBAIKAN: QColor("#8a4b00"),
    Predikat.KURANG: QColor(ERROR_COLOUR),
    Predikat.SANGAT_KURANG: QColor("#7a1410"),
}
RATINGS = (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)


def status_text(status: EvaluationStatus | None, lang: str) -> str:
    if status is None:
        return QCoreApplication.translate("Evaluation", "Belum dimulai")
    return status.label_for("en" if lang == "en" else "id")


def rating_text(rating: Rating | None, lang: str) -> str:
    if rating is None:
        return ""
    return rating.label_for("en" if lang == "en" else "id")


def rating_short(rating: Rating | None) -> str:
    """ "Di Atas" / "Sesuai" / "Di Bawah" for narrow columns; "–" when not rated."""
    if rating is None:
        return "–"
    return {
        Rating.DI_ATAS: QCoreApplication.translate("Evaluation", "Di Atas"),
        Rating.SESUAI: QCoreApplication.translate("Evaluation", "Sesuai"),
        Rating.DI_BAWAH: QCoreApplication.translate("Evaluation", "Di Bawah"),
    }[rating]


def predikat_text(predikat: Predikat | None, lang: str) -> str:
    if predikat is None:
        return ""
    return predikat.label_for("en" if lang == "en" else "id")


def number_text(value: float | None, lang: str) -> str:
    """12 -> "12", 2.5 -> "2,5" (Indonesian) / "2.5" (English); None -> ""."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang != "en" else text


def parse_number(text: str) -> float | None:
    """ "2,5" or "2.5" -> 2.5; "" -> None; anything else raises ValueError."""
    clean = text.strip().replace(" ", "")
    if not clean:
        return None
    if "," in clean:
        clean = clean.replace(".", "").replace(",", ".")
    return float(clean)


def file_slug(text: str) -> str:
    """A file-name piece safe on Windows: "Dr. Çağrı Öztürk, M.Kes." -> "dr-cagr-ozturk"."""
    plain = (
        unicodedata.normalize("NFKD", text.split(",", maxsplit=1)[0])
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:60] or "evaluasi"


class ReasonDialog(QDialog):
    """A required reason (reopening, a changed realisation); OK only once something is typed."""

    def __init__(
        self, title: str, prompt: str, parent: QWidget | None = None, *, text: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("reason_dialog")
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.note = QPlainTextEdit(text)
        self.note.setObjectName("reason_text")
        self.note.setMinimumSize(420, 90)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.value()))
        self.note.textChanged.connect(lambda: ok.setEnabled(bool(self.value())))
        self.note.setFocus()

    def value(self) -> str:
        return self.note.toPlainText().strip()


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    yes: str,
    on_yes: Callable[[], None],
    *,
    warning: bool = False,
) -> QMessageBox:
    """A non-blocking Yes/No box; ``on_yes()`` runs when the user agrees."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("evaluation_confirm")
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(
        QCoreApplication.translate("Evaluation", "Batal")
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.accepted.connect(on_yes)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
