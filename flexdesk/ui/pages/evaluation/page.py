"""Evaluasi page: choose a period and unit, see who is evaluated (status, ratings, predikat),
open or start an evaluation in the form editor, see the unit's predikat distribution, and
preview, print or export the unit's forms."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.errors import Cancelled, FlexDeskError
from flexdesk.services.evaluation import service as ev
from flexdesk.services.permissions import Action
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.evaluation import printing
from flexdesk.ui.pages.evaluation.batch_export import BatchExportDialog
from flexdesk.ui.pages.evaluation.common import confirm, file_slug
from flexdesk.ui.pages.evaluation.distribution import DistributionView
from flexdesk.ui.pages.evaluation.editor import EvaluationEditor
from flexdesk.ui.pages.evaluation.filters import FilterBar
from flexdesk.ui.pages.evaluation.list_model import (
    COL_COMMENT,
    COL_NAME,
    COL_PREDIKAT,
    COL_RATINGS,
    COL_STATUS,
    COL_UNIT,
    EvaluationListModel,
)
from flexdesk.ui.pages.evaluation.preview import open_form_preview
from flexdesk.ui.widgets.forms import MessageLine
from flexdesk.ui.widgets.pdf_preview import PdfPreviewDialog
from flexdesk.ui.worker import ProgressRunner

log = logging.getLogger(__name__)


class EvaluationPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.lang = ctx.lang
        self.editor: EvaluationEditor | None = None
        self.preview: PdfPreviewDialog | None = None
        self.batch: BatchExportDialog | None = None
        self.runner: ProgressRunner | None = None
        self.dialog: QMessageBox | None = None
        #: number of worker processes for batch exports (None: every core; tests use 1)
        self.export_workers: int | None = None
        self._reselect: str | None = None  # the employee selected when the list reloads

        heading = QLabel("<h2>" + self.tr("Evaluasi Kinerja") + "</h2>")
        self.filters = FilterBar(ctx)
        self.year, self.period = self.filters.year, self.filters.period
        self.unit, self.status = self.filters.unit, self.filters.status
        self.model = EvaluationListModel(ctx, self)
        list_tab = self._build_list_tab()
        self.distribution = DistributionView(self.lang)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("evaluation_tabs")
        self.tabs.addTab(list_tab, self.tr("Daftar evaluasi"))
        self.distribution_index = -1
        if ctx.actor.can(Action.EVALUATION_DISTRIBUTION):
            self.distribution_index = self.tabs.addTab(
                self.distribution, self.tr("Sebaran predikat unit")
            )

        self.message = MessageLine("evaluation_message")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.addWidget(heading)
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self._connect()
        self._update_buttons()
        self.reload_choices()  # the units, the periods, then the list
        # what the list shows: evaluations, their staff and units, the outputs behind the
        # realisation, and the office's period setting
        ctx.events.follow(
            self, ["evaluation", "employees", "units", "outputs", "settings"], self.reload_choices
        )

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setObjectName("evaluation_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Names (with gelar) get the room; the NIP is in their tooltip.
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        metrics = header.fontMetrics()
        for col, width in (
            (COL_UNIT, 200),
            (COL_STATUS, 100),
            (COL_RATINGS, 150),
            (COL_PREDIKAT, 130),
            (COL_COMMENT, 80),
        ):
            text = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(col, max(width, metrics.horizontalAdvance(text) + 24))
        # Enter and double-click (QAbstractItemView.activated)
        self.table.activated.connect(lambda _i: self.open_selected())
        return self.table

    def _build_list_tab(self) -> QWidget:
        self.open_button = QPushButton(self.tr("Buka evaluasi"))
        self.open_button.setObjectName("open_evaluation")
        self.open_button.setToolTip(self.tr("Buka atau mulai evaluasi pegawai terpilih (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.preview_button = QPushButton(self.tr("Pratinjau formulir"))
        self.preview_button.setObjectName("preview_selected")
        self.preview_button.clicked.connect(self.preview_selected)
        self.unit_preview_button = QPushButton(self.tr("Pratinjau semua (ditetapkan)"))
        self.unit_preview_button.setObjectName("preview_unit")
        self.unit_preview_button.setToolTip(
            self.tr("Semua formulir yang sudah ditetapkan pada daftar ini dalam satu pratinjau")
        )
        self.unit_preview_button.clicked.connect(self.preview_unit)
        self.export_button = QPushButton(self.tr("Ekspor PDF…"))
        self.export_button.setObjectName("export_unit")
        self.export_button.setToolTip(
            self.tr(
                "Formulir yang sudah ditetapkan: satu PDF gabungan atau satu berkas per pegawai"
            )
        )
        self.export_button.clicked.connect(self.export_unit)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.preview_button)
        actions.addStretch(1)
        actions.addWidget(self.unit_preview_button)
        actions.addWidget(self.export_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("evaluation_count")
        list_tab = QWidget()
        list_layout = QVBoxLayout(list_tab)
        list_layout.addWidget(self._build_table(), 1)
        list_layout.addWidget(self.count_label)
        list_layout.addLayout(actions)
        return list_tab

    def _connect(self) -> None:
        self.filters.changed.connect(self.reload)
        self.filters.failed.connect(lambda exc: self.message.show_error(self.ctx.message(exc)))
        self.distribution.options_changed.connect(self.reload_distribution)
        self.tabs.currentChanged.connect(lambda _i: self.reload_distribution())
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_buttons())
        self.model.loaded.connect(self._list_loaded)
        self.model.failed.connect(lambda exc: self.message.show_error(self.ctx.message(exc)))

    # -- filters (the bar's; kept here for the callers of the page) ------------------------
    def current_period(self) -> ev.PeriodRef | None:
        return self.filters.current_period()

    def select_period(self, period: ev.PeriodRef) -> None:
        self.filters.select_period(period)

    def current_unit(self) -> str | None:
        return self.filters.current_unit()

    def select_unit(self, unit_id: str | None) -> None:
        self.filters.select_unit(unit_id)

    def _status_filter(self) -> EvaluationStatus | None:
        return self.filters.status_filter()

    # -- loading ---------------------------------------------------------------------------
    def reload_choices(self) -> None:
        """At the start and after a change on the change bus: the units and the office's
        period setting may have changed too; the list follows the periods."""
        self.filters.reload()

    def reload(self) -> None:
        """The list for the filters as they are now (it arrives in ``_list_loaded``)."""
        selected = self.selected()
        self._reselect = selected.employee_id if selected is not None else None
        self.model.load(
            self.current_period(), unit_id=self.current_unit(), status=self._status_filter()
        )

    def _list_loaded(self) -> None:
        self.message.clear_message()
        if self._reselect is not None:
            row = self.model.row_of_employee(self._reselect)
            if row >= 0:
                self.table.selectRow(row)
        elif self.model.rowCount():
            self.table.selectRow(0)
        rows = self.model.rows()
        final = sum(1 for r in rows if r.status is EvaluationStatus.FINAL)
        self.count_label.setText(
            self.tr("{n} pegawai; {final} evaluasi ditetapkan.").format(n=len(rows), final=final)
        )
        self._update_buttons()
        self.reload_distribution()

    def reload_distribution(self) -> None:
        if self.tabs.currentIndex() != self.distribution_index or self.distribution_index < 0:
            return
        period, unit_id = self.current_period(), self.current_unit()
        if period is None or unit_id is None:
            self.distribution.show_message(
                self.tr("Pilih satu unit kerja untuk melihat sebaran predikatnya.")
            )
            return
        QueryOp(
            self.ctx,
            ev.unit_distribution,
            unit_id,
            period,
            org_result=self.distribution.org_result(),
            final_only=self.distribution.final_only.isChecked(),
        ).on_success(self.distribution.show_report).on_failure(
            lambda exc: self.distribution.show_message(self.ctx.message(exc))
        ).run(parent=self)

    def selected(self) -> ev.EvaluationSummary | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_data(index.row())

    def _final_rows(self) -> list[ev.EvaluationSummary]:
        return [r for r in self.model.rows() if r.status is EvaluationStatus.FINAL]

    def _update_buttons(self) -> None:
        row = self.selected()
        can_open = row is not None and (row.evaluation_id is not None or row.can_rate)
        self.open_button.setEnabled(can_open)
        if row is not None and row.evaluation_id is None:
            self.open_button.setText(self.tr("Mulai evaluasi"))
            self.open_button.setToolTip(
                self.tr("Mulai evaluasi pegawai terpilih (Enter)")
                if row.can_rate
                else self.tr("Hanya atasan langsung pegawai ini yang dapat memulai evaluasinya.")
            )
        else:
            self.open_button.setText(self.tr("Buka evaluasi"))
            self.open_button.setToolTip(self.tr("Buka evaluasi pegawai terpilih (Enter)"))
        can_print = self.ctx.actor.can(Action.EVALUATION_PRINT)
        self.preview_button.setEnabled(
            can_print and row is not None and row.evaluation_id is not None
        )
        finals = len(self._final_rows())
        for b in (self.unit_preview_button, self.export_button):
            b.setEnabled(can_print and finals > 0)
        if finals == 0:
            why = self.tr("Belum ada evaluasi yang ditetapkan pada daftar ini.")
            self.unit_preview_button.setToolTip(why)
            self.export_button.setToolTip(why)

    # -- messages --------------------------------------------------------------------------
    # -- opening ---------------------------------------------------------------------------
    def open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.evaluation_id is not None:
            self.open_evaluation(row.evaluation_id)
            return
        if not row.can_rate:
            self.message.show_error(
                self.tr("Hanya atasan langsung pegawai ini yang dapat memulai evaluasinya.")
            )
            return
        period = self.current_period()
        if period is None:
            return
        employee_id = row.employee_id

        def start() -> None:  # the list follows from the change bus
            MutationOp(
                self.ctx, ev.start_evaluation, employee_id, period, topics=["evaluation"]
            ).on_success(self._show_editor).on_failure(
                lambda exc: self.message.show_error(self.ctx.message(exc))
            ).run(parent=self)

        self.dialog = confirm(
            self,
            self.tr("Mulai evaluasi"),
            self.tr(
                "Mulai evaluasi {period} untuk {name}? Realisasi diisi dari log output yang "
                "sudah diterima."
            ).format(
                period=period.label("en" if self.lang == "en" else "id"), name=row.employee_name
            ),
            self.tr("Mulai"),
            start,
        )

    def open_evaluation(self, evaluation_id: str) -> None:
        """Open the editor once the evaluation is in (``self.editor``)."""
        QueryOp(self.ctx, ev.get_evaluation, evaluation_id).on_success(
            self._show_editor
        ).on_failure(lambda exc: self.message.show_error(self.ctx.message(exc))).run(parent=self)

    def _show_editor(self, detail: ev.EvaluationDetail) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        editor = EvaluationEditor(self.ctx, detail, self)
        editor.setWindowModality(Qt.WindowModality.WindowModal)
        self.editor = editor  # its steps publish "evaluation": the list follows
        editor.show()

    # -- printing --------------------------------------------------------------------------
    def _export_name(self) -> str:
        period = self.current_period()
        unit = file_slug(self.unit.currentText()) if self.current_unit() else "semua-unit"
        if period is None:
            return f"evaluasi-{unit}"
        return f"evaluasi-{period.year}-{period.period_type.value}-{period.index:02d}-{unit}"

    def _description(self) -> str:
        period = self.current_period()
        label = period.label("en" if self.lang == "en" else "id") if period else ""
        return f"{self.unit.currentText()}, {label}"

    def preview_selected(self) -> None:
        row = self.selected()
        if row is None or row.evaluation_id is None:
            return

        def ready(preview: PdfPreviewDialog) -> None:
            self.preview = preview
            preview.show()

        open_form_preview(
            self.ctx,
            self,
            (row.evaluation_id, row.employee_name, row.period),
            ready,
            lambda exc: self.message.show_error(self.ctx.message(exc)),
        )

    def preview_unit(self) -> None:
        """Every final form of the list in one preview (built on the database worker)."""
        printing.preview_unit(self)

    def export_unit(self) -> None:
        """The final forms of the list to PDF files (the export dialog)."""
        printing.export_unit(self)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.message.show_info(self.tr("Dibatalkan."))
        elif isinstance(exc, FlexDeskError):
            self.message.show_error(self.ctx.message(exc))
        else:
            log.error("evaluation page task failed", exc_info=exc)
            self.message.show_error(str(exc))
