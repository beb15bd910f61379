"""One FlexDesk per data folder: a lock file holding the owner's PID under an OS lock.

The lock is an advisory lock on an open file (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows), so it disappears with the process, also after a crash or a kill: a stale lock file
never blocks the next start. Qt-free; ``flexdesk/ui/single_instance.py`` adds the "focus the
first window" part on top.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from flexdesk.errors import StorageError

LOCK_NAME = "flexdesk.lock"


class InstanceLock:
    """``acquire()`` is True for the first process of a data folder, False while another runs."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def owner_pid(self) -> int | None:
        """The PID written by the holder (informational; the OS lock is what counts)."""
        try:
            return int(self.path.read_text(encoding="ascii").strip() or "0") or None
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


@contextlib.contextmanager
def exclusive_use(folder: Path) -> Iterator[InstanceLock]:
    """Hold the data folder's lock for work that replaces or restructures the database under
    it (a restore, a schema migration from the command line): refused while a FlexDesk window
    has the folder open, which would otherwise go on writing to the file being replaced.
    Ordinary writing commands need not: SQLite's write lock makes them wait their turn."""
    lock = InstanceLock(folder)
    if not lock.acquire():
        pid = lock.owner_pid()
        who = f" (PID {pid})" if pid else ""
        raise StorageError(
            f"FlexDesk sedang terbuka untuk folder data ini{who}. Tutup jendelanya dulu, lalu "
            "ulangi perintah ini.",
            message_en=(
                f"FlexDesk is open on this data folder{who}. Close its window first, then run "
                "this command again."
            ),
        )
    try:
        yield lock
    finally:
        lock.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
