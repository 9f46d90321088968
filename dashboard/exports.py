"""Excel exports of the dashboard's tables (openpyxl; no Streamlit, so the CLI and benchmark reuse it)."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook


def table_xlsx(frame: pd.DataFrame, *, title: str, filters: dict[str, str] | None = None,
               sources: list[str] | None = None, sheet_name: str = "Bảng") -> bytes:
    """A workbook with a title row, the filters used, the table, and its sources under it."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name[:31]
    ws.append([title])
    for key, value in (filters or {}).items():
        ws.append([f"{key}: {value}"])
    ws.append([])
    ws.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        ws.append([None if pd.isna(v) else v for v in row])
    if sources:
        ws.append([])
        ws.append(["Nguồn"])
        for s in sources:
            ws.append([s])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
