"""Tăng trưởng: the results year's GRDP growth of every province against the national figure, the years we have, a map."""
import streamlit as st

from dashboard.cache import view
from dashboard.filters import sidebar_filters
from dashboard.formatting import with_unit
from dashboard.geo import CREDIT
from dashboard.growth import growth_page
from dashboard.presentation import plotly_config
from dashboard.widgets import download_table
from dashboard.years import report_years

YEAR = report_years().results  # from the data: the latest year with results

filters = sidebar_filters(provinces=True, region=True)
st.title("Tăng trưởng GRDP các tỉnh, thành phố")

page = view(growth_page, year=YEAR, region=filters.region, highlighted=sorted(filters.provinces))
if not page.has_values:
    where = f" ở vùng {filters.region}" if filters.region else ""
    st.info(f"Chưa có số liệu tăng trưởng GRDP năm {YEAR}{where}. Hãy chọn vùng khác (hoặc “Tất cả các vùng”) "
            "ở thanh bên, hoặc thêm văn bản, bảng số liệu rồi xây lại cơ sở dữ liệu.")
    st.stop()

chart_col, table_col = st.columns([4, 3], gap="medium")
with chart_col:
    st.plotly_chart(page.bars, width="stretch", key="growth-bars", config=plotly_config(f"tang-truong-grdp-{YEAR}"))
with table_col:
    st.markdown(f"**Xếp hạng trong 34 tỉnh, thành phố** (★ tỉnh được chọn; cả nước: {with_unit(page.national_value, '%')})")
    st.dataframe(page.table.style.format(decimal=",", thousands=".", precision=2, na_rep="—"),
                 hide_index=True, width="stretch", height=min(35 * (len(page.table) + 1) + 3, 900),
                 column_config={"Hạng": st.column_config.Column(width="small"),
                                "Ghi chú": st.column_config.Column(width="small")})
    st.caption("Chênh lệch: điểm phần trăm so với cả nước.")
if page.missing:
    st.caption(f"Chưa có số liệu công bố: {', '.join(page.missing)} (để trống, không tính là 0). Xếp hạng dạng "
               "“17–19/34” khi chưa có hạng công bố: khoảng hạng suy từ số liệu và hạng đã công bố của các tỉnh khác "
               "(các tỉnh chưa có số liệu có thể đứng trên).")
st.markdown(page.source_note)
download_table(page.table, title=f"Tăng trưởng GRDP năm {YEAR} của các tỉnh, thành phố — {page.scope}",
               file_name=f"tang-truong-grdp-{YEAR}.xlsx",
               filters={"Năm": str(YEAR), "Vùng": filters.region or "Tất cả",
                        "Tỉnh được chọn": ", ".join(page.highlighted_names)},
               sources=page.sources)

st.subheader("Qua các năm")
if not page.has_years:
    st.info("Chưa chọn tỉnh, thành phố nào (hoặc các tỉnh đã chọn chưa có số liệu): chọn ở thanh bên để xem qua các năm.")
else:
    st.plotly_chart(page.lines, width="stretch", key="growth-lines", config=plotly_config("tang-truong-grdp-qua-cac-nam"))
    st.markdown(page.years_source_note)
    if page.derived_notes:
        st.caption("Số suy ra: " + "; ".join(page.derived_notes) + ".")

st.subheader("Bản đồ")
st.plotly_chart(page.map, width="stretch", key="growth-map", config=plotly_config(f"ban-do-tang-truong-grdp-{YEAR}"))
st.caption(f"{CREDIT}. Tỉnh màu xám nhạt: chưa có số liệu công bố. Viền đậm: tỉnh được chọn.")
