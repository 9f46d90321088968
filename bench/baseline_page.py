"""Baseline for page reruns: the least a page can do here, one DuckDB table read and one Plotly chart."""
import os

import duckdb
import plotly.graph_objects as go
import streamlit as st


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


@st.cache_data
def _growth(path: str):
    cursor = _connection(path).cursor()
    try:
        return cursor.execute(
            "select area_name, value from v_observations "
            "where indicator_code = 'grdp_growth' and kind = 'actual' and year = (select max(year) from v_observations "
            "where indicator_code = 'grdp_growth' and kind = 'actual') order by value desc").df()
    finally:
        cursor.close()


frame = _growth(os.environ["DASHBOARD_DB"])
st.title("Baseline")
st.plotly_chart(go.Figure(go.Bar(x=frame["area_name"], y=frame["value"])), width="stretch")
