"""The data folder every test builds from: the documents and curated rows under tests/fixtures/data, with the
project's own rule book (data/reference: catalogue, units, areas, the words the extractor looks for).

Figures live in raw/ and curated/, so a correction to a figure in data/ changes nothing here; only the
end-to-end tests (tests/test_e2e_*.py) build from data/ itself. The reference files are taken from data/ because
they are the mechanism's configuration, like code: a test of the extractor must run with the rules it ships with.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
REPO_DATA = ROOT / "data"


def make_data_folder(dest: Path) -> Path:
    """A private data folder laid out like data/ (raw, curated, reference); returns it."""
    for part in ("raw", "curated"):
        shutil.copytree(FIXTURE / part, dest / part)
    shutil.copytree(REPO_DATA / "reference", dest / "reference")
    return dest
