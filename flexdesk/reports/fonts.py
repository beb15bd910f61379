"""The embedded TrueType family every FlexDesk PDF prints with.

ReportLab's built-in Helvetica is a non-embedded Type 1 font with WinAnsi encoding only: names
such as "Dr. drg. Çağrı Öztürk, M.Kes." lose their ğ and ı, and a PDF that does not embed its
fonts prints differently on each office PC. DejaVu Sans covers all of Latin (and more); ReportLab
subsets it and embeds only the glyphs used, so a form stays small.

The font files ship in ``resources/fonts`` (installed as package ``flexdesk_resources``) and are
read through ``importlib.resources`` so the same code works installed, editable or frozen. Their
licence is ``resources/fonts/LICENSE-DejaVu.txt``.
"""

from __future__ import annotations

import io
import threading
import zlib
from importlib import resources
from typing import Any, Final

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

#: Family name to use in ParagraphStyle.fontName and canvas.setFont.
FONT_REGULAR: Final = "FlexDeskSans"
FONT_BOLD: Final = "FlexDeskSans-Bold"
FONT_ITALIC: Final = "FlexDeskSans-Oblique"
FONT_BOLD_ITALIC: Final = "FlexDeskSans-BoldOblique"

_FILES: Final[dict[str, str]] = {
    FONT_REGULAR: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_SUBSET_CACHE_SIZE: Final = 64
_lock = threading.Lock()
_registered = False


def font_bytes(file_name: str) -> bytes:
    """Raw bytes of a font shipped in ``resources/fonts``."""
    return (resources.files("flexdesk_resources") / "fonts" / file_name).read_bytes()


def _cache_subsets(font: TTFont) -> None:
    """Remember the font subsets ReportLab builds, across documents.

    Every PDF embeds a subset of each font it uses. ReportLab puts all of ASCII in subset 0 at
    fixed codes and appends other characters in order of first use, so forms with the same
    extra characters (most of a unit's batch) need byte-identical subsets: building one walks
    the glyph tables in Python and costs more than laying out a page. The subset bytes depend
    only on the list of characters, which is the cache key.
    """
    build = font.face.makeSubset
    cache: dict[tuple[int, ...], bytes] = {}
    lock = threading.Lock()

    def make_subset(subset: list[int]) -> bytes:
        key = tuple(subset)
        with lock:
            data = cache.get(key)
        if data is None:
            data = build(subset)
            with lock:
                if len(cache) >= _SUBSET_CACHE_SIZE:
                    cache.pop(next(iter(cache)))  # oldest first
                cache[key] = data
        return data

    font.face.makeSubset = make_subset


class _CachedFlate:
    """ReportLab's Flate stream filter, remembering the result for the font-subset streams.

    A cached subset comes back as the same ``bytes`` object, so every form of a batch would
    compress the same 36 kB again (a millisecond per font per file). The key is the content
    itself: equal content, equal compressed bytes, byte-identical PDFs.
    """

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._cache: dict[bytes, bytes] = {}
        self._lock = threading.Lock()

    def encode(self, text: bytes | str) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text
        with self._lock:
            packed = self._cache.get(data)
        if packed is None:
            packed = zlib.compress(data)
            with self._lock:
                if len(self._cache) >= _SUBSET_CACHE_SIZE:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[data] = packed
        return packed

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


_FONT_FILE_FLATE: Final = _CachedFlate()


def _cache_compressed_subsets(font: TTFont) -> None:
    """Compress each distinct embedded font subset once per process (see :class:`_CachedFlate`)."""
    face = font.face
    add_objects = face.addSubsetObjects

    def add_subset_objects(doc: Any, fontname: str, subset: list[int]) -> Any:
        ref = add_objects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{face.filename}({fontname})")
        if isinstance(stream, pdfdoc.PDFStream) and stream.filters:
            stream.filters = [_FONT_FILE_FLATE]
        return ref

    face.addSubsetObjects = add_subset_objects


class _Preformatted(pdfdoc.PDFObject):  # type: ignore[misc]
    """A PDF object whose bytes were formatted once, in an earlier document."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


_WIDTHS: dict[tuple[float, ...], _Preformatted] = {}


def _cache_formatted_widths(font: TTFont) -> None:
    """Format each subset's /Widths array once per process instead of once per document.

    A subset's widths are some 200 numbers, formatted one by one in Python: in a batch of
    one file per form that is 40% of what a document costs beyond its pages. The array
    depends only on the widths, which are the key.
    """
    add_objects = font.addObjects

    def add(doc: Any) -> None:
        fonts = doc.idToObject["BasicFonts"].dict
        before = set(fonts)
        add_objects(doc)
        for name in fonts.keys() - before:
            widths = getattr(fonts[name], "Widths", None)
            if not isinstance(widths, pdfdoc.PDFArray):
                continue
            key = tuple(widths.sequence)
            with _lock:
                done = _WIDTHS.get(key)
            if done is None:
                done = _Preformatted(widths.format(doc))
                with _lock:
                    if len(_WIDTHS) >= _SUBSET_CACHE_SIZE:
                        _WIDTHS.pop(next(iter(_WIDTHS)))
                    _WIDTHS[key] = done
            fonts[name].Widths = done

    font.addObjects = add


def register_fonts() -> str:
    """Register the FlexDesk font family with ReportLab (once per process) and return its name.

    Safe to call from several threads (batch printing runs in a worker); parsing the four
    font files takes a few hundred milliseconds, so it happens only the first time.
    """
    global _registered  # noqa: PLW0603 - ReportLab's font registry is process-global itself
    if _registered:
        return FONT_REGULAR
    with _lock:
        if not _registered:
            for name, file_name in _FILES.items():
                data = io.BytesIO(font_bytes(file_name))
                data.name = file_name  # shown in ReportLab's error messages
                font = TTFont(name, data)
                _cache_subsets(font)
                _cache_compressed_subsets(font)
                _cache_formatted_widths(font)
                pdfmetrics.registerFont(font)
            # Lets <b> and <i> in Paragraph markup find the bold and oblique faces.
            pdfmetrics.registerFontFamily(
                FONT_REGULAR,
                normal=FONT_REGULAR,
                bold=FONT_BOLD,
                italic=FONT_ITALIC,
                boldItalic=FONT_BOLD_ITALIC,
            )
            _registered = True
    return FONT_REGULAR
