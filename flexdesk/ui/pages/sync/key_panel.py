"""The two key boxes of the Sinkronisasi page: the office's signing key (fingerprint to read out
over the phone) and the registered central key. Buttons are wired by the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from flexdesk.services.sync.office import SyncStatus


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class KeyPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        office_box = QGroupBox(self.tr("Kunci tanda tangan kantor"))
        grid = QGridLayout(office_box)
        self.fingerprint = _value_label("office_fingerprint")
        self.fingerprint.setStyleSheet(
            "font-family: monospace; font-size: 14pt; font-weight: bold;"
        )
        self.key_note = _value_label("office_key_note")
        self.key_note.setStyleSheet("color: #555;")
        grid.addWidget(QLabel(self.tr("Sidik jari")), 0, 0)
        grid.addWidget(self.fingerprint, 0, 1)
        grid.addWidget(self.key_note, 1, 0, 1, 2)
        buttons = QHBoxLayout()
        self.create_button = QPushButton(self.tr("Buat kunci…"))
        self.create_button.setObjectName("create_key")
        self.export_public_button = QPushButton(self.tr("Ekspor kunci publik…"))
        self.export_public_button.setObjectName("export_public_key")
        self.rotate_button = QPushButton(self.tr("Ganti kunci…"))
        self.rotate_button.setObjectName("rotate_key")
        self.rotate_button.setToolTip(
            self.tr(
                "Buat kunci baru (misalnya bila frasa sandi diketahui orang lain). Kunci baru "
                "diumumkan ke pusat dalam paket yang ditandatangani kunci lama."
            )
        )
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.export_public_button)
        buttons.addWidget(self.rotate_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        central_box = QGroupBox(self.tr("Kunci kantor pusat"))
        cgrid = QVBoxLayout(central_box)
        self.central = _value_label("central_fingerprint")
        self.central_note = _value_label("central_note")
        self.central_note.setStyleSheet("color: #555;")
        cgrid.addWidget(self.central)
        cgrid.addWidget(self.central_note)
        self.register_button = QPushButton(self.tr("Daftarkan kunci pusat…"))
        self.register_button.setObjectName("register_central")
        row = QHBoxLayout()
        row.addWidget(self.register_button)
        row.addStretch(1)
        cgrid.addLayout(row)
        cgrid.addStretch(1)

        layout.addWidget(office_box, 3)
        layout.addWidget(central_box, 2)

    def show_status(self, status: SyncStatus) -> None:
        key = status.key
        if key is None:
            self.fingerprint.setText(self.tr("Belum ada kunci"))
            self.key_note.setText(
                self.tr(
                    "Buat kunci tanda tangan sekali, lalu bacakan sidik jarinya ke kantor "
                    "pusat dan kirim kunci publiknya untuk didaftarkan."
                )
            )
        else:
            self.fingerprint.setText(key.fingerprint)
            self.key_note.setText(
                self.tr("Kode kantor {office} · dibuat {date}\n{key_id}").format(
                    office=status.office_id,
                    date=key.created_at.astimezone().strftime("%Y-%m-%d"),
                    key_id=key.key_id,
                )
            )
        self.create_button.setEnabled(key is None)
        self.export_public_button.setEnabled(key is not None)
        self.rotate_button.setEnabled(key is not None)
        if status.central_fingerprint:
            self.central.setText(self.tr("Terdaftar: {fp}").format(fp=status.central_fingerprint))
            self.central_note.setText(self.tr("Tanda terima diperiksa dengan kunci ini."))
        else:
            self.central.setText(self.tr("Belum terdaftar"))
            self.central_note.setText(
                self.tr("Tanpa kunci pusat, tanda terima tidak dapat diperiksa.")
            )
