"""The explorer's fixture data (tests/fixtures/explorer_data): a small hand-written data folder and its database."""
from __future__ import annotations

from pathlib import Path

from etl import build

EXPLORER_DATA = Path(__file__).resolve().parent / "fixtures" / "explorer_data"


def build_explorer_db(folder: Path) -> Path:
    """Build the fixture data into `folder`/dashboard.duckdb and return its path."""
    path = folder / "dashboard.duckdb"
    build.run(path, inputs=build.Inputs.from_root(EXPLORER_DATA))
    return path
