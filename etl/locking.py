"""One change at a time: an exclusive lock beside the database file, held while inputs are changed and rebuilt."""
from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

from .errors import InputError

try:
    import fcntl
except ImportError:  # Windows: msvcrt locks the first byte instead
    fcntl = None
    import msvcrt

WAIT_SECONDS = 300.0
_held = threading.local()  # lock file -> how many times this thread holds it (the lock is re-entrant per thread)


class BusyError(InputError):
    """Someone else's change took longer than we were willing to wait."""


def lock_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".lock")


def _try_lock(handle) -> bool:
    try:
        if fcntl:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _unlock(handle) -> None:
    if fcntl:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    else:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


@contextlib.contextmanager
def rebuild_lock(db: Path, wait: float = WAIT_SECONDS, on_wait=None):
    """Hold the lock of database `db`: other processes and threads wait their turn (up to `wait` seconds).

    `on_wait()` is called once if the lock is busy, so a page can say that it is waiting.
    """
    path = lock_path(db).resolve()
    key = str(path)
    depth = getattr(_held, "depth", None)
    if depth is None:
        depth = _held.depth = {}
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+b")
    try:
        deadline = time.monotonic() + wait
        told = False
        while not _try_lock(handle):
            if not told and on_wait is not None:
                on_wait()
                told = True
            if time.monotonic() > deadline:
                raise BusyError(f"đang có người khác cập nhật dữ liệu (đã chờ {wait:.0f} giây); hãy thử lại sau ít phút",
                                path.name)
            time.sleep(0.05)
        depth[key] = 1
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n".encode())
            handle.flush()
            yield
        finally:
            depth.pop(key, None)
            _unlock(handle)
    finally:
        handle.close()
