"""Writing the zip of a bundle, byte for byte the same for the same input: fixed date and
mode, entries in name order, evidence files STORED and streamed once (SHA-512 on a helper
thread), tag files DEFLATED, the signed tag manifest last. :class:`ExportWriter` also holds
what one export does around it: temp files, progress and cancellation, reading the zip back,
encrypting it, writing the small files durably."""

from __future__ import annotations

import contextlib
import hashlib
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from flexdesk.errors import Cancelled
from flexdesk.sync._errors import bundle_error
from flexdesk.sync._fs import BackgroundFlusher, drop_cache, temp_path_for
from flexdesk.sync._pipeline import CHUNK, SideThread
from flexdesk.sync.crypto import sshsig
from flexdesk.sync.crypto.keys import KeyRing
from flexdesk.sync.format import bagit
from flexdesk.sync.format.layout import TAG_SIG
from flexdesk.sync.format.model import bad_input
from flexdesk.sync.format.ziphygiene import sha256_file
from flexdesk.sync.payload import PayloadItem
from flexdesk.sync.zipcheck import ZipCheck, verify_zip

Progress = Callable[[int, int, str], None]

#: fixed zip timestamp (the earliest DOS date): office clocks cannot be trusted anyway
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def zip_info(name: str, size: int, deflate: bool) -> zipfile.ZipInfo:
    """The entry header of every bundle member: fixed date, Unix mode 0644."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.create_system = 3
    info.external_attr = (0o100644 & 0xFFFF) << 16
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    info.file_size = size
    return info


class ExportWriter:
    """One export: temp files, progress and cancellation."""

    def __init__(
        self,
        progress: Progress | None,
        is_cancelled: Callable[[], bool] | None,
        *,
        check_store: bool = False,
    ):
        self.progress = progress
        self.is_cancelled = is_cancelled
        self.done = 0
        self.total = 1
        self.temps: list[Path] = []
        self.flusher: BackgroundFlusher | None = None
        #: re-hash evidence files with SHA-256 while copying, and every hash when reading
        #: back (verify="full")
        self.check_store = check_store

    def step(self, n: int, stage: str) -> None:
        """Count ``n`` more bytes done in ``stage`` and report progress."""
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, stage)

    def check_cancel(self) -> None:
        """Raise Cancelled if the caller asked to stop."""
        if self.is_cancelled is not None and self.is_cancelled():
            raise Cancelled()

    def temp(self, final: Path) -> Path:
        """A hidden temp path next to ``final``, removed by :meth:`cleanup`."""
        path = temp_path_for(final)
        self.temps.append(path)
        return path

    def cleanup(self) -> None:
        """Remove every temp file (after an error or cancellation)."""
        for path in self.temps:
            with contextlib.suppress(OSError):
                path.unlink()

    def write_zip(
        self,
        target: Path,
        top: str,
        items: list[PayloadItem],
        key: Ed25519PrivateKey,
        tag_files: dict[str, bytes],
    ) -> bytes:
        """Write the zip; return the tag manifest bytes (the signed part)."""
        payload_hashes: dict[str, str] = {}
        with open(target, "xb") as fh:
            self.flusher = BackgroundFlusher(fh.fileno())
            try:
                with zipfile.ZipFile(fh, "w", allowZip64=True) as zf, SideThread() as side:
                    for name, data in sorted(tag_files.items()):
                        if name < "data/":
                            self._put_bytes(zf, f"{top}/{name}", data)
                    for item in sorted(items, key=lambda i: i.bag_path):
                        payload_hashes[item.bag_path] = self._put_item(zf, side, f"{top}/", item)
                    manifest = bagit.manifest_bytes(payload_hashes)
                    tag_files[bagit.MANIFEST] = manifest
                    tags = {n: hashlib.sha512(tag_files[n]).hexdigest() for n in sorted(tag_files)}
                    tagmanifest = bagit.manifest_bytes(tags)
                    signature = sshsig.sign(tagmanifest, key, sshsig.NS_BUNDLE).encode("ascii")
                    self._put_bytes(zf, f"{top}/{bagit.MANIFEST}", manifest)
                    self._put_bytes(zf, f"{top}/{bagit.TAGMANIFEST}", tagmanifest)
                    self._put_bytes(zf, f"{top}/{TAG_SIG}", signature)
                fh.flush()
            finally:
                self.flusher.close()
                self.flusher = None
            os.fsync(fh.fileno())
        return tagmanifest

    def read_back_zip(self, zip_tmp: Path, stem: str, ring: KeyRing) -> ZipCheck:
        """Read the zip just written back from the device (not the page cache) and check it:
        CRC-32s, signature, manifests and header; every hash too with ``check_store``."""
        drop_cache(zip_tmp)
        return verify_zip(
            zip_tmp,
            keyring=ring,
            expected_top=stem,
            envelope_signer=None,
            progress=lambda n: self.step(n, "verify"),
            is_cancelled=self.is_cancelled,
            check_hashes=self.check_store,
        )

    def encrypt(self, zip_tmp: Path, target: Path, recipient: str) -> tuple[str, int]:
        """Encrypt the zip to ``recipient`` (age); the SHA-256 and size of the encrypted
        file, checked by reading it back."""
        from flexdesk.sync.crypto import age

        sha, size = age.encrypt_file(
            zip_tmp,
            target,
            recipient,
            progress=lambda n: self.step(n, "encrypt"),
            is_cancelled=self.is_cancelled,
        )
        drop_cache(target)
        if sha256_file(target) != sha:
            raise bundle_error(
                "hash-mismatch",
                "Berkas terenkripsi berubah setelah ditulis (media rusak?).",
                "The encrypted file changed after writing (faulty medium?).",
            )
        return sha, size

    @staticmethod
    def write_durably(path: Path, data: bytes) -> None:
        """A new file, flushed to the device and dropped from the page cache (to be read
        back)."""
        with open(path, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        drop_cache(path)

    @staticmethod
    def _put_bytes(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
        with zf.open(zip_info(name, len(data), deflate=True), "w") as out:
            out.write(data)

    def _put_item(
        self, zf: zipfile.ZipFile, side: SideThread, prefix: str, item: PayloadItem
    ) -> str:
        if item.data is not None:
            self._put_bytes(zf, prefix + item.bag_path, item.data)
            return hashlib.sha512(item.data).hexdigest()
        assert item.path is not None
        h512 = hashlib.sha512()
        # evidence is always checked against its address while copied (one pass, no re-read):
        # a damaged stored file must stop the export, not travel signed under its old name
        h256 = hashlib.sha256() if item.sha256 else None
        copied = 0
        # evidence files and PDFs are already compressed: STORED, hashed once while copied
        with (
            open(item.path, "rb") as src,
            zf.open(zip_info(prefix + item.bag_path, item.size, deflate=False), "w") as out,
        ):
            while chunk := src.read(CHUNK):
                side.submit(h512.update, chunk)
                if h256 is not None:
                    h256.update(chunk)
                out.write(chunk)
                if self.flusher is not None:
                    self.flusher.wrote(len(chunk))
                copied += len(chunk)
                self.step(len(chunk), "write")
                self.check_cancel()
            side.wait()
        if copied != item.size:
            raise bad_input(
                f"berkas berubah selama ekspor: {item.path}",
                f"file changed during export: {item.path}",
            )
        if h256 is not None and h256.hexdigest() != item.sha256:
            raise bundle_error(
                "hash-mismatch",
                f"Isi berkas bukti tidak cocok dengan SHA-256-nya ({item.path.name}); "
                "penyimpanan lampiran mungkin rusak.",
                f"Evidence file content does not match its SHA-256 ({item.path.name}); "
                "the attachment store may be damaged.",
            )
        return h512.hexdigest()
