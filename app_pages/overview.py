"""Tổng quan: national growth, each chosen province against it, and what the database holds."""
import streamlit as st

from dashboard.cache import query
from dashboard.charts import target_dumbbell
from dashboard.db import database
from dashboard.filters import sidebar_filters
from dashboard.formatting import number, with_unit
from dashboard.growth import growth_table, table_for_display
from dashboard.overview import Card, built_at, province_cards
from dashboard.presentation import plotly_config
from dashboard.sources import source_lines, source_note
from dashboard.targets import compare
from dashboard.widgets import download_table

YEAR, TARGET_YEAR = 2025, 2026

filters = sidebar_filters(provinces=True)
st.title("Tổng quan kinh tế - xã hội các tỉnh, thành phố")
st.caption(f"Kết quả năm {YEAR} và mục tiêu năm {TARGET_YEAR} của các tỉnh, thành phố được chọn, so với cả nước.")

provinces, national_value = growth_table(query("grdp_growth_by_province", year=YEAR))
counts = query("database_counts")
if counts.empty or provinces["value"].notna().sum() == 0:
    st.info("Cơ sở dữ liệu chưa có số liệu tăng trưởng. Hãy thêm văn bản vào data/raw/ hoặc bảng số liệu vào "
            "data/curated/ rồi xây lại cơ sở dữ liệu (python -m etl build).")
    st.stop()

cards = [Card(f"Tăng trưởng GDP cả nước {YEAR}", with_unit(national_value, "%"), None, "Mốc so sánh cho các tỉnh"),
         *province_cards(provinces, filters.provinces)]
for start in range(0, len(cards), 4):
    for column, card in zip(st.columns(4), cards[start:start + 4]):
        with column:
            st.metric(card.label, card.value, card.delta, border=True)
            st.caption(card.caption)
if not filters.provinces:
    st.info("Chọn tỉnh, thành phố ở thanh bên để so sánh với cả nước.")

info = counts.iloc[0]
st.markdown(f"**Cơ sở dữ liệu:** {number(info['n_documents'])} văn bản của {number(info['n_document_areas'])} "
            f"tỉnh, thành phố · {number(info['n_observations'])} số liệu · {number(info['n_tasks'])} nhiệm vụ — "
            f"xây lúc {built_at(database().path)} (giờ Việt Nam).")

if filters.provinces:
    targets = compare(query("targets_vs_actuals", area_codes=["vn", *filters.provinces],
                            actual_year=YEAR, target_year=TARGET_YEAR))
    growth_targets = targets[targets["indicator_code"] == "grdp_growth"]
    if not growth_targets.empty:
        st.plotly_chart(target_dumbbell(growth_targets, list(query("provinces_in_force")["area_code"]),
                                        f"Tăng trưởng GRDP: thực hiện {YEAR} và mục tiêu {TARGET_YEAR} (%)",
                                        YEAR, TARGET_YEAR), width="stretch", key="overview-growth-targets",
                        config=plotly_config(f"tang-truong-thuc-hien-{YEAR}-muc-tieu-{TARGET_YEAR}"))
        evidence = query("sources_for_targets", area_codes=["vn", *filters.provinces], actual_year=YEAR,
                         target_year=TARGET_YEAR)
        st.markdown(source_note(evidence[evidence["indicator_code"] == "grdp_growth"]))
    below = targets[targets["is_below_actual"] & ~targets["is_national"]]
    if not below.empty:
        st.markdown(f"⚠️ **{len(below)} mục tiêu năm {TARGET_YEAR}** của các tỉnh được chọn thấp hơn mức đã đạt năm "
                    f"{YEAR}: " + "; ".join(f"{r.area_name} — {r.indicator_name}" for r in below.itertuples()) + ".")
        st.page_link("app_pages/targets.py", label=f"Xem trang Mục tiêu {TARGET_YEAR} và thực hiện {YEAR}", icon=":material/arrow_forward:")

table = table_for_display(provinces[provinces["area_code"].isin(filters.provinces)])
if not table.empty:
    st.dataframe(table.style.format(decimal=",", thousands=".", precision=2, na_rep="—"), hide_index=True,
                 width="stretch")
    evidence = query("sources_for_indicator", indicator_code="grdp_growth", year=YEAR, kind="actual")
    download_table(table, title=f"Tăng trưởng GRDP năm {YEAR} của các tỉnh, thành phố được chọn",
                   file_name=f"tong-quan-tang-truong-{YEAR}.xlsx",
                   filters={"Năm": str(YEAR), "Cả nước": with_unit(national_value, "%")},
                   sources=source_lines(evidence[evidence["area_code"].isin(["vn", *filters.provinces])]))
