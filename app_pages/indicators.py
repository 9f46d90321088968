"""Chỉ số và nguồn: one indicator across areas, then every figure with its origin, sources and the sentence it came from."""
import streamlit as st

from dashboard.cache import view
from dashboard.filters import load_options, sidebar_filters
from dashboard.presentation import plotly_config
from dashboard.safe_text import literal
from dashboard.provenance import indicator_overview, observation_evidence, observation_list
from dashboard.widgets import download_table

st.title("Chỉ số và nguồn")
st.caption("Mỗi con số kèm nguồn gốc (hiệu chỉnh tay, trích tự động, suy ra), nguồn của nó và câu văn có con số đó.")
filters = sidebar_filters(provinces=True, year=True, indicator=True)
indicator_label = load_options().indicators.get(filters.indicator, filters.indicator)
provinces = sorted(filters.provinces)  # the queries and the chart do not depend on their order

overview = view(indicator_overview, year=filters.year, indicator_code=filters.indicator, highlighted=provinces,
                title=f"{indicator_label} — năm {filters.year}")  # shared between reruns: read only
if overview.bars is None:
    st.info(f"Chưa có số liệu “{indicator_label}” năm {filters.year}. Hãy chọn năm hoặc chỉ tiêu khác ở thanh bên.")
    st.stop()

st.plotly_chart(overview.bars, width="stretch", config=plotly_config(f"chi-so-{filters.indicator}-{filters.year}"))
st.caption("Nguồn: " + ("; ".join(map(literal, overview.sources)) or "chưa có") + ". Địa bàn không có số liệu không hiện cột "
           "(không tính là 0); viền đậm là tỉnh, thành phố đang chọn.")

st.header("Số liệu và nguồn")
every_indicator = st.toggle("Mọi chỉ tiêu của các địa bàn đang chọn (không chỉ chỉ tiêu trên biểu đồ)", key="moi_chi_tieu")
observations = view(observation_list, year=filters.year, area_codes=provinces,
                    indicator_code=None if every_indicator else filters.indicator)
if observations.table is None:
    st.info("Các tỉnh, thành phố đang chọn chưa có số liệu của chỉ tiêu này trong năm đã chọn (số cả nước, nếu có, "
            "ở biểu đồ trên). Hãy chọn tỉnh khác ở thanh bên hoặc bật “Mọi chỉ tiêu”.")
    st.stop()
st.dataframe(observations.shown, hide_index=True, width="stretch")  # "Số" is for the Excel file

labels = observations.labels
obs_id = st.selectbox("Xem nguồn của số liệu", list(labels), format_func=labels.get, key="so_lieu")
evidence = view(observation_evidence, obs_id=obs_id)
for conflict in evidence.conflicts:
    st.warning(f"Bất nhất giữa các nguồn: {literal(conflict)}", icon=":material/warning:")
if not evidence.cards:
    st.info("Số liệu này chưa ghi nguồn.")
else:
    st.html(evidence.cards)
if obs_id in observations.notes:
    st.caption(f"Ghi chú của người nhập: {literal(observations.notes[obs_id])}")

download_table(observations.table, title=f"Số liệu và nguồn năm {filters.year}",
               file_name=f"so-lieu-va-nguon-{filters.year}.xlsx",
               filters={"Năm": str(filters.year), "Chỉ tiêu": "Mọi chỉ tiêu" if every_indicator else indicator_label,
                        "Tỉnh, thành phố": ", ".join(filters.provinces) or "Tất cả"},
               sources=overview.sources + evidence.lines)
