"""The evaluation form editor: one employee's evaluation for one period.

The supervisor fills in realisasi (pre-filled from accepted output logs; a changed value needs
a reason), umpan balik per RHK and per BerAKHLAK value and the two ratings (the predikat
follows live from the official matrix), then saves, shares with the employee, finalises or
reopens. The employee sees it once shared and may add a comment. Every step goes through
``flexdesk.services.evaluation.service``; a button the service would refuse is disabled and says why,
and a refused call shows the service's sentence while the edits stay on screen.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
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
from flexdesk.domain.evaluation import missing_ratings
from flexdesk.errors import FlexDeskError
from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
from flexdesk.services.evaluation import service as ev
from flexdesk.services.permissions import Action, Actor
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.pages.evaluation.behaviour import BehaviourSection
from flexdesk.ui.pages.evaluation.common import (
    STATUS_COLOURS,
    ReasonDialog,
    confirm,
    file_slug,
    status_text,
)
from flexdesk.ui.pages.evaluation.list_model import nip_text
from flexdesk.ui.pages.evaluation.rating import RatingSection
from flexdesk.ui.pages.evaluation.sections import RhkSection
from flexdesk.ui.widgets.forms import ErrorLabel
from flexdesk.ui.widgets.pdf_preview import PdfPreviewDialog
from flexdesk.ui.widgets.style import ERROR_COLOUR


def form_pdf(session: Any, actor: Actor, evaluation_id: str) -> bytes:
    """One evaluation's printed form, read and rendered on the database worker."""
    return build_evaluation_pdf_bytes(ev.form_data(session, actor, evaluation_id))


def open_form_preview(
    ctx: UiContext,
    parent: QWidget,
    which: tuple[str, str, ev.PeriodRef],
    on_ready: Callable[[PdfPreviewDialog], None],
    on_error: Callable[[FlexDeskError], None],
) -> None:
    """A preview window of one evaluation's printed form: ``which`` is (evaluation id,
    employee name, period); ``on_ready(dialog)`` once the PDF is made, ``on_error`` when
    refused."""
    evaluation_id, name, period = which

    def ready(pdf: bytes) -> None:
        lang: Lang = "en" if ctx.lang == "en" else "id"
        title = QCoreApplication.translate(
            "EvaluationEditor", "Pratinjau evaluasi {name} — {period}"
        ).format(name=name, period=period.label(lang))
        stem = f"{file_slug(name)}-{period.year}-{period.period_type.value}-{period.index:02d}"
        path = Path(ctx.paths.exports) / f"evaluasi-{stem}.pdf"
        on_ready(PdfPreviewDialog(parent, title, pdf, suggested_path=path, lang=ctx.lang))

    QueryOp(ctx, form_pdf, evaluation_id).on_success(ready).on_failure(on_error).run(parent=parent)


def _state(b: QPushButton, ok: bool, why: str, tip: str) -> None:
    """A step button: enabled with its tooltip, or disabled saying why."""
    b.setEnabled(ok)
    b.setToolTip(tip if ok else why)


class EvaluationEditor(QDialog):
    """A window with the whole evaluation; ``changed`` after every successful step."""

    changed = Signal()

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

        top = self._build_top()
        self.rhk = RhkSection(self.lang)
        self.behaviour = BehaviourSection()
        self.rating = RatingSection(self.lang)
        comment_tab = self._build_comment_tab()
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

        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.predikat_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addLayout(buttons)

        self._add_shortcuts()
        for signal in (self.rhk.changed, self.behaviour.changed, self.rating.changed):
            signal.connect(self._edited)
        self.rhk.problem.connect(self.error.show_error)
        self.comment.textChanged.connect(self._update_buttons)
        self.resize(1180, 760)
        self.set_detail(detail)

    def _build_top(self) -> QHBoxLayout:
        self.heading = QLabel()
        self.heading.setObjectName("editor_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.status_label = QLabel()
        self.status_label.setObjectName("editor_status")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status_label)
        return top

    def _build_comment_tab(self) -> QWidget:
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("employee_comment")
        self.comment.setTabChangesFocus(True)
        self.comment_info = QLabel()
        self.comment_info.setWordWrap(True)
        self.comment_button = QPushButton(self.tr("Kirim tanggapan"))
        self.comment_button.setObjectName("comment_button")
        self.comment_button.setAutoDefault(False)
        self.comment_button.clicked.connect(self.send_comment)
        comment_tab = QWidget()
        comment_layout = QVBoxLayout(comment_tab)
        comment_layout.addWidget(self.comment_info)
        comment_layout.addWidget(self.comment, 1)
        comment_row = QHBoxLayout()
        comment_row.addStretch(1)
        comment_row.addWidget(self.comment_button)
        comment_layout.addLayout(comment_row)
        return comment_tab

    def _build_buttons(self) -> QHBoxLayout:
        def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setAutoDefault(False)  # Enter in a field must not save, share or finalise
            b.clicked.connect(slot)
            return b

        self.save_button = button(self.tr("Simpan draf"), "save_button", self.save)
        self.refresh_button = button(
            self.tr("Perbarui realisasi"), "refresh_button", self.refresh_realisation
        )
        self.share_button = button(self.tr("Bagikan ke pegawai…"), "share_button", self.share)
        self.finalise_button = button(self.tr("Tetapkan…"), "finalise_button", self.finalise)
        self.reopen_button = button(self.tr("Buka kembali…"), "reopen_button", self.reopen)
        self.preview_button = button(self.tr("Pratinjau PDF"), "preview_button", self.open_preview)
        close_button = button(self.tr("Tutup"), "close_button", self.reject)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.refresh_button, self.share_button):
            buttons.addWidget(b)
        for b in (self.finalise_button, self.reopen_button):
            buttons.addWidget(b)
        if not self.ctx.actor.can(Action.EVALUATION_RATE):  # an employee only reads and comments
            for b in (self.save_button, self.refresh_button, self.share_button):
                b.setVisible(False)
            for b in (self.finalise_button, self.reopen_button):
                b.setVisible(False)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(close_button)
        return buttons

    def _add_shortcuts(self) -> None:
        for key, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence.StandardKey.Print, self.open_preview),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            self.addAction(action)
        self.save_button.setToolTip(self.tr("Simpan perubahan tanpa membagikannya (Ctrl+S)"))
        self.preview_button.setToolTip(self.tr("Pratinjau formulir yang dicetak (Ctrl+P)"))

    # -- showing ---------------------------------------------------------------------------
    def set_detail(self, detail: ev.EvaluationDetail) -> None:
        """Show ``detail`` (after loading or after a successful step); edits start afresh."""
        self.detail = detail
        self._show_heading(detail)
        editable = detail.can_edit
        self.rhk.set_detail(detail, editable)
        self.behaviour.set_detail(detail, editable)
        self.rating.set_detail(detail, editable)
        self._show_comment(detail)
        self._show_history(detail)
        self.dirty = False
        self._update_buttons()

    def _show_heading(self, detail: ev.EvaluationDetail) -> None:
        self.setWindowTitle(
            self.tr("Evaluasi {name} — {period}").format(
                name=detail.employee_name, period=detail.period.label(self._lang_code())
            )
        )
        nip = nip_text(detail.nip)
        lines = [
            f"<span style='font-size: 13pt'><b>{html.escape(detail.employee_name)}</b></span>"
            + (f" &nbsp; NIP {nip}" if nip else ""),
            html.escape(f"{detail.jabatan} · {detail.unit_name}"),
            self.tr("Periode {period} · Pejabat penilai: {name}").format(
                period=detail.period.label(self._lang_code()),
                name=html.escape(detail.evaluator_name or "–"),
            ),
        ]
        if detail.atasan_name:
            lines.append(
                self.tr("Atasan pejabat penilai: {name}").format(
                    name=html.escape(detail.atasan_name)
                )
            )
        self.heading.setText("<br>".join(lines))
        colour = STATUS_COLOURS[detail.status].name()
        self.status_label.setText(
            f"<span style='font-size: 12pt; color: {colour}'><b>"
            f"{status_text(detail.status, self.lang)}</b></span>"
        )

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
        d = self.detail
        self.predikat_bar.setText(
            self.tr("Predikat kinerja: {p}").format(p=self.rating.predikat.text())
        )
        not_rater = self.tr("Hanya pejabat penilai pegawai ini yang dapat mengubahnya.")
        self._update_edit_buttons(d, not_rater)
        finalise_ok, finalise_why = self._finalise_state(d, not_rater)
        _state(
            self.finalise_button,
            finalise_ok,
            finalise_why,
            self.tr("Tetapkan evaluasi; setelah itu terkunci"),
        )
        self._update_reopen_and_comment(d)
        if self._busy:  # one step at a time; the edits stay on screen meanwhile
            for b in self._step_buttons():
                b.setEnabled(False)

    def _update_edit_buttons(self, d: ev.EvaluationDetail, not_rater: str) -> None:
        """Simpan draf, Perbarui realisasi, Bagikan."""
        state = _state
        if d.locked:
            locked = self.tr("Evaluasi sudah ditetapkan dan terkunci; buka kembali untuk mengubah.")
            edit_why = locked
        else:
            edit_why = not_rater
        state(
            self.save_button,
            d.can_edit and self.dirty,
            edit_why if not d.can_edit else self.tr("Belum ada perubahan."),
            self.tr("Simpan perubahan tanpa membagikannya (Ctrl+S)"),
        )
        state(
            self.refresh_button,
            d.can_edit,
            edit_why,
            self.tr("Baca ulang realisasi dari log output yang diterima"),
        )
        share_why = (
            not_rater
            if not d.can_edit and not d.locked
            else self.tr("Hanya evaluasi berstatus draf yang dapat dibagikan.")
        )
        state(
            self.share_button,
            d.can_share,
            share_why,
            self.tr("Pegawai dapat melihat dan menanggapi evaluasi ini"),
        )

    def _finalise_state(self, d: ev.EvaluationDetail, not_rater: str) -> tuple[bool, str]:
        """Whether Tetapkan is offered now, and why not."""
        # What finalising would still need, as the form shows it now (finalise() saves first).
        live_missing = missing_ratings(self.rating.hasil.value(), self.rating.perilaku.value())
        missing = ", ".join(m[1] if self.lang == "en" else m[0] for m in live_missing)
        if d.locked:
            finalise_ok, finalise_why = False, self.tr("Evaluasi sudah ditetapkan.")
        elif d.status is ev.EvaluationStatus.DRAFT:
            finalise_ok = False
            finalise_why = self.tr("Bagikan evaluasi kepada pegawai terlebih dahulu.")
        elif live_missing:
            finalise_ok = False
            finalise_why = self.tr("Belum diisi: {what}.").format(what=missing)
        elif d.can_finalise or (self.dirty and d.can_edit):
            finalise_ok, finalise_why = True, ""
        else:
            finalise_ok, finalise_why = False, not_rater
        return finalise_ok, finalise_why

    def _update_reopen_and_comment(self, d: ev.EvaluationDetail) -> None:
        _state(
            self.reopen_button,
            d.can_reopen,
            self.tr(
                "Hanya evaluasi yang sudah ditetapkan yang dapat dibuka kembali, oleh pejabat penilainya."
            )
            if not d.locked or not d.can_reopen
            else "",
            self.tr("Buka kembali untuk koreksi; alasannya dicatat"),
        )
        self.comment_button.setEnabled(
            d.can_comment and self.comment.toPlainText().strip() != d.employee_comment.strip()
        )
        self.comment_button.setToolTip(
            ""
            if d.can_comment
            else self.tr(
                "Tanggapan hanya dapat ditulis pegawai yang dinilai selama evaluasi dibagikan."
            )
        )

    def _step_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.save_button, self.refresh_button, self.share_button, self.finalise_button,
            self.reopen_button, self.comment_button,
        )  # fmt: skip

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
        then: Callable[[], None] | None = None,
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
            self._show_error(exc)
            self._update_buttons()

        MutationOp(self.ctx, fn, self.detail.id, *args, topics=["evaluation"]).on_success(
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
        self._run(ev.save_draft, changes, done=self.tr("Perubahan tersimpan."), then=then)

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
