"""The letterhead logo: a real PNG/JPEG of sane size, or a clear ValidationError."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from flexdesk.errors import ValidationError
from flexdesk.reports import layout
from flexdesk.reports.evaluation_form import build_evaluation_pdf_bytes
from flexdesk.reports.layout import Letterhead, validate_logo
from flexdesk.reports.samples import sample_evaluation_form
from flexdesk.reports.schedule_sheet import build_schedule_pdf_bytes
from tests.support.pdf import reader


def with_logo(path: Path) -> bytes:
    form = sample_evaluation_form(1, n_utama=1, n_tambahan=0)
    head = replace(form.letterhead, logo_path=path)
    return build_evaluation_pdf_bytes(replace(form, letterhead=head))


def image_count(pdf: bytes) -> int:
    page = reader(pdf).pages[0]
    xobjects = page["/Resources"].get_object().get("/XObject", {})
    return sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")


@pytest.mark.parametrize(("fmt", "suffix"), [("PNG", ".png"), ("JPEG", ".jpg")])
def test_png_and_jpeg_logos_are_embedded(tmp_path: Path, fmt: str, suffix: str) -> None:
    path = tmp_path / f"logo{suffix}"
    Image.new("RGB", (240, 300), (30, 90, 160)).save(path, fmt)
    assert validate_logo(path) == (240, 300)
    assert image_count(with_logo(path)) == 1


def test_text_file_renamed_png_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_text("bukan gambar, hanya teks\n")
    with pytest.raises(ValidationError, match="bukan gambar PNG atau JPEG") as info:
        with_logo(path)
    assert info.value.field == "logo"
    assert "not a readable PNG or JPEG" in info.value.message_en


def test_truncated_png_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    Image.effect_noise((200, 200), 60).convert("RGB").save(good)
    bad = tmp_path / "cut.png"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ValidationError, match="bukan gambar"):
        validate_logo(bad)


def test_other_image_formats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "logo.gif"
    Image.new("P", (100, 100)).save(path, "GIF")
    with pytest.raises(ValidationError, match="PNG atau JPEG"):
        validate_logo(path)


def test_huge_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    Image.new("L", (layout.MAX_LOGO_SIDE_PX + 1000, 40)).save(path)
    with pytest.raises(ValidationError, match="terlalu besar") as info:
        with_logo(path)
    assert "piksel" in str(info.value)


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "photo.png"
    Image.effect_noise((300, 300), 80).convert("RGB").save(path)
    monkeypatch.setattr(layout, "MAX_LOGO_BYTES", 10_000)
    with pytest.raises(ValidationError, match="Berkas logo terlalu besar"):
        validate_logo(path)


def test_tiny_and_missing_logo(tmp_path: Path) -> None:
    tiny = tmp_path / "dot.png"
    Image.new("RGB", (4, 4)).save(tiny)
    with pytest.raises(ValidationError, match="terlalu kecil"):
        validate_logo(tiny)
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        validate_logo(tmp_path / "missing.png")
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        validate_logo(tmp_path)  # a folder is not a logo


def test_replaced_logo_file_is_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGB", (100, 100)).save(path)
    validate_logo(path)
    path.write_text("diganti dengan teks")
    with pytest.raises(ValidationError):
        validate_logo(path)


def test_schedule_sheet_uses_the_same_letterhead(tmp_path: Path) -> None:
    from flexdesk.reports.samples import sample_schedule_sheet

    path = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), (200, 30, 30)).save(path)
    data = sample_schedule_sheet(units=1, per_unit=2)
    data = replace(data, letterhead=Letterhead("Pemerintah Kabupaten Kuningan", logo_path=path))
    assert image_count(build_schedule_pdf_bytes(data)) == 1
