"""Shared pieces of FlexDesk's printed documents: paper, styles, letterhead, logo.

Both the evaluation form and the schedule sheet use these, so a change of letterhead looks the
same everywhere; the page footer is in :mod:`flexdesk.reports.page_numbers`.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from flexdesk.errors import ValidationError
from flexdesk.reports.fonts import FONT_BOLD, FONT_REGULAR, register_fonts
from flexdesk.reports.textcell import Align, TextCell

PaperName = Literal["A4", "F4"]

# Binary (Flate only) streams instead of Flate+ASCII85: a quarter smaller and faster to write.
# ASCII85 only matters for 7-bit transports, which a PDF on disk never meets.
rl_config.useA85 = 0

#: F4 / Folio as Indonesian offices buy it: 215 x 330 mm (not US Folio, 8.5 x 13 in).
F4: Final[tuple[float, float]] = (215 * mm, 330 * mm)
PAPER_SIZES: Final[dict[str, tuple[float, float]]] = {"A4": A4, "F4": F4}

INK: Final = colors.HexColor("#000000")
GRID: Final = colors.HexColor("#444444")
HEADER_FILL: Final = colors.HexColor("#E6E6E6")
MUTED: Final = colors.HexColor("#555555")

#: Logo limits: a letterhead logo is a few centimetres wide; anything far larger is the wrong
#: file (a scanned page, a photo) and would bloat every PDF printed with it.
MAX_LOGO_BYTES: Final = 5 * 1024 * 1024
MAX_LOGO_SIDE_PX: Final = 4000
MIN_LOGO_SIDE_PX: Final = 16


def page_size(paper: str, *, is_landscape: bool = False) -> tuple[float, float]:
    """Page size in points for "A4" or "F4" (215 x 330 mm)."""
    try:
        size = PAPER_SIZES[paper.upper()]
    except (KeyError, AttributeError):
        raise ValidationError(
            f"Ukuran kertas {paper!r} tidak dikenal; pilih A4 atau F4.",
            message_en=f"Unknown paper size {paper!r}; choose A4 or F4.",
            field="paper",
        ) from None
    return landscape(size) if is_landscape else size


def esc(text: object) -> str:
    """Text for a Paragraph: markup characters escaped, line breaks kept."""
    value = "" if text is None else str(text)
    return escape(value.strip()).replace("\r\n", "\n").replace("\n", "<br/>")


# --------------------------------------------------------------------------------------------
# Styles


@dataclass(frozen=True, slots=True)
class Styles:
    """Paragraph styles at one base size; every style uses the embedded FlexDesk font."""

    body: ParagraphStyle
    body_bold: ParagraphStyle
    body_center: ParagraphStyle
    body_right: ParagraphStyle
    small: ParagraphStyle
    small_center: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    section: ParagraphStyle
    kop_instansi: ParagraphStyle
    kop_unit: ParagraphStyle
    kop_address: ParagraphStyle


@functools.cache
def styles(base: float = 9.0, cell: float = 7.5) -> Styles:
    """Styles for body text of size ``base`` and table cells of size ``cell`` (points)."""
    register_fonts()

    def make(name: str, size: float, *, bold: bool = False, **kw: Any) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        return ParagraphStyle(
            name,
            fontName=FONT_BOLD if bold else FONT_REGULAR,
            fontSize=size,
            leading=round(size * 1.22, 2),
            splitLongWords=1,
            **kw,
        )

    return Styles(
        body=make("body", base),
        body_bold=make("body_bold", base, bold=True),
        body_center=make("body_center", base, alignment=TA_CENTER),
        body_right=make("body_right", base, alignment=TA_RIGHT),
        small=make("small", base - 1.5, textColor=MUTED),
        small_center=make("small_center", base - 1.5, alignment=TA_CENTER),
        cell=make("cell", cell),
        cell_center=make("cell_center", cell, alignment=TA_CENTER),
        cell_bold=make("cell_bold", cell, bold=True),
        cell_head=make("cell_head", cell, bold=True, alignment=TA_CENTER),
        title=make("title", base + 3, bold=True, alignment=TA_CENTER, spaceAfter=2),
        subtitle=make("subtitle", base, alignment=TA_CENTER),
        section=make("section", base, bold=True, spaceBefore=6, spaceAfter=3),
        kop_instansi=make("kop_instansi", base + 3, bold=True, alignment=TA_CENTER),
        kop_unit=make("kop_unit", base + 4, bold=True, alignment=TA_CENTER),
        kop_address=make("kop_address", base - 1, alignment=TA_CENTER),
    )


_ALIGN: Final[dict[int, Align]] = {TA_CENTER: "center", TA_RIGHT: "right"}


def text_block(
    text: str, style: ParagraphStyle, *, bold: bool = False, underline: bool = False
) -> Flowable:
    """Plain text in a paragraph style's font, size, leading, alignment, colour and spacing.

    The printed documents hold no markup, so a :class:`TextCell` does what a ``Paragraph``
    would at a fraction of the cost (no HTML parsing, one wrap per width). Empty text still
    takes one line, like the ``&nbsp;`` placeholder it replaces, so blocks side by side
    (the signature columns) stay level.
    """
    value = "" if text is None else str(text).strip()
    if not value:
        return Spacer(1, style.leading)
    color = None if style.textColor == INK else style.textColor  # black is the page default
    return TextCell(
        value,
        FONT_BOLD if bold else style.fontName,
        style.fontSize,
        leading=style.leading,
        align=_ALIGN.get(style.alignment, "left"),
        color=color,
        underline=underline,
        space_before=style.spaceBefore,
        space_after=style.spaceAfter,
    )


def signature_block(
    top: str, role: str, name: str, number_line: str, st: Styles, *, gap: float = 17 * mm
) -> list[Flowable]:
    """A signature column: place and date (or "Mengetahui,"), role, room to sign, the
    underlined bold name and the NIP line; empty lines keep their height."""
    return [
        text_block(top, st.body_center),
        text_block(role, st.body_center),
        Spacer(1, gap),
        text_block(name, st.body_center, bold=True, underline=True),
        text_block(number_line, st.body_center),
    ]


# --------------------------------------------------------------------------------------------
# Letterhead (kop surat)


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The office's kop: instansi (e.g. "PEMERINTAH KABUPATEN KUNINGAN"), unit, address, logo.

    ``logo_path`` is a PNG or JPEG file; it is checked with :func:`validate_logo` before use.
    """

    instansi: str
    unit: str = ""
    address: str = ""
    logo_path: Path | None = None


def _logo_error(message: str, message_en: str) -> ValidationError:
    return ValidationError(message, message_en=message_en, field="logo")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


@functools.lru_cache(maxsize=32)
def _validate_logo_cached(path: Path, _mtime_ns: int, size: int) -> tuple[int, int]:
    if size > MAX_LOGO_BYTES:
        raise _logo_error(
            f"Berkas logo terlalu besar ({_mb(size)} MB); paling besar "
            f"{MAX_LOGO_BYTES // (1024 * 1024)} MB. Perkecil gambarnya lalu pilih lagi.",
            f"The logo file is too large ({size / (1024 * 1024):.1f} MB); the limit is "
            f"{MAX_LOGO_BYTES // (1024 * 1024)} MB. Make the image smaller and choose it again.",
        )
    not_image = _logo_error(
        f"Berkas logo {path.name} bukan gambar PNG atau JPEG yang bisa dibaca. "
        "Pilih berkas logo berformat PNG atau JPEG.",
        f"The logo file {path.name} is not a readable PNG or JPEG image. "
        "Choose a PNG or JPEG logo.",
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns (and later refuses) on decompression bombs: treat as not an image.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as im:
                fmt, (width, height) = im.format, im.size
                if fmt not in ("PNG", "JPEG"):
                    raise not_image
                if width > MAX_LOGO_SIDE_PX or height > MAX_LOGO_SIDE_PX:
                    raise _logo_error(
                        f"Gambar logo terlalu besar ({width} x {height} piksel); paling besar "
                        f"{MAX_LOGO_SIDE_PX} piksel per sisi. Perkecil gambarnya lalu pilih "
                        "lagi.",
                        f"The logo image is too large ({width} x {height} pixels); at most "
                        f"{MAX_LOGO_SIDE_PX} pixels per side. Make it smaller and choose it "
                        "again.",
                    )
                if width < MIN_LOGO_SIDE_PX or height < MIN_LOGO_SIDE_PX:
                    raise _logo_error(
                        f"Gambar logo terlalu kecil ({width} x {height} piksel) untuk dicetak; "
                        f"paling kecil {MIN_LOGO_SIDE_PX} piksel per sisi.",
                        f"The logo image is too small ({width} x {height} pixels) to print; "
                        f"at least {MIN_LOGO_SIDE_PX} pixels per side.",
                    )
                im.load()  # decode fully: a truncated file fails here, not half-way a batch
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        PILImage.DecompressionBombError,
        PILImage.DecompressionBombWarning,
    ) as exc:
        raise not_image from exc
    return width, height


def validate_logo(path: Path | str) -> tuple[int, int]:
    """Check that ``path`` is a PNG/JPEG of sane size and return its pixel size.

    Raises :class:`~flexdesk.errors.ValidationError` (field ``logo``) with a message the admin
    can act on: missing file, not an image (e.g. a text file renamed .png), too many bytes or
    pixels, too small.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if stat is None or not path.is_file():
        raise _logo_error(
            f"Berkas logo tidak ditemukan: {path}. Pilih lagi berkas logonya.",
            f"Logo file not found: {path}. Choose the logo file again.",
        )
    return _validate_logo_cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


class DoubleRule(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """The thick-over-thin double line under an Indonesian letterhead."""

    def __init__(self, width: float, gap_after: float = 6) -> None:
        super().__init__()
        self.width = width
        self.height = 4.5 + gap_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        top = self.height
        c.setStrokeColor(INK)
        c.setLineWidth(1.8)
        c.line(0, top - 1, self.width, top - 1)
        c.setLineWidth(0.6)
        c.line(0, top - 4, self.width, top - 4)


def letterhead_flowables(
    head: Letterhead, width: float, st: Styles, *, logo_height: float = 20 * mm
) -> list[Flowable]:
    """Logo on the left, instansi and unit centred, address below, then the double rule."""
    lines: list[Flowable] = []
    if head.instansi.strip():
        lines.append(text_block(head.instansi.upper(), st.kop_instansi))
    if head.unit.strip():
        lines.append(text_block(head.unit.upper(), st.kop_unit))
    if head.address.strip():
        lines.append(text_block(head.address, st.kop_address))
    if head.logo_path is None:
        return [*lines, Spacer(1, 3), DoubleRule(width)]
    px_w, px_h = validate_logo(head.logo_path)
    max_w = 24 * mm
    h = logo_height
    w = h * px_w / px_h
    if w > max_w:
        w, h = max_w, max_w * px_h / px_w
    logo = Image(str(head.logo_path), width=w, height=h)
    side = w + 3 * mm  # an empty column of the same width on the right keeps the text centred
    table = Table(
        [[logo, lines, ""]],
        colWidths=[side, width - 2 * side, side],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),  # else the page uses Helvetica
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, 0), "LEFT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        ),
    )
    return [table, DoubleRule(width)]
