"""The output folder's own lock, ``OUT/.lock``: one run at a time per output folder.

A POSIX record lock (``lockf``) on the file: the system releases it when the process
that holds it ends, however it ends, and worker processes do not inherit it. The file
holds the id of the process that has the lock, for the message a second run prints.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from extract.errors import ExtractError

LOCK_NAME = ".lock"
_POLL_S = 0.2


class BusyError(ExtractError):
    """Another run holds the output folder's lock (exit code 75: try again later)."""


@contextlib.contextmanager
def output_lock(out_dir: Path, *, wait: float = 0.0) -> Iterator[Path]:
    """Hold ``out_dir/.lock`` for the block, waiting up to ``wait`` seconds for it.

    Raises ``BusyError`` naming the holder when the lock stays taken, and ``OSError``
    when the folder or the lock file cannot be created.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
            if time.monotonic() >= deadline:
                raise BusyError(
                    f"{out_dir} is in use by another run ({_holder(fd)}); "
                    "try again later or pass --wait SECONDS"
                )
            time.sleep(_POLL_S)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"
