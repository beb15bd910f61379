"""Where FlexDesk keeps its files.

Everything lives under one data directory: the platformdirs per-user data dir by default
(``~/.local/share/FlexDesk`` on Linux; ``%LOCALAPPDATA%\\FlexDesk`` on Windows, logs in its
``Logs`` folder: the folder the Windows uninstaller asks about), or the folder given by
``--data-dir`` / ``FLEXDESK_DATA_DIR`` so that tests and demos never touch a real user's data.

Who may read it: on POSIX the data folder and its subfolders are kept 0700 and the database and
backups 0600 (``make_private``), so another account on a shared PC cannot copy the office's
staff records. On Windows the default folder is under ``%LOCALAPPDATA%``, whose inherited ACL
already gives access only to the user, SYSTEM and Administrators; a ``--data-dir`` elsewhere
(a shared ``C:\\Data``) keeps that folder's ACL, so choose one only the user can open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from flexdesk import APP_NAME

ENV_DATA_DIR = "FLEXDESK_DATA_DIR"


@dataclass(frozen=True)
class DataPaths:
    """The files and folders of one FlexDesk data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "flexdesk.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def cache(self) -> Path:
        """Copies made to be read and thrown away: evidence opened in a viewer, the evidence
        of a bundle being exported from a server database. Removed at will."""
        return self.root / "cache"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def logs(self) -> Path:
        # Logs stay beside the data when the data dir is overridden, so a demo or test run
        # never writes into the real user's log folder.
        if self._overridden:
            return self.root / "logs"
        return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))

    @property
    def _overridden(self) -> bool:
        return self.root != default_data_root()

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.backups, self.attachments, self.exports, self.keys):
            folder.mkdir(parents=True, exist_ok=True)
            make_private(folder)
        self.logs.mkdir(parents=True, exist_ok=True)
        make_private(self.logs)  # log lines name accounts and files
        return self


def make_private(path: Path) -> None:
    """Owner-only permissions on POSIX (0700 for a folder, 0600 for a file); nothing on Windows,
    where the folder's ACL decides (see the module docstring). A file system that cannot store
    modes (a FAT USB stick) is left as it is."""
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode
        wanted = 0o700 if path.is_dir() else 0o600
        if mode & 0o777 != wanted:
            path.chmod(wanted)
    except OSError:
        pass


def default_data_root() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_paths(cli_value: str | os.PathLike[str] | None = None) -> DataPaths:
    """``--data-dir`` wins over ``FLEXDESK_DATA_DIR``, which wins over the platform default."""
    if cli_value:
        return DataPaths(Path(cli_value).expanduser().resolve())
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    return DataPaths(default_data_root())
