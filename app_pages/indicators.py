"""Chỉ số và nguồn: one indicator across areas, then every figure with its origin, sources and the sentence it came from."""
import streamlit as st

from dashboard.cache import query
from dashboard.filters import load_options, sidebar_filters
from dashboard.presentation import plotly_config
from dashboard.provenance import (comparison_bars, evidence_card, evidence_lines, observation_label,
                                  observation_table)
from dashboard.sources import source_lines
from dashboard.widgets import download_table

st.title("Chỉ số và nguồn")
st.caption("Mỗi con số kèm nguồn gốc (hiệu chỉnh tay, trích tự động, suy ra), nguồn của nó và câu văn có con số đó.")
filters = sidebar_filters(provinces=True, year=True, indicator=True)
indicator_label = load_options().indicators.get(filters.indicator, filters.indicator)

everywhere = query("observations_with_sources", year=filters.year, indicator_code=filters.indicator, area_codes=[])
if everywhere.empty:
    st.info(f"Chưa có số liệu “{indicator_label}” năm {filters.year}. Hãy chọn năm hoặc chỉ tiêu khác ở thanh bên.")
    st.stop()

st.plotly_chart(comparison_bars(everywhere, filters.provinces, f"{indicator_label} — năm {filters.year}"), width="stretch",
                config=plotly_config(f"chi-so-{filters.indicator}-{filters.year}"))
evidence_all = query("sources_for_indicator", indicator_code=filters.indicator, year=filters.year,
                     kind=everywhere["kind"].iloc[0])
st.caption("Nguồn: " + ("; ".join(source_lines(evidence_all)) or "chưa có") + ". Địa bàn không có số liệu không hiện cột "
           "(không tính là 0); viền đậm là tỉnh, thành phố đang chọn.")

st.header("Số liệu và nguồn")
every_indicator = st.toggle("Mọi chỉ tiêu của các địa bàn đang chọn (không chỉ chỉ tiêu trên biểu đồ)", key="moi_chi_tieu")
area_codes = [*filters.provinces, "vn"] if filters.provinces else []
observations = query("observations_with_sources", year=filters.year, area_codes=area_codes,
                     indicator_code=None if every_indicator else filters.indicator)
if observations.empty or (filters.provinces and observations["is_national"].all()):
    st.info("Các tỉnh, thành phố đang chọn chưa có số liệu của chỉ tiêu này trong năm đã chọn (số cả nước, nếu có, "
            "ở biểu đồ trên). Hãy chọn tỉnh khác ở thanh bên hoặc bật “Mọi chỉ tiêu”.")
    st.stop()
observations = observations.sort_values("is_national", kind="stable")  # the provinces first, the nation last
table = observation_table(observations)
st.dataframe(table.drop(columns="Số"), hide_index=True, width="stretch")  # "Số" is for the Excel file

labels = dict(zip(observations["obs_id"], (observation_label(r) for r in observations.itertuples(index=False))))
obs_id = st.selectbox("Xem nguồn của số liệu", list(labels), format_func=labels.get, key="so_lieu")
evidence = query("evidence_for_observation", obs_id=obs_id)
conflicts = query("conflicts_for_observation", obs_id=obs_id)
for conflict in conflicts.itertuples(index=False):
    st.warning(f"Bất nhất giữa các nguồn: {conflict.description}", icon=":material/warning:")
if evidence.empty:
    st.info("Số liệu này chưa ghi nguồn.")
else:
    st.html("".join(evidence_card(row) for row in evidence.itertuples(index=False)))
note = observations.loc[observations["obs_id"] == obs_id, "note"].iloc[0]
if isinstance(note, str) and note:
    st.caption(f"Ghi chú của người nhập: {note}")

download_table(table, title=f"Số liệu và nguồn năm {filters.year}", file_name=f"so-lieu-va-nguon-{filters.year}.xlsx",
               filters={"Năm": str(filters.year), "Chỉ tiêu": "Mọi chỉ tiêu" if every_indicator else indicator_label,
                        "Tỉnh, thành phố": ", ".join(filters.provinces) or "Tất cả"},
               sources=source_lines(evidence_all) + evidence_lines(evidence))
