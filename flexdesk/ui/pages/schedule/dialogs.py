"""Small dialogs of the Jadwal page. All are opened with ``open()`` (window-modal, never
blocking); the page reads their fields when they are accepted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.dates import Lang
from flexdesk.domain.schedule import DAY_CODE_INFO, LEAVE_KIND_LABELS, DayCode
from flexdesk.domain.schedule_workflow import PERIOD_ACTION_LABELS
from flexdesk.services.schedule.periods import PeriodEventRow
from flexdesk.services.schedule.service import CellChange
from flexdesk.ui.context import UiContext


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("ScheduleDialogs", "Batal")
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def ui_lang(ctx: UiContext) -> Lang:
    """The UI language as the date helpers spell it."""
    return "en" if ctx.lang == "en" else "id"


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class LocationDialog(QDialog):
    """WFA needs the place of work (PermenPANRB 4/2025 Pasal 12)."""

    def __init__(self, recent: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lokasi WFA"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Di mana pekerjaan dilakukan? (wajib untuk WFA)")))
        self.location = QLineEdit(recent[0] if recent else "")
        self.location.setObjectName("wfa_location")
        self.location.setMaxLength(200)
        self.location.setMinimumWidth(360)
        self.location.setCompleter(QCompleter(list(recent), self))
        self.location.selectAll()
        layout.addWidget(self.location)
        self.buttons = _buttons(self, self.tr("Simpan"))
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.location.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        ok.setEnabled(bool(self.location.text().strip()))

    def value(self) -> str:
        return self.location.text().strip()


class NoteDialog(QDialog):
    """A note for returning or reopening a month (required)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.note = QPlainTextEdit()
        self.note.setObjectName("period_note")
        self.note.setMinimumSize(380, 90)
        layout.addWidget(self.note)
        self.buttons = _buttons(self, self.tr("Kirim"))
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.note.textChanged.connect(lambda: ok.setEnabled(bool(self.value())))

    def value(self) -> str:
        return self.note.toPlainText().strip()


class PatternDialog(QDialog):
    """A repeating pattern over a range of days for the selected employees."""

    def __init__(
        self, first: date, last: date, *, start: date, end: date, who: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Terapkan pola"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.pattern = QLineEdit("O O O H O")
        self.pattern.setObjectName("pattern_text")
        self.start = QDateEdit(qdate(start))
        self.end = QDateEdit(qdate(end))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDateRange(qdate(first), qdate(last))
        self.location = QLineEdit()
        self.location.setObjectName("pattern_location")
        self.location.setPlaceholderText(self.tr("untuk hari A (WFA)"))
        form.addRow(self.tr("Pola"), self.pattern)
        form.addRow(self.tr("Dari"), self.start)
        form.addRow(self.tr("Sampai"), self.end)
        form.addRow(self.tr("Lokasi WFA"), self.location)
        form.addRow(self.tr("Untuk"), QLabel(who))
        layout.addLayout(form)
        hint = QLabel(
            self.tr(
                "Kode dipisah spasi, mis. O O H O H. Pola diulang pada hari kerja; akhir pekan "
                "dan hari libur dilewati."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        layout.addWidget(_buttons(self, self.tr("Terapkan")))

    def values(self) -> tuple[str, date, date, str]:
        return (
            self.pattern.text(),
            pydate(self.start.date()),
            pydate(self.end.date()),
            self.location.text().strip(),
        )


class CellDialog(QDialog):
    """Code, location, leave kind and hours of the selected cells."""

    def __init__(self, current: CellChange, count: int, lang: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Isi sel jadwal"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.code = QComboBox()
        self.code.setObjectName("cell_code")
        self.code.addItem(self.tr("(kosong)"), "")
        for code, info in DAY_CODE_INFO.items():
            label = info.label_en if lang == "en" else info.label_id
            self.code.addItem(f"{code.value} — {label}", code.value)
        letter = current.code.value if isinstance(current.code, DayCode) else current.code or ""
        self.code.setCurrentIndex(max(self.code.findData(letter), 0))
        self.location = QLineEdit(current.location)
        self.location.setObjectName("cell_location")
        self.location.setMaxLength(200)
        self.leave = QComboBox()
        self.leave.setObjectName("cell_leave_kind")
        self.leave.addItem(self.tr("(belum diisi)"), "")
        for kind, (label_id, label_en) in LEAVE_KIND_LABELS.items():
            self.leave.addItem(label_en if lang == "en" else label_id, kind.value)
        self.leave.setCurrentIndex(max(self.leave.findData(current.leave_kind or ""), 0))
        self.hours = QDoubleSpinBox()
        self.hours.setObjectName("cell_hours")
        self.hours.setRange(-0.5, 24)
        self.hours.setSingleStep(0.5)
        self.hours.setSpecialValueText(self.tr("sesuai jam kerja"))
        self.hours.setValue(current.hours if current.hours is not None else -0.5)
        form.addRow(self.tr("Kode"), self.code)
        form.addRow(self.tr("Lokasi (WFA/dinas luar)"), self.location)
        form.addRow(self.tr("Jenis cuti"), self.leave)
        form.addRow(self.tr("Jam kerja"), self.hours)
        layout.addLayout(form)
        if count > 1:
            layout.addWidget(QLabel(self.tr("Berlaku untuk {n} sel terpilih.").format(n=count)))
        layout.addWidget(_buttons(self, self.tr("Simpan")))
        self.code.currentIndexChanged.connect(lambda _i: self._enable())
        self._enable()

    def _enable(self) -> None:
        code = self.code.currentData()
        self.location.setEnabled(code in ("A", "D"))
        self.leave.setEnabled(code == "C")
        self.hours.setEnabled(code in ("O", "H", "A", "D"))

    def change_for(self, employee_id: str, day: date) -> CellChange:
        code = self.code.currentData() or None
        hours = self.hours.value()
        return CellChange(
            employee_id,
            day,
            code,
            self.location.text().strip() if self.location.isEnabled() else "",
            (self.leave.currentData() or None) if self.leave.isEnabled() else None,
            hours if self.hours.isEnabled() and hours >= 0 else None,
        )


class HistoryDialog(QDialog):
    def __init__(
        self, title: str, events: Sequence[PeriodEventRow], lang: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        items = QListWidget()
        items.setObjectName("history_list")
        items.setMinimumSize(460, 200)
        for e in events:
            label_id, label_en = PERIOD_ACTION_LABELS[e.action]
            when = e.at.astimezone().strftime("%d/%m/%Y %H.%M")
            line = f"{when} — {label_en if lang == 'en' else label_id} — {e.by}"
            items.addItem(line + (f"\n    {e.note}" if e.note else ""))
        if not events:
            items.addItem(self.tr("Belum ada langkah persetujuan."))
        layout.addWidget(items)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        box.rejected.connect(self.reject)
        layout.addWidget(box)
