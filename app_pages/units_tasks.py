"""Đơn vị và nhiệm vụ: which units carry which tasks in the documents, and the propaganda channels side by side."""
import streamlit as st

from dashboard.cache import view
from dashboard.filters import sidebar_filters
from dashboard.formatting import number
from dashboard.presentation import plotly_config
from dashboard.safe_text import literal
from dashboard.task_matrix import (ISSUER_LEVELS, ROLES, like_pattern, selected_cell, task_documents, task_list_view,
                                   task_matrix_view)
from dashboard.widgets import download_table

ALL = None
MAX_UNITS = 40  # rows of the matrix: more are unreadable at 1366 px
MAX_TASKS = 1000  # rows of the task list (and of its Excel file)
MAX_DOCUMENT_COLUMNS = 8  # documents compared side by side
MAX_TASKS_TEXT = number(MAX_TASKS)
st.title("Đơn vị và nhiệm vụ")
st.caption("Các văn bản giao nhiệm vụ cho đơn vị nào, ở lĩnh vực nào (mục “Tổ chức thực hiện”). "
           "Chỉ xét văn bản của các tỉnh, thành phố chọn ở thanh bên (để trống: mọi tỉnh, thành phố).")
filters = sidebar_filters(provinces=True)

doc_labels = view(task_documents)  # shared between reruns: read only
col_doc, col_level, col_role, col_search = st.columns([3, 1.3, 1.3, 2])
wanted = st.query_params.get("van_ban")  # a document id in the URL (ASCII), read when the widget starts
if wanted and wanted not in doc_labels:
    st.warning(f"Không có văn bản mã {literal(repr(wanted))} (tham số `van_ban`): đã bỏ qua, hiện tất cả văn bản.", icon=":material/warning:")
doc_id = col_doc.selectbox("Văn bản", [ALL, *doc_labels], format_func=lambda d: "Tất cả văn bản" if d is None else doc_labels[d],
                           index=[ALL, *doc_labels].index(wanted) if wanted in doc_labels else 0, key="van_ban")
if doc_id:
    st.query_params["van_ban"] = doc_id
elif "van_ban" in st.query_params:
    del st.query_params["van_ban"]
issuer_level = col_level.selectbox("Cấp ban hành", [ALL, *ISSUER_LEVELS], key="cap", bind="query-params",
                                   format_func=lambda v: "Mọi cấp" if v is None else ISSUER_LEVELS[v])
role = col_role.selectbox("Vai trò", [ALL, *ROLES], format_func=lambda v: "Mọi vai trò" if v is None else v,
                          key="vai_tro", bind="query-params")
search = col_search.text_input("Tìm trong nội dung nhiệm vụ", key="tim", bind="query-params",
                               placeholder="ví dụ: triển lãm")
provinces = sorted(filters.provinces)  # the queries do not depend on their order
params = dict(doc_id=doc_id, area_codes=provinces, issuer_level=issuer_level, role=role, pattern=like_pattern(search))
shown_filters = {"Văn bản": doc_labels.get(doc_id, "Tất cả"), "Cấp ban hành": ISSUER_LEVELS.get(issuer_level, "Mọi cấp"),
                 "Vai trò": role or "Mọi vai trò", "Tìm": search or "—",
                 "Tỉnh, thành phố": ", ".join(filters.provinces) or "Tất cả"}

matrix = view(task_matrix_view, **params, max_units=MAX_UNITS, max_documents=MAX_DOCUMENT_COLUMNS)
if matrix.heatmap is None:
    st.info("Không có nhiệm vụ nào khớp bộ lọc đang chọn. Hãy bỏ bớt điều kiện (văn bản, cấp, vai trò, từ khóa) "
            "hoặc chọn thêm tỉnh, thành phố ở thanh bên.")
    st.stop()

event = st.plotly_chart(matrix.heatmap, on_select="rerun", selection_mode="points", key="ma_tran", width="stretch",
                        config=plotly_config("nhiem-vu-theo-don-vi-va-linh-vuc"),
                        theme=None)  # the heatmap keeps its own colours and white counts
st.caption("Bấm vào một ô để xem các nhiệm vụ của đơn vị ở lĩnh vực đó; bấm lại ra ngoài để bỏ chọn. "
           "Ô trống: văn bản không giao nhiệm vụ ở lĩnh vực này."
           + (f" Bảng chỉ hiện {MAX_UNITS} đơn vị nhiều nhiệm vụ nhất, còn {matrix.left_out_text} đơn vị khác: "
              "chọn văn bản hoặc tỉnh, thành phố để xem đủ." if matrix.left_out else ""))

units = matrix.units
cell = selected_cell(event.selection.points if event else [], matrix.cells)
unit_label = st.selectbox("Xem nhiệm vụ của đơn vị", [ALL, *units], key="don_vi",
                          format_func=lambda u: "Tất cả đơn vị trong bảng" if u is None else u)
area_code, unit_name, category = cell or ((*units[unit_label], None) if unit_label else (None, None, None))
tasks = view(task_list_view, **{**params, "area_codes": [area_code] if area_code else provinces},
             unit_name=unit_name, category=category, max_rows=MAX_TASKS)
if tasks.heading:
    st.subheader(literal(tasks.heading))
    st.html(tasks.listing_html)
st.dataframe(tasks.shown, hide_index=True, width="stretch", column_order=[
    "Đơn vị", "Vai trò", "Nội dung nhiệm vụ", "Lĩnh vực nhiệm vụ", "Văn bản", "Cấp ban hành", "Tỉnh, thành phố"],
    column_config={"Nội dung nhiệm vụ": st.column_config.TextColumn(width="large", help="Chọn đơn vị để đọc toàn văn")})
st.caption("Nguồn: mục “Tổ chức thực hiện” của từng văn bản (trang Tài liệu có toàn văn)."
           + (f" Chỉ hiện {MAX_TASKS_TEXT} nhiệm vụ đầu tiên: hãy lọc thêm." if tasks.n_tasks == MAX_TASKS else ""))
download_table(tasks.table, title="Nhiệm vụ của các đơn vị theo văn bản", file_name="nhiem-vu-don-vi.xlsx",
               filters={**shown_filters, "Đơn vị": unit_name or "Tất cả"}, sources=tasks.sources)

st.header("Hình thức tuyên truyền")
channels = matrix.channels
if channels.table is None:
    st.info("Các văn bản đang chọn không nêu hình thức tuyên truyền.")
    st.stop()
if channels.summarised:
    st.caption(f"Số văn bản nêu từng hình thức. Chọn một văn bản hoặc tối đa {MAX_DOCUMENT_COLUMNS} văn bản "
               "(qua tỉnh, thành phố ở thanh bên) để so sánh nguyên văn cạnh nhau.")
    st.dataframe(channels.shown, hide_index=True, width="stretch")
else:
    st.caption("Mỗi cột là một văn bản, mỗi dòng là một hình thức; ô ghi nguyên văn của văn bản, “—” là văn bản không nêu.")
    st.table(channels.shown, hide_index=False)  # said, not inferred: inferring converts the table back to pandas
download_table(channels.download, title="Hình thức tuyên truyền theo văn bản", file_name="hinh-thuc-tuyen-truyen.xlsx",
               filters={"Văn bản": shown_filters["Văn bản"], "Tỉnh, thành phố": shown_filters["Tỉnh, thành phố"]},
               sources=channels.sources)
