"""Settings tab "Log Output": evidence limits, wellbeing thresholds, unused-file clean-up."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flexdesk.errors import FlexDeskError
from flexdesk.services.outputs import settings as output_settings
from flexdesk.services.outputs.settings import OutputSettings
from flexdesk.services.permissions import Action
from flexdesk.services.storage import attachments
from flexdesk.services.storage.attachments import AttachmentStore
from flexdesk.ui.context import UiContext
from flexdesk.ui.ops import MutationOp, QueryOp
from flexdesk.ui.widgets.forms import ErrorLabel
from flexdesk.ui.worker import ProgressRunner, run_with_progress


class OutputSettingsTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.runner: ProgressRunner | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_files())
        layout.addWidget(self._build_wellbeing())
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.save_button = QPushButton(self.tr("Simpan pengaturan"))
        self.save_button.setObjectName("save_output_settings")
        self.clean_button = QPushButton(self.tr("Bersihkan berkas bukti yang tidak terpakai"))
        self.clean_button.setObjectName("clean_attachments")
        self.result = QLabel()
        self.result.setObjectName("clean_result")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clean_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self._editable = ctx.actor.can(Action.SETTINGS_EDIT)
        for w in (self.max_mb, self.types, self.weekly, self.days, self.remote, self.save_button):
            w.setEnabled(self._editable)
        self.clean_button.setVisible(ctx.actor.can(Action.ATTACHMENT_CLEANUP))
        self.save_button.clicked.connect(self.save)
        self.clean_button.clicked.connect(self.clean_up)
        self._shown: OutputSettings | None = None  # as last read: kept if unchanged
        ctx.events.follow(self, ["settings"], self.load)
        self.load()

    def _build_files(self) -> QGroupBox:
        files = QGroupBox(self.tr("Berkas bukti dukung"))
        form = QFormLayout(files)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.max_mb = QDoubleSpinBox()
        self.max_mb.setObjectName("attachment_max_mb")
        self.max_mb.setRange(0.1, output_settings.MAX_ATTACHMENT_MB)
        self.max_mb.setSuffix(" MB")
        self.types = QLineEdit()
        self.types.setObjectName("attachment_types")
        self.types.setPlaceholderText("pdf, jpg, png, docx")
        self.types.setMinimumWidth(420)
        form.addRow(self.tr("Ukuran maksimal per berkas"), self.max_mb)
        form.addRow(self.tr("Jenis berkas yang diizinkan"), self.types)
        return files

    def _build_wellbeing(self) -> QGroupBox:
        wellbeing = QGroupBox(self.tr("Sinyal kesejahteraan pada rekap"))
        wform = QFormLayout(wellbeing)
        wform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.weekly = QDoubleSpinBox()
        self.weekly.setObjectName("weekly_hours")
        self.weekly.setRange(1, 80)
        self.weekly.setSuffix(self.tr(" jam"))
        self.days = QSpinBox()
        self.days.setObjectName("max_consecutive_days")
        self.days.setRange(1, 31)
        self.days.setSuffix(self.tr(" hari"))
        self.remote = QSpinBox()
        self.remote.setObjectName("max_remote_share")
        self.remote.setRange(0, 100)
        self.remote.setSuffix(" %")
        wform.addRow(self.tr("Jam kerja per minggu di atas"), self.weekly)
        wform.addRow(self.tr("Hari kerja berturut-turut lebih dari"), self.days)
        wform.addRow(self.tr("Porsi hari kerja dari luar kantor di atas"), self.remote)
        note = QLabel(
            self.tr(
                "Bawaan: 37,5 jam per minggu (Perpres 21/2023), 6 hari, dan 40% (paling banyak 2 dari 5 hari kerja di luar kantor, PermenPANRB 4/2025 Pasal 13)."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b7a;")
        wform.addRow(note)
        return wellbeing

    def load(self) -> None:
        QueryOp(self.ctx, output_settings.output_settings).on_success(self._show).run(parent=self)

    def _show(self, current: OutputSettings) -> None:
        """Fill the form, unless it already shows these values: another settings tab's change
        on the bus must not throw away what is being typed here."""
        if current == self._shown:
            return
        self._shown = current
        self.max_mb.setValue(current.attachment_max_mb)
        self.types.setText(", ".join(current.attachment_types))
        self.weekly.setValue(current.weekly_hours)
        self.days.setValue(current.max_consecutive_days)
        self.remote.setValue(round(current.max_remote_share * 100))

    def save(self) -> None:
        self.error.clear_error()
        try:
            types = output_settings.parse_types(self.types.text())
        except FlexDeskError as exc:
            self.error.show_error(self.ctx.message(exc))
            return
        settings = OutputSettings(
            attachment_max_mb=self.max_mb.value(),
            attachment_types=types,
            weekly_hours=self.weekly.value(),
            max_consecutive_days=self.days.value(),
            max_remote_share=self.remote.value() / 100,
        )
        self.save_button.setEnabled(False)  # until stored or refused
        MutationOp(
            self.ctx, output_settings.update_output_settings, settings, topics=["settings"]
        ).on_success(self._saved).on_failure(self._refused).run(parent=self)

    def _saved(self, _result: object) -> None:
        """Stored; the change bus reads the settings back into the form (and the recap)."""
        self.save_button.setEnabled(self._editable)
        self.result.setText(self.tr("Pengaturan disimpan."))

    def _refused(self, exc: FlexDeskError) -> None:
        self.save_button.setEnabled(self._editable)
        self.error.show_error(self.ctx.message(exc))

    def clean_up(self) -> None:
        """Scans the whole store on the database worker (it can hold thousands of files)."""
        self.runner = run_with_progress(
            self.ctx,
            self,
            self.tr("Membersihkan berkas bukti"),
            attachments.clean_orphan_attachments,
            AttachmentStore(self.ctx.paths.attachments),
            on_done=self._cleaned,
            on_error=self._failed,
            write=True,
            cancellable=False,
        )

    def _cleaned(self, removed: object) -> None:
        count = len(removed) if isinstance(removed, list) else 0
        self.result.setText(self.tr("{n} berkas yang tidak terpakai dihapus.").format(n=count))

    def _failed(self, exc: BaseException) -> None:
        self.error.show_error(self.ctx.message(exc) if isinstance(exc, Exception) else str(exc))
