"""Small pieces shared by the output-log page: labels, colours, date conversion, errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from flexdesk.domain.outputs import Aspect, LogStatus, SkpStatus, WorkMode
from flexdesk.domain.performance import PeriodType
from flexdesk.errors import FlexDeskError
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp
from flexdesk.ui.widgets.style import ERROR_COLOUR


def status_label(status: LogStatus) -> str:
    return {
        LogStatus.DRAFT: QCoreApplication.translate("Outputs", "Draf"),
        LogStatus.SUBMITTED: QCoreApplication.translate("Outputs", "Diajukan"),
        LogStatus.RETURNED: QCoreApplication.translate("Outputs", "Dikembalikan"),
        LogStatus.ACCEPTED: QCoreApplication.translate("Outputs", "Diterima"),
    }[status]


STATUS_COLOURS = {
    LogStatus.DRAFT: QColor("#5f6b7a"),
    LogStatus.SUBMITTED: QColor("#1f5fa8"),
    LogStatus.RETURNED: QColor(ERROR_COLOUR),
    LogStatus.ACCEPTED: QColor("#1e7b34"),
}


def skp_status_label(status: SkpStatus | None) -> str:
    if status is None:
        return QCoreApplication.translate("Outputs", "Belum ada SKP")
    return {
        SkpStatus.DRAFT: QCoreApplication.translate("Outputs", "Draf"),
        SkpStatus.SUBMITTED: QCoreApplication.translate("Outputs", "Diajukan ke atasan"),
        SkpStatus.APPROVED: QCoreApplication.translate("Outputs", "Disetujui"),
    }[status]


def mode_label(mode: WorkMode) -> str:
    return {
        WorkMode.WFO: QCoreApplication.translate("Outputs", "WFO (kantor)"),
        WorkMode.WFH: QCoreApplication.translate("Outputs", "WFH (rumah)"),
        WorkMode.WFA: QCoreApplication.translate("Outputs", "WFA (lokasi lain)"),
        WorkMode.DINAS_LUAR: QCoreApplication.translate("Outputs", "Dinas luar"),
    }[mode]


def mode_short(mode: WorkMode) -> str:
    return {
        WorkMode.WFO: "WFO",
        WorkMode.WFH: "WFH",
        WorkMode.WFA: "WFA",
        WorkMode.DINAS_LUAR: QCoreApplication.translate("Outputs", "DL"),
    }[mode]


def aspect_label(aspect: Aspect) -> str:
    return {
        Aspect.KUANTITAS: QCoreApplication.translate("Outputs", "Kuantitas"),
        Aspect.KUALITAS: QCoreApplication.translate("Outputs", "Kualitas"),
        Aspect.WAKTU: QCoreApplication.translate("Outputs", "Waktu"),
        Aspect.BIAYA: QCoreApplication.translate("Outputs", "Biaya"),
    }[aspect]


def period_type_label(period: PeriodType) -> str:
    return {
        PeriodType.MONTHLY: QCoreApplication.translate("Outputs", "Bulanan"),
        PeriodType.QUARTERLY: QCoreApplication.translate("Outputs", "Triwulanan"),
        PeriodType.SEMESTER: QCoreApplication.translate("Outputs", "Semesteran"),
        PeriodType.ANNUAL: QCoreApplication.translate("Outputs", "Tahunan"),
    }[period]


def number(value: float, lang: str = "id") -> str:
    """12 -> "12", 2.5 -> "2,5" (Indonesian) / "2.5" (English)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def combo_value(combo: QComboBox, role: int = int(Qt.ItemDataRole.UserRole)) -> str | None:
    """The current item's data as text; None when nothing (or the "all" item) is chosen.

    Every item of these combos carries text data ("" for "all"): PySide6 6.12 mishandles the
    reference count of None when it converts an empty QVariant back to Python (enough calls
    and the interpreter aborts), so no combo here ever hands None back through Qt.
    """
    index = combo.currentIndex()
    if index < 0:
        return None
    return str(combo.itemData(index, role)) or None


def fill_combo(combo: QComboBox, items: list[tuple[str, str]], first: str | None = None) -> None:
    """Refill a combo with (id, text), keeping the current choice when it is still there."""
    current = combo_value(combo) or ""
    combo.blockSignals(True)
    combo.clear()
    if first is not None:
        combo.addItem(first, "")
    for key, text in items:
        combo.addItem(text, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def warn(parent: QWidget, ctx: UiContext, title: str, error: Exception) -> None:
    """A non-blocking message box with the error in the UI language."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, ctx.message(error), parent=parent)
    box.setObjectName("outputs_warning")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def run_each(
    ctx: UiContext,
    parent: QWidget,
    fn: Callable[..., object],
    ids: Sequence[str],
    *,
    title: str,
    then: Callable[[], None],
) -> None:
    """``fn(id)`` for each entry in its own transaction, in order, stopping at the first
    refusal (shown with ``warn``); the change bus hears "outputs" once, at the end."""

    def finish(done: int) -> None:
        if done:
            ctx.events.publish(["outputs"])
        then()

    def refused(done: int, exc: FlexDeskError) -> None:
        warn(parent, ctx, title, exc)
        finish(done)

    def step(i: int) -> None:
        if i == len(ids):
            finish(i)
            return
        MutationOp(ctx, fn, ids[i], topics=()).on_success(lambda _r: step(i + 1)).on_failure(
            lambda exc: refused(i, exc)
        ).run(parent=parent)

    step(0)
