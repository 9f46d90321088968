"""Every query in queries/ runs on the built database with its example parameters and says what it is."""
from pathlib import Path

import pytest
import yaml

from dashboard import db

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = yaml.safe_load((ROOT / "queries" / "example_parameters.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", db.query_names())
def test_query_runs_with_example_parameters(built_db, name):
    _, params = db.query_text(name)
    unknown = sorted(params - set(EXAMPLES))
    assert not unknown, f"add an example for {unknown} to queries/example_parameters.yaml"
    frame = db.database(built_db).run(name, **{p: EXAMPLES[p] for p in params})
    assert len(frame.columns) > 0


@pytest.mark.parametrize("name", db.query_names())
def test_query_has_a_header(name):
    lines = (ROOT / "queries" / f"{name}.sql").read_text(encoding="utf-8").splitlines()
    header = [line for line in lines[:4] if line.startswith("--")]
    assert len(header) >= 2, f"queries/{name}.sql needs a 2–3 line -- header: grain, parameters, users"


def test_growth_query_lists_every_province_and_the_nation(built_db):
    frame = db.database(built_db).run("grdp_growth_by_province", year=2025)
    assert len(frame) == 35
    assert frame[frame["is_national"]]["value"].tolist() == [8.02]
    missing = frame[frame["value"].isna()]["area_name"].tolist()
    assert sorted(missing) == ["Cà Mau", "Hưng Yên", "Sơn La"]
    lang_son = frame[frame["area_code"] == "lang-son"].iloc[0]
    assert (lang_son["value"], lang_son["rank_computed"]) == (8.06, 17)


def test_unknown_query_or_parameter_is_said_plainly(built_db):
    with pytest.raises(db.QueryError, match="không có truy vấn 'nope'"):
        db.database(built_db).run("nope")
    with pytest.raises(db.QueryError, match="tham số lạ \\['yr'\\]"):
        db.database(built_db).run("grdp_growth_by_province", year=2025, yr=1)
    with pytest.raises(db.QueryError, match="không có truy vấn"):
        db.query_text("../etl/sql/schema")


def test_parameters_are_bound_not_formatted(built_db):
    """A hostile value is data: it matches nothing and breaks nothing."""
    frame = db.database(built_db).run("available_years", indicator_code="x'; drop table observations; --", kind="actual")
    assert frame.empty
    assert not db.database(built_db).run("available_years", indicator_code="grdp_growth", kind="actual").empty


def test_reader_sees_a_rebuilt_file(tmp_path):
    from etl import build

    path = tmp_path / "db.duckdb"
    build.run(path)
    reader = db.Database(path)
    first = reader.run("grdp_growth_by_province", year=2025)
    identity = reader.identity()
    build.run(path)  # replaced atomically: a new file
    assert reader.identity() != identity
    assert reader.run("grdp_growth_by_province", year=2025).equals(first)
