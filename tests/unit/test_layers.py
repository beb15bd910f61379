"""Architecture rule: nothing below flexdesk.ui imports Qt (style.md, "A Qt-free core")."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import flexdesk

CORE_PACKAGES = ("domain", "db", "services", "reports", "sync", "central")


def core_modules() -> list[str]:
    names = ["flexdesk", "flexdesk.errors", "flexdesk.paths", "flexdesk.logsetup"]
    for info in pkgutil.walk_packages(flexdesk.__path__, "flexdesk."):
        top = info.name.split(".")[1]
        if top in CORE_PACKAGES and ".migrations" not in info.name:
            names.append(info.name)
    return names


def test_core_layers_never_load_qt() -> None:
    modules = core_modules()
    assert "flexdesk.services.employees" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"Qt loaded by a core module: {result.stdout}"


def test_ui_does_not_import_sqlalchemy_query_api() -> None:
    """Widgets call services; they never build queries themselves."""
    import pathlib

    ui_dir = pathlib.Path(flexdesk.__file__).parent / "ui"
    offenders = []
    for path in ui_dir.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "from sqlalchemy" in text or "import sqlalchemy" in text:
            offenders.append(path.name)
    assert offenders == []


def test_schema_heads_read_from_files_match_alembic() -> None:
    """Start-up skips Alembic when the database is at the heads it reads from the version
    files: they must be Alembic's own heads."""
    from flexdesk.db.migrate import alembic_heads, schema_heads

    assert schema_heads() == alembic_heads()
    assert schema_heads()


def test_permission_doc_matches_the_matrix() -> None:
    import pathlib

    from flexdesk.services.permissions import matrix_markdown

    doc = pathlib.Path(flexdesk.__file__).parent.parent / "docs" / "permissions.md"
    assert matrix_markdown() in doc.read_text(encoding="utf-8")


def test_every_package_is_listed_in_pyproject() -> None:
    """pyproject.toml lists packages explicitly (resources/ is mapped to flexdesk_resources);
    a package missing there is missing from wheels and frozen builds while editable installs
    still work, so nothing else would notice."""
    import pathlib
    import tomllib

    root = pathlib.Path(flexdesk.__file__).parent.parent
    listed = set(
        tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(p.parent.relative_to(root).parts)
        for p in (root / "flexdesk").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found - listed == set()


def test_start_up_imports_stay_lean() -> None:
    """Start-up (the GUI entry, up to the main window's module) loads no migration tool, PDF
    library, holiday tables, image library or demo generators: each is imported where it is
    used. They once cost a fifth of the time to the sign-in window."""
    code = (
        "import sys, flexdesk.ui.app, flexdesk.ui.main_window\n"
        "heavy = ('alembic', 'reportlab', 'holidays', 'PIL', 'cryptography',\n"
        "         'flexdesk.services.schedule.demo', 'flexdesk.services.outputs.demo',\n"
        "         'flexdesk.reports', 'PySide6.QtPdf', 'PySide6.QtCharts')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "", f"imported at start-up: {result.stdout}"


def test_the_sign_in_window_needs_no_database_layer() -> None:
    """flexdesk.ui.app shows the sign-in window before SQLAlchemy, the services and argon2
    are loaded (they are half a second of imports; the person types meanwhile)."""
    code = (
        "import sys, flexdesk.ui.app\n"
        "heavy = ('sqlalchemy', 'argon2', 'flexdesk.services.app', 'flexdesk.db.engine',\n"
        "         'flexdesk.ui.main_window')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "", f"imported before the sign-in window: {result.stdout}"
