"""Streamlit widgets shared by pages (downloads, notices)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .exports import table_xlsx

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_table(frame: pd.DataFrame, *, title: str, file_name: str, filters: dict[str, str] | None = None,
                   sources: list[str] | None = None, key: str | None = None) -> None:
    """A download button for the table as .xlsx; `file_name` is ASCII and says what the file holds."""
    st.download_button(
        "⬇️ Tải bảng Excel (.xlsx)",
        data=table_xlsx(frame, title=title, filters=filters, sources=sources),
        file_name=file_name,
        mime=XLSX_MIME,
        on_click="ignore",
        key=key or f"download-{file_name}",
    )
