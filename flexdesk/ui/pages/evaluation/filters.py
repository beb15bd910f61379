"""The Evaluasi page's filter bar: year, period (by the office's evaluation period setting),
unit and status. The choices come from the database worker (QueryOp); ``changed`` asks the
page for the list of the filters as they are now.

Texts keep the page's translation context ("EvaluationPage"): the bar was part of the page.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from flexdesk.domain.evaluation import EvaluationStatus
from flexdesk.errors import FlexDeskError
from flexdesk.services import units
from flexdesk.services.evaluation import service as ev
from flexdesk.services.units import UnitRow
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import QueryOp
from flexdesk.ui.pages.evaluation.common import status_text


class FilterBar(QWidget):
    #: the list should follow the filters (a choice changed, or the choices were reloaded)
    changed = Signal()
    #: a refused load of the choices (FlexDeskError)
    failed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.lang
        self._periods: list[ev.PeriodRef] = []
        #: a period or unit asked for before the choices were in (select_period/select_unit)
        self._wanted_period: ev.PeriodRef | None = None
        self._wanted_unit: str | None = None
        self._loading = {"units": 0, "periods": 0}
        self.year = QSpinBox()
        self.year.setObjectName("evaluation_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setAccessibleName(QCoreApplication.translate("EvaluationPage", "Tahun"))
        self.period = QComboBox()
        self.period.setObjectName("evaluation_period")
        self.period.setMinimumContentsLength(16)
        self.unit = QComboBox()
        self.unit.setObjectName("evaluation_unit")
        self.unit.setMinimumContentsLength(22)
        self.status = QComboBox()
        self.status.setObjectName("evaluation_status")
        self.status.addItem(QCoreApplication.translate("EvaluationPage", "Semua status"), "")
        for s in EvaluationStatus:
            self.status.addItem(status_text(s, self.lang), s.value)
        filters = QHBoxLayout(self)
        filters.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            (QCoreApplication.translate("EvaluationPage", "Tahun"), self.year),
            (QCoreApplication.translate("EvaluationPage", "Periode"), self.period),
            (QCoreApplication.translate("EvaluationPage", "Unit"), self.unit),
            (QCoreApplication.translate("EvaluationPage", "Status"), self.status),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addStretch(1)
        self.year.valueChanged.connect(lambda _v: self._load_periods())
        for combo in (self.period, self.unit, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def reload(self) -> None:
        """The units and the periods again (the office's period setting may have changed);
        ``changed`` follows."""
        self._load_units()
        self._load_periods()

    def _load_units(self) -> None:
        """Fill the unit filter (again), keeping the unit chosen when it is still there."""
        self._loading["units"] += 1

        def refused(exc: FlexDeskError) -> None:
            self.failed.emit(exc)
            self._show_units([])

        QueryOp(self.ctx, units.list_units).on_success(self._show_units).on_failure(refused).run(
            parent=self
        )

    def _show_units(self, rows: list[UnitRow]) -> None:
        self._loading["units"] -= 1
        before = self.current_unit() or ""
        current = self._wanted_unit if self._wanted_unit is not None else before
        self._wanted_unit = None
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(QCoreApplication.translate("EvaluationPage", "Semua unit"), "")
        for row in rows:
            self.unit.addItem(row.name, row.id)
        self.unit.setCurrentIndex(max(self.unit.findData(current), 0))
        self.unit.blockSignals(False)
        if before != (self.current_unit() or ""):
            self.changed.emit()  # another unit asked for, or the one chosen is gone

    def _load_periods(self) -> None:
        self._loading["periods"] += 1

        def refused(exc: FlexDeskError) -> None:
            self.failed.emit(exc)
            self._show_periods([])

        QueryOp(self.ctx, ev.period_choices, self.year.value()).on_success(
            self._show_periods
        ).on_failure(refused).run(parent=self)

    def _show_periods(self, periods: list[ev.PeriodRef]) -> None:
        self._loading["periods"] -= 1
        if self._loading["periods"]:
            return  # another year was asked for meanwhile: its answer follows
        current = self._wanted_period or self.current_period()
        self._wanted_period = None
        self._periods = periods
        self.period.blockSignals(True)
        self.period.clear()
        for i, p in enumerate(periods):
            self.period.addItem(p.label("en" if self.lang == "en" else "id"), str(i))
        today = date.today()
        pick = next(
            (i for i, p in enumerate(periods) if current is not None and p == current),
            next(
                (i for i, p in enumerate(periods) if not p.is_annual and p.start <= today <= p.end),
                0,
            ),
        )
        self.period.setCurrentIndex(pick)
        self.period.blockSignals(False)
        self.changed.emit()

    def current_period(self) -> ev.PeriodRef | None:
        index = self.period.currentIndex()
        return self._periods[index] if 0 <= index < len(self._periods) else None

    def select_period(self, period: ev.PeriodRef) -> None:
        if self.year.value() != period.year or self._loading["periods"]:
            self._wanted_period = period  # picked when the periods are in
            self.year.setValue(period.year)  # reloads the period list
            return
        index = next((i for i, p in enumerate(self._periods) if p == period), -1)
        if index >= 0:
            self.period.setCurrentIndex(index)

    def current_unit(self) -> str | None:
        return str(self.unit.currentData() or "") or None

    def select_unit(self, unit_id: str | None) -> None:
        if self._loading["units"]:
            self._wanted_unit = unit_id or ""  # picked when the units are in
            return
        self.unit.setCurrentIndex(max(self.unit.findData(unit_id or ""), 0))

    def status_filter(self) -> EvaluationStatus | None:
        value = str(self.status.currentData() or "")
        return EvaluationStatus(value) if value else None
