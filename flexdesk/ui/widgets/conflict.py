"""The conflict dialog: a save was refused because another PC changed the record since this
form read it (:class:`flexdesk.errors.StaleEdit`). It says who changed it, on which PC and
when, shows their value beside the one typed here, and lets the user choose: keep theirs
(the form reloads their version), overwrite with mine (saved again against their revision,
deliberately), or merge (only where a field is a list, e.g. a log's evidence: both kept).
Escape goes back to the form with nothing saved and nothing typed lost.

Non-blocking (``open()``, the ``chosen`` signal): a modal ``exec()`` loop inside a database
worker's callback would stall the other results queued behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import StaleEdit


class Choice(Enum):
    THEIRS = "theirs"  # reload their version (nothing of mine is saved)
    OVERWRITE = "overwrite"  # save mine against their revision
    MERGE = "merge"  # their version plus my list items


@dataclass(frozen=True)
class FieldDiff:
    """One field of the record: its label, their value and mine, as shown."""

    label: str
    theirs: str
    mine: str

    @property
    def differs(self) -> bool:
        return self.theirs != self.mine


def local_time(iso_utc: str | None) -> str:
    """An ISO UTC time as this PC's local ``dd-mm-yyyy HH:MM`` ("?" when unknown)."""
    if not iso_utc:
        return "?"
    at = datetime.fromisoformat(iso_utc)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%d-%m-%Y %H:%M")


class ConflictDialog(QDialog):
    """Their version against mine, and the three ways on (see the module docstring)."""

    chosen = Signal(object)  # Choice

    def __init__(
        self,
        error: StaleEdit,
        fields: Sequence[FieldDiff],
        *,
        mergeable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Data diubah di PC lain"))
        self.setMinimumWidth(560)
        self.choice: Choice | None = None
        layout = QVBoxLayout(self)
        who = error.changed_by or "?"
        pc = error.workstation or "?"
        self.summary = QLabel(
            self.tr(
                "Data ini diubah oleh {name} di PC {pc} pada {time} sejak Anda membukanya. "
                "Belum ada yang disimpan."
            ).format(name=who, pc=pc, time=local_time(error.changed_at))
        )
        self.summary.setObjectName("conflict_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self._build_table(fields), 1)
        layout.addLayout(self._build_buttons(mergeable))
        self.theirs_button.setDefault(True)  # Enter: the safe choice, nothing overwritten
        self.theirs_button.setFocus()

    def _build_table(self, fields: Sequence[FieldDiff]) -> QScrollArea:
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for col, title in enumerate(("", self.tr("Versi mereka"), self.tr("Versi Anda"))):
            head = QLabel(f"<b>{title}</b>")
            grid.addWidget(head, 0, col)
        shown = [f for f in fields if f.differs] or list(fields)
        for row, diff in enumerate(shown, start=1):
            grid.addWidget(QLabel(diff.label), row, 0, Qt.AlignmentFlag.AlignTop)
            for col, text in ((1, diff.theirs), (2, diff.mine)):
                value = QLabel(text or "—")
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setObjectName(f"{'theirs' if col == 1 else 'mine'}_{row}")
                grid.addWidget(value, row, col, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(shown) + 1, 1)
        self.shown_fields = shown
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setMaximumHeight(420)  # the dialog stays inside 1366x768 however long the values
        return scroll

    def _build_buttons(self, mergeable: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        self.theirs_button = QPushButton(self.tr("&Pakai versi mereka"))
        self.theirs_button.setObjectName("conflict_theirs")
        self.overwrite_button = QPushButton(self.tr("&Timpa dengan versi saya"))
        self.overwrite_button.setObjectName("conflict_overwrite")
        self.merge_button = QPushButton(self.tr("&Gabungkan"))
        self.merge_button.setObjectName("conflict_merge")
        self.merge_button.setToolTip(
            self.tr("Simpan versi mereka ditambah daftar (mis. bukti) yang Anda tambahkan.")
        )
        self.merge_button.setVisible(mergeable)
        self.cancel_button = QPushButton(self.tr("Kembali ke formulir"))
        self.cancel_button.setObjectName("conflict_cancel")
        for button, choice in (
            (self.theirs_button, Choice.THEIRS),
            (self.overwrite_button, Choice.OVERWRITE),
            (self.merge_button, Choice.MERGE),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            row.addWidget(button)
        row.addStretch(1)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.cancel_button)
        return row

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
        self.chosen.emit(choice)


def show_conflict(
    parent: QWidget,
    error: StaleEdit,
    fields: Sequence[FieldDiff],
    on_choice: Callable[[Choice], None],
    *,
    mergeable: bool = False,
) -> ConflictDialog:
    """Open the conflict dialog over ``parent``; ``on_choice(Choice)`` runs on a choice
    (nothing runs on Escape / "back to the form")."""
    for old in parent.findChildren(ConflictDialog):  # an earlier refusal's, closed by now
        old.deleteLater()
    # owned by ``parent`` (gone with the form), not deleted on close: the form reads it after
    dialog = ConflictDialog(error, fields, mergeable=mergeable, parent=parent)
    dialog.chosen.connect(on_choice)
    dialog.open()
    return dialog
