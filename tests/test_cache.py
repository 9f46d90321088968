"""dashboard.cache: pages draw from results computed once per database and filters, and see a rebuild at once."""
import json
import os
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import cache
from dashboard.charts import FrozenFigure, freeze, growth_bars
from dashboard.db import run_query
from dashboard.growth import growth_page, growth_table

CALLS = []


def counted_view(year: int, provinces: list[str]) -> tuple:
    CALLS.append((year, tuple(provinces)))
    return year, provinces, len(run_query("provinces_in_force"))


def test_frozen_figure_gives_the_figure_json_as_plain_data(built_db):
    provinces, national = growth_table(run_query("grdp_growth_by_province", year=2025))
    fig = growth_bars(provinces, national, {"lang-son"}, "Tăng trưởng")
    frozen = freeze(fig)
    assert isinstance(frozen, FrozenFigure) and freeze(frozen) is frozen
    assert frozen.to_dict() == json.loads(fig.to_json())
    assert json.loads(frozen.to_json()) == json.loads(fig.to_json())
    json.dumps(frozen.to_dict())  # plain JSON types only: nothing left for Plotly's encoder to clean


def _chart_script():
    import streamlit as st

    import plotly.graph_objects as go

    from dashboard.charts import freeze as freeze_figure

    figure = go.Figure(go.Bar(x=["Lạng Sơn", "Cao Bằng"], y=[8.06, 7.22]))
    st.plotly_chart(figure, key="plain")
    st.plotly_chart(freeze_figure(figure), key="frozen")


def test_streamlit_sends_the_same_chart_for_a_frozen_figure():
    at = AppTest.from_function(_chart_script).run()
    assert not at.exception
    plain, frozen = (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
    assert frozen == plain
    assert frozen["data"][0]["x"] == ["Lạng Sơn", "Cao Bằng"]


def test_view_runs_once_per_parameters_and_again_after_a_rebuild(built_db, tmp_path, monkeypatch,
                                                                  clear_streamlit_caches):
    copy = tmp_path / "dashboard.duckdb"
    shutil.copy(built_db, copy)
    monkeypatch.setenv("DASHBOARD_DB", str(copy))
    CALLS.clear()
    first = cache.view(counted_view, year=2025, provinces=["lang-son"])
    assert cache.view(counted_view, year=2025, provinces=["lang-son"]) is first
    assert first == (2025, ["lang-son"], 34)  # lists reach the function as lists
    cache.view(counted_view, year=2025, provinces=["cao-bang"])
    assert CALLS == [(2025, ("lang-son",)), (2025, ("cao-bang",))]
    # a rebuild replaces the file (new inode): the next rerun computes again from the new database
    replaced = tmp_path / "new.duckdb"
    shutil.copy(built_db, replaced)
    os.replace(replaced, copy)
    assert cache.view(counted_view, year=2025, provinces=["lang-son"]) is not first
    assert len(CALLS) == 3


def test_growth_page_view_holds_what_the_page_draws(built_db):
    page = growth_page(year=2025, region=None, highlighted=["cao-bang", "lang-son"])
    assert page.has_values and page.national_value == pytest.approx(8.02)
    assert isinstance(page.bars, FrozenFigure) and isinstance(page.map, FrozenFigure)
    assert set(page.highlighted_names) == {"Cao Bằng", "Lạng Sơn"}
    lang_son = page.table[page.table["Tỉnh, thành phố"] == "★ Lạng Sơn"].iloc[0]
    assert lang_son["Tăng trưởng (%)"] == pytest.approx(8.06)
    assert page.has_years and isinstance(page.lines, FrozenFigure)
    assert "Nguồn:" in page.source_note
    empty = growth_page(year=1990, region=None, highlighted=[])
    assert not empty.has_values and empty.bars is None


def test_source_note_names_a_few_sources_and_counts_the_rest():
    import pandas as pd

    from dashboard.sources import SOURCES_NAMED, source_note

    evidence = pd.DataFrame({"doc_id": [f"vb-{i:02d}" for i in range(SOURCES_NAMED + 3)],
                             "doc_title": [f"Kế hoạch số {i}" for i in range(SOURCES_NAMED + 3)],
                             "source_url": [None] * (SOURCES_NAMED + 3), "publisher": [None] * (SOURCES_NAMED + 3),
                             "source_title": [None] * (SOURCES_NAMED + 3)})
    note = source_note(evidence).replace("\\", "")  # as shown: data text is escaped Markdown (dashboard/safe_text.py)
    assert "Kế hoạch số 0 (vb-00)" in note and f"Kế hoạch số {SOURCES_NAMED}" not in note
    assert "và 3 nguồn khác (nguồn của từng số liệu: trang Chỉ số và nguồn)" in note
    assert "nguồn khác" not in source_note(evidence.head(SOURCES_NAMED))
