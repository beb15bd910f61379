"""BagIt 1.0 (RFC 8493) tag files, written deterministically and parsed strictly.

FlexDesk writes bags itself: the ``bagit`` package still writes version 0.97 and its path
checks compare strings rather than path components (it is used only as a cross-check in the
tests). The subset written here:

- ``bagit.txt``: exactly ``BagIt-Version: 1.0`` and ``Tag-File-Character-Encoding: UTF-8``;
- ``bag-info.txt``: ``Label: value`` lines in a fixed order, no line folding;
- ``manifest-sha512.txt`` / ``tagmanifest-sha512.txt``: ``<hex>  <path>`` (two spaces, the form
  ``sha512sum -c`` reads), LF line ends, sorted by path. FlexDesk names never contain spaces,
  ``%``, CR or LF, so no percent-encoding is ever needed; the parser refuses such names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from flexdesk.sync._errors import bundle_error

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha512.txt"
TAGMANIFEST = "tagmanifest-sha512.txt"

_HEX128 = re.compile(r"^[0-9a-f]{128}$")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")
_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")


def manifest_bytes(entries: Mapping[str, str]) -> bytes:
    """``{path: sha512 hex}`` -> manifest text (sorted by path)."""
    lines = []
    for path in sorted(entries):
        if not _SAFE_PATH.match(path):
            raise ValueError(f"unsafe path for a manifest: {path!r}")
        lines.append(f"{entries[path]}  {path}\n")
    return "".join(lines).encode("ascii")


def parse_manifest(data: bytes, *, what: str) -> dict[str, str]:
    """Manifest text -> ``{path: sha512 hex}``; BundleError on anything unexpected."""

    def bad(detail: str) -> Exception:
        return bundle_error(
            "bad-format",
            f"Manifes {what} tidak sah: {detail}.",
            f"Manifest {what} is malformed: {detail}.",
        )

    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as exc:
        raise bad("bukan ASCII / not ASCII") from exc
    if text and not text.endswith("\n"):
        raise bad("baris terakhir tanpa akhir baris / last line unterminated")
    result: dict[str, str] = {}
    for line in text.splitlines():
        digest, sep, path = line.partition("  ")
        if not sep or not _HEX128.match(digest):
            raise bad(f"baris {line[:40]!r}")
        if not _SAFE_PATH.match(path):
            raise bundle_error(
                "bad-name",
                f"Nama berkas tidak diizinkan di {what}: {path!r}.",
                f"File name not allowed in {what}: {path!r}.",
            )
        if path in result:
            raise bundle_error(
                "duplicate-name",
                f"Nama berkas ganda di {what}: {path!r}.",
                f"Duplicate file name in {what}: {path!r}.",
            )
        result[path] = digest
    return result


def bag_info_bytes(fields: Sequence[tuple[str, str]]) -> bytes:
    """``[(label, value), ...]`` -> bag-info.txt in the given order."""
    out = []
    for label, value in fields:
        if not _LABEL.match(label) or any(c in value for c in "\r\n"):
            raise ValueError(f"bad bag-info field {label!r}: {value!r}")
        out.append(f"{label}: {value}\n")
    return "".join(out).encode("utf-8")


def parse_bag_info(data: bytes) -> dict[str, str]:
    """bag-info.txt -> fields (a repeated label is refused: FlexDesk never writes one)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bundle_error(
            "bad-format", "bag-info.txt bukan UTF-8.", "bag-info.txt is not UTF-8."
        ) from exc
    fields: dict[str, str] = {}
    for line in text.splitlines():
        label, sep, value = line.partition(": ")
        if not sep or not _LABEL.match(label) or label in fields:
            raise bundle_error(
                "bad-format",
                f"Baris bag-info.txt tidak sah: {line[:60]!r}.",
                f"Malformed bag-info.txt line: {line[:60]!r}.",
            )
        fields[label] = value
    return fields


def check_bagit_txt(data: bytes) -> None:
    """Accept only BagIt 1.0 declared the way FlexDesk writes it."""
    if data == BAGIT_TXT:
        return
    if data.startswith(b"BagIt-Version: ") and not data.startswith(b"BagIt-Version: 1.0\n"):
        raise bundle_error(
            "format-version",
            "Versi BagIt tidak didukung (diharapkan 1.0).",
            "Unsupported BagIt version (expected 1.0).",
        )
    raise bundle_error("bad-format", "bagit.txt tidak sah.", "bagit.txt is malformed.")


def payload_oxum(sizes: Iterable[int]) -> str:
    """``Payload-Oxum``: total octets '.' number of payload files."""
    sizes = list(sizes)
    return f"{sum(sizes)}.{len(sizes)}"
