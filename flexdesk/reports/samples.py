"""Realistic sample inputs for the report builders: tests, benchmarks and layout previews.

Deterministic (seeded) so two benchmark runs print the same documents.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from flexdesk.domain.dates import format_periode, format_tanggal
from flexdesk.domain.performance import CORE_VALUES, Rating
from flexdesk.reports.evaluation_form import (
    EvaluationFormData,
    Indikator,
    PerilakuRow,
    Person,
    RhkRow,
)
from flexdesk.reports.layout import Letterhead, PaperName
from flexdesk.reports.schedule_sheet import (
    LegendEntry,
    ScheduleDay,
    ScheduleRow,
    ScheduleSheetData,
    SignatureBlock,
    UnitGroup,
)

NAMES = (
    "Ni Luh Putu Ayu Wulandari, S.Kep., Ns.",
    "Dr. drg. Çağrı Öztürk, M.Kes.",
    "Ahmad Fauzi Rahman, S.E., M.Ak.",
    "Siti Nurhaliza Kusumawardhani, S.Sos.",
    "Dr. Ir. Bambang Sutrisno Hadiwijoyo, M.T., IPU.",
    "I Gusti Ngurah Agung Putra Wijaya, S.H.",
    "Raden Ajeng Dewi Sartika Ningrum, A.Md.Keb.",
    "Muhammad Rizky Pratama",
    "Theresia Maria Goreti Lumban Tobing, S.Farm., Apt.",
    "Yohanes Élie Mbáye Kahélé, S.Kom.",
)
JABATAN = (
    "Perawat Ahli Pertama",
    "Dokter Gigi Ahli Madya",
    "Analis Keuangan Pusat dan Daerah Ahli Muda",
    "Pengelola Layanan Operasional",
    "Kepala Puskesmas",
    "Penata Kelola Sistem dan Teknologi Informasi",
    "Bidan Terampil",
)
PANGKAT = (
    "Penata Muda, III/a",
    "Penata Muda Tingkat I, III/b",
    "Penata, III/c",
    "Penata Tingkat I, III/d",
    "Pembina, IV/a",
)
RHK = (
    "Terlaksananya pelayanan asuhan keperawatan pada pasien rawat jalan sesuai standar",
    "Tersusunnya laporan bulanan kunjungan pasien dan capaian standar pelayanan minimal",
    "Meningkatnya cakupan imunisasi dasar lengkap di wilayah kerja Puskesmas",
    "Terselenggaranya penyuluhan kesehatan masyarakat tentang pencegahan stunting",
    "Terkelolanya data kepegawaian dan absensi elektronik unit kerja",
    "Tersedianya dokumen pertanggungjawaban keuangan yang tepat waktu dan akuntabel",
)
RHK_ATASAN = (
    "Meningkatnya mutu pelayanan kesehatan dasar di Puskesmas",
    "Meningkatnya akuntabilitas kinerja dan keuangan Puskesmas",
    "Menurunnya prevalensi stunting di wilayah kecamatan",
)
INDIKATOR = (
    ("Kuantitas", "Jumlah pasien yang mendapat asuhan keperawatan", "120 pasien"),
    ("Kualitas", "Persentase asuhan yang terdokumentasi lengkap dalam rekam medis", "95%"),
    ("Waktu", "Laporan disampaikan paling lambat tanggal 5 bulan berikutnya", "1 bulan"),
    ("Kuantitas", "Jumlah kegiatan penyuluhan yang terlaksana", "4 kegiatan"),
    ("Kualitas", "Tingkat kepuasan peserta penyuluhan", "85%"),
)
FEEDBACK = (
    "Capaian sesuai target; pertahankan kelengkapan dokumentasi dan unggah bukti dukung "
    "tepat waktu.",
    "Realisasi melampaui target. Bagus sekali, mohon bagikan praktik baik ini kepada rekan.",
    "Masih di bawah target karena dua kegiatan tertunda; susun ulang jadwal bulan depan.",
    "Laporan sudah rapi, namun perlu dilengkapi analisis tren tiga bulan terakhir.",
)


def _nip(rng: random.Random) -> str:
    born = date(1970, 1, 1) + timedelta(days=rng.randrange(0, 9000))
    tmt_year = born.year + rng.randrange(22, 30)
    return f"{born:%Y%m%d}{tmt_year}{rng.randrange(1, 13):02d}{rng.choice('12')}{rng.randrange(1, 999):03d}"


def sample_letterhead(logo_path: Path | None = None) -> Letterhead:
    """The kop of a Puskesmas in Kuningan, with ``logo_path`` when given."""
    return Letterhead(
        instansi="Pemerintah Kabupaten Kuningan",
        unit="Dinas Kesehatan — UPTD Puskesmas Cigugur",
        address="Jl. Raya Cigugur No. 12, Kecamatan Cigugur, Kuningan, Jawa Barat 45552 · "
        "Telp. (0232) 871234 · puskesmascigugur@kuningankab.go.id",
        logo_path=logo_path,
    )


def _realised(rng: random.Random, target: str) -> str:
    # Each employee's own numbers, as on real forms: a batch's realisasi and feedback texts
    # differ from form to form (column heads, labels and behaviours repeat).
    amount, _, what = target.partition(" ")
    if amount.endswith("%"):
        return f"{rng.randint(70, 100)}%"
    if amount.isdigit():
        return f"{rng.randint(int(amount) * 3 // 4, int(amount) * 5 // 4)} {what}"
    return f"{rng.randint(1, 28)} hari sebelum batas"


def _rhk(rng: random.Random, seed: int, i: int) -> RhkRow:
    inds = [
        Indikator(
            indikator=text,
            target=target,
            aspek=aspek,
            realisasi=f"{_realised(rng, target)} tercapai, bukti dukung terunggah",
        )
        for aspek, text, target in rng.sample(INDIKATOR, rng.randint(1, 3))
    ]
    return RhkRow(
        rhk=RHK[i % len(RHK)],
        indikator=inds,
        rhk_atasan=rng.choice(RHK_ATASAN),
        umpan_balik=f"{rng.choice(FEEDBACK)} Rujukan bukti: LAP/{seed + 1:03d}/{i + 1}/X/2026.",
    )


def _perilaku(rng: random.Random) -> list[PerilakuRow]:
    return [
        PerilakuRow(
            cv.name,
            cv.indicators,
            ekspektasi_khusus="Hadir tepat waktu pada apel pagi dan rapat koordinasi"
            if i % 3 == 0
            else "",
            umpan_balik=rng.choice(FEEDBACK),
        )
        for i, cv in enumerate(CORE_VALUES)
    ]


def _people(
    rng: random.Random, seed: int, with_atasan: bool
) -> tuple[Person, Person, Person | None]:
    """The employee, the Pejabat Penilai and (when asked) the Atasan, in this order of draws."""
    pegawai = Person(
        nama=NAMES[seed % len(NAMES)],
        nip=_nip(rng),
        pangkat_golongan=rng.choice(PANGKAT),
        jabatan=rng.choice(JABATAN),
        unit_kerja="UPTD Puskesmas Cigugur, Dinas Kesehatan Kabupaten Kuningan",
    )
    penilai = Person(
        nama="Dr. drg. Çağrı Öztürk, M.Kes.",
        nip=_nip(rng),
        pangkat_golongan="Pembina, IV/a",
        jabatan="Kepala UPTD Puskesmas Cigugur",
        unit_kerja="Dinas Kesehatan Kabupaten Kuningan",
    )
    if not with_atasan:
        return pegawai, penilai, None
    atasan = Person(
        nama="dr. Hj. Raden Siti Maryam Kartasasmita, M.M.Kes.",
        nip=_nip(rng),
        pangkat_golongan="Pembina Utama Muda, IV/c",
        jabatan="Kepala Dinas Kesehatan",
        unit_kerja="Dinas Kesehatan Kabupaten Kuningan",
    )
    return pegawai, penilai, atasan


def sample_evaluation_form(
    seed: int = 0,
    *,
    n_utama: int = 6,
    n_tambahan: int = 2,
    paper: PaperName = "A4",
    logo_path: Path | None = None,
    with_atasan: bool = False,
) -> EvaluationFormData:
    """A filled-in monthly form; the defaults give about three A4 pages."""
    rng = random.Random(seed)
    perilaku = _perilaku(rng)
    pegawai, penilai, atasan = _people(rng, seed, with_atasan)
    utama = [_rhk(rng, seed, i) for i in range(n_utama)]
    tambahan = [_rhk(rng, seed, i + 3) for i in range(n_tambahan)]
    start = date(2026, 10, 1)
    return EvaluationFormData(
        letterhead=sample_letterhead(logo_path),
        periode=format_periode(start, date(2026, 10, 31)),
        pegawai=pegawai,
        pejabat_penilai=penilai,
        atasan_pejabat_penilai=atasan,
        hasil_kerja_utama=utama,
        hasil_kerja_tambahan=tambahan,
        perilaku=perilaku,
        rating_hasil_kerja=rng.choice(list(Rating)),
        rating_perilaku=rng.choice([Rating.DI_ATAS, Rating.SESUAI]),
        capaian_kinerja_organisasi="Baik",
        catatan="Pertahankan capaian; ikuti pelatihan manajemen data kesehatan pada triwulan "
        "berikutnya.",
        place="Kuningan",
        sign_date=date(2026, 11, 28),
        paper=paper,
    )


_SAMPLE_LEGEND = (
    LegendEntry("K", "WFO – bekerja di kantor", "#FFFFFF"),
    LegendEntry("R", "WFH – bekerja dari rumah", "#CFE2F3"),
    LegendEntry("L", "WFA – bekerja dari lokasi lain", "#D9EAD3"),
    LegendEntry("C", "Cuti", "#FCE5CD"),
    LegendEntry("S", "Sakit", "#F4CCCC"),
    LegendEntry("DL", "Dinas luar", "#FFF2CC"),
)
_SAMPLE_UNITS = ("Tata Usaha", "Pelayanan Kesehatan Perorangan", "Kesehatan Masyarakat", "Farmasi")


def _august_days() -> list[ScheduleDay]:
    first = date(2026, 8, 1)
    holidays = {date(2026, 8, 17): "Hari Kemerdekaan RI"}
    return [
        ScheduleDay(
            d,
            weekend=d.weekday() >= 5,
            holiday=d in holidays,
            holiday_name=holidays.get(d, ""),
        )
        for d in (first + timedelta(days=i) for i in range(31))
    ]


def _unit_group(
    rng: random.Random, name: str, days: list[ScheduleDay], per_unit: int, counter: int
) -> UnitGroup:
    """``per_unit`` employees (names from ``counter`` on) with random codes on working days."""
    rows = []
    for k in range(per_unit):
        codes = []
        for day in days:
            if day.weekend or day.holiday:
                codes.append("")
            else:
                codes.append(rng.choices(["K", "R", "L", "C", "S", "DL"], [70, 14, 4, 4, 3, 5])[0])
        rows.append(ScheduleRow(NAMES[(counter + k) % len(NAMES)], _nip(rng), codes))
    totals = [
        None if (d.weekend or d.holiday) else sum(1 for r in rows if r.codes[i] in ("K",))
        for i, d in enumerate(days)
    ]
    return UnitGroup(name, rows, totals, minimum_onsite=per_unit // 2)


def sample_schedule_sheet(
    *, units: int = 3, per_unit: int = 8, paper: PaperName = "A4", seed: int = 0
) -> ScheduleSheetData:
    """A month's schedule for a few units, with weekends, a holiday and some remote days."""
    rng = random.Random(seed)
    days = _august_days()
    groups = [
        _unit_group(rng, _SAMPLE_UNITS[u % len(_SAMPLE_UNITS)], days, per_unit, u * per_unit)
        for u in range(units)
    ]
    return ScheduleSheetData(
        title="JADWAL KERJA FLEKSIBEL PEGAWAI",
        letterhead=sample_letterhead(),
        period_label=f"Agustus 2026 ({format_tanggal(days[0].day)} – {format_tanggal(days[-1].day)})",
        days=days,
        units=groups,
        legend=list(_SAMPLE_LEGEND),
        signature=SignatureBlock(
            place="Kuningan",
            sign_date=date(2026, 7, 28),
            approver_title="Kepala UPTD Puskesmas Cigugur",
            approver_name="Dr. drg. Çağrı Öztürk, M.Kes.",
            approver_nip="198503122010011003",
        ),
        paper=paper,
    )
