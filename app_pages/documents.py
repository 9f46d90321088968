"""Tài liệu: the source documents, the chain of documents they implement, and each text with its figures marked."""
import streamlit as st

from dashboard.cache import view
from dashboard.document_view import document_page, documents_page
from dashboard.filters import sidebar_filters
from dashboard.presentation import plotly_config
from dashboard.safe_text import literal
from dashboard.task_matrix import ISSUER_LEVELS
from dashboard.widgets import download_table

MAX_NODES = 25  # a graph of more documents is unreadable

st.title("Tài liệu")
st.caption("Các văn bản đã đọc: thông tin văn bản, văn bản cấp trên mà chúng thực hiện, và toàn văn có đánh dấu số liệu đã trích. "
           "Chỉ liệt kê văn bản của các tỉnh, thành phố chọn ở thanh bên (để trống: mọi tỉnh, thành phố).")
filters = sidebar_filters(provinces=True)
issuer_level = st.selectbox("Cấp ban hành", [None, *ISSUER_LEVELS], key="cap_van_ban", bind="query-params",
                            format_func=lambda v: "Mọi cấp" if v is None else ISSUER_LEVELS[v])

provinces = sorted(filters.provinces)  # the queries do not depend on their order
docs = view(documents_page, area_codes=provinces, issuer_level=issuer_level)  # shared between reruns: read only
if docs.table is None:
    st.info("Không có văn bản nào của các tỉnh, thành phố và cấp ban hành đang chọn. "
            "Hãy chọn thêm tỉnh, thành phố ở thanh bên hoặc chọn “Mọi cấp”.")
    st.stop()

st.dataframe(docs.shown, hide_index=True, width="stretch")
download_table(docs.table, title="Các văn bản nguồn", file_name="van-ban-nguon.xlsx",
               filters={"Tỉnh, thành phố": ", ".join(filters.provinces) or "Tất cả",
                        "Cấp ban hành": ISSUER_LEVELS.get(issuer_level, "Mọi cấp")},
               sources=docs.sources)

labels = docs.labels
wanted = st.query_params.get("van_ban")  # a document id in the URL (ASCII), read when the widget starts
if wanted and wanted not in labels:
    st.warning(f"Không có văn bản mã {literal(repr(wanted))} trong danh sách đang lọc (tham số `van_ban`): đã bỏ qua.", icon=":material/warning:")
doc_id = st.selectbox("Văn bản", list(labels), format_func=labels.get, key="van_ban_xem",
                      index=list(labels).index(wanted) if wanted in labels else 0)
st.query_params["van_ban"] = doc_id
page = view(document_page, area_codes=provinces, issuer_level=issuer_level, doc_id=doc_id, max_nodes=MAX_NODES)

st.header("Chuỗi văn bản thực hiện")
if page.is_lineage:  # many documents: only the chain of the one being read
    st.caption("Có nhiều văn bản: chỉ vẽ các văn bản mà văn bản đang chọn thực hiện và các văn bản thực hiện nó.")
st.plotly_chart(page.chain, width="stretch", config=plotly_config(f"chuoi-van-ban-{doc_id}"))
st.caption("Mũi tên đi từ văn bản cấp trên đến văn bản thực hiện nó. Vòng rỗng: văn bản được dẫn chiếu nhưng chưa có trong dữ liệu.")
st.markdown(page.implements)
with st.expander("Bảng chuỗi văn bản"):
    st.dataframe(page.links_shown, hide_index=True, width="stretch")
    download_table(page.links, title="Chuỗi văn bản thực hiện", file_name="chuoi-van-ban.xlsx", sources=docs.sources)

st.header("Toàn văn")
st.markdown(page.heading)
text = page.text
st.caption(f"{text.n_figures} số liệu được đánh dấu vàng; đưa chuột lên số để xem đó là chỉ tiêu nào.")
with st.container(height=520, border=True):
    st.html(text.html)
if text.figures is not None:
    download_table(text.figures, title=f"Số liệu trích từ {page.label}", file_name="so-lieu-trong-van-ban.xlsx",
                   filters={"Văn bản": page.label}, sources=[page.source])
if text.n_review:
    st.warning(f"{text.n_review} số liệu cần duyệt (chưa rõ địa bàn, năm hay loại): chưa dùng trên biểu đồ, xếp hạng "
               "và tệp tải về cho đến khi được xác nhận; xem cột “Trạng thái” của bảng tải về.")
if text.unrecognised is not None:
    with st.expander(f"Số chưa nhận diện ({len(text.unrecognised)})"):
        st.caption("Các số có đơn vị trong văn bản mà không chỉ tiêu nào trong danh mục gọi tên, hoặc không thuộc "
                   "riêng một địa bàn: không được trích.")
        st.dataframe(text.unrecognised, hide_index=True, width="stretch")
