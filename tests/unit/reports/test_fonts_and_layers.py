"""The embedded font family ships with its licence; report modules stay free of Qt."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

from reportlab.pdfbase import pdfmetrics

from flexdesk.reports.fonts import FONT_BOLD, FONT_REGULAR, register_fonts
from flexdesk.reports.textcell import text_width


def test_fonts_ship_with_licence() -> None:
    folder = resources.files("flexdesk_resources") / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert (folder / name).read_bytes()[:4] == b"\x00\x01\x00\x00"
    licence = (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence and "Arev" in licence


def test_register_is_idempotent_and_covers_latin() -> None:
    assert register_fonts() == register_fonts() == FONT_REGULAR
    face = pdfmetrics.getFont(FONT_BOLD).face
    for char in "ÇçĞğİıÖöŞşÜüÉéÑñŁłŒœßĀāĒēĪīŌōŪū–—“”‘’…":
        assert ord(char) in face.charToGlyph, char
    assert text_width("Öztürk", FONT_REGULAR, 10) > 0


def test_report_modules_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import flexdesk.reports.evaluation_form, flexdesk.reports.schedule_sheet\n"
        "import flexdesk.reports.batch, flexdesk.reports.samples\n"
        "import flexdesk.domain.performance, flexdesk.domain.dates\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
