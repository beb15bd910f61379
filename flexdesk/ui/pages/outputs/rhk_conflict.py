"""The RHK dialog's answer to a save refused because the RHK changed on another PC
(StaleEdit): the conflict dialog with their RHK beside the one typed here, then keep theirs
(the form shows their RHK) or overwrite (save mine against their revision). No merge: an RHK's
indicators are one per aspect, not a list both sides add to.

Apart from rhk_dialog.py to keep that module small; its words are translated in the dialog's
context ("RhkDialog").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from flexdesk.errors import FlexDeskError, StaleEdit
from flexdesk.services.outputs.skp import IndicatorInput, RhkInput, RhkRow
from flexdesk.ui.pages.outputs.common import aspect_label
from flexdesk.ui.widgets.conflict import Choice, FieldDiff, show_conflict

if TYPE_CHECKING:
    from flexdesk.ui.pages.outputs.rhk_dialog import RhkDialog


def _indicator(ind: IndicatorInput | None) -> str:
    if ind is None:
        return ""
    value = f"{ind.target_value:g}".replace(".", ",")
    return f"{ind.text} ({value} {ind.target_unit})".strip()


def rhk_diffs(dialog: RhkDialog, theirs: RhkRow, mine: RhkInput) -> list[FieldDiff]:
    """The RHK's fields, theirs against what the form holds."""
    diffs = [
        FieldDiff(
            QCoreApplication.translate("RhkDialog", "Jenis"),
            dialog.kind.itemText(dialog.kind.findData(theirs.kind.value)),
            dialog.kind.currentText(),
        ),
        FieldDiff(QCoreApplication.translate("RhkDialog", "Rumusan RHK *"), theirs.text, mine.text),
        FieldDiff(
            QCoreApplication.translate("RhkDialog", "RHK atasan yang diintervensi"),
            theirs.parent_text,
            dialog.parent_rhk.currentText() if mine.parent_rhk_id else "",
        ),
    ]
    their_ind = {i.aspect: i.to_input() for i in theirs.indicators}
    my_ind = {i.aspect: i for i in mine.indicators}
    for aspect in dialog.rows:
        diffs.append(
            FieldDiff(
                aspect_label(aspect),
                _indicator(their_ind.get(aspect)),
                _indicator(my_ind.get(aspect)),
            )
        )
    return diffs


def handle_conflict(dialog: RhkDialog, exc: FlexDeskError) -> bool:
    """Open the conflict dialog for a refused stale save; False: not a conflict."""
    if not isinstance(exc, StaleEdit) or not isinstance(exc.current, RhkRow):
        return False
    theirs = exc.current
    dialog.conflict = show_conflict(
        dialog,
        exc,
        rhk_diffs(dialog, theirs, dialog.form_input()),
        lambda choice: resolve(dialog, exc, choice),
    )
    return True


def resolve(dialog: RhkDialog, exc: StaleEdit, choice: Choice) -> None:
    theirs = exc.current
    assert isinstance(theirs, RhkRow)
    if choice is Choice.THEIRS:
        dialog.show_theirs(theirs)
        dialog.general_error.show_error(
            QCoreApplication.translate("RhkDialog", "Versi mereka dimuat; tidak ada yang disimpan.")
        )
        return
    dialog.expected_rev = exc.current_rev if exc.current_rev is not None else theirs.rev
    dialog.save()
