"""Tài liệu: the source documents, the chain of documents they implement, and each text with its figures marked."""
import streamlit as st

from dashboard.cache import query
from dashboard.document_chain import ISSUER_LEVEL_VI, build_chain, chain_figure, chain_table, lineage
from dashboard.document_view import document_html, documents_table, figures_table, issued_text
from dashboard.filters import sidebar_filters
from dashboard.presentation import plotly_config
from dashboard.task_matrix import ISSUER_LEVELS, document_label
from dashboard.widgets import download_table

MAX_NODES = 25  # a graph of more documents is unreadable

st.title("Tài liệu")
st.caption("Các văn bản đã đọc: thông tin văn bản, văn bản cấp trên mà chúng thực hiện, và toàn văn có đánh dấu số liệu đã trích. "
           "Chỉ liệt kê văn bản của các tỉnh, thành phố chọn ở thanh bên (để trống: mọi tỉnh, thành phố).")
filters = sidebar_filters(provinces=True)
issuer_level = st.selectbox("Cấp ban hành", [None, *ISSUER_LEVELS], key="cap_van_ban", bind="query-params",
                            format_func=lambda v: "Mọi cấp" if v is None else ISSUER_LEVELS[v])

docs = query("documents_list", area_codes=filters.provinces, issuer_level=issuer_level)
if docs.empty:
    st.info("Không có văn bản nào của các tỉnh, thành phố và cấp ban hành đang chọn. "
            "Hãy chọn thêm tỉnh, thành phố ở thanh bên hoặc chọn “Mọi cấp”.")
    st.stop()

table = documents_table(docs)
st.dataframe(table, hide_index=True, width="stretch")
download_table(table, title="Các văn bản nguồn", file_name="van-ban-nguon.xlsx",
               filters={"Tỉnh, thành phố": ", ".join(filters.provinces) or "Tất cả",
                        "Cấp ban hành": ISSUER_LEVELS.get(issuer_level, "Mọi cấp")},
               sources=[f"data/raw/{name}" for name in docs["file_name"]])

labels = {d.doc_id: document_label(d.doc_type, d.issuer, d.area_name) for d in docs.itertuples()}
wanted = st.query_params.get("van_ban")  # a document id in the URL (ASCII), read when the widget starts
if wanted and wanted not in labels:
    st.warning(f"Không có văn bản mã {wanted!r} trong danh sách đang lọc (tham số `van_ban`): đã bỏ qua.", icon=":material/warning:")
doc_id = st.selectbox("Văn bản", list(labels), format_func=labels.get, key="van_ban_xem",
                      index=list(labels).index(wanted) if wanted in labels else 0)
st.query_params["van_ban"] = doc_id
doc = docs[docs["doc_id"] == doc_id].iloc[0]

st.header("Chuỗi văn bản thực hiện")
links_rows = query("document_chain")
chain = build_chain(links_rows[links_rows["doc_id"].isin(docs["doc_id"])])  # the documents listed above and what they cite
if len(chain.nodes) > MAX_NODES:  # many documents: only the chain of the one being read
    chain = lineage(chain, doc_id)
    st.caption("Có nhiều văn bản: chỉ vẽ các văn bản mà văn bản đang chọn thực hiện và các văn bản thực hiện nó.")
st.plotly_chart(chain_figure(chain, selected=doc_id), width="stretch", config=plotly_config(f"chuoi-van-ban-{doc_id}"))
st.caption("Mũi tên đi từ văn bản cấp trên đến văn bản thực hiện nó. Vòng rỗng: văn bản được dẫn chiếu nhưng chưa có trong dữ liệu.")
references = [f"{e[0]}" for e in chain.edges if e[1] == doc_id]
if references:
    st.markdown("**" + labels[doc_id] + "** thực hiện: " + "; ".join(
        f"{chain.nodes[r].label} ({chain.nodes[r].detail})" for r in references))
else:
    st.markdown(f"**{labels[doc_id]}** không ghi văn bản cấp trên mà nó thực hiện.")
with st.expander("Bảng chuỗi văn bản"):
    links = chain_table(chain)
    st.dataframe(links, hide_index=True, width="stretch")
    download_table(links, title="Chuỗi văn bản thực hiện", file_name="chuoi-van-ban.xlsx",
                   sources=[f"data/raw/{name}" for name in docs["file_name"]])

st.header("Toàn văn")
st.markdown(f"**{doc['doc_type'] or 'Văn bản'}: {doc['title'] or doc_id}** — {doc['issuer'] or '—'} "
            f"({ISSUER_LEVEL_VI.get(doc['issuer_level'], '—')}), ngày ban hành: {issued_text(doc['issued_on'])}, "
            f"người ký: {doc['signer'] or '—'} ({doc['signer_title'] or '—'}). Tệp: `data/raw/{doc['file_name']}`.")
figures = query("document_figures", doc_id=doc_id)
text = query("document_text", doc_id=doc_id)["text"].iloc[0]
st.caption(f"{len(figures)} số liệu được đánh dấu vàng; đưa chuột lên số để xem đó là chỉ tiêu nào.")
with st.container(height=520, border=True):
    st.html(document_html(text, figures))
if not figures.empty:
    numbers = figures_table(figures)
    download_table(numbers, title=f"Số liệu trích từ {labels[doc_id]}", file_name="so-lieu-trong-van-ban.xlsx",
                   filters={"Văn bản": labels[doc_id]}, sources=[f"data/raw/{doc['file_name']}"])
