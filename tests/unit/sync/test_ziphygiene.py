"""Import hygiene of the safe zip reader, on archives built byte by byte."""

from __future__ import annotations

import unicodedata
import zlib
from pathlib import Path

import pytest

from flexdesk.errors import BundleError
from flexdesk.sync.format.ziphygiene import SafeZip, ZipLimits
from tests.support.sync import RawEntry, build_zip


def open_zip(tmp_path: Path, entries: list[RawEntry], **kw: object) -> SafeZip:
    path = tmp_path / "t.zip"
    path.write_bytes(build_zip(entries))
    return SafeZip(path, **kw)  # type: ignore[arg-type]


def code_of(tmp_path: Path, entries: list[RawEntry], **kw: object) -> str:
    with pytest.raises(BundleError) as err, open_zip(tmp_path, entries, **kw) as zf:
        for name in sorted(zf.names()):
            zf.read(name)
    return err.value.code


def test_plain_zip_reads(tmp_path: Path) -> None:
    with open_zip(
        tmp_path,
        [
            RawEntry(b"top/a.txt", b"hello"),
            RawEntry(b"top/d/b.txt", b"x" * 1000, deflate=True),
            RawEntry(b"top/d/", b"", external_attr=0o040755 << 16),
        ],
    ) as zf:
        assert zf.top == "top"
        assert zf.names() == {"a.txt", "d/b.txt"}
        assert zf.read("d/b.txt") == b"x" * 1000


@pytest.mark.parametrize(
    ("name", "code"),
    [
        (b"top/../evil.txt", "path-traversal"),
        (b"../evil.txt", "path-traversal"),
        (b"/etc/passwd", "path-traversal"),
        (b"top\\..\\evil.txt", "path-traversal"),
        (b"C:/Windows/evil.txt", "path-traversal"),
        (b"top/./a.txt", "bad-name"),
        (b"top//a.txt", "bad-name"),
        (b"top/a\x01.txt", "bad-name"),
        (b"top/\xff\xfe.txt", "bad-name"),
        (b"evil.txt", "path-traversal"),
    ],
)
def test_bad_names(tmp_path: Path, name: bytes, code: str) -> None:
    assert code_of(tmp_path, [RawEntry(b"top/ok.txt", b"ok"), RawEntry(name, b"x")]) == code


def test_non_utf8_name_with_utf8_flag(tmp_path: Path) -> None:
    entries = [RawEntry(b"top/\xc3\x28.txt", b"x", flag_bits=0x800)]
    assert code_of(tmp_path, entries) == "bad-name"


def test_second_top_folder_is_refused(tmp_path: Path) -> None:
    entries = [RawEntry(b"top/a.txt", b"a"), RawEntry(b"other/b.txt", b"b")]
    assert code_of(tmp_path, entries) == "path-traversal"
    assert (
        code_of(tmp_path, [RawEntry(b"top/a.txt", b"a")], top="O042-000000001") == "path-traversal"
    )


def test_symlinks_and_devices(tmp_path: Path) -> None:
    link = RawEntry(b"top/link", b"/etc/passwd", external_attr=0o120777 << 16)
    assert code_of(tmp_path, [link]) == "symlink"
    fifo = RawEntry(b"top/fifo", b"", external_attr=0o010644 << 16)
    assert code_of(tmp_path, [fifo]) == "symlink"


@pytest.mark.parametrize(
    "second",
    [
        b"top/a.txt",
        b"top/A.TXT",
        unicodedata.normalize("NFD", "top/é.txt").encode(),
    ],
)
def test_duplicate_names(tmp_path: Path, second: bytes) -> None:
    first = (
        b"top/a.txt"
        if second != unicodedata.normalize("NFD", "top/é.txt").encode()
        else unicodedata.normalize("NFC", "top/é.txt").encode()
    )
    entries = [RawEntry(first, b"1", flag_bits=0x800), RawEntry(second, b"2", flag_bits=0x800)]
    assert code_of(tmp_path, entries) == "duplicate-name"


def test_unsupported_method_and_encryption(tmp_path: Path) -> None:
    assert code_of(tmp_path, [RawEntry(b"top/a", b"x", method=12)]) == "unsupported-zip"
    assert code_of(tmp_path, [RawEntry(b"top/a", b"x", flag_bits=0x1)]) == "unsupported-zip"


def test_ratio_bomb(tmp_path: Path) -> None:
    bomb = RawEntry(b"top/zeros.bin", bytes(20 * 1024 * 1024), deflate=True)
    assert code_of(tmp_path, [bomb]) == "zip-bomb"


def test_size_limits(tmp_path: Path) -> None:
    entries = [RawEntry(b"top/a", b"x" * 100), RawEntry(b"top/b", b"y" * 100)]
    assert code_of(tmp_path, entries, limits=ZipLimits(max_entry_size=50)) == "zip-bomb"
    assert code_of(tmp_path, entries, limits=ZipLimits(max_total_size=150)) == "zip-bomb"
    assert code_of(tmp_path, entries, limits=ZipLimits(max_entries=1)) == "zip-bomb"


def test_declared_size_lie_is_caught_while_streaming(tmp_path: Path) -> None:
    liar = RawEntry(b"top/small.txt", b"z" * 100_000, deflate=True, declared_size=1000)
    assert code_of(tmp_path, [liar]) == "zip-bomb"


def test_overlapping_entries(tmp_path: Path) -> None:
    first = RawEntry(b"top/a.bin", b"A" * 100, declared_size=300, declared_csize=300)
    second = RawEntry(b"top/b.bin", b"B" * 300)
    assert code_of(tmp_path, [first, second]) == "zip-bomb"


def test_crc_and_truncation(tmp_path: Path) -> None:
    path = tmp_path / "t.zip"
    data = bytearray(build_zip([RawEntry(b"top/a.txt", b"hello world")]))
    i = data.index(b"hello")
    data[i] ^= 1
    path.write_bytes(bytes(data))
    with SafeZip(path) as zf, pytest.raises(BundleError) as err:
        zf.read("a.txt")
    assert err.value.code == "hash-mismatch"
    whole = build_zip([RawEntry(b"top/a.txt", b"hello" * 1000)])
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(BundleError) as err:
        SafeZip(path)
    assert err.value.code == "truncated"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(BundleError) as err:
        SafeZip(path)
    assert err.value.code == "not-a-zip"


def test_corrupt_deflate_stream(tmp_path: Path) -> None:
    body = zlib.compress(b"q" * 5000)[2:-4]
    entry = RawEntry(b"top/a.txt", b"q" * 5000, deflate=True)
    path = tmp_path / "t.zip"
    data = bytearray(build_zip([entry]))
    start = data.index(body[:8])
    data[start + 3] ^= 0xFF
    path.write_bytes(bytes(data))
    with SafeZip(path) as zf, pytest.raises(BundleError) as err:
        zf.read("a.txt")
    assert err.value.code in {"hash-mismatch", "truncated", "zip-bomb"}


def test_metadata_read_cap(tmp_path: Path) -> None:
    with (
        open_zip(tmp_path, [RawEntry(b"top/a", b"x" * 5000)]) as zf,
        pytest.raises(BundleError) as err,
    ):
        zf.read("a", max_size=100)
    assert err.value.code == "zip-bomb"
