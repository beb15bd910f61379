"""The log dialog's answer to a save refused because the entry changed on another PC
(StaleEdit): the conflict dialog with their entry beside the one typed here, then keep
theirs (the form shows their entry), overwrite (save mine against their revision) or merge
(their entry plus the evidence added or removed here: evidence is a list, both sides kept).

Apart from log_dialog.py to keep that module small; its words are translated in the dialog's
context ("LogDialog").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from flexdesk.errors import FlexDeskError, StaleEdit
from flexdesk.services.outputs.logs import LogInput, LogRow
from flexdesk.ui.pages.outputs.common import combo_value, mode_label, to_qdate
from flexdesk.ui.widgets.conflict import Choice, FieldDiff, show_conflict

if TYPE_CHECKING:
    from flexdesk.ui.pages.outputs.log_dialog import LogDialog


def log_diffs(dialog: LogDialog, theirs: LogRow, mine: LogInput) -> list[FieldDiff]:
    """The entry's fields, theirs against what the form holds."""
    evidence = len(mine.add_files) + len(mine.add_links)
    my_evidence = theirs.evidence_count + evidence - len(mine.remove_evidence_ids)
    return [
        FieldDiff(
            QCoreApplication.translate("LogDialog", "Tanggal"),
            theirs.day.isoformat(),
            mine.day.isoformat(),
        ),
        FieldDiff(
            QCoreApplication.translate("LogDialog", "RHK"),
            theirs.rhk_text,
            dialog.rhk.currentText(),
        ),
        FieldDiff(
            QCoreApplication.translate("LogDialog", "Kegiatan"), theirs.activity, mine.activity
        ),
        FieldDiff(
            QCoreApplication.translate("LogDialog", "Jumlah"),
            f"{theirs.quantity:g} {theirs.unit}",
            f"{mine.quantity:g} {mine.unit}",
        ),
        FieldDiff(
            QCoreApplication.translate("LogDialog", "Waktu"),
            f"{theirs.start_time:%H:%M}–{theirs.end_time:%H:%M}",
            f"{mine.start_time:%H:%M}–{mine.end_time:%H:%M}",
        ),
        FieldDiff(
            QCoreApplication.translate("LogDialog", "Mode kerja"),
            mode_label(theirs.work_mode),
            mode_label(mine.work_mode),
        ),
        FieldDiff(
            QCoreApplication.translate("LogDialog", "Lokasi"), theirs.location, mine.location
        ),
        FieldDiff(
            QCoreApplication.translate("LogDialog", "Bukti"),
            str(theirs.evidence_count),
            str(my_evidence),
        ),
    ]


def handle_conflict(dialog: LogDialog, exc: FlexDeskError) -> bool:
    """Open the conflict dialog for a refused stale save; False: not a conflict."""
    if not isinstance(exc, StaleEdit) or not isinstance(exc.current, LogRow):
        return False
    mine = dialog.form_input()
    mergeable = bool(mine.add_files or mine.add_links or mine.remove_evidence_ids)
    dialog.conflict = show_conflict(
        dialog,
        exc,
        log_diffs(dialog, exc.current, mine),
        lambda choice: resolve(dialog, exc, choice),
        mergeable=mergeable,
    )
    return True


def show_theirs(dialog: LogDialog, theirs: LogRow) -> None:
    """Put their entry in the form (the evidence added here stays listed)."""
    dialog.existing = theirs
    dialog.expected_rev = theirs.rev
    dialog._wanted_rhk = theirs.rhk_id
    dialog.day.setDate(to_qdate(theirs.day))
    index = dialog.rhk.findData(theirs.rhk_id)
    if index >= 0 and combo_value(dialog.rhk) != theirs.rhk_id:
        dialog.rhk.setCurrentIndex(index)
    dialog._load(theirs)


def resolve(dialog: LogDialog, exc: StaleEdit, choice: Choice) -> None:
    theirs = exc.current
    assert isinstance(theirs, LogRow)
    if choice is Choice.THEIRS:
        show_theirs(dialog, theirs)
        dialog.general_error.show_error(
            QCoreApplication.translate("LogDialog", "Versi mereka dimuat; tidak ada yang disimpan.")
        )
        return
    if choice is Choice.MERGE:  # their entry, plus the evidence changed here
        show_theirs(dialog, theirs)
    dialog.expected_rev = exc.current_rev if exc.current_rev is not None else theirs.rev
    dialog.save()
