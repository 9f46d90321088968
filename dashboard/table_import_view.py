"""What the Dữ liệu page shows of a published table before it is imported: the reading in words (no Streamlit)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from etl.reference import Reference
from etl.table_import import TableReading

from .formatting import with_unit


@dataclass(frozen=True)
class TablePreview:
    summary: str              # 'Trang “Biểu 01”: 22 số liệu của 5 địa bàn, 5 cột năm; 4 dòng bỏ qua.'
    columns: pd.DataFrame     # which column is which year and indicator, with its unit and marks
    rows: pd.DataFrame        # which row matched which area, and why the others were left out
    figures: pd.DataFrame     # the figures to be added, as the analyst will read them
    notes: tuple[str, ...]


def table_preview(reading: TableReading, reference: Reference) -> TablePreview:
    def indicator_name(code: str) -> str:
        return reference.indicators[code].name_vi

    def area_name(code: str) -> str:
        area = reference.areas.get(code) or reference.communes.get(code)
        return area.name_vi if area else code

    columns = pd.DataFrame({
        "Cột": [c.letter for c in reading.columns],
        "Tiêu đề trong bảng": [c.header for c in reading.columns],
        "Chỉ tiêu": [indicator_name(c.indicator_code) for c in reading.columns],
        "Năm": [str(c.year) for c in reading.columns],
        "Loại": ["chỉ tiêu, kế hoạch" if c.kind == "target" else "thực hiện" for c in reading.columns],
        "Sơ bộ, ước tính": ["có" if c.is_estimate else "" for c in reading.columns],
        "Đơn vị": [c.unit for c in reading.columns],
    })
    rows = pd.DataFrame({
        "Dòng": [str(r.number) for r in reading.rows],
        "Tên trong bảng": [r.label for r in reading.rows],
        "Địa bàn": [r.area_name or "—" for r in reading.rows],
        "Kết quả": [f"bỏ qua: {r.reason}" if r.reason else "nhập" for r in reading.rows],
    })
    figures = pd.DataFrame({
        "Địa bàn": [area_name(f["area_code"]) for f in reading.figures],
        "Chỉ tiêu": [indicator_name(f["indicator_code"]) for f in reading.figures],
        "Năm": [f["year"] for f in reading.figures],
        "Giá trị": [with_unit(float(f["value"]), f["unit"]) for f in reading.figures],
        "Ghi chú": ["sơ bộ, ước tính" if f["status"] else "" for f in reading.figures],
        "Ô trong bảng": [f["note"] for f in reading.figures],
    })
    kinds = {c.indicator_code for c in reading.columns}
    summary = (f"Trang “{reading.sheet}”: {len(reading.figures)} số liệu của {len(reading.matched)} địa bàn, "
               f"{len(reading.columns)} cột số liệu ({len(kinds)} chỉ tiêu); {len(reading.left_out)} dòng bỏ qua.")
    return TablePreview(summary, columns, rows, figures, tuple(reading.notes))
