"""A source document on screen: its metadata in Vietnamese and its text with the extracted figures marked (no Streamlit)."""
from __future__ import annotations

import pandas as pd

from .document_chain import ISSUER_LEVEL_VI
from .formatting import is_missing
from .highlight import Span, locate_number, mark_spans
from .provenance import KIND_VI, origin_vi

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


def figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures quoted from one document, as they are written there."""
    rows = list(figures.itertuples(index=False))
    return pd.DataFrame({
        "Chỉ tiêu": [r.indicator_name for r in rows],
        "Năm": [int(r.year) for r in rows],
        "Loại": [KIND_VI.get(r.kind, r.kind) for r in rows],
        "Số trong văn bản": [r.value_text if isinstance(r.value_text, str) else "—" for r in rows],
        "Nguồn gốc": [origin_vi(r.origin) for r in rows],
        "Câu văn": [r.quote if isinstance(r.quote, str) else "—" for r in rows],
    })
