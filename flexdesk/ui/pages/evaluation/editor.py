"""The evaluation form editor: one employee's evaluation for one period.

The supervisor fills in realisasi (pre-filled from accepted output logs; a changed value needs
a reason), umpan balik per RHK and per BerAKHLAK value and the two ratings (the predikat
follows live from the official matrix), then saves, shares with the employee, finalises or
reopens. The employee sees it once shared and may add a comment. Every step goes through
``flexdesk.services.evaluation.service``; a button the service would refuse is disabled and says why,
and a refused call shows the service's sentence while the edits stay on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from flexdesk.domain.dates import Lang
from flexdesk.errors import FlexDeskError
from flexdesk.services.evaluation import service as ev
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp
from flexdesk.ui.pages.evaluation import editor_parts
from flexdesk.ui.pages.evaluation.behaviour import BehaviourSection
from flexdesk.ui.pages.evaluation.common import (
    ReasonDialog,
    confirm,
)
from flexdesk.ui.pages.evaluation.conflict import handle_conflict
from flexdesk.ui.pages.evaluation.preview import open_form_preview
from flexdesk.ui.pages.evaluation.rating import RatingSection
from flexdesk.ui.pages.evaluation.sections import RhkSection
from flexdesk.ui.widgets.forms import ErrorLabel
from flexdesk.ui.widgets.pdf_preview import PdfPreviewDialog
from flexdesk.ui.widgets.style import ERROR_COLOUR


class EvaluationEditor(QDialog):
    """A window with the whole evaluation; ``changed`` after every successful step."""

    changed = Signal()
    # built by editor_parts (heading, comment tab, step buttons)
    heading: QLabel
    status_label: QLabel
    comment: QPlainTextEdit
    comment_info: QLabel
    comment_button: QPushButton
    save_button: QPushButton
    refresh_button: QPushButton
    share_button: QPushButton
    finalise_button: QPushButton
    reopen_button: QPushButton
    preview_button: QPushButton

    def __init__(self, ctx: UiContext, detail: ev.EvaluationDetail, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluation_editor")
        self.ctx = ctx
        self.lang = ctx.lang
        self.detail = detail
        self.dirty = False
        self._busy = False  # a step is running on the database worker
        self.dialog: QDialog | QMessageBox | None = None
        self.preview: PdfPreviewDialog | None = None

        top = editor_parts.build_top(self)
        self.rhk = RhkSection(self.lang)
        self.behaviour = BehaviourSection()
        self.rating = RatingSection(self.lang)
        comment_tab = editor_parts.build_comment_tab(self)
        self.history = QListWidget()
        self.history.setObjectName("evaluation_history")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("editor_tabs")
        self.tabs.addTab(self.rhk, self.tr("Hasil kerja"))
        self.tabs.addTab(self.behaviour, self.tr("Perilaku kerja"))
        self.tabs.addTab(self.rating, self.tr("Rating dan predikat"))
        self.tabs.addTab(comment_tab, self.tr("Tanggapan pegawai"))
        self.tabs.addTab(self.history, self.tr("Riwayat"))

        self.predikat_bar = QLabel()
        self.predikat_bar.setObjectName("predikat_bar")
        self.error = ErrorLabel()
        self.error.setObjectName("editor_error")
        self.info = QLabel()
        self.info.setObjectName("editor_info")
        self.info.setStyleSheet("color: #1e7b34;")
        self.info.setWordWrap(True)
        self.info.setVisible(False)

        buttons = editor_parts.build_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.predikat_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addLayout(buttons)

        editor_parts.add_shortcuts(self)
        for signal in (self.rhk.changed, self.behaviour.changed, self.rating.changed):
            signal.connect(self._edited)
        self.rhk.problem.connect(self.error.show_error)
        self.comment.textChanged.connect(self._update_buttons)
        self.resize(1180, 760)
        self.set_detail(detail)

    # -- showing ---------------------------------------------------------------------------
    def set_detail(self, detail: ev.EvaluationDetail) -> None:
        """Show ``detail`` (after loading or after a successful step); edits start afresh."""
        self.detail = detail
        editor_parts.show_heading(self, detail)
        editable = detail.can_edit
        self.rhk.set_detail(detail, editable)
        self.behaviour.set_detail(detail, editable)
        self.rating.set_detail(detail, editable)
        self._show_comment(detail)
        self._show_history(detail)
        self.dirty = False
        self._update_buttons()

    def _show_comment(self, detail: ev.EvaluationDetail) -> None:
        self.comment.blockSignals(True)
        self.comment.setPlainText(detail.employee_comment)
        self.comment.blockSignals(False)
        self.comment.setReadOnly(not detail.can_comment)
        if detail.can_comment:
            info = self.tr("Tulis tanggapan Anda atas evaluasi ini; atasan dapat membacanya.")
        elif detail.employee_comment:
            info = self.tr("Tanggapan pegawai:")
        else:
            info = self.tr("Pegawai belum memberi tanggapan.")
        self.comment_info.setText(info)

    def _show_history(self, detail: ev.EvaluationDetail) -> None:
        self.history.clear()
        acting = {
            "admin_atasan": self.tr("admin sebagai atasan pejabat penilai"),
            "admin": self.tr("admin atas nama pegawai"),
        }
        for event in detail.events:
            at = event.at.astimezone() if event.at.tzinfo is not None else event.at  # local time
            text = f"{at:%d/%m/%Y %H.%M} — {event.step.label_for(self._lang_code())}"
            text += f" — {event.actor_name}"
            if event.acting_as in acting:
                text += f" ({acting[event.acting_as]})"
            if event.note:
                text += f": {event.note}"
            self.history.addItem(text)

    def _lang_code(self) -> Lang:
        return "en" if self.lang == "en" else "id"

    def _edited(self) -> None:
        self.dirty = True
        self._show_info("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        editor_parts.update_buttons(self)

    # -- steps -----------------------------------------------------------------------------
    def _changes(self) -> ev.EvaluationChanges | None:
        try:
            indicators, feedback = self.rhk.changes()
        except ValueError as exc:
            self.error.show_error(
                self.tr("Realisasi “{what}” harus berupa angka, misalnya 12 atau 2,5.").format(
                    what=exc
                )
            )
            self.tabs.setCurrentWidget(self.rhk)
            return None
        behaviours = self.behaviour.changes()
        return self.rating.apply(
            lambda **fields: ev.EvaluationChanges(
                indicators=indicators, rhk_feedback=feedback, behaviours=behaviours, **fields
            )
        )

    def _run(
        self, fn: Callable[..., ev.EvaluationDetail], *args: object, done: str,
        then: Callable[[], None] | None = None, **kwargs: object,
    ) -> None:  # fmt: skip
        """Run a service step on the database worker (its buttons off meanwhile); on success
        show the new state (then ``then()``), else the error (the edits stay on screen)."""
        self.error.clear_error()
        self._busy = True
        self._update_buttons()

        def succeeded(detail: ev.EvaluationDetail) -> None:
            self._busy = False
            self.set_detail(detail)
            self._show_info(done)
            self.changed.emit()
            if then is not None:
                then()

        def refused(exc: FlexDeskError) -> None:
            self._busy = False
            self._update_buttons()
            # saved on another PC since this editor read it: theirs or overwrite
            if fn is ev.save_draft and handle_conflict(self, exc, args[0]):  # type: ignore[arg-type]
                return
            self._show_error(exc)

        MutationOp(self.ctx, fn, self.detail.id, *args, topics=["evaluation"], **kwargs).on_success(
            succeeded
        ).on_failure(refused).run(parent=self)

    def _show_info(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(bool(text))

    def _show_error(self, exc: FlexDeskError) -> None:
        self.error.show_error(self.ctx.message(exc))
        field = exc.field or ""
        if field.startswith("reason:"):
            line = self.rhk.rows.get(field.removeprefix("reason:"))
            if line is not None:
                self.tabs.setCurrentWidget(self.rhk)
                line.reason.setFocus()
                line.reason.setStyleSheet(f"border: 1px solid {ERROR_COLOUR};")

    def save(self) -> None:
        """Save the edits as a draft (also on a shared evaluation)."""
        self._save()

    def _save(self, then: Callable[[], None] | None = None) -> None:
        """Save the edits, then ``then()``: at once when there is nothing to save, never when
        the save is refused or the form cannot be saved."""
        if not self.detail.can_edit or self._busy:
            return
        if not self.dirty:
            if then is not None:
                then()
            return
        changes = self._changes()
        if changes is None:
            return
        self.save_changes(changes, expected_rev=self.detail.rev, then=then)

    def save_changes(
        self, changes: ev.EvaluationChanges, *, expected_rev: int,
        then: Callable[[], None] | None = None,
    ) -> None:  # fmt: skip
        """Save ``changes`` against revision ``expected_rev`` (the one shown, or theirs when
        overwriting after a conflict)."""
        self._run(ev.save_draft, changes, done=self.tr("Perubahan tersimpan."), then=then,
                  expected_rev=expected_rev)  # fmt: skip

    def refresh_realisation(self) -> None:
        self._save(
            then=lambda: self._run(
                ev.refresh_realisation,
                done=self.tr("Realisasi dibaca ulang dari log output yang diterima."),
            )
        )

    def share(self) -> None:
        def go() -> None:
            done = self.tr("Evaluasi dibagikan; pegawai kini dapat melihat dan menanggapinya.")
            self._save(then=lambda: self._run(ev.share, done=done))

        self.dialog = confirm(
            self,
            self.tr("Bagikan evaluasi"),
            self.tr(
                "Bagikan evaluasi {period} kepada {name}? Pegawai akan dapat melihat dan "
                "menanggapinya; Anda masih dapat mengubahnya sampai ditetapkan."
            ).format(
                period=self.detail.period.label(self._lang_code()), name=self.detail.employee_name
            ),
            self.tr("Bagikan"),
            go,
        )

    def finalise(self) -> None:
        def go() -> None:
            done = self.tr("Evaluasi ditetapkan dan terkunci.")
            self._save(then=lambda: self._run(ev.finalise, done=done))

        hasil, perilaku = self.rating.hasil.value(), self.rating.perilaku.value()
        if hasil is not None and perilaku is not None:
            question = self.tr(
                "Tetapkan evaluasi {period} untuk {name} dengan predikat {predikat}? Setelah "
                "ditetapkan, evaluasi terkunci; membukanya kembali memerlukan alasan yang dicatat."
            )
        else:  # the service will name what is missing
            question = self.tr("Tetapkan evaluasi {period} untuk {name}?")
        self.dialog = confirm(
            self,
            self.tr("Tetapkan evaluasi"),
            question.format(
                period=self.detail.period.label(self._lang_code()),
                name=self.detail.employee_name,
                predikat=self.rating.predikat.text(),
            ),
            self.tr("Tetapkan"),
            go,
            warning=True,
        )

    def reopen(self) -> None:
        dialog = ReasonDialog(
            self.tr("Buka kembali evaluasi"),
            self.tr("Mengapa evaluasi yang sudah ditetapkan perlu diubah? Alasan ini dicatat."),
            self,
        )
        self.dialog = dialog
        done = self.tr("Evaluasi dibuka kembali.")
        dialog.accepted.connect(lambda: self._run(ev.reopen, dialog.value(), done=done))
        dialog.open()

    def send_comment(self) -> None:
        text = self.comment.toPlainText().strip()
        self._run(ev.comment, text, done=self.tr("Tanggapan Anda tersimpan."))

    # -- preview ---------------------------------------------------------------------------
    def open_preview(self) -> None:
        """The printed form as it is saved now (unsaved edits are not in it: say so)."""
        d = self.detail

        def ready(preview: PdfPreviewDialog) -> None:
            if self.dirty:
                preview.status.setText(
                    self.tr("Perubahan yang belum disimpan tidak termasuk dalam pratinjau ini.")
                )
            self.preview = preview
            preview.show()

        open_form_preview(
            self.ctx,
            self,
            (d.id, d.employee_name, d.period),
            ready,
            lambda exc: self.error.show_error(self.ctx.message(exc)),
        )

    # -- closing ---------------------------------------------------------------------------
    def unsaved(self) -> bool:
        """Edits not saved yet, or a comment typed but not sent."""
        return self.dirty or self.comment_button.isEnabled()

    def reject(self) -> None:
        """Esc, "Tutup" and the window's close button (QDialog.closeEvent calls reject):
        with unsaved edits, ask first."""
        if not self.unsaved():
            super().reject()
            return

        def discard() -> None:
            self.dirty = False
            self.comment.blockSignals(True)
            self.comment.setPlainText(self.detail.employee_comment)
            self.comment.blockSignals(False)
            self._update_buttons()
            super(EvaluationEditor, self).reject()

        self.dialog = confirm(
            self,
            self.tr("Perubahan belum disimpan"),
            self.tr("Tutup tanpa menyimpan perubahan pada evaluasi ini?"),
            self.tr("Tutup tanpa menyimpan"),
            discard,
            warning=True,
        )
