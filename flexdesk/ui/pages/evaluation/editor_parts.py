"""The evaluation editor's fixed parts: its heading, the comment tab, the row of step buttons
and which step each button offers now (a button the service would refuse is disabled and
says why). Texts keep the editor's translation context ("EvaluationEditor")."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from flexdesk.domain.evaluation import missing_ratings
from flexdesk.services.evaluation import service as ev
from flexdesk.services.permissions import Action
from flexdesk.ui.pages.evaluation.common import STATUS_COLOURS, status_text
from flexdesk.ui.pages.evaluation.list_model import nip_text

if TYPE_CHECKING:
    from flexdesk.ui.pages.evaluation.editor import EvaluationEditor


def _state(b: QPushButton, ok: bool, why: str, tip: str) -> None:
    """A step button: enabled with its tooltip, or disabled saying why."""
    b.setEnabled(ok)
    b.setToolTip(tip if ok else why)


def build_top(editor: EvaluationEditor) -> QHBoxLayout:
    editor.heading = QLabel()
    editor.heading.setObjectName("editor_heading")
    editor.heading.setWordWrap(True)
    editor.heading.setTextFormat(Qt.TextFormat.RichText)
    editor.status_label = QLabel()
    editor.status_label.setObjectName("editor_status")
    editor.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    top = QHBoxLayout()
    top.addWidget(editor.heading, 1)
    top.addWidget(editor.status_label)
    return top


def build_comment_tab(editor: EvaluationEditor) -> QWidget:
    editor.comment = QPlainTextEdit()
    editor.comment.setObjectName("employee_comment")
    editor.comment.setTabChangesFocus(True)
    editor.comment_info = QLabel()
    editor.comment_info.setWordWrap(True)
    editor.comment_button = QPushButton(
        QCoreApplication.translate("EvaluationEditor", "Kirim tanggapan")
    )
    editor.comment_button.setObjectName("comment_button")
    editor.comment_button.setAutoDefault(False)
    editor.comment_button.clicked.connect(editor.send_comment)
    comment_tab = QWidget()
    comment_layout = QVBoxLayout(comment_tab)
    comment_layout.addWidget(editor.comment_info)
    comment_layout.addWidget(editor.comment, 1)
    comment_row = QHBoxLayout()
    comment_row.addStretch(1)
    comment_row.addWidget(editor.comment_button)
    comment_layout.addLayout(comment_row)
    return comment_tab


def build_buttons(editor: EvaluationEditor) -> QHBoxLayout:
    def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAutoDefault(False)  # Enter in a field must not save, share or finalise
        b.clicked.connect(slot)
        return b

    editor.save_button = button(
        QCoreApplication.translate("EvaluationEditor", "Simpan draf"), "save_button", editor.save
    )
    editor.refresh_button = button(
        QCoreApplication.translate("EvaluationEditor", "Perbarui realisasi"),
        "refresh_button",
        editor.refresh_realisation,
    )
    editor.share_button = button(
        QCoreApplication.translate("EvaluationEditor", "Bagikan ke pegawai…"),
        "share_button",
        editor.share,
    )
    editor.finalise_button = button(
        QCoreApplication.translate("EvaluationEditor", "Tetapkan…"),
        "finalise_button",
        editor.finalise,
    )
    editor.reopen_button = button(
        QCoreApplication.translate("EvaluationEditor", "Buka kembali…"),
        "reopen_button",
        editor.reopen,
    )
    editor.preview_button = button(
        QCoreApplication.translate("EvaluationEditor", "Pratinjau PDF"),
        "preview_button",
        editor.open_preview,
    )
    close_button = button(
        QCoreApplication.translate("EvaluationEditor", "Tutup"), "close_button", editor.reject
    )
    buttons = QHBoxLayout()
    for b in (editor.save_button, editor.refresh_button, editor.share_button):
        buttons.addWidget(b)
    for b in (editor.finalise_button, editor.reopen_button):
        buttons.addWidget(b)
    if not editor.ctx.actor.can(Action.EVALUATION_RATE):  # an employee only reads and comments
        for b in (editor.save_button, editor.refresh_button, editor.share_button):
            b.setVisible(False)
        for b in (editor.finalise_button, editor.reopen_button):
            b.setVisible(False)
    buttons.addStretch(1)
    buttons.addWidget(editor.preview_button)
    buttons.addWidget(close_button)
    return buttons


def add_shortcuts(editor: EvaluationEditor) -> None:
    for key, slot in (
        (QKeySequence.StandardKey.Save, editor.save),
        (QKeySequence.StandardKey.Print, editor.open_preview),
    ):
        action = QAction(editor)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        editor.addAction(action)
    editor.save_button.setToolTip(
        QCoreApplication.translate(
            "EvaluationEditor", "Simpan perubahan tanpa membagikannya (Ctrl+S)"
        )
    )
    editor.preview_button.setToolTip(
        QCoreApplication.translate("EvaluationEditor", "Pratinjau formulir yang dicetak (Ctrl+P)")
    )


def show_heading(editor: EvaluationEditor, detail: ev.EvaluationDetail) -> None:
    editor.setWindowTitle(
        QCoreApplication.translate("EvaluationEditor", "Evaluasi {name} — {period}").format(
            name=detail.employee_name, period=detail.period.label(editor._lang_code())
        )
    )
    nip = nip_text(detail.nip)
    lines = [
        f"<span style='font-size: 13pt'><b>{html.escape(detail.employee_name)}</b></span>"
        + (f" &nbsp; NIP {nip}" if nip else ""),
        html.escape(f"{detail.jabatan} · {detail.unit_name}"),
        QCoreApplication.translate(
            "EvaluationEditor", "Periode {period} · Pejabat penilai: {name}"
        ).format(
            period=detail.period.label(editor._lang_code()),
            name=html.escape(detail.evaluator_name or "–"),
        ),
    ]
    if detail.atasan_name:
        lines.append(
            QCoreApplication.translate("EvaluationEditor", "Atasan pejabat penilai: {name}").format(
                name=html.escape(detail.atasan_name)
            )
        )
    editor.heading.setText("<br>".join(lines))
    colour = STATUS_COLOURS[detail.status].name()
    editor.status_label.setText(
        f"<span style='font-size: 12pt; color: {colour}'><b>"
        f"{status_text(detail.status, editor.lang)}</b></span>"
    )


def update_buttons(editor: EvaluationEditor) -> None:
    d = editor.detail
    editor.predikat_bar.setText(
        QCoreApplication.translate("EvaluationEditor", "Predikat kinerja: {p}").format(
            p=editor.rating.predikat.text()
        )
    )
    not_rater = QCoreApplication.translate(
        "EvaluationEditor", "Hanya pejabat penilai pegawai ini yang dapat mengubahnya."
    )
    update_edit_buttons(editor, d, not_rater)
    finalise_ok, finalise_why = finalise_state(editor, d, not_rater)
    _state(
        editor.finalise_button,
        finalise_ok,
        finalise_why,
        QCoreApplication.translate("EvaluationEditor", "Tetapkan evaluasi; setelah itu terkunci"),
    )
    update_reopen_and_comment(editor, d)
    if editor._busy:  # one step at a time; the edits stay on screen meanwhile
        for b in step_buttons(editor):
            b.setEnabled(False)


def update_edit_buttons(editor: EvaluationEditor, d: ev.EvaluationDetail, not_rater: str) -> None:
    """Simpan draf, Perbarui realisasi, Bagikan."""
    state = _state
    if d.locked:
        locked = QCoreApplication.translate(
            "EvaluationEditor",
            "Evaluasi sudah ditetapkan dan terkunci; buka kembali untuk mengubah.",
        )
        edit_why = locked
    else:
        edit_why = not_rater
    state(
        editor.save_button,
        d.can_edit and editor.dirty,
        edit_why
        if not d.can_edit
        else QCoreApplication.translate("EvaluationEditor", "Belum ada perubahan."),
        QCoreApplication.translate(
            "EvaluationEditor", "Simpan perubahan tanpa membagikannya (Ctrl+S)"
        ),
    )
    state(
        editor.refresh_button,
        d.can_edit,
        edit_why,
        QCoreApplication.translate(
            "EvaluationEditor", "Baca ulang realisasi dari log output yang diterima"
        ),
    )
    share_why = (
        not_rater
        if not d.can_edit and not d.locked
        else QCoreApplication.translate(
            "EvaluationEditor", "Hanya evaluasi berstatus draf yang dapat dibagikan."
        )
    )
    state(
        editor.share_button,
        d.can_share,
        share_why,
        QCoreApplication.translate(
            "EvaluationEditor", "Pegawai dapat melihat dan menanggapi evaluasi ini"
        ),
    )


def finalise_state(
    editor: EvaluationEditor, d: ev.EvaluationDetail, not_rater: str
) -> tuple[bool, str]:
    """Whether Tetapkan is offered now, and why not."""
    # What finalising would still need, as the form shows it now (finalise() saves first).
    live_missing = missing_ratings(editor.rating.hasil.value(), editor.rating.perilaku.value())
    missing = ", ".join(m[1] if editor.lang == "en" else m[0] for m in live_missing)
    if d.locked:
        finalise_ok, finalise_why = (
            False,
            QCoreApplication.translate("EvaluationEditor", "Evaluasi sudah ditetapkan."),
        )
    elif d.status is ev.EvaluationStatus.DRAFT:
        finalise_ok = False
        finalise_why = QCoreApplication.translate(
            "EvaluationEditor", "Bagikan evaluasi kepada pegawai terlebih dahulu."
        )
    elif live_missing:
        finalise_ok = False
        finalise_why = QCoreApplication.translate(
            "EvaluationEditor", "Belum diisi: {what}."
        ).format(what=missing)
    elif d.can_finalise or (editor.dirty and d.can_edit):
        finalise_ok, finalise_why = True, ""
    else:
        finalise_ok, finalise_why = False, not_rater
    return finalise_ok, finalise_why


def update_reopen_and_comment(editor: EvaluationEditor, d: ev.EvaluationDetail) -> None:
    _state(
        editor.reopen_button,
        d.can_reopen,
        QCoreApplication.translate(
            "EvaluationEditor",
            "Hanya evaluasi yang sudah ditetapkan yang dapat dibuka kembali, oleh pejabat penilainya.",
        )
        if not d.locked or not d.can_reopen
        else "",
        QCoreApplication.translate(
            "EvaluationEditor", "Buka kembali untuk koreksi; alasannya dicatat"
        ),
    )
    editor.comment_button.setEnabled(
        d.can_comment and editor.comment.toPlainText().strip() != d.employee_comment.strip()
    )
    editor.comment_button.setToolTip(
        ""
        if d.can_comment
        else QCoreApplication.translate(
            "EvaluationEditor",
            "Tanggapan hanya dapat ditulis pegawai yang dinilai selama evaluasi dibagikan.",
        )
    )


def step_buttons(editor: EvaluationEditor) -> tuple[QPushButton, ...]:
    return (
        editor.save_button, editor.refresh_button, editor.share_button, editor.finalise_button,
        editor.reopen_button, editor.comment_button,
    )  # fmt: skip
