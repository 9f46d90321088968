"""Mục tiêu 2026 và thực hiện 2025: what each chosen province's 2026 targets ask beyond its 2025 results."""
import streamlit as st

from dashboard.cache import figure, query
from dashboard.charts import target_dumbbell
from dashboard.filters import sidebar_filters
from dashboard.presentation import plotly_config
from dashboard.sources import source_lines, source_note
from dashboard.targets import chart_order, compare, display_table, flag_sentence
from dashboard.widgets import download_table

ACTUAL_YEAR, TARGET_YEAR = 2025, 2026
CHARTS_SHOWN = 6  # more charts than this on one screen is unreadable (and slow with many provinces)

filters = sidebar_filters(provinces=True)
with st.sidebar:
    with_nation = st.checkbox("Kèm chỉ tiêu của cả nước", value=True, key="targets-with-nation")
st.title(f"Mục tiêu {TARGET_YEAR} và thực hiện {ACTUAL_YEAR}")
st.caption("Mức thay đổi mục tiêu đặt ra: chỉ tiêu tỷ lệ tính bằng điểm phần trăm, chỉ tiêu quy mô tính bằng phần trăm, "
           "xếp hạng tính bằng bậc. ⚠️: mục tiêu thấp hơn (hoặc kém hơn, với chỉ tiêu càng thấp càng tốt) mức đã đạt.")

area_codes = [*(["vn"] if with_nation else []), *filters.provinces]
compared = compare(query("targets_vs_actuals", area_codes=area_codes, actual_year=ACTUAL_YEAR, target_year=TARGET_YEAR))
if compared.empty:
    st.info(f"Các tỉnh, thành phố đã chọn chưa có chỉ tiêu năm {TARGET_YEAR} trong cơ sở dữ liệu. Hãy chọn tỉnh khác "
            "ở thanh bên (ví dụ Cao Bằng, Lạng Sơn) hoặc bật “Kèm chỉ tiêu của cả nước”.")
    st.stop()

flagged = compared[compared["is_below_actual"]]
if not flagged.empty:
    with st.container(border=True):
        st.markdown(f"**⚠️ {len(flagged)} mục tiêu {TARGET_YEAR} thấp hơn mức đã đạt năm {ACTUAL_YEAR}**")
        st.markdown("\n".join(f"- {flag_sentence(row, ACTUAL_YEAR, TARGET_YEAR)}" for _, row in flagged.iterrows()))

all_codes = list(query("provinces_in_force")["area_code"])
paired = compared[compared["actual_value"].notna()]
st.subheader("Từ thực hiện đến mục tiêu")
if paired.empty:
    st.info(f"Chưa có chỉ tiêu nào có cả số thực hiện {ACTUAL_YEAR} và mục tiêu {TARGET_YEAR}: xem bảng đầy đủ bên dưới.")
else:
    order = chart_order(paired)
    names = dict(zip(paired["indicator_code"], paired["indicator_name"]))
    chosen = st.multiselect("Chỉ tiêu vẽ biểu đồ", order, default=order[:CHARTS_SHOWN], format_func=names.get,
                            key="targets-charts", placeholder="Chọn chỉ tiêu")
    columns = st.columns(2)
    groups = dict(tuple(paired.groupby("indicator_code", sort=False)))
    for i, code in enumerate(chosen):
        rows = groups[code]
        name, unit = rows["indicator_name"].iloc[0], rows["unit"].iloc[0]
        title = name if f"({unit})" in name else f"{name} ({unit})"
        with columns[i % 2]:
            st.plotly_chart(figure(target_dumbbell, rows, all_codes, title, ACTUAL_YEAR, TARGET_YEAR), width="stretch",
                            key=f"targets-{code}",
                            config=plotly_config(f"muc-tieu-{TARGET_YEAR}-thuc-hien-{ACTUAL_YEAR}-{code}"))
attained = compared[compared["attained_value"].notna()]
if not attained.empty:
    st.markdown(f"**Đã có số thực hiện {TARGET_YEAR}:** " + "; ".join(
        f"{r.area_name} — {r.indicator_name}: {r.attained_text}" for r in attained.itertuples()))

evidence = query("sources_for_targets", area_codes=area_codes, actual_year=ACTUAL_YEAR, target_year=TARGET_YEAR)
st.markdown(source_note(evidence))

st.subheader("Bảng đầy đủ")
table = display_table(compared, ACTUAL_YEAR, TARGET_YEAR)
st.dataframe(table, hide_index=True, width="stretch")
download_table(table, title=f"Mục tiêu {TARGET_YEAR} so với thực hiện {ACTUAL_YEAR}",
               file_name=f"muc-tieu-{TARGET_YEAR}-thuc-hien-{ACTUAL_YEAR}.xlsx",
               filters={"Tỉnh, thành phố": ", ".join(dict.fromkeys(compared["area_name"]))},
               sources=source_lines(evidence))
