"""End to end on the project's own data/: the real documents and published tables build, and say what they say.

These are the only tests that read data/ (every other test builds from tests/fixtures/data): a correction to a
figure in data/ is expected to change an assertion here, and nowhere else.
"""
from pathlib import Path

import pytest

from dashboard import db
from etl import build

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "dashboard.duckdb"
    build.run(path, build.Inputs.from_root(DATA))
    return path


def test_every_real_document_is_loaded_with_figures_and_quotes(real_db):
    documents = db.database(real_db).run("documents_list", area_codes=[], issuer_level=None)
    raw = sorted(p.name for p in (DATA / "raw").iterdir() if p.is_file())
    assert sorted(documents["file_name"]) == raw


def test_published_2025_growth_as_the_statistics_office_released_it(real_db):
    frame = db.database(real_db).run("grdp_growth_by_province", year=2025)
    assert len(frame) == 35
    assert frame[frame["is_national"]]["value"].tolist() == [8.02]
    values = dict(zip(frame["area_code"], frame["value"]))
    assert (values["quang-ninh"], values["hai-phong"], values["lang-son"]) == (11.89, 11.81, 8.06)
    missing = frame[frame["value"].isna()]["area_name"].tolist()
    assert sorted(missing) == ["Cà Mau", "Hưng Yên", "Sơn La"]
