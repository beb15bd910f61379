"""The writer killed by tests/e2e/test_crash_safety.py: writes in a loop, reporting each
write only after it is committed (database) or renamed into place (files)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path

from flexdesk.domain.people import EmployeeType
from flexdesk.paths import DataPaths
from flexdesk.services import employees
from flexdesk.services.app import Services, open_database
from flexdesk.services.employees import EmployeeInput
from flexdesk.services.permissions import Actor
from flexdesk.services.storage import backup
from flexdesk.sync._fs import atomic_write_bytes

FILE_SLOTS = 4


def file_content(i: int) -> bytes:
    body = "".join(f"{i};baris {n};Pegawai {n}\n" for n in range(1500))
    digest = hashlib.sha256(body.encode()).hexdigest()
    return f"{body}END {digest}\n".encode()


def file_is_complete(data: bytes) -> bool:
    body, sep, tail = data.rpartition(b"END ")
    return bool(sep) and tail.strip().decode() == hashlib.sha256(body).hexdigest()


def run(root: str, actor: Actor, counter_id: str, run_no: int, report: Connection) -> None:
    paths = DataPaths(Path(root))
    db = open_database(paths)
    services = Services(db, actor)
    out = paths.exports
    report.send_bytes(b"ready")
    i = 0
    while True:
        i += 1
        row = services.call(
            employees.create_employee,
            EmployeeInput(
                nama=f"Uji Mati Listrik {run_no}-{i}", employee_type=EmployeeType.NON_ASN
            ),
        )
        report.send_bytes(f"emp {row.id} {row.nama}".encode())
        current = services.read(employees.get_employee, counter_id)
        version = int(current.jabatan.removeprefix("v") or 0) + 1
        services.call(
            employees.update_employee,
            counter_id,
            replace(current.to_input(), jabatan=f"v{version}"),
        )
        report.send_bytes(f"upd {version}".encode())
        name = f"rekap-{i % FILE_SLOTS}.csv"
        atomic_write_bytes(out / name, file_content(i))
        report.send_bytes(f"file {name} {i}".encode())
        if i % 7 == 0:
            info = backup.create_backup(db, paths, kind="manual")
            report.send_bytes(f"backup {info.path.name}".encode())
