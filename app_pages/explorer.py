"""Chỉ tiêu theo tỉnh: any indicator with figures for several areas, by year, as chart, map, table and sources."""
import streamlit as st

from dashboard.cache import view
from dashboard.explorer import TABS, ExplorerState, explorer_options, explorer_page, state_from_url, url_of
from dashboard.exports import CSV_MIME, file_name, table_csv
from dashboard.filters import sidebar_filters
from dashboard.presentation import plotly_config
from dashboard.widgets import download_table
from etl.area_names import PROVINCES_MERGED_IN

filters = sidebar_filters(provinces=True)
st.title("Chỉ tiêu theo tỉnh, thành phố")
options = view(explorer_options)
if not options.labels:
    st.info("Chưa có chỉ tiêu nào có số liệu của từ hai địa bàn trở lên. Hãy thêm bảng số liệu rồi xây lại cơ sở dữ liệu.")
    st.stop()

# The address is read when a widget has no state yet (a link opened), and written back after the widgets.
asked, notices = state_from_url(st.query_params, options)
for notice in notices:
    st.warning(f"Đường dẫn có giá trị không hợp lệ. {notice}", icon=":material/warning:")
for key, value in {"explorer_indicator": asked.indicator, "explorer_year": asked.year,
                   "explorer_former": asked.former, "explorer_tab": TABS[asked.tab]}.items():
    st.session_state.setdefault(key, value)
indicator = st.selectbox("Chỉ tiêu", options=list(options.labels), format_func=options.labels.get,
                         key="explorer_indicator")
years = options.years[indicator]
if st.session_state["explorer_year"] not in years:
    st.session_state["explorer_year"] = options.default_year(indicator)
if len(years) > 1:
    year = st.select_slider("Năm", options=years, key="explorer_year")
else:
    year = years[0]
    st.caption(f"Năm {year}: chỉ tiêu này mới có số liệu của một năm.")
former = st.toggle("Hiện cả các tỉnh cũ (địa giới trước 01/7/2025)", key="explorer_former")

page = view(explorer_page, indicator=indicator, year=year, former=former, highlighted=sorted(filters.provinces))
st.markdown(f"**{page.title}** — có số liệu: {page.n_with_figures}/{page.n_areas} địa bàn; "
            f"cả nước: {page.national_text}")
if page.is_old_borders:
    st.caption(f"Năm trước {PROVINCES_MERGED_IN}: mỗi số là của tỉnh, thành phố theo địa giới lúc đó (63 tỉnh), "
               "không cộng gộp vào tỉnh mới. Bật “Hiện cả các tỉnh cũ” để xem cả các tỉnh đã sáp nhập.")

chart_tab, map_tab, table_tab, source_tab = st.tabs(list(TABS.values()), key="explorer_tab", on_change="rerun")
tab = next(code for code, label in TABS.items() if label == st.session_state["explorer_tab"])
for name, value in url_of(ExplorerState(indicator, year, former, tab)).items():
    if st.query_params.get(name) != value:
        st.query_params[name] = value
with chart_tab:
    if page.bars is None:
        st.info(f"Chưa có số liệu {page.name} năm {year} của tỉnh, thành phố nào.")
    else:
        st.plotly_chart(page.bars, width="stretch", key="explorer-bars", config=plotly_config(page.title))
        st.caption("Tải ảnh PNG (có tiêu đề và dòng nguồn): nút máy ảnh ở góc trên bên phải biểu đồ. "
                   "Hạng: thứ tự trong các địa bàn có số liệu. Dấu * là số ước tính; † là số có bất nhất giữa các nguồn.")
with map_tab:
    if page.map is None:
        st.info(f"Chưa có số liệu {page.name} năm {year} để tô bản đồ.")
    else:
        st.plotly_chart(page.map, width="stretch", key="explorer-map", config=plotly_config(f"ban-do {page.title}"))
        st.caption("Bản đồ 34 tỉnh, thành phố hiện nay; tỉnh màu xám nhạt: chưa có số liệu. Các tỉnh cũ chỉ có ở Bảng.")
with table_tab:
    st.dataframe(page.table.style.format(decimal=",", thousands=".", precision=2, na_rep="—"), hide_index=True,
                 width="stretch")
    excel_col, csv_col = st.columns(2)
    with excel_col:
        download_table(page.table, title=page.title, file_name=page.title,
                       filters={"Chỉ tiêu": page.name, "Năm": str(year), "Tỉnh cũ": "có" if former else "không"},
                       sources=page.evidence, key="explorer-xlsx")
    with csv_col:
        st.download_button("Tải bảng CSV (.csv)", icon=":material/download:", data=table_csv(page.table),
                           file_name=file_name(page.title, "csv"), mime=CSV_MIME, on_click="ignore", key="explorer-csv")
with source_tab:
    st.markdown(page.source_line)
    st.dataframe(page.sources, hide_index=True, width="stretch",
                 column_config={"Địa chỉ": st.column_config.LinkColumn("Địa chỉ")})
    st.subheader("Chưa công bố / chưa tìm thấy")
    if page.gaps.empty:
        st.caption("Không có ghi chép tìm kiếm nào cho chỉ tiêu và năm này.")
    else:
        st.dataframe(page.gaps, hide_index=True, width="stretch")
