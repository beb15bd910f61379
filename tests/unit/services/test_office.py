"""Office profile, first-run set-up, letterhead logo and office-wide settings."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from flexdesk.db.engine import Database
from flexdesk.db.models import Office, User
from flexdesk.errors import NotFound, ValidationError
from flexdesk.services import office
from flexdesk.services.app import Services, login
from flexdesk.services.office import OfficeProfile
from flexdesk.services.permissions import Actor, Role
from tests.support.helpers import ADMIN_PASSWORD, DEFAULT_PROFILE, make_db, setup_office

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _counts(db: Database) -> tuple[int, int]:
    with db.read_session() as session:
        offices = session.scalar(select(func.count(Office.id)))
        users = session.scalar(select(func.count(User.id)))
        return int(offices or 0), int(users or 0)


def _setup(db: Database, profile: OfficeProfile = DEFAULT_PROFILE, **admin: str) -> Actor:
    fields = {
        "admin_username": "admin",
        "admin_password": ADMIN_PASSWORD,
        "admin_name": "Admin Kepegawaian",
    }
    fields.update(admin)
    with db.session() as session:
        return office.first_run_setup(session, profile, **fields)


# -- first-run set-up ----------------------------------------------------------------------------


def test_first_run_setup_creates_office_and_admin(db: Database, tmp_path: Path) -> None:
    with db.read_session() as session:
        assert not office.is_set_up(session)
    actor = _setup(db, replace(DEFAULT_PROFILE, code=" o042 ", city="  Kuningan "))
    assert (actor.username, actor.role, actor.display_name) == (
        "admin",
        Role.ADMIN,
        "Admin Kepegawaian",
    )
    assert _counts(db) == (1, 1)
    with db.read_session() as session:
        assert office.is_set_up(session)
    profile = Services(db, actor).read(office.office_profile)
    assert profile == replace(DEFAULT_PROFILE, code="O042", city="Kuningan")
    assert login(db, "admin", ADMIN_PASSWORD) == actor

    # tests.support.helpers.setup_office (used by the fixtures) mirrors first_run_setup.
    other = make_db(tmp_path / "helper")
    try:
        mirrored = setup_office(other)
        assert replace(mirrored, user_id=actor.user_id) == actor
        assert Services(other, mirrored).read(office.office_profile) == profile
    finally:
        other.dispose()


def test_second_setup_is_refused(db: Database, admin: Actor) -> None:
    with pytest.raises(ValidationError, match="sudah diatur"):
        _setup(db, replace(DEFAULT_PROFILE, code="O999"), admin_username="admin2")
    assert _counts(db) == (1, 1)
    with db.read_session() as session:
        assert office.get_office(session).code == "O042"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"code": ""}, "code", "Kode kantor"),
        ({"code": "O"}, "code", "Kode kantor"),
        ({"code": "O 42"}, "code", "Kode kantor"),
        ({"code": "-O42"}, "code", "Kode kantor"),
        ({"code": "O" * 21}, "code", "Kode kantor"),
        ({"instansi": "  "}, "instansi", "Nama instansi wajib diisi"),
        ({"unit_kerja": ""}, "unit_kerja", "Nama unit kerja/kantor wajib diisi"),
        ({"city": "\t"}, "city", "Kota tempat tanda tangan wajib diisi"),
    ],
)
def test_profile_validation_names_the_field(
    db: Database, change: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as info:
        _setup(db, replace(DEFAULT_PROFILE, **change))
    assert info.value.field == field
    assert words in str(info.value)
    assert info.value.message_en != info.value.message
    assert _counts(db) == (0, 0)


@pytest.mark.parametrize(
    ("admin", "field"),
    [({"admin_username": "a"}, "username"), ({"admin_password": "pendek"}, "password")],
)
def test_bad_admin_account_saves_no_office(db: Database, admin: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        _setup(db, DEFAULT_PROFILE, **admin)
    assert info.value.field == field
    assert _counts(db) == (0, 0)


def test_office_profile_before_setup_is_not_found(db: Database) -> None:
    someone = Actor(user_id="x", username="x", role=Role.ADMIN, account=False)  # no users yet
    with pytest.raises(NotFound, match="wizard"):
        Services(db, someone).read(office.office_profile)


def test_update_office(db: Database, admin: Actor) -> None:
    new = OfficeProfile(
        code="o043",
        instansi=" Pemerintah Kabupaten Cirebon ",
        unit_kerja="Kecamatan Sumber",
        address="Jl. Dewi Sartika 1",
        city="Sumber",
    )
    services = Services(db, admin)
    services.call(office.update_office, new)
    assert services.read(office.office_profile) == replace(
        new, code="O043", instansi="Pemerintah Kabupaten Cirebon"
    )
    with db.read_session() as session:
        row = office.require_office(session)
        assert row.rev == 2
    with pytest.raises(ValidationError) as info:
        services.call(office.update_office, replace(new, city=""))
    assert info.value.field == "city"
    assert services.read(office.office_profile).city == "Sumber"


# -- letterhead logo -----------------------------------------------------------------------------


def _image(path: Path, size: tuple[int, int], fmt: str = "PNG", mode: str = "RGB") -> Path:
    Image.new(mode, size, (20, 90, 160) if mode == "RGB" else 90).save(path, format=fmt)
    return path


def test_png_logo_is_accepted_scaled_and_stored_as_png(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    logo = office.load_logo(_image(tmp_path / "logo.png", (1200, 800)))
    assert logo.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(logo)) as img:
        assert img.format == "PNG"
        assert img.mode == "RGBA"
        assert img.size == (office.LOGO_STORED_SIZE, 400)
    services = Services(db, admin)
    services.call(office.update_office, replace(DEFAULT_PROFILE, logo_png=logo))
    assert services.read(office.office_profile).logo_png == logo


def test_small_jpeg_logo_is_converted_not_enlarged(tmp_path: Path) -> None:
    logo = office.load_logo(_image(tmp_path / "logo.jpg", (120, 90), fmt="JPEG"))
    with Image.open(io.BytesIO(logo)) as img:
        assert (img.format, img.size) == ("PNG", (120, 90))


def test_text_file_named_png_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("Ini bukan gambar, hanya teks.\n" * 20)
    with pytest.raises(ValidationError) as info:
        office.load_logo(fake)
    assert info.value.field == "logo"
    assert "bukan gambar" in str(info.value)


def test_truncated_png_is_refused(tmp_path: Path) -> None:
    good = _image(tmp_path / "good.png", (300, 300)).read_bytes()
    broken = tmp_path / "broken.png"
    broken.write_bytes(good[: len(good) // 2])
    with pytest.raises(ValidationError) as info:
        office.load_logo(broken)
    assert info.value.field == "logo"


def test_logo_over_2_mb_is_refused(tmp_path: Path) -> None:
    noise = Image.frombytes(
        "RGB", (1000, 1000), os.urandom(3_000_000)
    )  # noise: PNG cannot shrink it
    big = tmp_path / "besar.png"
    noise.save(big, format="PNG")
    assert big.stat().st_size > office.MAX_LOGO_BYTES
    with pytest.raises(ValidationError) as info:
        office.load_logo(big)
    assert info.value.field == "logo"
    assert "2 MB" in str(info.value)


def test_logo_with_too_many_pixels_is_refused(tmp_path: Path) -> None:
    wide = _image(tmp_path / "spanduk.png", (office.MAX_LOGO_PIXELS + 1, 10), mode="L")
    with pytest.raises(ValidationError) as info:
        office.load_logo(wide)
    assert info.value.field == "logo"
    assert "piksel" in str(info.value)


def test_missing_logo_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        office.load_logo(tmp_path / "tidak-ada.png")
    assert info.value.field == "logo"


# -- office-wide settings ------------------------------------------------------------------------


def test_settings_have_defaults_and_can_be_changed(db: Database, admin: Actor) -> None:
    with db.read_session() as session:
        for key, default in office.SETTING_DEFAULTS.items():
            assert office.get_setting(session, key) == default
        with pytest.raises(KeyError):
            office.get_setting(session, "tidak_ada")
    services = Services(db, admin)
    services.call(office.set_setting, "session_timeout_minutes", 45)
    services.call(office.set_setting, "session_timeout_minutes", 60)  # update, not a second row
    services.call(office.set_setting, "paper_size", "F4")
    with db.read_session() as session:
        assert office.get_int_setting(session, "session_timeout_minutes") == 60
        assert office.get_setting(session, "paper_size") == "F4"
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.call(office.set_setting, "tidak_ada", 1)
