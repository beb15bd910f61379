"""Plain-text cell wrapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flexdesk.reports.fonts import FONT_BOLD, FONT_REGULAR, register_fonts
from flexdesk.reports.textcell import TextCell, text_width, wrap_text

register_fonts()


def test_wraps_on_words_and_keeps_line_breaks() -> None:
    lines = wrap_text("Menjaga nama baik sesama ASN\nRahasia", FONT_REGULAR, 7.5, 60)
    assert len(lines) > 2
    assert lines[-1] == "Rahasia"  # the line break starts a new line
    assert " ".join(lines[:-1]) == "Menjaga nama baik sesama ASN"
    assert all(text_width(line, FONT_REGULAR, 7.5) <= 60 for line in lines)


def test_long_word_is_broken_not_clipped() -> None:
    word = "https://kinerja.bkn.go.id/" + "a" * 80
    lines = wrap_text(word, FONT_BOLD, 8, 50)
    assert "".join(lines) == word
    assert all(text_width(line, FONT_BOLD, 8) <= 50 for line in lines)


def test_cell_height_and_split() -> None:
    cell = TextCell(" ".join(["kata"] * 200), size=7.5)
    w, h = cell.wrap(80, 1000)
    n = len(cell.lines)
    assert w == 80 and h == n * cell.leading
    top, rest = cell.split(80, 10 * cell.leading)
    assert len(top.lines) == 10 and len(rest.lines) == n - 10
    assert cell.split(80, cell.leading / 2) == []  # not even one line fits
    assert TextCell("").wrap(80, 100) == (80, 0)


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÇğıöü.,-/", min_size=1, max_size=25)


@settings(max_examples=60)
@given(st.lists(words, min_size=1, max_size=40), st.floats(20, 300))
def test_wrapping_keeps_every_word_in_order_within_width(parts: list[str], width: float) -> None:
    text = " ".join(parts)
    lines = wrap_text(text, FONT_REGULAR, 7.5, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert text_width(line, FONT_REGULAR, 7.5) <= width + 1e-6 or len(line) == 1
