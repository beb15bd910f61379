"""The printed evaluation form, read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from flexdesk.domain.people import EmployeeType
from flexdesk.domain.performance import Predikat, Rating
from flexdesk.errors import Cancelled, ValidationError
from flexdesk.reports.evaluation_form import (
    EvaluationFormData,
    Indikator,
    Person,
    RhkRow,
    build_evaluation_pdf,
    build_evaluation_pdf_bytes,
    build_evaluation_pdfs,
    default_perilaku_rows,
)
from flexdesk.reports.layout import Letterhead
from flexdesk.reports.samples import sample_evaluation_form
from tests.support.pdf import fonts, page_sizes, page_texts

PEGAWAI = "Ni Luh Putu Ayu Wulandari, S.Kep., Ns."
PENILAI = "Dr. drg. Çağrı Öztürk, M.Kes."


def make_form(n_rhk: int = 4, **changes: object) -> EvaluationFormData:
    rows = [
        RhkRow(
            rhk=f"RHK nomor {i + 1}: terlaksananya pelayanan asuhan keperawatan sesuai standar",
            rhk_atasan="Meningkatnya mutu pelayanan kesehatan dasar",
            indikator=[
                Indikator("Jumlah pasien yang mendapat asuhan", "120 pasien", "Kuantitas", "131"),
                Indikator("Laporan tepat waktu", "1 bulan", "Waktu", "1 bulan"),
            ],
            umpan_balik="Capaian sesuai target; pertahankan.",
        )
        for i in range(n_rhk)
    ]
    form = EvaluationFormData(
        letterhead=Letterhead(
            "Pemerintah Kabupaten Kuningan", "UPTD Puskesmas Cigugur", "Jl. Raya"
        ),
        periode="1 Oktober – 31 Oktober 2026",
        pegawai=Person(PEGAWAI, "199003152015032004", "Penata Muda, III/a", "Perawat Ahli Pertama"),
        pejabat_penilai=Person(
            PENILAI, "19850312 201001 1 003", "Pembina, IV/a", "Kepala Puskesmas"
        ),
        hasil_kerja_utama=rows,
        hasil_kerja_tambahan=[RhkRow("Menjadi narasumber penyuluhan stunting")],
        rating_hasil_kerja=Rating.SESUAI,
        rating_perilaku=Rating.DI_ATAS,
        place="Kuningan",
        sign_date=date(2026, 11, 28),
    )
    return replace(form, **changes)  # type: ignore[arg-type]


def test_a4_form_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "evaluasi.pdf"
    pages = build_evaluation_pdf(make_form(), out)
    texts = page_texts(out)
    assert pages == len(texts) >= 1
    assert all(w == pytest.approx(595.28, abs=0.1) and h == pytest.approx(841.89, abs=0.1)
               for w, h in page_sizes(out))  # fmt: skip
    text = " ".join(texts)
    assert PEGAWAI in text and PENILAI in text  # diacritics survive extraction
    assert "19900315 201503 2 004" in text and "19850312 201001 1 003" in text  # NIP grouped
    assert "PEMERINTAH KABUPATEN KUNINGAN" in text
    assert "Periode: 1 Oktober – 31 Oktober 2026" in text
    assert "A. UTAMA" in text and "B. TAMBAHAN" in text
    assert "Berorientasi Pelayanan" in text and "Kolaboratif" in text
    assert "Sesuai Ekspektasi" in text and "Di Atas Ekspektasi" in text
    assert "PREDIKAT KINERJA PEGAWAI BAIK" in text  # computed by the matrix
    assert "Kuningan, 28 November 2026" in text
    assert f"Halaman 1 dari {pages}" in texts[0]
    assert not list(tmp_path.glob(".*.tmp"))  # atomic write left no temporary file


def test_f4_page_size(tmp_path: Path) -> None:
    out = tmp_path / "f4.pdf"
    build_evaluation_pdf(make_form(paper="F4"), out)
    for w, h in page_sizes(out):
        assert w == pytest.approx(215 * mm, abs=0.05) and h == pytest.approx(330 * mm, abs=0.05)
        assert (round(w, 1), round(h, 1)) == (609.4, 935.4)


def test_long_rhk_table_splits_and_repeats_header(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    pages = build_evaluation_pdf(make_form(n_rhk=40), out)
    texts = page_texts(out)
    assert pages == len(texts) > 2
    for page_text in texts[1:3]:  # continuation pages of the HASIL KERJA table
        assert "RHK Atasan yang Diintervensi" in page_text
        assert "Rencana Hasil Kerja" in page_text and "Indikator Kinerja Individu" in page_text
    numbers = [f"Halaman {i} dari {pages}" for i in range(1, pages + 1)]
    assert all(n in t for n, t in zip(numbers, texts, strict=True))
    assert "RHK nomor 40:" in " ".join(texts)


def test_signatures_stay_with_the_predikat(tmp_path: Path) -> None:
    # Whatever the table length, the signature block shares its page with the ratings.
    for n in range(1, 14, 3):
        texts = page_texts(build_evaluation_pdf_bytes(make_form(n_rhk=n)))
        sign_pages = [t for t in texts if "Pejabat Penilai Kinerja," in t]
        assert len(sign_pages) == 1
        assert (
            "PREDIKAT KINERJA PEGAWAI" in sign_pages[0] and "Pegawai yang Dinilai," in sign_pages[0]
        )


def test_section_headings_never_stand_alone_at_a_page_foot(tmp_path: Path) -> None:
    # Each heading shares its page with its table's header row. The logo and atasan block of
    # seed 7 used to leave "PERILAKU KERJA" alone at the foot of page 2.
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 200), (30, 90, 160)).save(logo)
    for seed in range(12):
        for logo_path in (None, logo):
            form = sample_evaluation_form(seed, with_atasan=seed % 2 == 1, logo_path=logo_path)
            for text in page_texts(build_evaluation_pdf_bytes(form)):
                if re.search(r"(?<!RATING )HASIL KERJA", text):  # the heading, not the rating
                    assert "Indikator Kinerja Individu" in text
                if re.search(r"(?<!RATING )PERILAKU KERJA", text):
                    assert "Ekspektasi Khusus Pimpinan" in text


def test_fonts_embedded_and_truetype(tmp_path: Path) -> None:
    found = fonts(build_evaluation_pdf_bytes(make_form()))
    assert found, "no fonts found"
    assert all(f["embedded"] and f["truetype"] for f in found.values()), found
    assert not any("Helvetica" in name for name in found)
    assert any("DejaVuSans-Bold" in name for name in found)


def test_predikat_given_explicitly_and_missing_ratings() -> None:
    text = " ".join(page_texts(build_evaluation_pdf_bytes(make_form(predikat=Predikat.KURANG))))
    assert "PREDIKAT KINERJA PEGAWAI KURANG/MISCONDUCT" in text
    draft = make_form(rating_hasil_kerja=None, rating_perilaku=None)
    assert draft.effective_predikat is None
    text = " ".join(page_texts(build_evaluation_pdf_bytes(draft)))
    assert "PREDIKAT KINERJA PEGAWAI" in text and "Baik" not in text.split("PREDIKAT")[-1]


def test_non_asn_and_pppk_numbers() -> None:
    form = make_form(
        pegawai=Person(
            "Muhammad Rizky Pratama", "", "", "Pengemudi", employee_type=EmployeeType.NON_ASN
        ),
        pejabat_penilai=Person(PENILAI, "199009132021212014", employee_type=EmployeeType.PPPK),
    )
    text = " ".join(page_texts(build_evaluation_pdf_bytes(form)))
    assert "NI PPPK. 19900913 2021 21 2 014" in text
    assert "Muhammad Rizky Pratama NIP" not in text  # no NIP line under a non-ASN signature


def test_atasan_block_and_organisation_result() -> None:
    atasan = Person(
        "dr. Hj. Raden Siti Maryam, M.M.Kes.", "197001011995032001", "Pembina Utama Muda, IV/c"
    )
    form = make_form(
        atasan_pejabat_penilai=atasan, capaian_kinerja_organisasi="Baik", catatan="Lanjutkan."
    )
    text = " ".join(page_texts(build_evaluation_pdf_bytes(form)))
    assert "3. ATASAN PEJABAT PENILAI KINERJA" in text
    assert "CAPAIAN KINERJA ORGANISASI Baik" in text
    assert "CATATAN/REKOMENDASI Lanjutkan." in text
    assert "Mengetahui, Atasan Pejabat Penilai Kinerja," in text


def test_markup_characters_and_long_words_are_plain_text() -> None:
    weird = "Target <b>100%</b> & realisasi (a+b) \\ " + "x" * 300
    form = make_form(hasil_kerja_utama=[RhkRow(weird, [Indikator(weird, weird)], weird, weird)])
    text = " ".join(page_texts(build_evaluation_pdf_bytes(form)))
    assert "Target <b>100%</b> & realisasi (a+b) \\" in text


def test_text_longer_than_a_page_flows_on() -> None:
    very_long = " ".join(["Umpan balik yang panjang sekali untuk satu RHK."] * 400)
    form = make_form(n_rhk=3)
    rows = list(form.hasil_kerja_utama)
    rows[1] = replace(rows[1], umpan_balik=very_long)
    texts = page_texts(build_evaluation_pdf_bytes(replace(form, hasil_kerja_utama=rows)))
    assert len(texts) > 3
    assert "RHK nomor 3:" in " ".join(texts)
    # The tall row starts on the first page, under the one header row of that page (the
    # header is repeated at the top of each following page, never in the middle of one).
    assert texts[0].count("Umpan balik yang panjang") > 5
    assert [t.count("Indikator Kinerja Individu") for t in texts[:-1]] == [1] * (len(texts) - 1)


def test_many_forms_in_one_pdf_restart_page_numbers(tmp_path: Path) -> None:
    forms = [make_form(n_rhk=2), make_form(n_rhk=30, paper="F4"), make_form(n_rhk=2)]
    seen: list[tuple[int, int]] = []
    out = tmp_path / "unit.pdf"
    total = build_evaluation_pdfs(forms, out, progress=lambda done, n: seen.append((done, n)))
    texts = page_texts(out)
    sizes = page_sizes(out)
    assert total == len(texts)
    firsts = [i for i, t in enumerate(texts) if "Halaman 1 dari" in t]
    assert len(firsts) == 3 and firsts[0] == 0
    second_len = firsts[2] - firsts[1]
    assert second_len > 1
    assert f"Halaman {second_len} dari {second_len}" in texts[firsts[2] - 1]
    assert sizes[firsts[1]][1] == pytest.approx(330 * mm, abs=0.05)  # F4 form in the batch
    assert sizes[0][1] == pytest.approx(841.89, abs=0.1)
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_cancel_leaves_previous_file_untouched(tmp_path: Path) -> None:
    out = tmp_path / "unit.pdf"
    out.write_bytes(b"previous")

    def cancel(done: int, total: int) -> None:
        if done == 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        build_evaluation_pdfs([make_form(), make_form()], out, progress=cancel)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["unit.pdf"]


def test_nothing_to_print_and_bad_paper() -> None:
    with pytest.raises(ValidationError, match="Tidak ada formulir"):
        build_evaluation_pdfs([], io.BytesIO())
    with pytest.raises(ValidationError, match="A4 atau F4") as info:
        build_evaluation_pdf_bytes(make_form(paper="Letter"))
    assert info.value.field == "paper"


def test_bytes_and_binary_file_output() -> None:
    data = build_evaluation_pdf_bytes(make_form())
    assert data.startswith(b"%PDF-")
    buffer = io.BytesIO()
    build_evaluation_pdf(make_form(), buffer)
    assert buffer.getvalue() == data  # deterministic output (invariant mode)


def test_default_perilaku_rows_are_the_seven_values() -> None:
    rows = default_perilaku_rows()
    assert rows[0].name == "Berorientasi Pelayanan" and len(rows) == 7


def test_sample_form_is_about_three_pages() -> None:
    assert 2 <= build_evaluation_pdf(sample_evaluation_form(5), io.BytesIO()) <= 4
