"""Optional bundle encryption in the age v1 format (https://age-encryption.org/v1), done by
``pyrage`` (bindings to rage, the Rust age implementation) instead of a hand-written parser.

Why a library: the earlier hand-written reader accepted headers age 1.x refuses (65-column
stanza lines, empty stanza types, non-printable arguments, extra X25519 arguments) and called a
broken header MAC "not encrypted to this key" (issue 18). rage's header parser follows the
spec; this module only moves bytes and turns rage's errors into :class:`BundleError` codes:

- ``decrypt-failed``: the identity is not one the file was encrypted to (or is not a key);
- ``decrypt-damaged``: not an age file, a malformed header, a header MAC that does not match
  (the header was altered), or a payload chunk that fails authentication;
- ``truncated``: the file ends before its header, nonce or last payload chunk.

Streaming, not whole files in memory: bundles with evidence scans reach hundreds of MB, so
``pyrage.decrypt``/``encrypt`` (bytes in, bytes out) are not used. ``pyrage.decrypt_io`` and
``encrypt_io`` read and write Python file objects in 8 KiB calls; the objects here hash the
encrypted side (the envelope's ``sha256``), report progress every 4 MiB and stop on cancel.
Going through Python objects rather than ``pyrage.decrypt_file`` (paths, all in Rust) also
keeps the GUI responsive: pyrage holds the GIL for a whole call, and only the Python callbacks
let other threads run. Measured on the 2-core build machine (random data, warm page cache;
``age -r`` made the files; peak RSS of the whole process with FlexDesk imported; "GIL gap" is
the longest a Python thread sleeping 5 ms in a loop waited, i.e. how long a GUI would freeze):

==========================  ======  ======  =============  ==============
operation                   200 MB  1 GB    peak RSS       GIL gap (1 GB)
==========================  ======  ======  =============  ==============
decrypt, hand-written       0.81 s  3.48 s  45 MB          12 ms
decrypt, decrypt_io (used)  0.48 s  2.65 s  28 MB          13 ms
decrypt, decrypt_file       0.32 s  2.45 s  28 MB          2445 ms
decrypt, decrypt (bytes)    1.71 s  7.96 s  600 / 2889 MB  6366 ms
encrypt, hand-written       0.63 s  2.00 s  45 MB          17 ms
encrypt, encrypt_io (used)  0.53 s  2.24 s  28 MB          11 ms
encrypt, encrypt_file       0.25 s  1.29 s  28 MB          1294 ms
==========================  ======  ======  =============  ==============

The hand-written rows also carry ``cryptography``'s import (the pyrage-only process peaks at
20 MB). The machine is shared, so times vary: a later run of tests/benchmarks/bench_age.py
under load gave 1 GB decrypt 6.84 s (decrypt_file 4.39 s, ``age -d`` 1.34 s), encrypt 5.78 s,
with the same 20 MB and GIL gaps of 54 ms against 4388 ms.

Only X25519 recipients (``age1...``, what ``age-keygen`` makes) are accepted. Encryption is not
deterministic (fresh file key), so an encrypted bundle's outer hash differs on each export; the
inner zip hash in the envelope stays the same. Encryption hides personal data on a lost USB
stick; it does not authenticate the sender (anyone can encrypt to the central key): the
envelope signature does that.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pyrage
from pyrage import x25519

from flexdesk.errors import BundleError, Cancelled
from flexdesk.sync._errors import bundle_error

INTRO = b"age-encryption.org/v1\n"
_REPORT_EVERY = 4 * 1024 * 1024  # bytes between progress calls / cancel checks


def generate_identity() -> tuple[str, str]:
    """``(identity, recipient)``: ``AGE-SECRET-KEY-1...`` and ``age1...``."""
    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def recipient_of(identity: str) -> str:
    """The ``age1...`` recipient (public key) of an ``AGE-SECRET-KEY-1...`` identity (the text
    of an ``age-keygen`` file: comments and blank lines are skipped); ValueError if none."""
    return str(_identity(identity).to_public())


def _identity(text: str) -> x25519.Identity:
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            try:
                return x25519.Identity.from_str(line)
            except pyrage.IdentityError as exc:
                raise ValueError("not an age X25519 identity") from exc
    raise ValueError("no identity found")


def _recipient(recipient: str) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(recipient.strip())
    except pyrage.RecipientError as exc:
        raise bundle_error(
            "bad-key",
            f"Kunci enkripsi pusat tidak sah: {recipient[:20]}...",
            f"Invalid central encryption key: {recipient[:20]}...",
        ) from exc


class _Meter:
    """Counts and hashes the bytes of the encrypted side, calls ``progress`` and checks
    ``is_cancelled`` every few MiB. An exception in a callback (a cancel, a full disk) is
    remembered, because pyrage may hand it back only as the text of its own error."""

    def __init__(
        self,
        progress: Callable[[int], None] | None,
        is_cancelled: Callable[[], bool] | None,
    ) -> None:
        self.digest = hashlib.sha256()
        self.size = 0
        self.failure: BaseException | None = None
        self._progress = progress
        self._is_cancelled = is_cancelled
        self._next = _REPORT_EVERY

    def count(self, data: bytes, done: int) -> None:
        self.digest.update(data)
        self.size += len(data)
        if self.size >= self._next:
            self._next = self.size + _REPORT_EVERY
            self.report(done)

    def report(self, done: int) -> None:
        if self._progress is not None:
            self._progress(done)
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled()

    def reraise(self) -> None:
        """Raise what a callback raised, if anything did. Also after pyrage returned normally:
        its last buffered write happens when its BufWriter is dropped, which ignores errors."""
        if self.failure is not None:
            raise self.failure


class _Reader:
    """The file pyrage reads; ``read`` is all it calls (8 KiB at a time). ``metered``: the bytes
    read are the encrypted file's (decrypting); otherwise ``_Writer`` meters (encrypting)."""

    def __init__(self, fh: BinaryIO, meter: _Meter, metered: bool) -> None:
        self.fh = fh
        self.meter = meter
        self.metered = metered
        self.done = 0

    def read(self, n: int = -1) -> bytes:
        try:
            data = self.fh.read(n)
            self.done += len(data)
            if self.metered:
                self.meter.count(data, self.done)
        except BaseException as exc:
            self.meter.failure = exc
            raise
        return data


class _Writer:
    """The file pyrage writes; ``metered`` (encrypting): the bytes written are the encrypted
    file's. Any exception goes to the source's meter (see :meth:`_Meter.reraise`)."""

    def __init__(self, fh: BinaryIO, source: _Reader, metered: bool) -> None:
        self.fh = fh
        self.source = source
        self.metered = metered

    def write(self, data: bytes) -> int:
        try:
            self.fh.write(data)
            if self.metered:
                self.source.meter.count(data, self.source.done)
        except BaseException as exc:
            self.source.meter.failure = exc
            raise
        return len(data)

    def flush(self) -> None:
        self.fh.flush()


def encrypt_file(
    src: Path,
    dst: Path,
    recipient: str,
    *,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> tuple[str, int]:
    """Encrypt ``src`` to ``dst`` (created, fsynced); returns (sha256 hex, size) of ``dst``.
    ``progress`` gets the plaintext bytes read so far."""
    pub = _recipient(recipient)
    meter = _Meter(progress, is_cancelled)
    with open(src, "rb") as fin, open(dst, "xb") as fout:
        reader = _Reader(fin, meter, metered=False)
        try:
            pyrage.encrypt_io(reader, _Writer(fout, reader, metered=True), [pub])
        except Exception as exc:
            meter.reraise()
            raise bundle_error(
                "bad-input",
                f"Enkripsi bundel gagal: {exc}",
                f"Encrypting the bundle failed: {exc}",
            ) from exc
        meter.reraise()
        meter.report(reader.done)
        fout.flush()
        os.fsync(fout.fileno())
    return meter.digest.hexdigest(), meter.size


def decrypt_file(
    src: Path,
    dst: Path,
    identity: str,
    *,
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> str:
    """Decrypt ``src`` into ``dst`` (created; removed again if decryption fails); returns the
    sha256 hex of ``src`` (the envelope value). ``progress`` gets the encrypted bytes read."""
    try:
        key = _identity(identity)
    except ValueError as exc:
        raise _fail("decrypt-failed", "kunci identitas tidak sah", "bad identity") from exc
    meter = _Meter(progress, is_cancelled)
    with open(src, "rb") as fin:
        intro = fin.read(len(INTRO))
        if intro != INTRO:
            # also refuses the ASCII-armored form rage would accept: bundles are binary
            if INTRO.startswith(intro):
                raise _fail("truncated", "terpotong", "truncated")
            raise _fail("decrypt-damaged", "bukan berkas age", "not an age file")
        fin.seek(0)
        try:
            with open(dst, "xb") as fout:
                _decrypt_into(fin, fout, key, meter)
        except BaseException:
            dst.unlink(missing_ok=True)
            raise
    return meter.digest.hexdigest()


def _decrypt_into(fin: BinaryIO, fout: BinaryIO, key: x25519.Identity, meter: _Meter) -> None:
    reader = _Reader(fin, meter, metered=True)
    try:
        pyrage.decrypt_io(reader, _Writer(fout, reader, metered=False), [key])
    except Exception as exc:
        meter.reraise()
        raise _rage_error(exc) from exc
    meter.reraise()
    meter.report(reader.done)
    fout.flush()


#: rage's error texts (age crate 0.11: DecryptError's Display, the STREAM reader's io errors);
#: pyrage passes only the text on. tests/unit/sync/test_age*.py fail if an upgrade changes them.
_RAGE_ERRORS: tuple[tuple[str, str, str, str], ...] = (
    ("No matching keys", "decrypt-failed", "bukan untuk kunci ini", "not encrypted to this key"),
    (
        "Header MAC",
        "decrypt-damaged",
        "header rusak atau diubah: MAC header tidak cocok",
        "header damaged or altered: header MAC mismatch",
    ),
    ("Header is invalid", "decrypt-damaged", "header tidak sah", "malformed header"),
    # rage's word for a header it cannot parse; the intro line was checked before
    ("Unknown age format", "decrypt-damaged", "header tidak sah", "malformed header"),
    (
        "last chunk has been processed",
        "decrypt-damaged",
        "data setelah potongan terakhir",
        "data after the last chunk",
    ),
    ("Incomplete header", "truncated", "header terpotong", "header truncated"),
    ("failed to fill whole buffer", "truncated", "terpotong", "truncated"),
    ("truncated", "truncated", "terpotong", "truncated"),
    (
        "decryption error",
        "decrypt-damaged",
        "data rusak, diubah atau terpotong",
        "payload damaged, altered or truncated",
    ),
)


def _rage_error(exc: Exception) -> BundleError:
    text = str(exc)
    for needle, code, detail_id, detail_en in _RAGE_ERRORS:
        if needle in text:
            return _fail(code, detail_id, detail_en)
    return _fail("decrypt-damaged", text, text)


def _fail(code: str, detail_id: str, detail_en: str) -> BundleError:
    return bundle_error(
        code,
        f"Dekripsi bundel gagal ({detail_id}).",
        f"Decrypting the bundle failed ({detail_en}).",
    )
