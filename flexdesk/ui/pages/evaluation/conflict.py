"""The evaluation editor's answer to a draft save refused because the evaluation was saved
on another PC since the editor read it (StaleEdit carrying the current EvaluationDetail):
the conflict dialog with their ratings and note beside the ones typed here, then keep theirs
(the editor shows their evaluation; the edits here are dropped) or overwrite (the same edits
saved again against their revision). No merge: the form's rows are edited as one form.

Its words are translated in the editor's context ("EvaluationEditor").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from flexdesk.domain.performance import Rating
from flexdesk.errors import FlexDeskError, StaleEdit
from flexdesk.services.evaluation import service as ev
from flexdesk.ui.pages.evaluation.common import rating_text
from flexdesk.ui.widgets.conflict import Choice, FieldDiff, show_conflict

if TYPE_CHECKING:
    from flexdesk.ui.pages.evaluation.editor import EvaluationEditor


def evaluation_diffs(
    theirs: ev.EvaluationDetail, mine: ev.EvaluationChanges, lang: str
) -> list[FieldDiff]:
    """Their evaluation against the edits in the form (a field left as it was shows theirs)."""

    def pick(value: object, current: object) -> object:
        return current if value is ev.KEEP else value

    rows = len(mine.indicators) + len(mine.rhk_feedback) + len(mine.behaviours)
    hasil = pick(mine.rating_hasil_kerja, theirs.rating_hasil_kerja)
    perilaku = pick(mine.rating_perilaku, theirs.rating_perilaku)
    return [
        FieldDiff(
            QCoreApplication.translate("EvaluationEditor", "Rating hasil kerja"),
            rating_text(theirs.rating_hasil_kerja, lang),
            rating_text(hasil if isinstance(hasil, Rating) else None, lang),
        ),
        FieldDiff(
            QCoreApplication.translate("EvaluationEditor", "Rating perilaku kerja"),
            rating_text(theirs.rating_perilaku, lang),
            rating_text(perilaku if isinstance(perilaku, Rating) else None, lang),
        ),
        FieldDiff(
            QCoreApplication.translate("EvaluationEditor", "Catatan"),
            theirs.catatan,
            str(pick(mine.catatan, theirs.catatan)),
        ),
        FieldDiff(
            QCoreApplication.translate("EvaluationEditor", "Realisasi dan umpan balik"),
            QCoreApplication.translate("EvaluationEditor", "versi tersimpan mereka"),
            QCoreApplication.translate("EvaluationEditor", "{n} baris diisi di sini").format(
                n=rows
            ),
        ),
    ]


def handle_conflict(
    editor: EvaluationEditor, exc: FlexDeskError, changes: ev.EvaluationChanges
) -> bool:
    """Open the conflict dialog for a refused stale save; False: not a conflict."""
    if not isinstance(exc, StaleEdit) or not isinstance(exc.current, ev.EvaluationDetail):
        return False
    theirs = exc.current

    def resolve(choice: Choice) -> None:
        if choice is Choice.THEIRS:
            editor.set_detail(theirs)
            return
        editor.save_changes(changes, expected_rev=exc.current_rev or theirs.rev)

    editor.dialog = show_conflict(
        editor, exc, evaluation_diffs(theirs, changes, editor.lang), resolve
    )
    return True
