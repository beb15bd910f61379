"""The SKP tab's change of the period type, checked against the SKP's revision the tab read:
refused because the SKP changed on another PC (StaleEdit), the conflict dialog shows their
period beside mine; keep theirs reloads the SKP, overwrite sets mine against their revision.

Apart from skp_tab.py to keep that module small; its words are translated in the tab's
context ("SkpTab").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from flexdesk.domain.performance import PeriodType
from flexdesk.errors import FlexDeskError, StaleEdit
from flexdesk.services.outputs import skp
from flexdesk.services.outputs.skp import SkpDetail
from flexdesk.ui.ops import MutationOp
from flexdesk.ui.pages.outputs.common import combo_value, warn
from flexdesk.ui.widgets.conflict import Choice, FieldDiff, show_conflict

if TYPE_CHECKING:
    from flexdesk.ui.pages.outputs.skp_tab import SkpTab


def set_period(tab: SkpTab, expected_rev: int | None = None) -> None:
    """Store the period type chosen in the tab's combo (``expected_rev``: default the rev of
    the SKP the tab shows)."""
    detail = tab.detail
    if detail is None or not detail.editable:
        return
    period = PeriodType(combo_value(tab.period) or "monthly")
    rev = detail.rev if expected_rev is None else expected_rev
    MutationOp(
        tab.ctx, skp.set_period_type, detail.id, period, expected_rev=rev, topics=["outputs"]
    ).on_success(lambda _d: tab._done()).on_failure(lambda exc: _refused(tab, exc)).run(parent=tab)


def _refused(tab: SkpTab, exc: FlexDeskError) -> None:
    if not isinstance(exc, StaleEdit) or not isinstance(exc.current, SkpDetail):
        warn(tab, tab.ctx, QCoreApplication.translate("SkpTab", "SKP"), exc)
        return
    theirs = exc.current
    label = tab.period.itemText(tab.period.findData(theirs.period_type.value))
    diff = FieldDiff(
        QCoreApplication.translate("SkpTab", "Periode evaluasi"), label, tab.period.currentText()
    )
    current = exc.current_rev

    def chosen(choice: Choice) -> None:
        if choice is Choice.THEIRS:
            tab.refresh()  # their SKP, their period (nothing was stored)
        else:
            set_period(tab, current)

    show_conflict(tab, exc, [diff], chosen)  # a child of the tab (tab.findChild finds it)
