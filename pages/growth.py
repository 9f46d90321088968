"""Tăng trưởng: 2025 GRDP growth of every province against the national figure."""
import streamlit as st

from dashboard.cache import query
from dashboard.charts import growth_bars
from dashboard.growth import growth_table
from dashboard.sources import source_note

YEAR = 2025

st.title("Tăng trưởng GRDP các tỉnh, thành phố")
frame = query("grdp_growth_by_province", year=YEAR)
provinces, national_value = growth_table(frame)
if provinces["value"].notna().sum() == 0:
    st.info(f"Chưa có số liệu tăng trưởng GRDP năm {YEAR}. Hãy thêm văn bản hoặc bảng số liệu rồi xây lại cơ sở dữ liệu.")
    st.stop()

st.plotly_chart(growth_bars(provinces, national_value, set(), f"Tăng trưởng GRDP năm {YEAR} (%)"), width="stretch")
missing = provinces[provinces["value"].isna()]["area_name"].tolist()
if missing:
    st.caption(f"Chưa có số liệu công bố: {', '.join(missing)} (để trống, không tính là 0).")
st.markdown(source_note(query("sources_for_indicator", indicator_code="grdp_growth", year=YEAR, kind="actual")))
