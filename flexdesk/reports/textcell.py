"""A plain-text flowable for table cells: word wrap, no markup, several times faster than Paragraph.

A unit's batch of evaluation forms is thousands of table cells. ReportLab's ``Paragraph``
parses markup with an HTML parser and re-wraps each cell every time a table measures or draws
it (three times per cell on a page break). Cell text on the forms is plain, so :class:`TextCell`
wraps it once per width with cached word widths and draws all lines with one text object.
The text stays real text in the PDF (selectable, extractable, fonts subset and embedded).
Tables of such cells are :class:`flexdesk.reports.fasttable.FastTable`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, Final, Literal

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from flexdesk.reports.fonts import FONT_REGULAR, register_fonts

Align = Literal["left", "center", "right"]

#: (font, size, word) -> width; shared by every cell of every document in the process.
_WORD_WIDTHS: dict[tuple[str, float, str], float] = {}
_MAX_CACHED_WORDS: Final = 200_000


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points, cached per word (the same words recur on every form)."""
    key = (font, size, text)
    width = _WORD_WIDTHS.get(key)
    if width is None:
        width = pdfmetrics.stringWidth(text, font, size)
        if len(_WORD_WIDTHS) >= _MAX_CACHED_WORDS:
            _WORD_WIDTHS.clear()
        _WORD_WIDTHS[key] = width
    return width


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Split a word wider than the cell (a URL, a long code) into pieces that fit."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and pdfmetrics.stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def wrap_text(text: str, font: str, size: float, width: float, hang: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; "\\n" starts a new line.

    ``hang`` indents continuation lines (for "1. ..." lists); the caller draws the indent.
    """
    return [line for line, _first in _wrap(text, font, size, width, hang)]


def _wrap(text: str, font: str, size: float, width: float, hang: float) -> list[tuple[str, bool]]:
    """Lines with a flag telling whether each starts one of the text's own lines."""
    lines: list[tuple[str, bool]] = []
    space = text_width(" ", font, size)
    width = max(width, size)  # never loop on a zero-width cell
    for raw in text.split("\n"):
        words = raw.split()
        if not words:
            lines.append(("", True))
            continue
        first = len(lines)
        current: list[str] = []
        current_w = 0.0
        limit = width
        for word in words:
            ww = text_width(word, font, size)
            if ww > limit:
                if current:
                    lines.append((" ".join(current), False))
                    limit = width - hang
                pieces = _break_word(word, font, size, limit)
                lines.extend((piece, False) for piece in pieces[:-1])
                if len(pieces) > 1:
                    limit = width - hang
                current, current_w = [pieces[-1]], text_width(pieces[-1], font, size)
                continue
            if current and current_w + space + ww > limit:
                lines.append((" ".join(current), False))
                limit = width - hang
                current, current_w = [word], ww
            else:
                current_w = current_w + space + ww if current else ww
                current.append(word)
        lines.append((" ".join(current), False))
        lines[first] = (lines[first][0], True)
    return lines


#: (text, font, size, width, hang) -> wrapped lines. The same texts recur on every form of a
#: batch (column heads, labels, the BerAKHLAK behaviours, a unit's shared RHK), each wrapped
#: at the same width; the lines are immutable tuples shared by every cell that shows them.
_WRAPS: dict[tuple[str, str, float, float, float], tuple[tuple[str, bool], ...]] = {}
_MAX_CACHED_WRAPS: Final = 20_000


def _wrapped(
    text: str, font: str, size: float, width: float, hang: float
) -> tuple[tuple[str, bool], ...]:
    key = (text, font, size, width, hang)
    lines = _WRAPS.get(key)
    if lines is None:
        lines = tuple(_wrap(text, font, size, width, hang))
        if len(_WRAPS) >= _MAX_CACHED_WRAPS:
            _WRAPS.clear()
        _WRAPS[key] = lines
    return lines


class TextCell(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """Wrapped plain text in one font, aligned left, centre or right, optionally underlined."""

    def __init__(
        self,
        text: str,
        font: str = FONT_REGULAR,
        size: float = 7.5,
        *,
        leading: float | None = None,
        align: Align = "left",
        color: Color | None = None,
        underline: bool = False,
        hang: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        register_fonts()
        self.text = "" if text is None else str(text).strip().replace("\r\n", "\n")
        self.font = font
        self.size = size
        self.leading = leading if leading is not None else round(size * 1.22, 2)
        self.align = align
        self.color = color
        self.underline = underline
        self.hang = hang
        # Read by platypus (Flowable.getSpaceBefore/After) between flowables in a frame.
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._wrapped_for = -1.0
        self._lines: Sequence[tuple[str, bool]] = ()
        self.width = 0.0
        self.height = 0.0

    def __repr__(self) -> str:
        return f"TextCell({self.text[:40]!r})"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._wrapped_for:
            self._lines = (
                _wrapped(self.text, self.font, self.size, avail_width, self.hang)
                if self.text
                else ()
            )
            self._wrapped_for = avail_width
        self.width = avail_width
        self.height = len(self._lines) * self.leading
        return self.width, self.height

    def wrapOn(self, canv: Any, aW: float, aH: float) -> tuple[float, float]:
        return self.wrap(aW, aH)  # no canvas needed: skip Flowable's set/delete of self.canv

    def split(self, aW: float, aH: float) -> list[TextCell]:
        """Split between lines so a table row taller than a page can continue on the next."""
        if self._wrapped_for < 0:
            self.wrap(aW, aH)
        fit = int((aH + 1e-6) // self.leading)
        if fit <= 0 or fit >= len(self._lines):
            return []
        return [self._part(self._lines[:fit]), self._part(self._lines[fit:])]

    def _part(self, lines: Sequence[tuple[str, bool]]) -> TextCell:
        part = copy.copy(self)
        part.text = "\n".join(line for line, _starts in lines)  # used only if re-wrapped
        part._lines = tuple(lines)
        part.height = len(lines) * self.leading
        return part

    @property
    def lines(self) -> list[str]:
        return [line for line, _first in self._lines]

    def minWidth(self) -> float:
        """Width of the longest word, so tables sizing columns themselves leave room for it."""
        words = self.text.split()
        return max((text_width(w, self.font, self.size) for w in words), default=0.0)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw at (x, y) without the save/translate/restore every Flowable pays for.

        Thousands of cells per batch make that wrapper a fifth of the drawing time; the text
        operators below position themselves absolutely instead.
        """
        self._draw_at(canvas, self._hAlignAdjust(x, _sW), y)

    def draw(self) -> None:
        self._draw_at(self.canv, 0.0, 0.0)

    def _draw_at(self, canvas: Any, x0: float, y0: float) -> None:
        if not self._lines:
            return
        font = pdfmetrics.getFont(self.font)
        doc = canvas._doc
        escape = canvas._escape
        size = self.size
        y = y0 + self.height - pdfmetrics.getAscent(self.font, size)
        # The text operators are written directly (what PDFTextObject writes, minus its
        # per-call overhead): one BT/ET block per cell, one Tm per line.
        ops = ["BT"]
        subset_now = -1
        size_text = _num(size)
        underlines: list[tuple[float, float, float]] = []
        for line, starts in self._lines:
            x = x0 if starts else x0 + self.hang
            if self.align != "left" or self.underline:
                lw = text_width(line, self.font, size)
                if self.align == "center":
                    x = x0 + (self.width - lw) / 2
                elif self.align == "right":
                    x = x0 + self.width - lw
                if self.underline and line:
                    underlines.append((x, x + lw, y - size * 0.14))
            if line:
                ops.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
                for subset, chunk in _encode(font, doc, escape, line):
                    if subset != subset_now:
                        ops.append(f"{font.getSubsetInternalName(subset, doc)} {size_text} Tf")
                        subset_now = subset
                    ops.append(f"({chunk}) Tj")
            y -= self.leading
        ops.append("ET")
        if self.color is not None:
            canvas.saveState()
            canvas.setFillColor(self.color)
            canvas.setStrokeColor(self.color)
        canvas._code.append(" ".join(ops))
        if underlines:
            canvas.setLineWidth(size * 0.06)
            for left, right, uy in underlines:
                canvas.line(left, uy, right, uy)
        if self.color is not None:
            canvas.restoreState()


class _DocEncoding:
    """Per document and font: each character's escaped code in the font subset that holds it.

    ReportLab assigns subset codes per document as characters first appear
    (``TTFont.splitString``); this remembers the result so a line is encoded with one join
    instead of a per-character walk and a per-byte escape for every line.
    """

    __slots__ = ("codes", "other_subsets")

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}  # characters in subset 0
        self.other_subsets: set[str] = set()  # characters in later subsets (rare)


#: Per font name: whether printable ASCII sits at its own codes in subset 0 of every document.
_ASCII_AT_OWN_CODES: dict[str, bool] = {}


def _ascii_at_own_codes(font: Any) -> bool:
    """True when ReportLab gives printable ASCII its own codes in subset 0 (``asciiReadable``
    and the font has every such glyph): then a line of it needs no per-document lookup."""
    known = _ASCII_AT_OWN_CODES.get(font.fontName)
    if known is None:
        glyphs = font.face.charToGlyph
        known = bool(font._asciiReadable) and all(c in glyphs for c in range(32, 127))
        _ASCII_AT_OWN_CODES[font.fontName] = known
    return known


def _encode(font: Any, doc: Any, escape: Any, line: str) -> list[tuple[int, str]]:
    if line.isascii() and line.isprintable() and _ascii_at_own_codes(font):
        return [(0, escape(line))]  # most lines of an Indonesian form
    registry: dict[str, _DocEncoding] | None = getattr(doc, "_flexdesk_text_encodings", None)
    if registry is None:
        registry = {}
        doc._flexdesk_text_encodings = registry
    enc = registry.get(font.fontName)
    if enc is None:
        enc = registry[font.fontName] = _DocEncoding()
    codes = enc.codes
    if enc.other_subsets.isdisjoint(line):
        try:
            return [(0, "".join(map(codes.__getitem__, line)))]
        except KeyError:
            pass
    # First sight of some characters (or a line reaching past subset 0): let ReportLab assign
    # the codes, in order of appearance as it would, and remember the subset-0 ones.
    result: list[tuple[int, str]] = []
    for subset, chunk in font.splitString(line, doc):
        escaped = escape(chunk)
        result.append((subset, escaped))
    position = 0
    for subset, chunk in font.splitString(line, doc):
        for i, byte in enumerate(chunk):
            char = line[position + i]
            if subset == 0:
                codes[char] = escape(bytes((byte,)))
            else:
                enc.other_subsets.add(char)
        position += len(chunk)
    return result


def _num(value: float) -> str:
    """A PDF number with at most two decimals ("12.5", "3", "-0.25")."""
    text = "%.2f" % value  # noqa: UP031 - the fastest of the spellings, thousands per page
    if text[-1] == "0":
        text = text.rstrip("0").rstrip(".")
        if text in ("-0", ""):
            return "0"
    return text
