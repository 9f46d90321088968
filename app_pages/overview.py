"""Tổng quan: national growth, each chosen province against it, and what the database holds."""
import streamlit as st

from dashboard.cache import view
from dashboard.filters import sidebar_filters
from dashboard.overview import overview_page
from dashboard.presentation import plotly_config
from dashboard.widgets import download_table
from dashboard.years import report_years

shown = report_years()  # from the data: the latest year with results, and the next
YEAR, TARGET_YEAR = shown.results, shown.plan

filters = sidebar_filters(provinces=True)
st.title("Tổng quan kinh tế - xã hội các tỉnh, thành phố")
st.caption(f"Kết quả năm {YEAR} và mục tiêu năm {TARGET_YEAR} của các tỉnh, thành phố được chọn, so với cả nước.")

# shared between reruns and sessions: read only
page = view(overview_page, year=YEAR, target_year=TARGET_YEAR, provinces=sorted(filters.provinces))
if not page.has_values:
    st.info("Cơ sở dữ liệu chưa có số liệu tăng trưởng. Hãy thêm văn bản vào data/raw/ hoặc bảng số liệu vào "
            "data/curated/ rồi xây lại cơ sở dữ liệu (python -m etl build).")
    st.stop()

cards = page.cards_for(filters.provinces)
for start in range(0, len(cards), 4):
    for column, card in zip(st.columns(4), cards[start:start + 4]):
        with column:
            st.metric(card.label, card.value, card.delta, border=True)
            st.caption(card.caption)
if not filters.provinces:
    st.info("Chọn tỉnh, thành phố ở thanh bên để so sánh với cả nước.")

st.markdown(page.database_note)

if page.growth_targets is not None:
    st.plotly_chart(page.growth_targets, width="stretch", key="overview-growth-targets",
                    config=plotly_config(f"tang-truong-thuc-hien-{YEAR}-muc-tieu-{TARGET_YEAR}"))
    st.markdown(page.growth_targets_note)
if page.below_note:
    st.markdown(page.below_note)
    st.page_link("app_pages/targets.py", label=f"Xem trang Mục tiêu {TARGET_YEAR} và thực hiện {YEAR}", icon=":material/arrow_forward:")

if not page.table.empty:
    # a few rows to read, not to sort: a static table of Vietnamese numbers (the Excel file keeps real numbers)
    st.table(page.table_text, hide_index=True)
    download_table(page.table, title=f"Tăng trưởng GRDP năm {YEAR} của các tỉnh, thành phố được chọn",
                   file_name=f"tong-quan-tang-truong-{YEAR}.xlsx",
                   filters={"Năm": str(YEAR), "Cả nước": page.national_text}, sources=page.sources)
