"""FastTable: ReportLab's LongTable, measuring and drawing :class:`TextCell` cells itself.

Speed-critical and tied to ReportLab internals (``_cellvalues``, ``_spanCmds``, ``_drawCell``,
``_splitRows``; reportlab is pinned below 5 for this): tests/unit/reports/test_fasttable.py
checks it against ReportLab's own table, cell by cell.
"""

from __future__ import annotations

from typing import Any, Final

from reportlab.platypus import Flowable, LongTable, Spacer

from flexdesk.reports.textcell import TextCell

#: Cell contents FastTable measures and draws itself; anything else goes through ReportLab.
_PLAIN: Final = (TextCell, Spacer)


def _stack_height(parts: Any, width: float, height: float) -> float | None:
    """Height ReportLab gives a list of flowables in a cell, or None for other content."""
    total = 0.0
    for part in parts:
        if type(part) not in _PLAIN:
            return None
        total += part.wrap(width, height)[1] + part.getSpaceBefore() + part.getSpaceAfter()
    if parts:
        total -= parts[0].getSpaceBefore() + parts[-1].getSpaceAfter()
    return total


class FastTable(LongTable):  # type: ignore[misc]
    """LongTable that measures and draws plain-text cells itself.

    Same layout, splitting and repeated header rows as ReportLab's table. What it does
    differently, for speed only:

    * row heights of a table whose cells are all :class:`TextCell`, lists of TextCell and
      Spacer, or strings are computed once, here, with ReportLab's own rules (see
      :meth:`_measure_rows`), and given to ReportLab as fixed heights: its measuring pass
      re-measures every cell each time the table is wrapped or split;
    * such cells are drawn directly (no re-wrap, no save/translate/restore per flowable);
      empty string cells, which draw nothing, are skipped.

    Any other cell content takes ReportLab's own path.
    """

    def __init__(self, data: Any, colWidths: Any = None, rowHeights: Any = None, **kw: Any) -> None:
        super().__init__(data, colWidths=colWidths, rowHeights=rowHeights, **kw)
        # Split parts arrive with their heights given; rows that may break inside need
        # ReportLab's own measuring.
        if rowHeights is None and not self.splitInRow and getattr(self, "_cellvalues", None):
            heights = self._measure_rows()
            if heights is not None:
                self._rowHeights = self._argH = heights

    def _measure_rows(self) -> list[float] | None:
        """Each row's height as ``Table._calc_height`` computes it, or None if unsure.

        The rules copied from ReportLab: a string cell is one line per "\n"-separated part at
        the cell style's leading (also an empty one, also one hidden under a column span); a
        flowable cell is its stack height, measured at the spanned width where it starts a
        column span and not at all where a span hides it; paddings are added to every cell.
        Row spans, minimum row heights, widths not given in points and other flowables make
        it give up (None), and ReportLab measures as usual.
        """
        widths = self._argW
        if self._minRowHeights or not all(isinstance(w, int | float) for w in widths):
            return None
        ncols, nrows = self._ncols, self._nrows
        span_end: dict[tuple[int, int], int] = {}
        hidden: set[tuple[int, int]] = set()
        for _cmd, start, stop in self._spanCmds:
            c0, c1 = sorted(c + ncols if c < 0 else c for c in (start[0], stop[0]))
            r0, r1 = (r + nrows if r < 0 else r for r in (start[1], stop[1]))
            if r0 != r1:
                return None
            span_end[c0, r0] = c1
            hidden.update((c, r0) for c in range(c0 + 1, c1 + 1))
        heights: list[float] = []
        for i, (values, styles) in enumerate(zip(self._cellvalues, self._cellStyles, strict=True)):
            tallest = 0.0
            for j, (value, style) in enumerate(zip(values, styles, strict=True)):
                if isinstance(value, list | tuple | Flowable):
                    if (j, i) in hidden:
                        continue
                    end = span_end.get((j, i), j)
                    width = sum(widths[j : end + 1])
                    parts = value if isinstance(value, list | tuple) else [value]
                    pad_x = style.leftPadding + style.rightPadding
                    height = _stack_height(parts, width - pad_x, 72000.0)
                    if height is None:
                        return None
                else:
                    lines = len(str(value).split("\n")) if value is not None else 1
                    height = (style.leading or 1.2 * style.fontsize) * lines
                height += style.topPadding + style.bottomPadding
                tallest = max(tallest, height)
            heights.append(tallest)
        return heights

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """ReportLab's split, but a row that must break inside starts on this page.

        ReportLab first tries to break between rows; with a row too tall for any page next,
        that leaves its first part here and the rest (header repeated) to be offered the
        space left on this same page, where it breaks inside the tall row: a second header
        row in the middle of the page. When the row after the break will not fit the space
        left but some of it can, break inside it at once.
        """
        parts: list[Any] = super().split(availWidth, availHeight)
        if not self.splitInRow or len(parts) != 2:
            return parts
        n = parts[0]._nrows
        heights = self._rowHeights
        if n < len(heights) and heights[n] is not None:
            room = availHeight - sum(heights[:n])
            if heights[n] > room >= self.splitInRow:
                in_row: list[Any] = self._splitRows(availHeight, doInRowSplit=True)
                if in_row:
                    return in_row
        return parts

    def _use_style(self, cellstyle: Any) -> None:
        """Leave the canvas in the state ReportLab's own _drawCell would (fill colour, font)."""
        cur: Any = getattr(self, "_curcellstyle", None)
        if cur is cellstyle:
            return
        canv = self.canv
        if cur is None or cellstyle.color != cur.color:
            canv.setFillColor(cellstyle.color)
        if (
            cur is None
            or cellstyle.leading != cur.leading
            or cellstyle.fontname != cur.fontname
            or cellstyle.fontsize != cur.fontsize
        ):
            canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
        self._curcellstyle = cellstyle

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        if cellstyle.href or cellstyle.destination:
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if cellval == "" or cellval is None:
            return  # an empty string cell draws nothing
        cell = cellval
        if isinstance(cell, list | tuple):
            if not cell:
                return
            if len(cell) == 1:
                cell = cell[0]
            elif cellstyle.alignment == "LEFT" and all(type(p) in _PLAIN for p in cell):
                self._draw_stack(cell, cellstyle, pos, size)
                return
        if type(cell) is not TextCell:
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        self._use_style(cellstyle)
        colpos, rowpos = pos
        colwidth, rowheight = size
        avail = colwidth - cellstyle.leftPadding - cellstyle.rightPadding
        _w, h = cell.wrap(avail, rowheight)
        valign = cellstyle.valign
        if valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - h
        elif valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding
        else:
            y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding - h) / 2.0
        cell._draw_at(self.canv, colpos + cellstyle.leftPadding, y)

    def _draw_stack(self, parts: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        """A cell holding several TextCells and Spacers, placed as ReportLab places a list."""
        self._use_style(cellstyle)
        colpos, rowpos = pos
        colwidth, rowheight = size
        avail = colwidth - cellstyle.leftPadding - cellstyle.rightPadding
        inner = rowheight - cellstyle.topPadding - cellstyle.bottomPadding
        h = _stack_height(parts, avail, inner) or 0.0
        valign = cellstyle.valign
        if valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding
        elif valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + h
        else:
            y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
        y += parts[0].getSpaceBefore()
        x = colpos + cellstyle.leftPadding
        for part in parts:
            y -= part.getSpaceBefore() + part.height
            if type(part) is TextCell:
                part._draw_at(self.canv, x, y)
            y -= part.getSpaceAfter()
