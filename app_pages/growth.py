"""Tăng trưởng: 2025 GRDP growth of every province against the national figure, the years we have, a map."""
import pandas as pd
import streamlit as st

from dashboard.cache import figure, query
from dashboard.charts import growth_bars, growth_lines, growth_map
from dashboard.filters import sidebar_filters
from dashboard.formatting import with_unit
from dashboard.geo import CREDIT, provinces_geojson
from dashboard.growth import filter_region, growth_table, table_for_display, with_geo
from dashboard.presentation import plotly_config
from dashboard.sources import source_lines, source_note
from dashboard.widgets import download_table

YEAR = 2025

filters = sidebar_filters(provinces=True, region=True)
highlighted = set(filters.provinces)
st.title("Tăng trưởng GRDP các tỉnh, thành phố")

areas = query("provinces_in_force")
all_provinces, national_value = growth_table(query("grdp_growth_by_province", year=YEAR))
provinces = filter_region(all_provinces, filters.region)
if provinces["value"].notna().sum() == 0:
    where = f" ở vùng {filters.region}" if filters.region else ""
    st.info(f"Chưa có số liệu tăng trưởng GRDP năm {YEAR}{where}. Hãy chọn vùng khác (hoặc “Tất cả các vùng”) "
            "ở thanh bên, hoặc thêm văn bản, bảng số liệu rồi xây lại cơ sở dữ liệu.")
    st.stop()

evidence = query("sources_for_indicator", indicator_code="grdp_growth", year=YEAR, kind="actual")
table = table_for_display(provinces, highlighted)
scope = filters.region or "cả nước"
chart_col, table_col = st.columns([4, 3], gap="medium")
with chart_col:
    st.plotly_chart(figure(growth_bars, provinces, national_value, highlighted,
                           f"Tăng trưởng GRDP năm {YEAR} (%) — {scope}"),
                    width="stretch", key="growth-bars", config=plotly_config(f"tang-truong-grdp-{YEAR}"))
with table_col:
    st.markdown(f"**Xếp hạng trong 34 tỉnh, thành phố** (★ tỉnh được chọn; cả nước: {with_unit(national_value, '%')})")
    st.dataframe(table.style.format(decimal=",", thousands=".", precision=2, na_rep="—"),
                 hide_index=True, width="stretch", height=min(35 * (len(table) + 1) + 3, 900),
                 column_config={"Hạng": st.column_config.Column(width="small"),
                                "Ghi chú": st.column_config.Column(width="small")})
    st.caption("Chênh lệch: điểm phần trăm so với cả nước.")
missing = provinces[provinces["value"].isna()]["area_name"].tolist()
if missing:
    st.caption(f"Chưa có số liệu công bố: {', '.join(missing)} (để trống, không tính là 0). Xếp hạng dạng "
               "“17–19/34” khi chưa có hạng công bố: khoảng hạng suy từ số liệu và hạng đã công bố của các tỉnh khác "
               "(các tỉnh chưa có số liệu có thể đứng trên).")
st.markdown(source_note(evidence))
download_table(table, title=f"Tăng trưởng GRDP năm {YEAR} của các tỉnh, thành phố — {scope}",
               file_name=f"tang-truong-grdp-{YEAR}.xlsx",
               filters={"Năm": str(YEAR), "Vùng": filters.region or "Tất cả",
                        "Tỉnh được chọn": ", ".join(provinces[provinces["area_code"].isin(highlighted)]["area_name"])},
               sources=source_lines(evidence))

st.subheader("Qua các năm")
years = query("grdp_growth_by_year", area_codes=sorted(highlighted))
if years[~years["is_national"]].empty:
    st.info("Chưa chọn tỉnh, thành phố nào (hoặc các tỉnh đã chọn chưa có số liệu): chọn ở thanh bên để xem qua các năm.")
else:
    st.plotly_chart(figure(growth_lines, years, list(areas["area_code"]), "Tăng trưởng GRDP qua các năm có số liệu (%)"),
                    width="stretch", key="growth-lines", config=plotly_config("tang-truong-grdp-qua-cac-nam"))
    notes = [f"{r.area_name} {r.year}: {r.note}" for r in years.itertuples() if r.origin == "derived" and r.note]
    year_evidence = [query("sources_for_indicator", indicator_code="grdp_growth", year=int(y), kind="actual")
                     for y in sorted(years["year"].unique())]
    st.markdown(source_note(pd.concat(year_evidence)))
    if notes:
        st.caption("Số suy ra: " + "; ".join(notes) + ".")

st.subheader("Bản đồ")
st.plotly_chart(figure(growth_map, with_geo(provinces, areas), provinces_geojson(), highlighted,
                           f"Tăng trưởng GRDP năm {YEAR} theo tỉnh, thành phố"), width="stretch", key="growth-map",
                config=plotly_config(f"ban-do-tang-truong-grdp-{YEAR}"))
st.caption(f"{CREDIT}. Tỉnh màu xám nhạt: chưa có số liệu công bố. Viền đậm: tỉnh được chọn.")
