"""Source notes under charts: which documents and published tables the figures come from (no Streamlit)."""
from __future__ import annotations

import pandas as pd

from .safe_text import literal


def source_lines(evidence: pd.DataFrame) -> list[str]:
    """One line per distinct source: a document's title and file, or a publisher's table and its addresses."""
    lines = []
    docs = evidence[evidence["doc_id"].notna()].drop_duplicates("doc_id")
    for _, row in docs.iterrows():
        lines.append(f"Văn bản: {row['doc_title'] or row['doc_id']} ({row['doc_id']})")
    tables = evidence[evidence["source_url"].notna()]
    for (publisher, title), part in tables.groupby(["publisher", "source_title"], dropna=False, sort=True):
        n = part["source_url"].nunique()
        label = title if isinstance(title, str) else "Bảng số liệu công bố"
        by = f" — {publisher}" if isinstance(publisher, str) else ""
        lines.append(f"{label}{by} ({n} địa chỉ nguồn)")
    return lines


SOURCES_NAMED = 8  # under a chart; the Chỉ số và nguồn page gives every figure's own sources


def source_note(evidence: pd.DataFrame) -> str:
    if evidence.empty:
        return "*Nguồn: chưa có.*"
    lines = source_lines(evidence)
    items = "; ".join(literal(line) for line in lines[:SOURCES_NAMED])
    if len(lines) > SOURCES_NAMED:
        items += f" và {len(lines) - SOURCES_NAMED} nguồn khác (nguồn của từng số liệu: trang Chỉ số và nguồn)"
    return (f"**Nguồn:** {items}. Dấu * là số ước tính trước khi công bố chính thức; "
            f"dấu † là số có bất nhất giữa các nguồn (xem trang Chỉ số và nguồn).")
