"""Demo data for the output log: an approved SKP for every demo employee (RHK cascading from
the head of the office down through the unit heads) and three months of daily logs up to
yesterday, reviewed like a real office would (older weeks accepted, recent ones waiting, a few
returned with a note), with a handful of evidence files in the attachment store
(:mod:`.demo_files`).

Bulk inserts keep ``flexdesk demo`` fast: about 5,000 entries take a fraction of a second.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from flexdesk.db.audit import record_bulk_inserts
from flexdesk.db.base import new_uuid, take_sequence_numbers, utcnow
from flexdesk.db.models import Employee, User, WorkUnit
from flexdesk.db.models_outputs import OutputEvidence, OutputLog, Rhk, RhkIndicator, Skp
from flexdesk.domain.outputs import LogStatus, NationalCalendar, SkpStatus, WorkMode
from flexdesk.services.outputs.demo_files import demo_evidence, demo_store
from flexdesk.services.storage.attachments import AttachmentStore

if TYPE_CHECKING:
    from flexdesk.services.demo_info import DemoInfo

__all__ = ["LOG_WINDOW_DAYS", "create_demo_outputs", "demo_store"]

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
#: how far back the demo's logs reach (three months up to yesterday)
LOG_WINDOW_DAYS = 91
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


#: an RHK template: (text, kuantitas indicator, unit, activities)
_Template = tuple[str, str, str, tuple[str, ...]]


@dataclass
class _Office:
    """The demo staff in SKP order (the head of the office, the unit heads, then the staff:
    an RHK links to an RHK of its supervisor's SKP made before it) with what their rows need."""

    order: list[Employee]
    chief: Employee | None
    heads: list[Employee]
    units: dict[str, str]  # unit id -> name
    users: dict[str, str]  # employee id -> user id
    admin_user: str | None
    #: employee -> (rhk id, activities), filled as the SKPs are made
    rhk_of: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    #: rhk id -> the unit of its kuantitas target (the unit of its log entries)
    unit_of: dict[str, str] = field(default_factory=dict)

    def leads(self, emp: Employee) -> bool:
        """The head of the office or of a unit (no shared "tugas tambahan" RHK)."""
        return emp is self.chief or emp in self.heads


def _load_office(session: Session, info: DemoInfo) -> _Office:
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
    return _Office(order, chief, heads, units, users, admin_user)


def _templates(office: _Office, emp: Employee) -> list[_Template]:
    unit = office.units.get(emp.unit_id or "", "unit")
    if emp is office.chief:
        return list(_CHIEF_RHK)
    if emp in office.heads:
        return [(t.format(unit=unit), i, u, a) for t, i, u, a in _HEAD_RHK]
    return [*_STAFF_RHK.get(emp.jabatan, _STAFF_RHK["Analis Pelayanan"]), _SHARED_RHK]


@dataclass
class _Rows:
    """The rows to insert, per table."""

    skp: list[dict[str, Any]] = field(default_factory=list)
    rhk: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    logs: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


def _skp_rows(office: _Office, rows: _Rows, year: int, now: datetime, rng: random.Random) -> None:
    """An SKP for everyone (approved unless nobody could approve it), each RHK derived from an
    RHK of the supervisor's SKP in turn, with yearly targets about what the demo's daily rhythm
    produces (so recaps look real)."""
    for emp in office.order:
        skp_id = new_uuid()
        approved = emp.supervisor_id is not None or office.admin_user is not None
        rows.skp.append(
            {"id": skp_id, "employee_id": emp.id, "year": year, "period_type": "monthly",
             "status": SkpStatus.APPROVED.value if approved else SkpStatus.DRAFT.value,
             "review_note": "", "approver_employee_id": emp.supervisor_id,
             "approved_by_user_id": office.users.get(emp.supervisor_id or "", office.admin_user),
             "approved_at": now - timedelta(days=120)}
        )  # fmt: skip
        parents = office.rhk_of.get(emp.supervisor_id or "", [])
        for pos, (text, label, unit_word, activities) in enumerate(_templates(office, emp), 1):
            rhk_id = new_uuid()
            parent = parents[(pos - 1) % len(parents)][0] if parents else None
            rows.rhk.append(
                {"id": rhk_id, "skp_id": skp_id, "position": pos,
                 "kind": "tambahan" if text == _SHARED_RHK[0] else "utama",
                 "text": text, "parent_rhk_id": parent}
            )  # fmt: skip
            if text == _SHARED_RHK[0]:
                target = float(rng.choice((60, 84, 96)))
            elif office.leads(emp):
                target = float(rng.choice((240, 276, 300)))
            else:
                target = float(rng.choice((300, 360, 420)))
            rows.indicators += _indicators(rhk_id, label, unit_word, target)
            office.rhk_of.setdefault(emp.id, []).append((rhk_id, activities))
            office.unit_of[rhk_id] = unit_word


def _day_blocks(
    emp_id: str, day: date, working: bool, overworker: str | None, rng: random.Random
) -> list[tuple[time, time]]:
    """The (start, end) blocks logged that day: two or three of a normal day; the overworker
    logs long days, and Saturday mornings too."""
    blocks = list(_FRIDAY if day.weekday() == 4 else _BLOCKS)
    if emp_id != overworker:
        return blocks[: rng.choice((2, 3, 3, 3))]
    if working:
        blocks.append((time(16, 0), time(18, 0)))
        return blocks
    return blocks[:2]


def _review(age: int, rng: random.Random) -> tuple[LogStatus, str]:
    """The state of an entry ``age`` days old (older weeks accepted, recent ones waiting, the
    last days still drafts, a few returned with a note)."""
    if age > 14:
        status = LogStatus.ACCEPTED
    elif age > 3:
        status = LogStatus.SUBMITTED
    else:
        status = LogStatus.DRAFT
    if status is LogStatus.SUBMITTED and rng.random() < 0.05:
        return LogStatus.RETURNED, rng.choice(_RETURN_NOTES)
    return status, ""


@dataclass(frozen=True)
class _LogDay:
    """What the entries of one employee-day share."""

    emp: Employee
    day: date
    age: int  # days before today
    mode: WorkMode
    reviewer: str | None  # the supervisor's account (the admin's without one)
    creator: str | None  # the employee's account
    now: datetime


def _log_row(
    d: _LogDay, n: int, *, block: tuple[time, time], rhk: tuple[str, tuple[str, ...]],
    unit: str, rng: random.Random,
) -> dict[str, Any]:  # fmt: skip
    """The ``n``-th entry of the day: an activity of the RHK, its review state and times."""
    (start, end), (rhk_id, activities) = block, rhk
    status, note = _review(d.age, rng)
    reviewed = status in (LogStatus.ACCEPTED, LogStatus.RETURNED)
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return {
        "id": new_uuid(), "employee_id": d.emp.id, "rhk_id": rhk_id, "day": d.day,
        "activity": activities[(n + d.day.day) % len(activities)],
        "quantity": float(rng.choice((1, 1, 1, 1, 2))),
        "unit": unit,
        "start_time": start, "end_time": end, "minutes": minutes,
        "work_mode": d.mode.value,
        "location": rng.choice(_WFA_PLACES) if d.mode is WorkMode.WFA else "",
        "planned_mode": None, "mode_mismatch": False, "status": status.value,
        "review_note": note,
        "submitted_at": None if status is LogStatus.DRAFT else d.now - timedelta(days=d.age),
        "reviewed_at": d.now - timedelta(days=max(d.age - 2, 0)) if reviewed else None,
        "reviewed_by_user_id": d.reviewer if reviewed else None,
        "created_by_user_id": d.creator,
    }  # fmt: skip


def _employee_logs(
    office: _Office, rows: _Rows, emp: Employee, days: list[date], *, today: date,
    now: datetime, overworker: str | None, rng: random.Random,
) -> None:  # fmt: skip
    """The employee's entries over ``days``: a remote weekday for the flex-eligible, a day off
    now and then, WFA or dinas luar on a few days."""
    rhks = office.rhk_of[emp.id]
    shared = not office.leads(emp)
    calendar = NationalCalendar()
    remote_weekday = rng.randint(0, 4) if emp.flex_eligible else -1
    reviewer = office.users.get(emp.supervisor_id or "", office.admin_user)
    for day in days:
        working = calendar.is_working_day(day)
        if not working and not (emp.id == overworker and day.weekday() == 5):
            continue
        if working and rng.random() < 0.05:
            continue  # a day off (leave, sick) without a log
        mode = WorkMode.WFH if day.weekday() == remote_weekday else WorkMode.WFO
        if rng.random() < 0.04:
            mode = rng.choice((WorkMode.WFA, WorkMode.DINAS_LUAR))
        d = _LogDay(emp, day, (today - day).days, mode, reviewer, office.users.get(emp.id), now)
        for n, block in enumerate(_day_blocks(emp.id, day, working, overworker, rng)):
            # the shared "tugas tambahan" RHK (staff only, last) comes up now and then
            if shared and rng.random() < 0.1:
                rhk = rhks[-1]
            else:
                rhk = rng.choice(rhks[:-1] if shared else rhks)
            unit = office.unit_of[rhk[0]]
            rows.logs.append(_log_row(d, n, block=block, rhk=rhk, unit=unit, rng=rng))


def _insert(session: Session, rows: _Rows) -> None:
    """Core inserts (executemany), parents first: an RHK may point at its supervisor's RHK."""
    tables = (
        (Skp, rows.skp),
        (Rhk, rows.rhk),
        (RhkIndicator, rows.indicators),
        (OutputLog, rows.logs),
        (OutputEvidence, rows.evidence),
    )
    for _model, table in tables:
        _stamp(session, table)
    conn = session.connection()
    for model, table in tables:
        if table:
            conn.execute(insert(model), table)
            # bulk inserts skip the audit hook; the trail must still hold every row
            record_bulk_inserts(session, model, [r["id"] for r in table])


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
    store = store if store is not None else demo_store(session)
    office = _load_office(session, info)
    rows = _Rows()
    now = datetime.now().astimezone()
    _skp_rows(office, rows, today.year, now, rng)
    first = today - timedelta(days=LOG_WINDOW_DAYS)
    days = [first + timedelta(n) for n in range((today - first).days)]
    overworker = office.order[-1].id if len(office.order) > 1 else None  # the wellbeing signals
    for emp in office.order:
        _employee_logs(
            office, rows, emp, days, today=today, now=now, overworker=overworker, rng=rng
        )
    if store is not None:
        rows.evidence = demo_evidence(session, store, rows.logs, rng)
    _insert(session, rows)
    return len(rows.logs)
