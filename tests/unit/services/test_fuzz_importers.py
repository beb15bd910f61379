"""Fuzz (hypothesis) every importer with hostile input: holiday CSV, receipts, bundles, backup
files. Whatever arrives, the outcome is a typed FlexDesk error (flexdesk/errors.py) or a
correct import — never another exception, never a partial write (the database and the data
folder are byte-for-byte as before), never a hang on a FIFO or a folder under a likely name.

Bounded: each property runs a modest number of examples without a deadline; the whole file
takes well under a minute. ``HOSTILE_INPUTS`` below is what the suite tries (docs/reliability.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from sqlalchemy import func, inspect, select

from flexdesk.db import all_models  # noqa: F401  (every table on Base.metadata)
from flexdesk.db.base import Base
from flexdesk.db.engine import Database
from flexdesk.db.models import Employee
from flexdesk.errors import FlexDeskError
from flexdesk.paths import DataPaths
from flexdesk.services.app import Services
from flexdesk.services.schedule import calendar as schedule_calendar
from flexdesk.services.storage import backup
from flexdesk.services.sync import office as so
from flexdesk.sync.bundle import WrittenBundle
from flexdesk.sync.crypto import keys, sshsig
from flexdesk.sync.format.canonical import canonical_json_line
from flexdesk.sync.receipt import Receipt, sign_receipt, write_receipt_files
from tests.support.helpers import Staff, make_db, make_staff, setup_office
from tests.support.sync import (
    OfficeFixture,
    RawEntry,
    build_zip,
    copy_bundle,
    entries_for,
    read_bag,
    replace_zip,
    resign_bag,
    sample_bundle,
)

#: examples per property; FLEXDESK_FUZZ_EXAMPLES=1000 for a deeper run by hand
EXAMPLES = int(os.environ.get("FLEXDESK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PASS = "frasa sandi kantor uji"

# -- the invariant ----------------------------------------------------------------------------


def _db_digest(db: Database) -> str:
    """Every committed row of every table, through SQLAlchemy (SQLite and PostgreSQL alike)."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name in present:
                order = list(table.primary_key.columns) or list(table.columns)
                rows = conn.execute(select(table).order_by(*order)).all()
                digest.update(f"{table.name}:{rows!r}".encode())
    return digest.hexdigest()


def _files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` except the live database (compared row by row) and its WAL."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.name.startswith("flexdesk.sqlite3"):
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).digest()
    return out


class Unchanged:
    """Snapshot of the database and the data folder; ``check()`` after a refused import."""

    def __init__(self, paths: DataPaths, db: Database | None, *extra_dirs: Path) -> None:
        self.database = db
        self.dirs = (paths.root, *extra_dirs)
        self.rows = _db_digest(db) if db is not None else ""
        self.files = [_files(d) for d in self.dirs]

    def check(self) -> None:
        if self.database is not None:
            assert _db_digest(self.database) == self.rows, "the database changed"
        for d, before in zip(self.dirs, self.files, strict=True):
            assert _files(d) == before, f"files changed under {d}"


def refused_or_imported(run: Any, unchanged: Unchanged) -> bool:
    """Run ``run()``: True if it imported; on refusal the error is typed and nothing changed."""
    try:
        run()
    except FlexDeskError as exc:
        assert exc.message and exc.message_en
        unchanged.check()
        _outcome(f"{type(exc).__name__} {getattr(exc, 'code', '')}".strip())
        return False
    _outcome("imported")
    return True


def _outcome(label: str) -> None:
    """Labels hypothesis' statistics (pytest --hypothesis-show-statistics): how deep it got."""
    with suppress(InvalidArgument):  # outside a @given test (the parametrized path tests)
        event(label)


# -- holiday CSV (services/schedule_calendar.py) ----------------------------------------------

_DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: f"{d:%d/%m/%Y}"),
    st.sampled_from(
        [
            "2026-02-30",
            "31/04/2026",
            "2026-13-01",
            "0000-01-01",
            "1899-12-31",
            "2201-01-01",
            "9999-12-31",
            "2026-1-1",
            "2026/01/01",
            "",
            " ",
            "\x00",
            "１２/０１/２０２６",
        ]
    ),
)
_KINDS = st.sampled_from(["nasional", "cuti_bersama", "lokal", "LOKAL", " Nasional ", "x", ""])
_CELL = st.one_of(
    _DATES, _KINDS, st.text(max_size=20), st.text(min_size=195, max_size=260), st.just('"')
)
_HEADERS = st.sampled_from(
    ["tanggal,nama,jenis", "tanggal;nama;jenis", "\ufeffTanggal, Nama ,JENIS,catatan",
     "nama,jenis", "jenis,nama,tanggal", "", "tanggal,tanggal,nama,jenis", '"tanggal","nama"']
)  # fmt: skip


_GOOD_ROW = st.tuples(
    st.dates(min_value=date(1890, 1, 1), max_value=date(2210, 12, 31)).map(str),
    st.one_of(
        st.sampled_from(["Tahun Baru", "Idul Fitri", "HUT Kabupaten"]), st.text(max_size=210)
    ),
    st.sampled_from(["nasional", "cuti_bersama", "lokal"]),
).map(list)


@st.composite
def holiday_csv(draw: st.DrawFn) -> str:
    """Mostly a plausible file with a few bad cells (so the import gets past the parser to
    the year, name and duplicate rules and sometimes succeeds), or anything at all."""
    if draw(st.booleans()):
        header = "tanggal,nama,jenis"
        rows = draw(
            st.lists(st.one_of(_GOOD_ROW, _GOOD_ROW, st.lists(_CELL, max_size=4)), max_size=6)
        )
        rows = [[c.replace(",", " ").replace('"', " ") for c in row] for row in rows]
        return "\n".join([header] + [",".join(row) for row in rows])
    sep = draw(st.sampled_from([",", ";", "\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r", "\x00\n"]))
    rows = draw(st.lists(st.lists(_CELL, max_size=5), max_size=8))
    lines = [draw(_HEADERS)] + [sep.join(row) for row in rows]
    return eol.join(lines)


@pytest.fixture
def calendar_admin(db: Database, staff: Staff) -> Services:
    return Services(db, staff.admin)


@FUZZ
@given(text=holiday_csv(), merge=st.booleans())
def test_holiday_csv_text(
    calendar_admin: Services, data_paths: DataPaths, text: str, merge: bool
) -> None:
    unchanged = Unchanged(data_paths, calendar_admin.db)
    mode: schedule_calendar.ImportMode = "merge" if merge else "replace"
    refused_or_imported(
        lambda: calendar_admin.call(schedule_calendar.import_holidays_csv, text, mode=mode),
        unchanged,
    )


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), holiday_csv().map(lambda t: t.encode("utf-16"))))
def test_holiday_csv_file_bytes(
    calendar_admin: Services, data_paths: DataPaths, tmp_path: Path, data: bytes
) -> None:
    src = tmp_path / "libur.csv"
    src.write_bytes(data)
    unchanged = Unchanged(data_paths, calendar_admin.db)
    refused_or_imported(
        lambda: calendar_admin.call(schedule_calendar.import_holidays_csv, src), unchanged
    )


@pytest.mark.parametrize("kind", ["fifo", "folder", "missing", "huge"])
def test_holiday_csv_hostile_paths(
    calendar_admin: Services, data_paths: DataPaths, tmp_path: Path, kind: str
) -> None:
    src = tmp_path / "libur.csv"
    _make_hostile_path(src, kind, big=schedule_calendar.MAX_CSV_BYTES + 1)
    unchanged = Unchanged(data_paths, calendar_admin.db)
    assert not refused_or_imported(
        lambda: calendar_admin.call(schedule_calendar.import_holidays_csv, src), unchanged
    )


def _make_hostile_path(path: Path, kind: str, *, big: int) -> None:
    """A FIFO (reading would wait forever), a folder, nothing, or a file over the limit."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge":
        with open(path, "wb") as fh:
            fh.truncate(big)  # sparse: big on paper, nothing on disk


# -- receipts (services/sync_office.import_receipt) -------------------------------------------


@pytest.fixture
def central_key() -> Ed25519PrivateKey:
    return keys.generate_key()


@pytest.fixture
def exported(
    db: Database,
    staff: Staff,
    data_paths: DataPaths,
    central_key: Ed25519PrivateKey,
    tmp_path: Path,
) -> tuple[Services, Receipt]:
    """An office with keys that exported bundle 1, and the receipt central would send back."""
    svc = Services(db, staff.admin)
    svc.call(so.create_office_key, data_paths.keys, PASS, PASS, iterations=1000)
    svc.call(so.register_central_key, keys.public_key_openssh(central_key.public_key()))
    result = so.export_bundle(db, staff.admin, data_paths, tmp_path / "out", PASS)
    with open(result.envelope_path, "rb") as fh:
        env_sha = hashlib.sha256(fh.read()).hexdigest()
    receipt = Receipt(
        office_id="O042",
        bundle_seq=1,
        bundle_uuid=None,
        envelope_sha256=env_sha,
        status="applied",
        applied_through_change=5,
        next_expected_seq=2,
        received_at="2026-11-23T10:00:00Z",
        central_key_id=keys.key_id(central_key.public_key()),
        receipt_id=1,
    )
    return svc, receipt


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)


_BIG_INTS = st.one_of(
    st.integers(min_value=-3, max_value=5),
    st.sampled_from([2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30]),
)
#: values of the right type and shape for each receipt field (past the format checks)
_PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "bundle_seq": _BIG_INTS,
    "applied_through_change": _BIG_INTS,
    "next_expected_seq": _BIG_INTS,
    "receipt_id": _BIG_INTS,
    "status": st.sampled_from(["applied", "duplicate", "superseded", "gap", "rejected"]),
    "envelope_sha256": st.one_of(st.none(), st.text("0123456789abcdef", min_size=64, max_size=64)),
    "reason": st.one_of(st.none(), st.text(max_size=300)),
    "message": st.one_of(st.none(), st.text(max_size=300)),
    "message_en": st.one_of(st.none(), st.text(max_size=300)),
    "received_at": st.sampled_from(
        ["2026-11-23T10:00:00Z", "9999-99-99T99:99:99Z", "0000-00-00T00:00:00Z"]
    ),
    "counts": st.fixed_dictionaries(
        {
            k: _BIG_INTS
            for k in ("applied", "unchanged", "stale", "conflicts", "attachments", "reports")
        }
    ),
}


@st.composite
def hostile_receipt_json(draw: st.DrawFn, valid: dict[str, Any]) -> bytes:
    """The valid receipt with fields replaced (by plausible or by any values), dropped or
    added, or something else entirely."""
    how = draw(
        st.sampled_from(["plausible", "plausible", "replace", "drop", "add", "other", "bytes"])
    )
    obj = dict(valid)
    if how == "plausible":
        for key in draw(st.lists(st.sampled_from(sorted(_PLAUSIBLE)), min_size=1, max_size=3)):
            obj[key] = draw(_PLAUSIBLE[key])
    elif how == "replace":
        for key in draw(st.lists(st.sampled_from(sorted(obj)), min_size=1, max_size=3)):
            obj[key] = draw(_JSON)
    elif how == "drop":
        obj.pop(draw(st.sampled_from(sorted(obj))))
    elif how == "add":
        obj[draw(st.text(max_size=12))] = draw(_JSON)
    elif how == "other":
        return json.dumps(draw(_JSON)).encode()
    else:
        return draw(st.binary(max_size=300))
    try:
        return canonical_json_line(obj)
    except (TypeError, ValueError):  # a value canonical JSON refuses (floats): plain JSON
        return json.dumps(obj).encode()


@FUZZ
@given(data=st.data())
def test_receipt_signed_by_central_with_hostile_content(
    exported: tuple[Services, Receipt],
    central_key: Ed25519PrivateKey,
    data_paths: DataPaths,
    tmp_path: Path,
    data: st.DataObject,
) -> None:
    """Signed correctly by the registered central key (so the parser behind the signature is
    what is tested), with anything as content."""
    svc, receipt = exported
    valid = json.loads(canonical_json_line(receipt.to_json()))
    body = data.draw(hostile_receipt_json(valid))
    folder = tmp_path / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = folder / "O042-000001.receipt.json"
    path.write_bytes(body)
    signature = sshsig.sign(body, central_key, sshsig.NS_RECEIPT)
    Path(f"{path}.sig").write_text(data.draw(st.sampled_from([signature] * 4 + [signature[:-9]])))
    unchanged = Unchanged(data_paths, svc.db, folder)
    refused_or_imported(lambda: svc.call(so.import_receipt, path), unchanged)


@pytest.mark.parametrize(
    ("field", "value"),
    [("bundle_seq", 2**31), ("applied_through_change", 2**31), ("receipt_id", 2**31)],
)
def test_receipt_numbers_beyond_an_integer_column_are_a_format_error(
    exported: tuple[Services, Receipt],
    *,
    central_key: Ed25519PrivateKey,
    data_paths: DataPaths,
    tmp_path: Path,
    field: str,
    value: int,
) -> None:
    """Found by the fuzzer on PostgreSQL: bundle_seq 2**31 reached the INTEGER column's lookup
    and failed there with a driver error instead of a refusal saying what is wrong."""
    svc, receipt = exported
    obj = json.loads(canonical_json_line(receipt.to_json()))
    obj[field] = value
    body = canonical_json_line(obj)
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "O042-000001.receipt.json"
    path.write_bytes(body)
    Path(f"{path}.sig").write_text(sshsig.sign(body, central_key, sshsig.NS_RECEIPT))
    unchanged = Unchanged(data_paths, svc.db, folder)
    with pytest.raises(FlexDeskError) as refused:
        svc.call(so.import_receipt, path)
    assert field in str(refused.value.message_en) and refused.value.code == "bad-format"
    unchanged.check()


@FUZZ
@given(body=st.binary(max_size=300), sig=st.binary(max_size=300), zipped=st.booleans())
def test_receipt_random_bytes(
    exported: tuple[Services, Receipt],
    *,
    data_paths: DataPaths,
    tmp_path: Path,
    body: bytes,
    sig: bytes,
    zipped: bool,
) -> None:
    svc, _ = exported
    folder = tmp_path / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    if zipped:
        path = folder / "receipts.zip"
        path.write_bytes(body + sig)
    else:
        path = folder / "O042-000001.receipt.json"
        path.write_bytes(body)
        Path(f"{path}.sig").write_bytes(sig)
    unchanged = Unchanged(data_paths, svc.db, folder)
    assert not refused_or_imported(lambda: svc.call(so.import_receipt, path), unchanged)


_ZIP_NAMES = st.one_of(
    st.sampled_from(
        [
            "r/O042-000001.receipt.json",
            "r/O042-000001.receipt.json.sig",
            "../x.receipt.json",
            "/abs.receipt.json",
            "r/sub/a.receipt.json",
            "r/",
            "r\\..\\x",
            "r/O042-000001.receipt.json",
        ]
    ),
    st.text(min_size=1, max_size=20).map(lambda t: "r/" + t),
)


@FUZZ
@given(
    entries=st.lists(
        st.tuples(_ZIP_NAMES, st.binary(max_size=200), st.booleans()), min_size=0, max_size=5
    ),
    keep_genuine=st.booleans(),
)
def test_receipt_zip_with_hostile_entries(
    exported: tuple[Services, Receipt],
    *,
    central_key: Ed25519PrivateKey,
    data_paths: DataPaths,
    tmp_path: Path,
    entries: list[tuple[str, bytes, bool]],
    keep_genuine: bool,
) -> None:
    svc, receipt = exported
    folder = tmp_path / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    raw = [
        RawEntry(name.encode("utf-8", "surrogatepass"), body, deflate)
        for name, body, deflate in entries
    ]
    if keep_genuine:
        signed = sign_receipt(receipt, central_key)
        raw.insert(0, RawEntry(b"r/O042-000001.receipt.json", signed.data))
        raw.insert(1, RawEntry(b"r/O042-000001.receipt.json.sig", signed.signature.encode()))
    path = folder / "r.zip"
    path.write_bytes(build_zip(raw))
    unchanged = Unchanged(data_paths, svc.db, folder)
    refused_or_imported(lambda: svc.call(so.import_receipt, path), unchanged)


@pytest.mark.parametrize("kind", ["fifo", "folder", "missing", "huge"])
def test_receipt_hostile_paths(
    exported: tuple[Services, Receipt], data_paths: DataPaths, tmp_path: Path, kind: str
) -> None:
    svc, _ = exported
    path = tmp_path / "O042-000001.receipt.json"
    _make_hostile_path(path, kind, big=10 * 1024**2)
    Path(f"{path}.sig").write_text("x")
    unchanged = Unchanged(data_paths, svc.db)
    assert not refused_or_imported(lambda: svc.call(so.import_receipt, path), unchanged)


def test_genuine_receipt_imports(
    exported: tuple[Services, Receipt], central_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    """The fuzzed receipts start from one that is accepted (so refusals are not trivial)."""
    svc, receipt = exported
    json_path, _ = write_receipt_files(sign_receipt(receipt, central_key), tmp_path / "ok")
    (outcome,) = svc.call(so.import_receipt, json_path)
    assert outcome.status == "applied" and outcome.advanced


# -- bundles (flexdesk/sync verify_bundle, services/sync_office.verify_bundle_file) ----------


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> tuple[OfficeFixture, WrittenBundle]:
    return sample_bundle(tmp_path_factory.mktemp("genuine"))


def _verify(office: OfficeFixture, envelope: Path) -> None:
    so.verify_bundle_file(
        envelope, keys.public_key_openssh(office.key.public_key()), office_id=office.office_id
    )


@st.composite
def hostile_bag_file(draw: st.DrawFn, files: dict[str, bytes]) -> tuple[str, bytes | None]:
    """One file of the bag: new content (JSON-ish, NDJSON lines, bytes), removed, or added."""
    extra = ["data/extra.txt", "data/../x", "data/changes/../../y"]
    # mostly the bag's own files, so the content (not the name) is what gets refused
    name = draw(st.sampled_from(sorted(files) if draw(st.integers(0, 4)) else extra))
    content = draw(
        st.one_of(
            st.none(),
            st.binary(max_size=200),
            _JSON.map(lambda v: json.dumps(v).encode()),
            st.lists(_JSON.map(json.dumps), max_size=4).map(
                lambda lines: "\n".join(lines).encode()
            ),
        )
    )
    return name, content


@FUZZ
@given(data=st.data())
def test_bundle_signed_by_the_office_with_hostile_content(
    genuine: tuple[OfficeFixture, WrittenBundle],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    """The bag's files are changed and then correctly re-hashed and re-signed with the office's
    own key: what is tested is the verifier's parsing of content it has no signature reason
    to refuse."""
    office, written = genuine
    work = tmp_path_factory.mktemp("bag")
    copies = copy_bundle(written, work)
    copy = replace(
        written, envelope_path=copies[0], signature_path=copies[1], container_path=copies[2]
    )
    top, files = read_bag(written.container_path)
    for _ in range(data.draw(st.integers(min_value=1, max_value=2))):
        name, content = data.draw(hostile_bag_file(files))
        if content is None and name.startswith("data/"):
            files.pop(name, None)
        else:  # (tag files are replaced, not dropped: the re-signing needs them)
            files[name] = content or b""
    # the manifest helper refuses a traversal name (tests/unit/central/test_hostile.py sends
    # those); such a bag keeps its old manifest, which no longer matches
    safe = all(".." not in n.split("/") for n in files)
    resigned = resign_bag(files, office.key, manifest=safe and data.draw(st.booleans()))
    envelope = replace_zip(copy, office.key, build_zip(entries_for(top, resigned)))
    before = sorted(p.name for p in work.iterdir())
    try:
        _verify(office, envelope)
        _outcome("verified")
    except FlexDeskError as exc:
        _outcome(f"{type(exc).__name__} {getattr(exc, 'code', '')}")
    assert sorted(p.name for p in work.iterdir()) == before  # verifying writes nothing
    shutil.rmtree(work)


@FUZZ
@given(
    envelope=st.binary(max_size=300),
    sig=st.binary(max_size=200),
    container=st.one_of(st.binary(max_size=500), st.just(b"PK\x03\x04" * 20)),
)
def test_bundle_random_bytes(
    genuine: tuple[OfficeFixture, WrittenBundle],
    tmp_path_factory: pytest.TempPathFactory,
    envelope: bytes,
    sig: bytes,
    container: bytes,
) -> None:
    office, written = genuine
    work = tmp_path_factory.mktemp("raw")
    env_path, sig_path, zip_path = (work / p.name for p in written.paths[:3])
    env_path.write_bytes(envelope)
    sig_path.write_bytes(sig)
    zip_path.write_bytes(container)
    with pytest.raises(FlexDeskError):
        _verify(office, env_path)
    with pytest.raises(FlexDeskError):
        _verify(office, zip_path)
    shutil.rmtree(work)


@pytest.mark.parametrize("which", [0, 1, 2])  # envelope, signature, zip
@pytest.mark.parametrize("kind", ["fifo", "folder", "missing", "huge"])
def test_bundle_hostile_paths(
    genuine: tuple[OfficeFixture, WrittenBundle], tmp_path: Path, kind: str, which: int
) -> None:
    office, written = genuine
    copies = copy_bundle(written, tmp_path / "b")
    copies[which].unlink()
    _make_hostile_path(copies[which], kind, big=64 * 1024**2)
    with pytest.raises(FlexDeskError):
        _verify(office, copies[0])
    if (kind, which) == ("missing", 0):
        _verify(office, copies[2])  # a zip without its envelope verifies on its own
    else:
        with pytest.raises(FlexDeskError):
            _verify(office, copies[2])


def test_genuine_bundle_verifies(
    genuine: tuple[OfficeFixture, WrittenBundle], tmp_path: Path
) -> None:
    office, written = genuine
    _verify(office, copy_bundle(written, tmp_path)[0])


# -- backup files (services/backup: import_backup_file, restore_backup) ----------------------


@dataclass
class SqliteOffice:
    """An office on its own SQLite file: backups work on the file itself, so these tests build
    one whatever database the ``db`` fixture hands out (a PostgreSQL run leaves them out)."""

    paths: DataPaths
    db: Database
    staff: Staff
    backup: Path  # a genuine backup of it, on a "USB drive"


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Iterator[SqliteOffice]:
    paths = DataPaths(tmp_path / "office").ensure()
    db = make_db(paths.root)
    try:
        staff = make_staff(db, setup_office(db))
        made = backup.create_backup(db, paths, dest_dir=tmp_path / "usb").path
        yield SqliteOffice(paths, db, staff, made)
    finally:
        db.dispose()


@st.composite
def damaged_backup(draw: st.DrawFn, genuine: bytes) -> bytes:
    how = draw(st.sampled_from(["flip", "truncate", "garbage", "header+garbage", "splice"]))
    data = bytearray(genuine)
    if how == "flip":
        for _ in range(draw(st.integers(min_value=1, max_value=8))):
            i = draw(st.integers(min_value=0, max_value=len(data) - 1))
            data[i] = draw(st.integers(min_value=0, max_value=255))
        return bytes(data)
    if how == "truncate":
        return bytes(data[: draw(st.integers(min_value=0, max_value=len(data) - 1))])
    if how == "garbage":
        return draw(st.binary(max_size=5000))
    if how == "header+garbage":
        return bytes(data[:100]) + draw(st.binary(min_size=0, max_size=8192))
    page = draw(st.integers(min_value=1, max_value=len(data) // 4096 - 1))
    return (
        bytes(data[: page * 4096])
        + draw(st.binary(min_size=4096, max_size=4096))
        + bytes(data[(page + 1) * 4096 :])
    )


@FUZZ
@given(data=st.data())
def test_backup_file_import(sqlite_office: SqliteOffice, data: st.DataObject) -> None:
    office = sqlite_office
    hostile = data.draw(damaged_backup(office.backup.read_bytes()))
    src = office.backup.with_name("cadangan.sqlite3")
    src.write_bytes(hostile)
    unchanged = Unchanged(office.paths, office.db)
    if refused_or_imported(
        lambda: backup.import_backup_file(office.staff.admin, office.paths, src), unchanged
    ):
        # accepted (the damage hit unused bytes): the copy in the backups folder verifies
        backups = office.paths.backups
        (made,) = [i for i in backup.list_backups(backups) if i.kind == "imported"]
        backup.verify_backup(made.path)
        made.path.unlink()
    assert not [p for p in office.paths.backups.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("kind", ["fifo", "folder", "missing", "huge"])
def test_backup_file_hostile_paths(sqlite_office: SqliteOffice, tmp_path: Path, kind: str) -> None:
    office = sqlite_office
    src = tmp_path / "cadangan.sqlite3"
    _make_hostile_path(src, kind, big=backup.MAX_IMPORT_BYTES + 1)
    unchanged = Unchanged(office.paths, office.db)
    assert not refused_or_imported(
        lambda: backup.import_backup_file(office.staff.admin, office.paths, src), unchanged
    )


@pytest.fixture
def closed_office(sqlite_office: SqliteOffice) -> SqliteOffice:
    """The office with its database closed (as the app leaves it for a restore)."""
    sqlite_office.db.dispose()
    return sqlite_office


@FUZZ
@given(data=st.data())
def test_backup_restore(closed_office: SqliteOffice, data: st.DataObject) -> None:
    paths = closed_office.paths
    hostile = data.draw(damaged_backup(closed_office.backup.read_bytes()))
    target = paths.backups / "flexdesk-manual-20260101-000000.sqlite3"
    target.write_bytes(hostile)
    before = paths.database.read_bytes()
    unchanged = Unchanged(paths, None)  # the closed file itself is compared byte for byte
    try:
        backup.restore_as(closed_office.staff.admin, paths, target)
    except FlexDeskError as exc:
        unchanged.check()
        assert paths.database.read_bytes() == before
        _outcome(type(exc).__name__)
    else:  # intact after all: restored, the earlier state kept; put it back for the next one
        _outcome("restored")
        backup.verify_backup(paths.database)
        for made in paths.backups.glob("flexdesk-pre-restore-*"):
            made.unlink()
        paths.database.write_bytes(before)
    target.unlink()


def test_restore_needs_backup_manage(closed_office: SqliteOffice) -> None:
    office = closed_office
    before = office.paths.database.read_bytes()
    with pytest.raises(FlexDeskError):
        backup.restore_as(office.staff.head_actor, office.paths, office.backup)
    with pytest.raises(FlexDeskError):
        backup.import_backup_file(office.staff.member_actor, office.paths, office.backup)
    assert office.paths.database.read_bytes() == before
    assert not list(office.paths.backups.glob("flexdesk-imported-*"))


@pytest.mark.parametrize("damage", ["header", "page", "garbage-wal"])
def test_restore_over_a_damaged_database_keeps_its_bytes(
    closed_office: SqliteOffice, damage: str
) -> None:
    """The current database is what is hostile here (a damaged file is why one restores): the
    restore still works and the pre-restore backup keeps what was there."""
    office = closed_office
    db_file = office.paths.database
    data = bytearray(db_file.read_bytes())
    wal = db_file.with_name(db_file.name + "-wal")
    if damage == "header":
        data[:100] = b"\x00" * 100  # no longer a SQLite file at all
    elif damage == "page":
        data[4096 * 3 : 4096 * 3 + 1024] = b"\xff" * 1024
    else:
        wal.write_bytes(os.urandom(5000))
    db_file.write_bytes(bytes(data))
    damaged = db_file.read_bytes()
    result = backup.restore_as(office.staff.admin, office.paths, office.backup)
    assert result.safety is not None and result.safety.exists()
    if damage == "header":
        assert result.safety.read_bytes() == damaged  # kept byte for byte
    backup.verify_backup(db_file)
    assert not wal.exists()
    restored = Database.for_file(db_file)
    try:
        with restored.read_session() as session:
            assert session.scalar(select(func.count()).select_from(Employee)) == 3
    finally:
        restored.dispose()


def test_restore_refused_when_the_office_uses_a_database_server(
    closed_office: SqliteOffice,
) -> None:
    """database-url.txt names a PostgreSQL server: replacing the SQLite file would "restore"
    nothing anyone uses, so it is refused and the file is left alone."""
    office = closed_office
    (office.paths.root / "database-url.txt").write_text("postgresql+psycopg://kantor@server/fd\n")
    before = office.paths.database.read_bytes()
    with pytest.raises(FlexDeskError, match="PostgreSQL"):
        backup.restore_as(office.staff.admin, office.paths, office.backup)
    assert office.paths.database.read_bytes() == before
    assert not list(office.paths.backups.glob("flexdesk-pre-restore-*"))
