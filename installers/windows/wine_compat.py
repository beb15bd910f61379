"""PyInstaller runtime hook of the Windows build: Wine 8 compatibility, a no-op on Windows.

CPython 3.12+ copies files with ``_winapi.CopyFile2`` (``shutil.copy2``, ``shutil.copyfile``'s
fast path). Wine before 9 has no ``kernel32.CopyFile2``: the call is an "unimplemented
function" and Wine ends the process. Only when the program runs under Wine (ntdll exports
``wine_get_version``) the attribute is removed, so ``shutil`` takes its portable path (read and
write in chunks, then copystat). On a real Windows PC nothing changes; the CopyFile2 path is
therefore not covered by the Wine checks (docs/installing.md).
"""

import ctypes
import sys


def _under_wine() -> bool:
    try:
        return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
    except (AttributeError, OSError):
        return False


if sys.platform == "win32" and _under_wine():
    import _winapi

    if hasattr(_winapi, "CopyFile2"):
        del _winapi.CopyFile2
