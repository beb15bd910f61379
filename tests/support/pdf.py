"""Reading PDFs back for assertions: text per page, page sizes, embedded fonts."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pypdf import PdfReader


def reader(pdf: Path | bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def page_texts(pdf: Path | bytes) -> list[str]:
    """Text of each page with whitespace collapsed (wrapped cell text reads as one line)."""
    return [" ".join((p.extract_text() or "").split()) for p in reader(pdf).pages]


def page_sizes(pdf: Path | bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader(pdf).pages]


def fonts(pdf: Path | bytes) -> dict[str, dict[str, Any]]:
    """Every font used on any page: base font name -> {"embedded": bool, "subtype": str}."""
    found: dict[str, dict[str, Any]] = {}
    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        font_dict = resources.get_object().get("/Font")
        if font_dict is None:
            continue
        for ref in font_dict.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = {
                "embedded": embedded,
                "truetype": "/FontFile2" in descriptor,
                "subtype": str(font.get("/Subtype")),
            }
    return found
