"""End to end on data/: how many provinces each indicator has for 2025, and how many former provinces have
GRDP growth history 2021–2024 (issue 17's counts; the queries below are the ones quoted in its closing note)."""
import duckdb
import pytest

from etl import build
from conftest import ROOT

# Provinces in force (34) with a 2025 actual figure, per indicator.
COUNTS_2025 = """
select o.indicator_code, count(distinct o.area_code) as provinces
from v_observations as o
inner join v_areas as a on a.area_code = o.area_code
where a.is_current_province and o.year = 2025 and o.kind = 'actual'
group by o.indicator_code
"""
# The 63 provinces as they were before 01/7/2025 (the 34 codes for the years before 2025 are the pre-merger
# provinces that kept their name) with at least one year of GRDP growth in 2021–2024.
HISTORY = """
select count(distinct o.area_code)
from v_observations as o
where o.area_code != 'vn' and o.indicator_code = 'grdp_growth' and o.kind = 'actual' and o.year between 2021 and 2024
"""


@pytest.fixture(scope="module")
def data_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("e2e") / "dashboard.duckdb"
    build.run(path, inputs=build.Inputs.from_root(ROOT / "data"))
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def test_provinces_with_2025_figures_per_indicator(data_db):
    counts = dict(data_db.execute(COUNTS_2025).fetchall())
    assert {k: counts.get(k, 0) for k in EXPECTED_2025} == EXPECTED_2025


def test_former_provinces_with_growth_history(data_db):
    assert data_db.execute(HISTORY).fetchone()[0] == EXPECTED_HISTORY


def test_every_new_figure_names_its_page_and_publisher(data_db):
    unsourced = data_db.execute("""
        select o.obs_id from v_observations as o
        where o.obs_id in (select obs_id from v_evidence where curated_file in
                           ('published_2025_by_province.csv', 'grdp_growth_history_former.csv'))
          and o.obs_id not in (select obs_id from v_evidence where source_url is not null and publisher is not null)
    """).fetchall()
    assert unsourced == []


# What the sources allowed (issue 17 asked for 25 of 34 on 8 indicators and 50 of 63 former provinces: not reached;
# every missing figure is in data/curated/gaps.csv with what was searched).
EXPECTED_2025 = {"grdp_growth": 31, "grdp_per_capita": 12, "gdp_per_capita_usd": 4, "grdp_size": 12,
                 "budget_revenue": 11, "exports": 12, "fdi_registered": 3, "retail_sales": 6, "tourists": 10}
EXPECTED_HISTORY = 33
