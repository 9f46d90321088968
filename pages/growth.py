"""Tăng trưởng: 2025 GRDP growth of every province against the national figure."""
import streamlit as st

from dashboard.cache import query
from dashboard.charts import growth_bars
from dashboard.growth import growth_table
from dashboard.sources import source_lines, source_note
from dashboard.widgets import download_table

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
evidence = query("sources_for_indicator", indicator_code="grdp_growth", year=YEAR, kind="actual")
st.markdown(source_note(evidence))

table = provinces[["area_name", "region_vi", "value", "rank_text", "gap_pp", "mark"]].rename(columns={
    "area_name": "Tỉnh, thành phố", "region_vi": "Vùng", "value": "Tăng trưởng GRDP (%)", "rank_text": "Xếp hạng",
    "gap_pp": "Chênh lệch so với cả nước (điểm %)", "mark": "Ghi chú"})
download_table(table, title=f"Tăng trưởng GRDP năm {YEAR} của các tỉnh, thành phố", file_name=f"tang-truong-grdp-{YEAR}.xlsx",
               filters={"Năm": str(YEAR)}, sources=source_lines(evidence))
