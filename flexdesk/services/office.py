"""The office profile (kop surat, signature city) and first-run set-up."""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flexdesk.db.models import Office, Setting
from flexdesk.domain.performance import DEFAULT_BOUNDS, bounds_to_data
from flexdesk.errors import NotFound, ValidationError
from flexdesk.services import auth
from flexdesk.services.concurrency import check_rev
from flexdesk.services.permissions import Action, Actor, Role, require
from flexdesk.services.validation import clean_text, finite_number, one_line

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4000
LOGO_STORED_SIZE = 600  # px, long side: plenty for a 3 cm letterhead logo at 300 dpi


@dataclass(frozen=True)
class OfficeProfile:
    """The office's identity as printed on forms and sent to central: code, instansi, unit kerja, address, city, letterhead logo."""

    code: str
    instansi: str
    unit_kerja: str
    address: str
    city: str
    logo_png: bytes | None = None
    # the office row's revision the form read (optimistic concurrency); not part of the profile
    rev: int = dataclasses.field(default=0, compare=False)


def validate_profile(profile: OfficeProfile) -> OfficeProfile:
    """The profile with its fields trimmed and checked; a ValidationError names the first wrong field."""
    code = one_line(profile.code, "code", 20, label=("Kode kantor", "The office code")).upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{1,19}", code):
        raise ValidationError(
            "Kode kantor 2–20 huruf/angka tanpa spasi (contoh: O042), sesuai pendaftaran di "
            "kantor pusat.",
            message_en="Office code: 2-20 letters/digits without spaces (e.g. O042).",
            field="code",
        )
    texts: dict[str, str] = {}
    for field, value, label_id, label_en, max_len in (
        ("instansi", profile.instansi, "Nama instansi", "Agency name", 200),
        ("unit_kerja", profile.unit_kerja, "Nama unit kerja/kantor", "Office name", 200),
        ("city", profile.city, "Kota tempat tanda tangan", "Signature city", 100),
    ):
        texts[field] = clean_text(value, field, max_len, label=(label_id, label_en))
        if not texts[field]:
            raise ValidationError(
                f"{label_id} wajib diisi.", message_en=f"{label_en} is required.", field=field
            )
    return OfficeProfile(
        code=code,
        instansi=texts["instansi"],
        unit_kerja=texts["unit_kerja"],
        address=clean_text(profile.address, "address", None, True, label=("Alamat", "Address")),
        city=texts["city"],
        logo_png=profile.logo_png,
    )


def load_logo(path: Path) -> bytes:
    """Read an image file for the letterhead: refuse non-images and huge files, store as PNG."""
    from PIL import Image, UnidentifiedImageError

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValidationError(
            f"Berkas logo tidak dapat dibaca: {exc.strerror}.",
            message_en=f"The logo file cannot be read: {exc.strerror}.",
            field="logo",
        ) from None
    if size > MAX_LOGO_BYTES:
        raise ValidationError(
            f"Berkas logo terlalu besar ({size / 1048576:.1f} MB); maksimal 2 MB.",
            message_en=f"The logo file is too large ({size / 1048576:.1f} MB); at most 2 MB.",
            field="logo",
        )
    try:
        with Image.open(path) as img:
            if max(img.size) > MAX_LOGO_PIXELS:
                raise ValidationError(
                    f"Gambar logo terlalu besar ({img.size[0]}×{img.size[1]} piksel); "
                    f"maksimal {MAX_LOGO_PIXELS} piksel per sisi.",
                    message_en=f"The logo image is too large ({img.size[0]}x{img.size[1]} px).",
                    field="logo",
                )
            img.load()
            img.thumbnail((LOGO_STORED_SIZE, LOGO_STORED_SIZE))
            out = io.BytesIO()
            img.convert("RGBA").save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "Berkas logo bukan gambar yang dapat dibaca (gunakan PNG atau JPEG).",
            message_en="The logo file is not a readable image (use PNG or JPEG).",
            field="logo",
        ) from None


def get_office(session: Session) -> Office | None:
    """The office row, or None before the first-run wizard."""
    return session.scalar(select(Office).limit(1))


def require_office(session: Session) -> Office:
    """The office row; NotFound with a pointer to the wizard when there is none yet."""
    office = get_office(session)
    if office is None:
        raise NotFound(
            "Profil kantor belum diisi. Jalankan wizard awal.",
            message_en="The office profile is not set up yet. Run the first-run wizard.",
        )
    return office


def is_set_up(session: Session) -> bool:
    """True when the office profile and at least one account exist."""
    return get_office(session) is not None and auth.has_users(session)


def first_run_setup(
    session: Session,
    profile: OfficeProfile,
    *,
    admin_username: str,
    admin_password: str,
    admin_name: str,
) -> Actor:
    """Create the office and the first admin in one transaction (only on an empty database)."""
    if is_set_up(session):
        raise ValidationError(
            "Kantor sudah diatur; wizard awal hanya untuk basis data kosong.",
            message_en="The office is already set up; the wizard is for an empty database only.",
        )
    clean = validate_profile(profile)
    session.add(
        Office(
            code=clean.code,
            instansi=clean.instansi,
            unit_kerja=clean.unit_kerja,
            address=clean.address,
            city=clean.city,
            logo_png=clean.logo_png,
        )
    )
    user = auth.create_user_unchecked(
        session,
        username=admin_username,
        password=admin_password,
        role=Role.ADMIN,
        display_name=admin_name,
    )
    return auth.actor_for(user)


def update_office(
    session: Session, actor: Actor, profile: OfficeProfile, *, expected_rev: int | None = None
) -> None:
    """Save a new office profile (admin only). ``expected_rev``: the profile's revision the
    form read; a save against a profile changed since (on another PC) is refused with
    StaleEdit carrying the current OfficeProfile."""
    require(actor, Action.OFFICE_EDIT)
    clean = validate_profile(profile)
    office = require_office(session)
    check_rev(
        session,
        office,
        expected_rev,
        "profil kantor",
        label_en="office profile",
        current=lambda: office_profile(session, actor),
    )
    office.code = clean.code
    office.instansi = clean.instansi
    office.unit_kerja = clean.unit_kerja
    office.address = clean.address
    office.city = clean.city
    office.logo_png = clean.logo_png


def office_profile(session: Session, actor: Actor) -> OfficeProfile:
    """The office profile as the settings page shows it."""
    require(actor, Action.OFFICE_VIEW)
    office = require_office(session)
    return OfficeProfile(
        code=office.code,
        instansi=office.instansi,
        unit_kerja=office.unit_kerja,
        address=office.address,
        city=office.city,
        logo_png=office.logo_png,
        rev=office.rev,
    )


# -- office-wide settings ---------------------------------------------------------------------

#: Every office setting with its default, in one place. Capabilities add theirs here.
SETTING_DEFAULTS: dict[str, object] = {
    "paper_size": "A4",  # A4 | F4
    "evaluation_period": "monthly",  # monthly | quarterly | semester
    "nip_min_age_at_appointment": 18,
    "session_timeout_minutes": 30,
    # Evidence files of the output log (services.attachments): size limit and allowed types.
    "attachment_max_mb": 10,
    "attachment_types": [
        "pdf",
        "jpg",
        "jpeg",
        "png",
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "ods",
        "odp",
        "txt",
        "csv",
    ],
    # Wellbeing signals on the output recap (domain.outputs.WellbeingThresholds).
    "wellbeing_weekly_hours": 37.5,  # Perpres 21/2023
    "wellbeing_max_consecutive_days": 6,
    "wellbeing_max_remote_share": 0.4,  # PermenPANRB 4/2025 Pasal 13(1): 2 of 5 days
    # Performance evaluation (services.evaluation, docs/evaluation.md).
    # The admin may rate, finalise and reopen as Atasan Pejabat Penilai Kinerja only when on.
    "evaluation_admin_as_atasan": False,
    # Hasil kinerja organisasi the unit distribution is checked against (OrganisationResult).
    "evaluation_org_result": "baik",
    # Kurva distribusi (SE MenPANRB 3/2023), domain.performance.bounds_to_data form.
    "evaluation_distribution_curve": bounds_to_data(DEFAULT_BOUNDS),
}


def get_setting(session: Session, key: str) -> object:
    """An office setting's stored value, or its default from SETTING_DEFAULTS; an unknown key is a programming error (KeyError)."""
    if key not in SETTING_DEFAULTS:
        raise KeyError(key)
    row = session.get(Setting, key)
    return SETTING_DEFAULTS[key] if row is None else row.value


def get_int_setting(session: Session, key: str) -> int:
    """An office setting read as a whole number."""
    value = get_setting(session, key)
    return int(value) if isinstance(value, int | float | str) else int(str(value))


#: the settings a person picks from a list, and the whole-number ones with their sensible range
_SETTING_CHOICES: dict[str, tuple[str, ...]] = {
    "paper_size": ("A4", "F4"),
    "evaluation_period": ("monthly", "quarterly", "semester"),
}
_SETTING_RANGES: dict[str, tuple[float, float]] = {
    "nip_min_age_at_appointment": (14, 40),
    "session_timeout_minutes": (0, 24 * 60),
    "attachment_max_mb": (0.000001, 100),  # services.outputs.settings: > 0, MAX_ATTACHMENT_MB
    "wellbeing_weekly_hours": (1, 80),
    "wellbeing_max_consecutive_days": (1, 31),
    "wellbeing_max_remote_share": (0, 1),
}


def _checked_setting(key: str, value: object) -> object:
    """``value`` if it has the type of the setting's default (and, where one is declared, is
    one of its choices or within its range); a ValidationError naming the setting otherwise,
    so a bad value is refused when it is saved instead of breaking every later reader."""
    default = SETTING_DEFAULTS[key]
    label = (f"Pengaturan {key}", f"The setting {key}")
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValidationError(
                f"Pengaturan {key} harus ya atau tidak.",
                message_en=f"The setting {key} must be yes or no.",
                field=key,
            )
        return value
    if isinstance(default, int | float):
        low, high = _SETTING_RANGES.get(key, (-1e12, 1e12))
        number = finite_number(value, key, low, high, label=label)
        return int(number) if isinstance(default, int) and number.is_integer() else number
    if isinstance(default, str):
        text = one_line(value, key, 200, label=label) if isinstance(value, str) else None
        choices = _SETTING_CHOICES.get(key)
        if text is None or (choices is not None and text not in choices):
            allowed = f" Pilihan: {', '.join(choices)}." if choices else ""
            raise ValidationError(
                f"Pengaturan {key}: nilai {value!r:.40} tidak dapat dipakai.{allowed}",
                message_en=f"The setting {key}: the value {value!r:.40} cannot be used.{allowed}",
                field=key,
            )
        return text
    if isinstance(default, list) and not (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        raise ValidationError(
            f"Pengaturan {key} harus berupa daftar teks.",
            message_en=f"The setting {key} must be a list of texts.",
            field=key,
        )
    if isinstance(default, dict) and not isinstance(value, dict):
        raise ValidationError(
            f"Pengaturan {key} tidak berbentuk yang benar.",
            message_en=f"The setting {key} does not have the right form.",
            field=key,
        )
    return value


def set_setting(session: Session, actor: Actor, key: str, value: object) -> None:
    """Store an office setting (SETTINGS_EDIT); an unknown key is refused."""
    require(actor, Action.SETTINGS_EDIT)
    if key not in SETTING_DEFAULTS:
        raise ValidationError(
            f"Pengaturan tidak dikenal: {key}", message_en=f"Unknown setting {key}"
        )
    value = _checked_setting(key, value)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
