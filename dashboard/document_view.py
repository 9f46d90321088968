"""A source document on screen: its metadata in Vietnamese and its text with the extracted figures marked (no Streamlit)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from .charts import FrozenFigure, freeze
from .db import run_query
from .document_chain import ISSUER_LEVEL_VI, build_chain, chain_figure, chain_table, lineage
from .formatting import is_missing
from .highlight import Span, locate_number, mark_spans
from .provenance import KIND_VI, origin_vi
from .safe_text import literal
from .tables import arrow_table
from .task_matrix import document_label

NO_DATE = "chưa ghi ngày"


def issued_text(value) -> str:
    """'06/02/2026', or 'chưa ghi ngày' when the document does not say."""
    return NO_DATE if is_missing(value) or pd.isna(value) else f"{pd.Timestamp(value):%d/%m/%Y}"


def _text(value) -> str:
    return "—" if is_missing(value) or (isinstance(value, str) and not value.strip()) else str(value)


def documents_table(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per document with Vietnamese headers; missing metadata shown as '—', a missing date as 'chưa ghi ngày'."""
    rows = list(docs.itertuples(index=False))
    return pd.DataFrame({  # the short columns first, so that they fit a 1366 px screen; the long title after them
        "Tỉnh, thành phố": [_text(r.area_name) for r in rows],
        "Loại văn bản": [_text(r.doc_type) for r in rows],
        "Cơ quan ban hành": [_text(r.issuer) for r in rows],
        "Cấp ban hành": [ISSUER_LEVEL_VI.get(r.issuer_level, _text(r.issuer_level)) for r in rows],
        "Ngày ban hành": [issued_text(r.issued_on) for r in rows],
        "Số hiệu": [_text(r.doc_number) for r in rows],
        "Người ký": [_text(r.signer) for r in rows],
        "Chức vụ người ký": [_text(r.signer_title) for r in rows],
        "Địa danh": [_text(r.place) for r in rows],
        "Tiêu đề": [_text(r.title) for r in rows],
        "Số liệu trích được": [int(r.n_figures) for r in rows],
        "Nhiệm vụ giao": [int(r.n_tasks) for r in rows],
        "Tệp": [r.file_name for r in rows],
    })


def figure_spans(figures: pd.DataFrame) -> list[Span]:
    """Where each extracted figure is in the document's text; a quote without a stored offset for its number is
    searched for the stated value, and if that fails the whole sentence is tinted."""
    spans: list[Span] = []
    for row in figures.itertuples(index=False):
        title = f"{row.indicator_name} {row.year} ({KIND_VI.get(row.kind, row.kind)}; {origin_vi(row.origin)})"
        if not is_missing(row.value_start) and isinstance(row.value_text, str):
            start = int(row.value_start)
            spans.append(Span(start, start + len(row.value_text), title))
        elif not is_missing(row.quote_start) and isinstance(row.quote, str):
            start = int(row.quote_start)
            found = locate_number(row.quote, row.stated_value)
            spans.append(Span(start + found.start, start + found.end, title) if found
                         else Span(start, start + len(row.quote), title, kind="quote"))
    return spans


def document_html(text: str, figures: pd.DataFrame) -> str:
    """The document's text, HTML-escaped, line breaks kept, each figure marked with what it is on hover."""
    body = mark_spans(text, figure_spans(figures))
    return f'<div style="white-space:pre-wrap;line-height:1.6;font-size:0.95rem">{body}</div>'


STATUS_VI = {"established": "đã xác định", "confirmed": "đã xác nhận", "review": "cần duyệt"}


def unrecognised_table(numbers: pd.DataFrame) -> pd.DataFrame:
    """Numbers with a unit that gave no figure, and why (số chưa nhận diện)."""
    return pd.DataFrame({"Số trong văn bản": list(numbers["value_text"]),
                         "Câu văn": [q if isinstance(q, str) else "—" for q in numbers["quote"]],
                         "Lý do": [r if isinstance(r, str) else "—" for r in numbers["reason"]]})


def figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures quoted from one document, as they are written there."""
    rows = list(figures.itertuples(index=False))
    return pd.DataFrame({
        "Chỉ tiêu": [r.indicator_name for r in rows],
        "Năm": [int(r.year) for r in rows],
        "Từ năm": [int(r.year_start) for r in rows],  # = Năm, or a period's first year ("bình quân 2026–2030")
        "Loại": [KIND_VI.get(r.kind, r.kind) for r in rows],
        "Trạng thái": [STATUS_VI.get(r.status, r.status) + (f": {r.review_reason}" if isinstance(r.review_reason, str)
                                                            else "") for r in rows],
        "Số trong văn bản": [r.value_text if isinstance(r.value_text, str) else "—" for r in rows],
        "Nguồn gốc": [origin_vi(r.origin) for r in rows],
        "Câu văn": [r.quote if isinstance(r.quote, str) else "—" for r in rows],
    })


# --- What the Tài liệu page draws, computed once per database and filters (dashboard.cache.view) -------------------

@dataclass(frozen=True)
class DocumentList:
    """The documents of the chosen provinces and issuer level: the table, the menu's labels, the files."""

    table: pd.DataFrame | None  # None: no document matches
    shown: pa.Table | None  # the table as drawn (arrow_table)
    labels: dict[str, str]  # doc_id -> label, in the table's order
    sources: list[str]  # data/raw/<file> of each document, for the downloads


def documents_page(area_codes: list[str], issuer_level: str | None) -> DocumentList:
    docs = run_query("documents_list", area_codes=area_codes, issuer_level=issuer_level)
    if docs.empty:
        return DocumentList(None, None, {}, [])
    table = documents_table(docs)
    return DocumentList(table, arrow_table(table),
                        {d.doc_id: document_label(d.doc_type, d.issuer, d.area_name) for d in docs.itertuples()},
                        [f"data/raw/{name}" for name in docs["file_name"]])


@dataclass(frozen=True)
class DocumentText:
    """A document's full text as HTML with its figures marked, and the table of those figures."""

    html: str
    n_figures: int
    figures: pd.DataFrame | None  # None: no figure was extracted
    n_review: int = 0  # figures waiting for an analyst (cần duyệt): on this page, not on charts
    unrecognised: pd.DataFrame | None = None  # số chưa nhận diện; None: none


def document_text(doc_id: str) -> DocumentText:
    figures = run_query("document_figures", doc_id=doc_id)
    text = run_query("document_text", doc_id=doc_id)["text"].iloc[0]
    numbers = run_query("unrecognised_by_document", doc_id=doc_id)
    return DocumentText(document_html(text, figures), len(figures), None if figures.empty else figures_table(figures),
                        int((figures["status"] == "review").sum()) if not figures.empty else 0,
                        None if numbers.empty else unrecognised_table(numbers))


@dataclass(frozen=True)
class DocumentPage:
    """One document of the list: the chain it belongs to (figure, sentence, table), its metadata line and its text."""

    chain: FrozenFigure
    is_lineage: bool  # many documents: only the chain of this one is drawn
    implements: str  # markdown: what the document implements, or that it does not say
    links: pd.DataFrame
    links_shown: pa.Table  # the links as drawn (arrow_table)
    heading: str  # markdown: type, title, issuer, date, signer, file
    label: str
    source: str  # data/raw/<file>
    text: DocumentText


def document_page(area_codes: list[str], issuer_level: str | None, doc_id: str, max_nodes: int) -> DocumentPage:
    docs = run_query("documents_list", area_codes=area_codes, issuer_level=issuer_level)
    doc = docs[docs["doc_id"] == doc_id].iloc[0]
    label = document_label(doc["doc_type"], doc["issuer"], doc["area_name"])
    links_rows = run_query("document_chain")
    chain = build_chain(links_rows[links_rows["doc_id"].isin(docs["doc_id"])])  # the listed documents and what they cite
    is_lineage = len(chain.nodes) > max_nodes
    if is_lineage:
        chain = lineage(chain, doc_id)
    references = [source for source, target in chain.edges if target == doc_id]
    if references:
        implements = "**" + literal(label) + "** thực hiện: " + "; ".join(
            literal(f"{chain.nodes[r].label} ({chain.nodes[r].detail})") for r in references)
    else:
        implements = f"**{literal(label)}** không ghi văn bản cấp trên mà nó thực hiện."
    heading = (f"**{literal(doc['doc_type'] or 'Văn bản')}: {literal(doc['title'] or doc_id)}** — "
               f"{literal(doc['issuer'] or '—')} ({ISSUER_LEVEL_VI.get(doc['issuer_level'], '—')}), ngày ban hành: "
               f"{issued_text(doc['issued_on'])}, người ký: {literal(doc['signer'] or '—')} "
               f"({literal(doc['signer_title'] or '—')}). Tệp: {literal('data/raw/' + doc['file_name'])}.")
    links = chain_table(chain)
    return DocumentPage(freeze(chain_figure(chain, selected=doc_id)), is_lineage, implements, links, arrow_table(links),
                        heading, label, f"data/raw/{doc['file_name']}", document_text(doc_id))
