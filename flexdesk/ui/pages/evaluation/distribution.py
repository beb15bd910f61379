"""The unit's predikat distribution for a period, against the kurva distribusi.

A table (count and share per predikat) and a bar chart (QtCharts), with the warnings of
SE MenPANRB 3/2023 as the service words them. Warnings never block a rating.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.dates import Lang
from flexdesk.domain.performance import OrganisationResult, Predikat
from flexdesk.services.evaluation import service as ev
from flexdesk.ui.pages.evaluation.common import PREDIKAT_COLOURS, number_text, predikat_text


class DistributionView(QWidget):
    """Shows a :class:`~flexdesk.services.evaluation.service.DistributionReport`; asks for another
    one (``options_changed``) when the organisation result or "final only" changes."""

    options_changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.report: ev.DistributionReport | None = None
        self.title = QLabel()
        self.title.setObjectName("distribution_title")
        self.title.setWordWrap(True)
        options = self._build_options()
        self._build_table()
        self.summary = QLabel()
        self.summary.setObjectName("distribution_summary")
        self.summary.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("distribution_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self._build_chart()

        left = QVBoxLayout()
        left.addWidget(self.table)
        left.addWidget(self.summary)
        left.addWidget(self.warnings)
        left.addStretch(1)
        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 2)
        body.addWidget(self.chart_view, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(options)
        layout.addWidget(self.body, 1)
        self.filler = QWidget()  # keeps the title at the top while there is no report
        layout.addWidget(self.filler, 1)
        self.org.currentIndexChanged.connect(lambda _i: self.options_changed.emit())
        self.final_only.toggled.connect(lambda _on: self.options_changed.emit())
        self.show_message(self.tr("Pilih satu unit kerja untuk melihat sebaran predikatnya."))

    def _build_options(self) -> QHBoxLayout:
        self.org = QComboBox()
        self.org.setObjectName("org_result")
        self.org.addItem(self.tr("sesuai pengaturan kantor"), "")
        for org in OrganisationResult:
            self.org.addItem(org.label_for("en" if self.lang == "en" else "id"), org.value)
        self.final_only = QCheckBox(self.tr("Hanya evaluasi yang sudah ditetapkan"))
        self.final_only.setObjectName("final_only")
        options = QHBoxLayout()
        org_label = QLabel(self.tr("Hasil kinerja organisasi:"))
        org_label.setBuddy(self.org)
        options.addWidget(org_label)
        options.addWidget(self.org)
        options.addSpacing(16)
        options.addWidget(self.final_only)
        options.addStretch(1)
        return options

    def _build_table(self) -> None:
        self.table = QTableWidget(len(Predikat), 3)  # five fixed rows, not a data list
        self.table.setObjectName("distribution_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Predikat"), self.tr("Jumlah pegawai"), self.tr("Persentase")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(
                col, QHeaderView.ResizeMode.ResizeToContents
            )
        self.table.setMinimumWidth(380)
        self.table.setMaximumHeight(
            self.table.horizontalHeader().sizeHint().height()
            + len(Predikat) * self.table.verticalHeader().defaultSectionSize()
            + 6
        )

    def _build_chart(self) -> None:
        self.chart = QChart()
        self.chart.legend().hide()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(0)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("distribution_chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(240)

    def org_result(self) -> OrganisationResult | None:
        value = str(self.org.currentData() or "")
        return OrganisationResult(value) if value else None

    def show_message(self, text: str) -> None:
        self.report = None
        self.title.setText(text)
        self.body.setVisible(False)
        self.filler.setVisible(True)
        for row in range(self.table.rowCount()):
            for col in range(3):
                self.table.setItem(row, col, QTableWidgetItem(""))
        self.summary.setText("")
        self.warnings.setText("")
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def show_report(self, report: ev.DistributionReport) -> None:
        self.report = report
        self.body.setVisible(True)
        self.filler.setVisible(False)
        lang: Lang = "en" if self.lang == "en" else "id"
        self.title.setText(
            "<b>"
            + self.tr("Sebaran predikat {unit}, {period}").format(
                unit=report.unit_name, period=report.period.label(lang)
            )
            + "</b>"
        )
        for row, predikat in enumerate(Predikat):
            count = report.counts.get(predikat, 0)
            name = QTableWidgetItem(predikat_text(predikat, self.lang))
            name.setForeground(PREDIKAT_COLOURS[predikat])
            number = QTableWidgetItem(str(count))
            share = QTableWidgetItem(number_text(round(report.share(predikat), 1), self.lang) + "%")
            for item in (number, share):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, number)
            self.table.setItem(row, 2, share)
        self.summary.setText(
            self.tr(
                "{rated} pegawai sudah dinilai, {not_rated} belum. Hasil kinerja organisasi: {org}."
            ).format(
                rated=report.rated,
                not_rated=report.not_rated,
                org=report.org_result.label_for(lang),
            )
        )
        if report.warnings:
            items = "".join(
                f"<li>{w.message_en if lang == 'en' else w.message}</li>" for w in report.warnings
            )
            self.warnings.setText(
                "<span style='color: #8a4b00'><b>⚠ "
                + self.tr("Sebaran tidak sesuai kurva distribusi:")
                + f"</b><ul style='margin-left: 12px'>{items}</ul></span>"
            )
        elif report.rated:
            self.warnings.setText(
                "<span style='color: #1e7b34'>"
                + self.tr("Sebaran sesuai kurva distribusi.")
                + "</span>"
            )
        else:
            self.warnings.setText("")
        self._chart(report)

    def _chart(self, report: ev.DistributionReport) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QBarSeries()
        bars = QBarSet(self.tr("Pegawai"))
        bars.setColor(PREDIKAT_COLOURS[Predikat.BAIK])
        categories = []
        for predikat in Predikat:
            bars.append(report.counts.get(predikat, 0))
            # two lines where a label has a space or a slash: a bar is narrow
            text = predikat_text(predikat, self.lang)
            categories.append(
                text.replace("/", "/<br>") if "/" in text else text.replace(" ", "<br>", 1)
            )
        series.append(bars)
        series.setLabelsVisible(True)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(categories)
        y = QValueAxis()
        top = max([*report.counts.values(), 1])
        step = max(1, -(-(top + 1) // 6))  # whole employees per grid line, at most ~6 lines
        y.setRange(0, step * -(-(top + 1) // step))
        y.setTickType(QValueAxis.TickType.TicksDynamic)
        y.setTickAnchor(0)
        y.setTickInterval(step)
        y.setLabelFormat("%d")
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
