"""Where the project's inputs and the built database live."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# DASHBOARD_DATA points the app and the ETL at another data folder laid out like data/ (the benchmark uses it).
DATA = Path(os.environ.get("DASHBOARD_DATA", ROOT / "data"))
RAW = DATA / "raw"
CURATED = DATA / "curated"
REFERENCE = DATA / "reference"
SQL = Path(__file__).resolve().parent / "sql"


def default_database() -> Path:
    """The database the app reads; DASHBOARD_DB overrides it (tests, benchmarks)."""
    return Path(os.environ.get("DASHBOARD_DB", DATA / "build" / "dashboard.duckdb"))
