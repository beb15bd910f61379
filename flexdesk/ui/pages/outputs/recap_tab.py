"""Rekap: realisation against the SKP per RHK with progress bars, days and hours, wellbeing
signals for the supervisor, and a CSV export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.dates import Lang
from flexdesk.domain.performance import PeriodType, period_label
from flexdesk.services.outputs import recap
from flexdesk.services.outputs.recap import Recap
from flexdesk.services.permissions import Action
from flexdesk.services.staff_scope import employee_choices
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.outputs.common import combo_value, fill_combo, number, skp_status_label, warn
from flexdesk.ui.pages.outputs.recap_model import ProgressDelegate, RecapModel, WeekModel


class RecapTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.current: Recap | None = None
        self.file_dialog: QFileDialog | None = None
        self._asked = 0  # the latest recap asked for; older answers are dropped
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(self._build_bar())
        self.title = QLabel()
        self.title.setObjectName("recap_title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self._build_table(), 3)
        lower = QHBoxLayout()
        lower.addWidget(self._build_summary(), 3)
        lower.addWidget(self._build_wellbeing(), 2)
        layout.addLayout(lower, 2)
        self.employee.currentIndexChanged.connect(lambda _i: self.refresh(reload_people=False))
        self.year.valueChanged.connect(lambda _v: self.refresh(reload_people=False))
        self.period.currentIndexChanged.connect(lambda _i: self._load())
        self.export_button.clicked.connect(self._choose_csv)
        # logs and reviews, the SKP, settings (thresholds), the schedule (working days), staff
        ctx.events.follow(
            self, ["outputs", "settings", "schedule", "policy", "employees"], self.refresh
        )
        self.refresh()

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.employee = QComboBox()
        self.employee.setObjectName("recap_employee")
        self.employee.setMinimumContentsLength(22)
        self.year = QSpinBox()
        self.year.setObjectName("recap_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.period = QComboBox()
        self.period.setObjectName("recap_period")
        self.period.setMinimumContentsLength(14)
        self.export_button = QPushButton(self.tr("Ekspor CSV…"))
        self.export_button.setObjectName("export_csv")
        bar.addWidget(QLabel(self.tr("Pegawai")))
        bar.addWidget(self.employee, 2)
        bar.addWidget(QLabel(self.tr("Tahun")))
        bar.addWidget(self.year)
        bar.addWidget(QLabel(self.tr("Periode")))
        bar.addWidget(self.period, 1)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        return bar

    def _build_table(self) -> QTableView:
        self.model = RecapModel(self.ctx.lang)
        self.table = QTableView()
        self.table.setObjectName("recap_table")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(RecapModel.COL_PROGRESS, ProgressDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setWordWrap(False)
        for col, width in enumerate((36, 300, 120, 120, 170, 110)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return self.table

    def _build_summary(self) -> QGroupBox:
        summary = QGroupBox(self.tr("Hari dan jam kerja"))
        grid = QGridLayout(summary)
        self.days_label = QLabel()
        self.days_label.setObjectName("recap_days")
        self.hours_label = QLabel()
        self.modes_label = QLabel()
        for i, label in enumerate((self.days_label, self.hours_label, self.modes_label)):
            label.setWordWrap(True)
            label.setMinimumWidth(220)
            grid.addWidget(label, i, 0)
        grid.setRowStretch(3, 1)
        self.week_model = WeekModel(self.ctx.lang)
        self.weeks = QTableView()
        self.weeks.setObjectName("recap_weeks")
        self.weeks.setModel(self.week_model)
        self.weeks.setItemDelegateForColumn(1, ProgressDelegate(self.weeks, warn_over=True))
        self.weeks.verticalHeader().setVisible(False)
        self.weeks.verticalHeader().setDefaultSectionSize(22)
        self.weeks.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.weeks.setColumnWidth(0, 100)
        self.weeks.horizontalHeader().setStretchLastSection(True)
        grid.addWidget(self.weeks, 0, 1, 4, 1)
        grid.setColumnStretch(1, 1)
        return summary

    def _build_wellbeing(self) -> QGroupBox:
        wellbeing = QGroupBox(self.tr("Sinyal kesejahteraan"))
        wb_layout = QVBoxLayout(wellbeing)
        self.signals = QListWidget()
        self.signals.setObjectName("recap_signals")
        self.signals.setWordWrap(True)
        wb_layout.addWidget(self.signals)
        self.threshold_label = QLabel()
        self.threshold_label.setWordWrap(True)
        self.threshold_label.setStyleSheet("color: #5f6b7a;")
        wb_layout.addWidget(self.threshold_label)
        return wellbeing

    def refresh(self, *, reload_people: bool = True) -> None:
        if not reload_people:
            self._load()
            return
        QueryOp(self.ctx, employee_choices, Action.OUTPUT_VIEW).on_success(self._show_people).run(
            parent=self
        )

    def _show_people(self, people: list[tuple[str, str]]) -> None:
        fill_combo(self.employee, people)
        if combo_value(self.employee) is None:
            self.employee.setCurrentIndex(
                max(self.employee.findData(self.ctx.actor.employee_id), 0)
            )
        self._load()

    def _fill_periods(self, period_type: PeriodType) -> None:
        current = self._period_index(keep_year=True)
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItem(self.tr("Setahun"), 0)
        lang: Lang = "en" if self.ctx.lang == "en" else "id"
        for i in range(1, period_type.periods_per_year + 1):
            self.period.addItem(period_label(period_type, self.year.value(), i, lang), i)
        if current is None:  # first time: the period of today
            today = date.today()
            months = 12 // period_type.periods_per_year
            current = (today.month - 1) // months + 1 if today.year == self.year.value() else 0
        self.period.setCurrentIndex(max(self.period.findData(current), 0))
        self.period.blockSignals(False)

    def _period_index(self, *, keep_year: bool = False) -> int | None:
        """The chosen period (None: the whole year). ``keep_year``: 0 for the whole year."""
        if self.period.currentIndex() < 0:
            return None
        value = int(self.period.itemData(self.period.currentIndex()))
        return value if value or keep_year else None

    def select_period(self, index: int | None) -> None:
        """Show period ``index`` (None: the whole year)."""
        self.period.setCurrentIndex(max(self.period.findData(index or 0), 0))
        self._load()

    def _load(self) -> None:
        emp = combo_value(self.employee)
        self._asked += 1
        asked = self._asked
        if not emp:
            self.current = None
            self.model.set_rows([])
            return
        index = self._period_index()
        lang: Lang = "en" if self.ctx.lang == "en" else "id"
        QueryOp(self.ctx, recap.recap, emp, self.year.value(), index, lang=lang).on_success(
            lambda rc: self._loaded(asked, index, rc)
        ).on_failure(lambda exc: warn(self, self.ctx, self.tr("Rekap"), exc)).run(parent=self)

    def _loaded(self, asked: int, index: int | None, rc: Recap) -> None:
        if asked != self._asked:  # the employee, year or period changed meanwhile
            return
        if self.period.count() != rc.period_type.periods_per_year + 1:
            self._fill_periods(rc.period_type)
            if self._period_index() != index:
                self._load()
                return
        self.current = rc
        self._show(rc)

    def _show(self, rc: Recap) -> None:
        lang = self.ctx.lang
        self.title.setText(
            self.tr("<b>{name}</b> — {period}. SKP: {status}.").format(
                name=rc.employee_name,
                period=rc.period_label,
                status=skp_status_label(rc.skp_status),
            )
        )
        self.model.set_rows(list(rc.rows))
        self.days_label.setText(
            self.tr("Hari tercatat: {days} dari {working} hari kerja").format(
                days=rc.days_logged, working=rc.working_days
            )
        )
        weeks = max(len(rc.weeks), 1)
        self.hours_label.setText(
            self.tr("Jam tercatat: {hours} jam (rata-rata {avg} jam per minggu)").format(
                hours=number(round(rc.hours_total, 1), lang),
                avg=number(round(rc.hours_total / weeks, 1), lang),
            )
        )
        self.modes_label.setText(
            self.tr("Di kantor: {onsite} hari; dari luar kantor: {remote} hari").format(
                onsite=rc.on_site_days, remote=rc.remote_days
            )
        )
        self.week_model.set_weeks(list(rc.weeks), rc.thresholds.weekly_hours)
        self.signals.clear()
        style = self.style()
        for sig in rc.signals:
            item = QListWidgetItem(
                style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                sig.message_en if lang == "en" else sig.message,
            )
            self.signals.addItem(item)
        if not rc.signals:
            self.signals.addItem(
                QListWidgetItem(
                    style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
                    self.tr("Tidak ada sinyal: jam, hari istirahat dan keseimbangan kerja wajar."),
                )
            )
        th = rc.thresholds
        self.threshold_label.setText(
            self.tr(
                "Batas: {hours} jam/minggu, {days} hari berturut-turut, {share}% dari luar kantor."
            ).format(
                hours=number(th.weekly_hours, lang),
                days=th.max_consecutive_days,
                share=round(th.max_remote_share * 100),
            )
        )

    # -- CSV -------------------------------------------------------------------------------------
    def _choose_csv(self) -> None:
        if self.current is None:
            return
        rc = self.current
        name = f"rekap-{rc.employee_name.split(',')[0].replace(' ', '_')}-{rc.start:%Y%m}.csv"
        dialog = QFileDialog(
            self, self.tr("Simpan rekap sebagai CSV"), str(self.ctx.paths.exports / name)
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Berkas CSV (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(lambda path: self.export_csv(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def export_csv(self, path: Path) -> Path | None:
        if self.current is None:
            return None
        try:
            return recap.write_recap_csv(
                self.current, path, "en" if self.ctx.lang == "en" else "id"
            )
        except OSError as exc:
            warn(self, self.ctx, self.tr("Ekspor CSV"), exc)
            return None
