"""Where FlexDesk keeps its files.

Everything lives under one data directory: the platformdirs per-user data dir by default
(``~/.local/share/FlexDesk`` on Linux; ``%LOCALAPPDATA%\\FlexDesk`` on Windows, logs in its
``Logs`` folder: the folder the Windows uninstaller asks about), or the folder given by
``--data-dir`` / ``FLEXDESK_DATA_DIR`` so that tests and demos never touch a real user's data.
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
        self.logs.mkdir(parents=True, exist_ok=True)
        return self


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
