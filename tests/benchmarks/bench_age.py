"""age benchmark: FlexDesk's streamed pyrage decrypt/encrypt against pyrage's path-based calls
and the ``age`` binary, with peak memory and the longest stall of another Python thread.

Run (not collected by pytest)::

    python tests/benchmarks/bench_age.py                  # 200 MB and 1000 MB
    python tests/benchmarks/bench_age.py --sizes 50       # quick check

Each contestant runs in its own process (peak RSS is per process: ``ru_maxrss``). "gap" is the
longest a thread sleeping 5 ms in a loop waited: pyrage holds the GIL for a whole call, so a
path-based call freezes a GUI for its whole duration; FlexDesk's file objects give it back
every 8 KiB. The numbers in flexdesk/sync/crypto/age.py's docstring come from this script.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MODES = ("decrypt", "decrypt_file", "encrypt", "encrypt_file")


def child(mode: str, src: Path, dst: Path, key: Path) -> None:
    import pyrage

    from flexdesk.sync.crypto import age

    gap = [0.0]
    stop = threading.Event()

    def ticker() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.005)
            now = time.perf_counter()
            gap[0] = max(gap[0], now - last)
            last = now

    threading.Thread(target=ticker, daemon=True).start()
    identity = key.read_text()
    recipient = age.recipient_of(identity)
    start = time.perf_counter()
    if mode == "decrypt":
        age.decrypt_file(src, dst, identity)
    elif mode == "decrypt_file":
        pyrage.decrypt_file(str(src), str(dst), [age._identity(identity)])
    elif mode == "encrypt":
        age.encrypt_file(src, dst, recipient)
    else:
        pyrage.encrypt_file(str(src), str(dst), [pyrage.x25519.Recipient.from_str(recipient)])
    wall = time.perf_counter() - start
    stop.set()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{wall:.2f} {rss:.0f} {gap[0] * 1000:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000], help="MB")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, *paths = args.child
        child(mode, *(Path(p) for p in paths))
        return
    age_bin = shutil.which("age")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        key = folder / "key.txt"
        subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
        recipient = next(
            line.split(": ")[1] for line in key.read_text().splitlines() if "public key" in line
        )
        print(f"{'size':>6} {'contestant':14} {'wall':>7} {'peak RSS':>9} {'gap':>8}")
        for size in args.sizes:
            plain = folder / "plain.bin"
            with plain.open("wb") as fh:
                for _ in range(size):
                    fh.write(os.urandom(1_000_000))
            sealed = folder / "sealed.age"
            subprocess.run(["age", "-r", recipient, "-o", str(sealed), str(plain)], check=True)
            for mode in MODES:
                src = sealed if mode.startswith("decrypt") else plain
                out = folder / "out.bin"
                out.unlink(missing_ok=True)
                result = subprocess.run(
                    [sys.executable, __file__, "--child", mode, str(src), str(out), str(key)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                wall, rss, gap = result.stdout.split()
                print(f"{size:>4}MB {mode:14} {wall:>6}s {rss:>6} MB {gap:>5} ms")
            if age_bin is not None:
                start = time.perf_counter()
                cmd = [age_bin, "-d", "-i", str(key), "-o", os.devnull, str(sealed)]
                subprocess.run(cmd, check=True)
                print(f"{size:>4}MB {'age -d':14} {time.perf_counter() - start:>6.2f}s")


if __name__ == "__main__":
    main()
