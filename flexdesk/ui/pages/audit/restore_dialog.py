"""Pulihkan cadangan: the confirmation before a restore.

Shown only after the backup was verified (off the GUI thread). It says what the database will
be replaced with (date, kind, size, record counts next to today's, the office it belongs to),
which open forms will be closed without saving, and that the current state is kept as a
pre-restore backup and everyone signs in again. "Batal" is the default button.

Open work is found by asking: every visible dialog other than this one counts as an open form
(marked as holding unsaved changes when it answers ``unsaved() -> bool`` with True, as the
evaluation editor does), and any widget may answer ``unsaved_changes() -> str | None`` (a short
description of edits not yet saved) to be listed too.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from flexdesk.services.storage.backup import COUNTED_TABLES, BackupInfo, bundles_since, display_name

_TABLE_LABELS = {
    "employees": ("pegawai", "employees"),
    "users": ("akun", "user accounts"),
    "output_logs": ("log output", "output logs"),
    "schedule_entries": ("isian jadwal", "schedule entries"),
    "audit_log": ("jejak audit", "audit entries"),
}


def _says_unsaved(widget: QWidget) -> bool:
    ask = getattr(widget, "unsaved", None)
    try:
        return bool(ask()) if callable(ask) else False
    except Exception:  # a page's own check must not stop the restore question
        return False


def open_work(exclude: QWidget | None = None, *, lang: str = "id") -> list[str]:
    """What would be lost: visible dialogs (open forms) and widgets reporting unsaved edits."""
    marker = " (unsaved changes)" if lang == "en" else " (ada perubahan yang belum disimpan)"
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return []
    found: list[str] = []
    # keyed by id while the wrappers are kept alive here (an id is only unique meanwhile);
    # a dialog is met both as a window of its own and as a child of the page that opened it
    seen: dict[int, QWidget] = {}
    for top in app.topLevelWidgets():
        if not top.isVisible() or top is exclude:
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if id(widget) in seen or widget is exclude or not widget.isVisible():
                continue
            seen[id(widget)] = widget
            ask = getattr(widget, "unsaved_changes", None)
            try:
                text = ask() if callable(ask) else None
            except Exception:  # a page's own check must not stop the restore question
                text = None
            if text:
                found.append(str(text))
            elif isinstance(widget, QDialog) and widget.isWindow():
                title = widget.windowTitle() or widget.objectName() or "?"
                found.append(title + (marker if _says_unsaved(widget) else ""))
    return found


class RestoreConfirmDialog(QDialog):
    def __init__(
        self,
        info: BackupInfo,
        *,
        source_name: str,
        current_office: str,
        current_counts: dict[str, int],
        lang: str = "id",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        en = lang == "en"
        self.setObjectName("restore_confirm")
        self.setWindowTitle("Restore a backup" if en else "Pulihkan cadangan")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "All FlexDesk data will be replaced with the content of this backup "
            "(it was checked and is intact):"
            if en
            else "Semua data FlexDesk akan diganti dengan isi cadangan ini "
            "(sudah diperiksa dan utuh):"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._build_form(info, source_name, current_counts, en))
        self._add_warnings(layout, info, current_office, current_counts, en)
        self.open_work = open_work(exclude=self, lang=lang)
        warning = QLabel(self._warning_html(en))
        warning.setObjectName("restore_warning")
        warning.setWordWrap(True)
        layout.addWidget(warning)
        layout.addWidget(self._build_buttons(en))
        self.cancel.setFocus()

    def _build_form(
        self, info: BackupInfo, source_name: str, current_counts: dict[str, int], en: bool
    ) -> QFormLayout:
        form = QFormLayout()
        form.addRow("File" if en else "Berkas", QLabel(escape(source_name)))
        form.addRow(
            "Date (UTC)" if en else "Tanggal (UTC)",
            QLabel(info.created.strftime("%Y-%m-%d %H:%M")),
        )
        form.addRow("Kind" if en else "Jenis", QLabel(info.kind))
        form.addRow("Size" if en else "Ukuran", QLabel(f"{max(1, info.size // 1024)} KB"))
        if info.office:
            form.addRow("Office" if en else "Kantor", QLabel(escape(info.office)))
        self.counts = QLabel(self._counts_html(info.counts, current_counts, en))
        self.counts.setObjectName("restore_counts")
        form.addRow("Records" if en else "Jumlah data", self.counts)
        return form

    def _add_warnings(
        self,
        layout: QVBoxLayout,
        info: BackupInfo,
        current_office: str,
        current_counts: dict[str, int],
        en: bool,
    ) -> None:
        """Another office's backup; sync bundles made since the backup."""
        if info.office and current_office and info.office != current_office:
            other = QLabel(
                (
                    "<b>This backup belongs to another office</b> (now: {now})."
                    if en
                    else "<b>Cadangan ini milik kantor lain</b> (sekarang: {now})."
                ).format(now=escape(current_office))
            )
            other.setObjectName("restore_other_office")
            other.setWordWrap(True)
            other.setStyleSheet("color: #a61b1b;")
            layout.addWidget(other)

        self.bundles_since = bundles_since(info.counts, current_counts)
        if self.bundles_since:
            sync = QLabel(self._sync_html(self.bundles_since, en))
            sync.setObjectName("restore_sync_warning")
            sync.setWordWrap(True)
            sync.setStyleSheet("color: #a61b1b;")
            layout.addWidget(sync)

    def _build_buttons(self, en: bool) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Restore and sign in again" if en else "Pulihkan dan masuk lagi")
        self.ok.setObjectName("restore_ok")
        self.ok.setAutoDefault(False)
        self.ok.setDefault(False)
        self.cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setText("Cancel" if en else "Batal")
        self.cancel.setObjectName("restore_cancel")
        self.cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    @staticmethod
    def _counts_html(backup: dict[str, int], now: dict[str, int], en: bool) -> str:
        rows = []
        for table in COUNTED_TABLES:
            if table not in backup and table not in now:
                continue
            label = _TABLE_LABELS.get(table, (table, table))[1 if en else 0]
            old = backup.get(table, "–")
            rows.append(
                f"<tr><td>{label}</td><td align='right'>{old}</td>"
                f"<td align='right' style='color:#666; padding-left:14px'>"
                f"{now.get(table, '–')}</td></tr>"
            )
        head = (
            "<tr><th></th><th style='padding-left:14px'>in the backup</th>"
            "<th style='padding-left:14px'>now</th></tr>"
            if en
            else "<tr><th></th><th style='padding-left:14px'>di cadangan</th>"
            "<th style='padding-left:14px'>sekarang</th></tr>"
        )
        return f"<table cellspacing='0' cellpadding='2'>{head}{''.join(rows)}</table>"

    @staticmethod
    def _sync_html(count: int, en: bool) -> str:
        if en:
            return (
                f"<b>{count} sync bundle(s) were made after this backup.</b> The restore takes "
                "the bundle numbers and the audit trail back to the backup, so central will "
                "refuse this office's next bundle (fork / audit continuity) until the central "
                "operator accepts the restored history. Tell the central operator before "
                "sending a new bundle."
            )
        return (
            f"<b>Sudah ada {count} paket sinkronisasi yang dibuat sesudah cadangan ini.</b> "
            "Pemulihan mengembalikan nomor paket dan jejak audit ke keadaan cadangan, sehingga "
            "pusat akan menolak paket berikutnya dari kantor ini (fork / kesinambungan jejak "
            "audit) sampai operator pusat menerima riwayat yang dipulihkan. Beri tahu operator "
            "pusat sebelum mengirim paket baru."
        )

    def _warning_html(self, en: bool) -> str:
        parts = [
            "The current data is backed up first (pre-restore backup); after the restore "
            "everyone signs in again."
            if en
            else "Data sekarang dicadangkan lebih dulu (cadangan pre-restore); sesudah "
            "pemulihan semua pengguna masuk lagi."
        ]
        if self.open_work:
            items = "".join(f"<li>{escape(t)}</li>" for t in self.open_work)
            parts.append(
                (
                    "<b>These open forms will be closed; changes not saved in them are lost:</b>"
                    if en
                    else "<b>Formulir yang masih terbuka ini akan ditutup; perubahan yang belum "
                    "disimpan akan hilang:</b>"
                )
                + f"<ul>{items}</ul>"
            )
        else:
            parts.append("No form is open." if en else "Tidak ada formulir yang terbuka.")
        return "<p>" + "</p><p>".join(parts[:1]) + "</p>" + "".join(parts[1:])


__all__ = ["RestoreConfirmDialog", "display_name", "open_work"]
