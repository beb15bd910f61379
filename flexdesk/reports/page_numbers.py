"""Page numbering of printed documents: "Halaman X dari Y" in the footer, restarting for each
section (each form in a batch PDF), stamped by a canvas that holds its pages until the end."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from flexdesk.reports.fonts import FONT_REGULAR
from flexdesk.reports.layout import MUTED


class SectionStart(Flowable):  # type: ignore[misc]
    """Zero-size marker placed at the start of a section (one form in a batch PDF).

    When drawn it tells the :class:`NumberedCanvas` that the pages from here on belong to a
    new section with its own footer text and page count, and reports progress.
    """

    def __init__(
        self,
        index: int,
        footer_left: str,
        on_start: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__()
        self.index = index
        self.footer_left = footer_left
        self.on_start = on_start
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if isinstance(self.canv, NumberedCanvas):
            self.canv.begin_section(self.index, self.footer_left)
        if self.on_start is not None:
            self.on_start(self.index)


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds pages back until ``save`` so each can say "Halaman X dari Y".

    Single pass: platypus lays the document out once; the footers are stamped when the total
    of each section is known. Sections are opened by :class:`SectionStart` flowables.
    """

    footer_font_size: float = 7.0
    footer_margin: float = 10 * mm

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._page_sections: list[int] = []
        self._section = 0
        self._section_footers: dict[int, str] = {}
        self.page_count = 0

    def begin_section(self, index: int, footer_left: str) -> None:
        self._section = index
        self._section_footers[index] = footer_left

    def showPage(self) -> None:
        self._page_sections.append(self._section)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals = Counter(self._page_sections)
        seen: Counter[int] = Counter()
        held, sections = self._held_pages, self._page_sections
        for state, section in zip(held, sections, strict=True):
            self.__dict__.update(state)
            seen[section] += 1
            self._draw_footer(
                self._section_footers.get(section, ""), seen[section], totals[section]
            )
            Canvas.showPage(self)
        # after the loop: restoring a held page's state also restored the old attributes
        self._held_pages, self._page_sections = [], []
        self.page_count = len(held)
        Canvas.save(self)

    def _draw_footer(self, left: str, page: int, total: int) -> None:
        width, _height = self._pagesize
        margin = self.footer_margin
        y = margin * 0.6
        self.saveState()
        self.setFont(FONT_REGULAR, self.footer_font_size)
        self.setFillColor(MUTED)
        self.drawRightString(width - margin, y, f"Halaman {page} dari {total}")
        if left:
            self.drawString(margin, y, _fit(left, width - 2 * margin - 70, self.footer_font_size))
        self.restoreState()


def _fit(text: str, max_width: float, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, FONT_REGULAR, size) <= max_width:
        return text
    while text and stringWidth(text + "…", FONT_REGULAR, size) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def numbered_canvas_maker(holder: list[NumberedCanvas]) -> Callable[..., NumberedCanvas]:
    """A canvasmaker for ``doc.build`` that remembers the canvas (to read ``page_count``)."""

    def make(*args: Any, **kwargs: Any) -> NumberedCanvas:
        # Start in the embedded font so no page references a non-embedded Helvetica.
        # (BaseDocTemplate passes initialFontName=None explicitly.)
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT_REGULAR
        canvas = NumberedCanvas(*args, **kwargs)
        holder.append(canvas)
        return canvas

    return make
