"""Read-only access to the built database, one SELECT per file in queries/, run with bound parameters."""
from __future__ import annotations

import os
import re
import threading
import time
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from etl import build, journal, paths
from etl.locking import rebuild_lock

QUERIES = paths.ROOT / "queries"
_PARAMETER = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")
_ALIAS = "dash"


class QueryError(Exception):
    """A query name or parameter that does not exist: a programming error, said plainly."""


class DatabaseMissing(Exception):
    """No database file to read (deleted, or a folder in its place) and none attached before."""


def _sql_text(value: str) -> str:
    """A string literal for DuckDB (ATTACH takes no bound parameter): an apostrophe in a path is doubled."""
    return "'" + value.replace("'", "''") + "'"


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES.glob("*.sql"))


@lru_cache(maxsize=None)
def _read_query(path: Path, mtime_ns: int) -> tuple[str, frozenset[str]]:
    sql = path.read_text(encoding="utf-8")
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return sql, frozenset(_PARAMETER.findall(body))


def query_text(name: str) -> tuple[str, frozenset[str]]:
    """The SQL of queries/<name>.sql and the parameters it expects."""
    path = QUERIES / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.exists():
        raise QueryError(f"không có truy vấn '{name}' trong queries/ (có: {', '.join(query_names())})")
    return _read_query(path, path.stat().st_mtime_ns)


class Database:
    """An in-memory connection that attaches the database file read-only.

    The file is replaced atomically by each build; when its identity changes, a new connection is
    made for new queries while queries already running finish on the old one.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple | None = None

    def identity(self) -> tuple:
        st = os.stat(self.path)
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _current(self) -> duckdb.DuckDBPyConnection:
        try:
            identity = self.identity()
        except OSError:
            identity = None  # deleted while pages load: the attached file stays readable until the next build
        with self._lock:
            if identity is not None and (identity != self._identity or self._connection is None):
                con = duckdb.connect(":memory:")
                try:
                    con.execute(f"attach {_sql_text(self.path.as_posix())} as {_ALIAS} (read_only)")
                except duckdb.Error:
                    con.close()
                    if self._connection is None:
                        raise DatabaseMissing(f"không mở được cơ sở dữ liệu {self.path}") from None
                    return self._connection  # a file being replaced or damaged: keep the one that worked
                self._connection, self._identity = con, identity
            if self._connection is None:
                raise DatabaseMissing(f"không có cơ sở dữ liệu {self.path}")
            return self._connection

    def run(self, name: str, **params) -> pd.DataFrame:
        sql, expected = query_text(name)
        given = set(params)
        if given != expected:
            missing, unknown = sorted(expected - given), sorted(given - expected)
            raise QueryError(f"truy vấn '{name}': thiếu tham số {missing}, tham số lạ {unknown}")
        cursor = self._current().cursor()
        try:
            cursor.execute(f"use {_ALIAS}")
            return cursor.execute(sql, params).df()
        finally:
            cursor.close()


_databases: dict[Path, Database] = {}
_databases_lock = threading.Lock()


_by_name: dict[str, Database] = {}  # the path as given -> its Database (resolving a path costs syscalls per rerun)


def database(path: Path | None = None) -> Database:
    name = str(path or paths.default_database())
    known = _by_name.get(name)
    if known is not None:
        return known
    resolved = Path(name).resolve()
    with _databases_lock:
        if resolved not in _databases:
            _databases[resolved] = Database(resolved)
        _by_name[name] = _databases[resolved]
        return _databases[resolved]


def run_query(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql on the app's database with bound parameters."""
    return database().run(name, **params)


_fresh: dict[Path, tuple[str, tuple, float]] = {}  # database -> (its inputs' fingerprint, its file identity, checked at)
RECHECK_AFTER_S = 1.0


def is_fresh(path: Path | None = None) -> bool:
    """True when the database exists and was built from the current inputs.

    Cheap on every Streamlit rerun: input files are hashed again only when their size or date changes, the
    stored fingerprint is read again only when the database file is replaced, and within a second of a check
    that found the database fresh the answer stands (a burst of clicks does not stat 1.000 files each time;
    a file changed on disk shows within a second, a rebuilt database at once).
    """
    path = Path(path or paths.default_database()).resolve()
    try:
        st = os.stat(path)
    except OSError:
        return False
    identity = (st.st_ino, st.st_mtime_ns, st.st_size)
    known = _fresh.get(path)
    now = time.monotonic()
    if known and known[1] == identity and now - known[2] < RECHECK_AFTER_S:
        return True
    current = build.fingerprint()
    if (known and known[:2] == (current, identity)) or build.stored_fingerprint(path) == current:
        _fresh[path] = (current, identity, now)
        return True
    return False


def ensure_database(path: Path | None = None) -> bool:
    """Build the database if it is missing or older than its inputs; True if it was built.

    Sessions that find it stale at the same moment queue on the lock; each asks again once it holds the lock,
    so one change causes one build, however many sessions are open.
    """
    if is_fresh(path):
        return False
    out = Path(path or paths.default_database())
    with rebuild_lock(out):
        journal.recover(out)  # a change killed half-way: finished or undone first
        _fresh.pop(out.resolve(), None)
        if is_fresh(out):
            return False
        build.run(out)
    return True
