"""Mục tiêu và thực hiện: what each chosen province's plan-year targets ask beyond its results-year figures."""
import streamlit as st

from dashboard.cache import view
from dashboard.filters import sidebar_filters
from dashboard.presentation import plotly_config
from dashboard.targets import attainment_page, targets_page
from dashboard.widgets import download_table
from dashboard.years import report_years

shown = report_years()  # from the data: the latest year with results, and the next
ACTUAL_YEAR, TARGET_YEAR = shown.results, shown.plan
CHARTS_SHOWN = 6  # more charts than this on one screen is unreadable (and slow with many provinces)

filters = sidebar_filters(provinces=True)
with st.sidebar:
    with_nation = st.checkbox("Kèm chỉ tiêu của cả nước", value=True, key="targets-with-nation")
st.title(f"Mục tiêu {TARGET_YEAR} và thực hiện {ACTUAL_YEAR}")
st.caption("Mức thay đổi mục tiêu đặt ra: chỉ tiêu tỷ lệ tính bằng điểm phần trăm, chỉ tiêu quy mô tính bằng phần trăm, "
           "xếp hạng tính bằng bậc. ⚠️: mục tiêu thấp hơn (hoặc kém hơn, với chỉ tiêu càng thấp càng tốt) mức đã đạt.")

areas = sorted({*(["vn"] if with_nation else []), *filters.provinces})
attainment = view(attainment_page, year=ACTUAL_YEAR, area_codes=areas)
if not attainment.empty:  # the results year had targets of its own: were they reached?
    st.subheader(f"Đánh giá thực hiện mục tiêu năm {ACTUAL_YEAR}")
    st.markdown(attainment.summary)
    st.dataframe(attainment.shown, hide_index=True, width="stretch")
    st.markdown(attainment.source_note)
    download_table(attainment.table, title=f"Đánh giá thực hiện mục tiêu năm {ACTUAL_YEAR}",
                   file_name=f"danh-gia-muc-tieu-{ACTUAL_YEAR}.xlsx", filters={}, sources=attainment.sources)

# shared between reruns and sessions: read only
page = view(targets_page, actual_year=ACTUAL_YEAR, target_year=TARGET_YEAR, area_codes=areas)
if page.empty:
    st.info(f"Các tỉnh, thành phố đã chọn chưa có chỉ tiêu năm {TARGET_YEAR} trong cơ sở dữ liệu. Hãy chọn tỉnh khác "
            "ở thanh bên (ví dụ Cao Bằng, Lạng Sơn) hoặc bật “Kèm chỉ tiêu của cả nước”.")
    st.stop()

if page.flag_heading:
    with st.container(border=True):
        st.markdown(page.flag_heading)
        st.markdown(page.flag_list)

st.subheader("Từ thực hiện đến mục tiêu")
if not page.chart_order:
    st.info(f"Chưa có chỉ tiêu nào có cả số thực hiện {ACTUAL_YEAR} và mục tiêu {TARGET_YEAR}: xem bảng đầy đủ bên dưới.")
else:
    chosen = st.multiselect("Chỉ tiêu vẽ biểu đồ", page.chart_order, default=page.chart_order[:CHARTS_SHOWN],
                            format_func=page.chart_names.get, key="targets-charts", placeholder="Chọn chỉ tiêu")
    columns = st.columns(2)
    for i, code in enumerate(chosen):
        with columns[i % 2]:
            st.plotly_chart(page.chart(code), width="stretch", key=f"targets-{code}",
                            config=plotly_config(f"muc-tieu-{TARGET_YEAR}-thuc-hien-{ACTUAL_YEAR}-{code}"))
if page.attained_note:
    st.markdown(page.attained_note)

st.markdown(page.source_note)

st.subheader("Bảng đầy đủ")
st.dataframe(page.shown, hide_index=True, width="stretch")
download_table(page.table, title=f"Mục tiêu {TARGET_YEAR} so với thực hiện {ACTUAL_YEAR}",
               file_name=f"muc-tieu-{TARGET_YEAR}-thuc-hien-{ACTUAL_YEAR}.xlsx",
               filters=page.table_filters, sources=page.sources)
