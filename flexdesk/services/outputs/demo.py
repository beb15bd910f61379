"""Demo data for the output log: an approved SKP for every demo employee (RHK cascading from
the head of the office down through the unit heads) and three months of daily logs up to
yesterday, reviewed like a real office would (older weeks accepted, recent ones waiting, a few
returned with a note), with a handful of evidence files in the attachment store.

Bulk inserts keep ``flexdesk demo`` fast: about 5,000 entries take a fraction of a second.
"""

from __future__ import annotations

import random
import struct
import zlib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from flexdesk.db.audit import record_bulk_inserts
from flexdesk.db.base import new_uuid, take_sequence_numbers, utcnow
from flexdesk.db.engine import DATA_ROOT
from flexdesk.db.models import Employee, User, WorkUnit
from flexdesk.db.models_outputs import OutputEvidence, OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import LogStatus, NationalCalendar, SkpStatus, WorkMode
from flexdesk.services.storage.attachments import AttachmentStore, bytes_in_transaction

if TYPE_CHECKING:
    from flexdesk.services.demo_info import DemoInfo

#: (RHK, kuantitas indicator, unit, activities) per jabatan; staff get two plus a shared one
_STAFF_RHK: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    "Analis Kebijakan": [
        ("Tersusunnya kajian kebijakan pelayanan kecamatan", "Kajian yang disusun", "kajian",
         ("Menghimpun data pelayanan untuk kajian", "Menyusun draf kajian kebijakan")),
        ("Terlaksananya evaluasi pelaksanaan kebijakan", "Laporan evaluasi", "laporan",
         ("Menganalisis capaian program desa", "Menyusun laporan evaluasi bulanan")),
    ],
    "Pengadministrasi Umum": [
        ("Tertatanya administrasi persuratan kantor", "Surat yang diproses", "surat",
         ("Mengagendakan surat masuk", "Mendistribusikan disposisi surat")),
        ("Tersedianya data kepegawaian yang mutakhir", "Data pegawai diperbarui", "berkas",
         ("Memperbarui berkas kepegawaian", "Merekap daftar hadir pegawai")),
    ],
    "Pranata Komputer": [
        ("Terkelolanya sistem informasi kecamatan", "Layanan TI diselesaikan", "tiket",
         ("Menangani gangguan jaringan kantor", "Memperbarui konten situs kecamatan")),
        ("Terjaganya keamanan dan cadangan data", "Pencadangan data", "kali",
         ("Mencadangkan basis data layanan", "Memeriksa log keamanan server")),
    ],
    "Pengelola Keuangan": [
        ("Tertibnya penatausahaan keuangan", "Dokumen SPJ diverifikasi", "dokumen",
         ("Memverifikasi SPJ kegiatan", "Menyusun buku kas umum")),
        ("Tersusunnya laporan keuangan tepat waktu", "Laporan keuangan", "laporan",
         ("Merekonsiliasi belanja dengan BPKAD", "Menyusun laporan realisasi anggaran")),
    ],
    "Arsiparis": [
        ("Tertatanya arsip dinamis kantor", "Berkas arsip ditata", "berkas",
         ("Menata arsip aktif", "Mendata arsip inaktif")),
        ("Terlaksananya layanan peminjaman arsip", "Layanan arsip", "layanan",
         ("Melayani peminjaman arsip", "Memutakhirkan daftar arsip")),
    ],
    "Pengolah Data": [
        ("Tersedianya data kependudukan kecamatan", "Data diolah", "dokumen",
         ("Mengolah data kependudukan desa", "Memvalidasi data bantuan sosial")),
        ("Tersajinya statistik kecamatan", "Tabel statistik", "tabel",
         ("Menyusun tabel statistik bulanan", "Memperbarui dasbor data kecamatan")),
    ],
    "Penyuluh Sosial": [
        ("Terlaksananya penyuluhan sosial masyarakat", "Sesi penyuluhan", "sesi",
         ("Memberikan penyuluhan di balai desa", "Mendampingi kelompok PKH")),
        ("Tersalurkannya bantuan sosial tepat sasaran", "Penerima diverifikasi", "KK",
         ("Memverifikasi calon penerima bantuan", "Mengunjungi rumah penerima bantuan")),
    ],
    "Analis Pelayanan": [
        ("Meningkatnya kualitas layanan administrasi terpadu", "Layanan diselesaikan", "layanan",
         ("Melayani permohonan surat keterangan", "Memproses rekomendasi izin usaha")),
        ("Tersusunnya analisis kepuasan masyarakat", "Laporan survei", "laporan",
         ("Mengolah survei kepuasan masyarakat", "Menyusun rekomendasi perbaikan layanan")),
    ],
    "Pengelola Layanan Operasional": [
        ("Terpeliharanya sarana dan prasarana kantor", "Pemeliharaan dilakukan", "kegiatan",
         ("Memeriksa kendaraan dinas", "Mengoordinasikan perbaikan gedung")),
        ("Terlaksananya layanan rapat dan tamu", "Rapat dilayani", "rapat",
         ("Menyiapkan ruang rapat koordinasi", "Mendata tamu dinas")),
    ],
}  # fmt: skip
_SHARED_RHK = (
    "Terlaksananya tugas tambahan dari pimpinan", "Tugas tambahan", "kegiatan",
    ("Mengikuti rapat koordinasi kecamatan", "Membantu pelaksanaan kegiatan kecamatan"),
)  # fmt: skip
_HEAD_RHK = (
    ("Meningkatnya kualitas layanan {unit}", "Laporan kinerja unit", "laporan",
     ("Memantau capaian kinerja staf", "Menyusun laporan kinerja unit")),
    ("Terkoordinasinya pelaksanaan tugas {unit}", "Rapat koordinasi", "rapat",
     ("Memimpin rapat koordinasi unit", "Membagi tugas dan disposisi")),
    ("Terlaksananya pembinaan pegawai {unit}", "Sesi pembinaan", "sesi",
     ("Membina dan membimbing staf", "Mereviu log output staf")),
)  # fmt: skip
_CHIEF_RHK = (
    ("Meningkatnya kualitas pelayanan publik kecamatan", "Indeks kepuasan masyarakat", "laporan",
     ("Memimpin apel dan evaluasi layanan", "Meninjau layanan administrasi terpadu")),
    ("Terselenggaranya pemerintahan kecamatan yang akuntabel", "Dokumen kinerja", "dokumen",
     ("Menandatangani dokumen kinerja", "Memimpin rapat pimpinan")),
    ("Meningkatnya kesejahteraan sosial masyarakat", "Kegiatan pemberdayaan", "kegiatan",
     ("Membuka kegiatan pemberdayaan desa", "Meninjau penyaluran bantuan sosial")),
)  # fmt: skip
_WFA_PLACES = ("Balai Desa Cipari", "Kantor Desa Cigadung", "Aula Kecamatan")
_RETURN_NOTES = (
    "Lampirkan daftar hadir atau foto kegiatan sebagai bukti.",
    "Jumlah output belum sesuai dengan uraian; mohon diperiksa.",
    "Uraikan hasil kegiatannya, bukan hanya nama kegiatan.",
)
# (start, end) blocks of a working day; Friday has the longer break (Perpres 21/2023)
_BLOCKS = ((time(7, 30), time(10, 0)), (time(10, 0), time(12, 0)), (time(13, 0), time(16, 0)))
_FRIDAY = ((time(7, 30), time(10, 0)), (time(10, 0), time(11, 30)), (time(13, 30), time(16, 30)))


def _stamp(session: Session, rows: list[dict[str, Any]]) -> None:
    now = utcnow()
    seq = take_sequence_numbers(session, len(rows)) if rows else 0
    for row in rows:
        row.update(created_at=now, updated_at=now, rev=1, change_seq=seq)
        seq += 1


def _indicators(rhk_id: str, label: str, unit: str, target: float) -> list[dict[str, Any]]:
    return [
        {"id": new_uuid(), "rhk_id": rhk_id, "position": 0, "aspect": "kuantitas",
         "text": label, "target_value": target, "target_unit": unit},
        {"id": new_uuid(), "rhk_id": rhk_id, "position": 1, "aspect": "kualitas",
         "text": "Hasil kerja sesuai standar tanpa revisi", "target_value": 100.0,
         "target_unit": "%"},
        {"id": new_uuid(), "rhk_id": rhk_id, "position": 2, "aspect": "waktu",
         "text": "Diselesaikan dalam tahun berjalan", "target_value": 12.0,
         "target_unit": "bulan"},
    ]  # fmt: skip


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small valid PNG (a colour with a lighter band), made without an imaging library."""
    rows = []
    for y in range(height):
        shade = tuple(min(255, c + 60) for c in rgb) if height // 3 < y < 2 * height // 3 else rgb
        rows.append(b"\x00" + bytes(shade) * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def _pdf(title: str) -> bytes:
    """A one-page PDF with a line of text (hand-built: small, valid, no ReportLab start-up)."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_store(session: Session) -> AttachmentStore | None:
    """The attachment store of the session's data folder (set by services.app.open_database;
    with a database server it is not beside the database), else beside a SQLite file."""
    root = session.info.get(DATA_ROOT)
    if isinstance(root, Path):
        return AttachmentStore(root / "attachments")
    url = session.connection().engine.url
    database = url.database if url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        return None
    return AttachmentStore(Path(database).parent / "attachments")


def create_demo_outputs(
    session: Session,
    info: DemoInfo,
    rng: random.Random,
    *,
    today: date | None = None,
    store: AttachmentStore | None = None,
) -> int:
    """SKPs for every demo employee and three months of logs; returns the number of entries."""
    today = today or date.today()
    year = today.year
    store = store if store is not None else demo_store(session)
    staff = list(session.scalars(select(Employee).order_by(Employee.nama, Employee.id)))
    units = {u.id: u.name for u in session.scalars(select(WorkUnit))}
    users = {u.employee_id: u.id for u in session.scalars(select(User)) if u.employee_id}
    admin_user = session.scalar(select(User.id).where(User.username == info.admin_username))
    chief = next((e for e in staff if e.supervisor_id is None), None)
    heads = [
        e for e in staff if e.supervisor_id == (chief.id if chief else None) and e is not chief
    ]
    order = (
        ([chief] if chief else []) + heads + [e for e in staff if e is not chief and e not in heads]
    )

    skp_rows: list[dict[str, Any]] = []
    rhk_rows: list[dict[str, Any]] = []
    ind_rows: list[dict[str, Any]] = []
    rhk_of: dict[str, list[tuple[str, tuple[str, ...]]]] = {}  # employee -> (rhk id, activities)
    now = datetime.now().astimezone()
    for emp in order:
        skp_id = new_uuid()
        approved = emp.supervisor_id is not None or admin_user is not None
        skp_rows.append(
            {"id": skp_id, "employee_id": emp.id, "year": year, "period_type": "monthly",
             "status": SkpStatus.APPROVED.value if approved else SkpStatus.DRAFT.value,
             "review_note": "", "approver_employee_id": emp.supervisor_id,
             "approved_by_user_id": users.get(emp.supervisor_id or "", admin_user),
             "approved_at": now - timedelta(days=120)}
        )  # fmt: skip
        unit = units.get(emp.unit_id or "", "unit")
        if emp is chief:
            templates: list[tuple[str, str, str, tuple[str, ...]]] = list(_CHIEF_RHK)
        elif emp in heads:
            templates = [(t.format(unit=unit), i, u, a) for t, i, u, a in _HEAD_RHK]
        else:
            templates = [*_STAFF_RHK.get(emp.jabatan, _STAFF_RHK["Analis Pelayanan"]), _SHARED_RHK]
        parents = rhk_of.get(emp.supervisor_id or "", [])
        for pos, (text, label, unit_word, activities) in enumerate(templates, 1):
            rhk_id = new_uuid()
            parent = parents[(pos - 1) % len(parents)][0] if parents else None
            rhk_rows.append(
                {"id": rhk_id, "skp_id": skp_id, "position": pos,
                 "kind": "tambahan" if text == _SHARED_RHK[0] else "utama",
                 "text": text, "parent_rhk_id": parent}
            )  # fmt: skip
            # yearly targets about what the demo's daily rhythm produces (so recaps look real)
            if text == _SHARED_RHK[0]:
                target = float(rng.choice((60, 84, 96)))
            elif emp is chief or emp in heads:
                target = float(rng.choice((240, 276, 300)))
            else:
                target = float(rng.choice((300, 360, 420)))
            ind_rows += _indicators(rhk_id, label, unit_word, target)
            rhk_of.setdefault(emp.id, []).append((rhk_id, activities))

    unit_of = {i["rhk_id"]: i["target_unit"] for i in ind_rows if i["aspect"] == "kuantitas"}
    calendar = NationalCalendar()
    first = today - timedelta(days=91)  # three months
    days = [first + timedelta(n) for n in range((today - first).days)]
    log_rows: list[dict[str, Any]] = []
    overworker = order[-1].id if len(order) > 1 else None  # shows the wellbeing signals
    for emp in order:
        rhks = rhk_of[emp.id]
        shared = emp is not chief and emp not in heads
        remote_weekday = rng.randint(0, 4) if emp.flex_eligible else -1
        for day in days:
            working = calendar.is_working_day(day)
            if not working and not (emp.id == overworker and day.weekday() == 5):
                continue
            if working and rng.random() < 0.05:
                continue  # a day off (leave, sick) without a log
            age = (today - day).days
            mode = WorkMode.WFH if day.weekday() == remote_weekday else WorkMode.WFO
            if rng.random() < 0.04:
                mode = rng.choice((WorkMode.WFA, WorkMode.DINAS_LUAR))
            blocks = list(_FRIDAY if day.weekday() == 4 else _BLOCKS)
            if emp.id != overworker:
                blocks = blocks[: rng.choice((2, 3, 3, 3))]
            elif working:  # long days, and Saturday mornings too
                blocks.append((time(16, 0), time(18, 0)))
            else:
                blocks = blocks[:2]
            for n, (start, end) in enumerate(blocks):
                # the shared "tugas tambahan" RHK (staff only, last) comes up now and then
                if shared and rng.random() < 0.1:
                    rhk_id, activities = rhks[-1]
                else:
                    rhk_id, activities = rng.choice(rhks[:-1] if shared else rhks)
                if age > 14:
                    status = LogStatus.ACCEPTED
                elif age > 3:
                    status = LogStatus.SUBMITTED
                else:
                    status = LogStatus.DRAFT
                note = ""
                if status is LogStatus.SUBMITTED and rng.random() < 0.05:
                    status, note = LogStatus.RETURNED, rng.choice(_RETURN_NOTES)
                minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
                log_rows.append(
                    {"id": new_uuid(), "employee_id": emp.id, "rhk_id": rhk_id, "day": day,
                     "activity": activities[(n + day.day) % len(activities)],
                     "quantity": float(rng.choice((1, 1, 1, 1, 2))),
                     "unit": unit_of[rhk_id],
                     "start_time": start, "end_time": end, "minutes": minutes,
                     "work_mode": mode.value,
                     "location": rng.choice(_WFA_PLACES) if mode is WorkMode.WFA else "",
                     "planned_mode": None, "mode_mismatch": False, "status": status.value,
                     "review_note": note,
                     "submitted_at": None if status is LogStatus.DRAFT else now - timedelta(days=age),
                     "reviewed_at": now - timedelta(days=max(age - 2, 0))
                     if status in (LogStatus.ACCEPTED, LogStatus.RETURNED) else None,
                     "reviewed_by_user_id": users.get(emp.supervisor_id or "", admin_user)
                     if status in (LogStatus.ACCEPTED, LogStatus.RETURNED) else None,
                     "created_by_user_id": users.get(emp.id)}
                )  # fmt: skip

    evidence_rows = _demo_evidence(session, store, log_rows, rng) if store is not None else []
    for rows in (skp_rows, rhk_rows, ind_rows, log_rows, evidence_rows):
        _stamp(session, rows)
    # Core inserts (executemany), parents first: an RHK may point at its supervisor's RHK
    conn = session.connection()
    for model, rows in (
        (Skp, skp_rows),
        (Rhk, rhk_rows),
        (RhkIndicator, ind_rows),
        (OutputLog, log_rows),
        (OutputEvidence, evidence_rows),
    ):
        if rows:
            conn.execute(insert(model), rows)
            # bulk inserts skip the audit hook; the trail must still hold every row
            record_bulk_inserts(session, model, [r["id"] for r in rows])
    return len(log_rows)


def _demo_evidence(
    session: Session, store: AttachmentStore, log_rows: list[dict[str, Any]], rng: random.Random
) -> list[dict[str, Any]]:
    made = (
        (_pdf("Notulen rapat koordinasi"), "Notulen rapat koordinasi.pdf", "application/pdf"),
        (_pdf("Daftar hadir kegiatan"), "Daftar hadir.pdf", "application/pdf"),
        (_pdf("Laporan bulanan"), "Laporan bulanan.pdf", "application/pdf"),
        (_png(160, 120, (31, 95, 168)), "Foto kegiatan.png", "image/png"),
    )
    files = [bytes_in_transaction(session, store, *f) for f in made]
    candidates = [r for r in log_rows if r["status"] != LogStatus.DRAFT.value]
    picked = rng.sample(candidates, min(12, len(candidates)))
    rows: list[dict[str, Any]] = []
    for i, log in enumerate(picked):
        stored = files[i % len(files)]  # the same file on several entries: stored once
        rows.append(
            {"id": new_uuid(), "log_id": log["id"], "kind": "file", "sha256": stored.sha256,
             "original_name": stored.name, "size": stored.size,
             "media_type": stored.media_type, "url": ""}
        )  # fmt: skip
    for log in picked[:3]:
        rows.append(
            {"id": new_uuid(), "log_id": log["id"], "kind": "link", "sha256": None,
             "original_name": "https://cigugur.kuningankab.go.id/berita",
             "size": 0, "media_type": "", "url": "https://cigugur.kuningankab.go.id/berita"}
        )  # fmt: skip
    return rows
