"""Excel tables for reports: title, filters, styled frozen header, autofilter, number formats, sources (no Streamlit)."""
from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence, Union

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel number formats are not localised: a Vietnamese Excel shows 18961.4 under '#,##0.0' as 18.961,4.
PERCENT = "0.00"                      # values are already in percent (8.06 means 8,06%): the unit is in the header
POINTS = "+0.00;-0.00;0.00"           # differences of rates, in percentage points
INTEGER = "#,##0"
YEAR = "0"
DATE = "dd/mm/yyyy"

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True, color="4B5563")
_THIN = Side(style="thin", color="BFBFBF")
HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LONG_TEXT = Alignment(wrap_text=True, vertical="top")


Source = Union[str, tuple[str, str]]


def decimal_format(decimals: int, thousands: bool = True) -> str:
    base = "#,##0" if thousands else "0"
    return base + ("." + "0" * decimals if decimals > 0 else "")


def decimals_needed(values: Iterable, most: int = 3) -> int:
    """The fewest digits after the comma that show every value as stored (up to `most`)."""
    needed = 0
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        for d in range(needed, most + 1):
            if abs(round(float(v), d) - float(v)) < 1e-9:
                break
        needed = max(needed, d)
    return needed


def unit_of(header: str) -> str | None:
    """'Tăng trưởng GRDP (%)' -> '%'; 'Thu ngân sách (tỷ đồng)' -> 'tỷ đồng'."""
    match = re.search(r"\(([^()]*)\)\s*$", header)
    return match.group(1).strip() if match else None


def infer_format(header: str, series: pd.Series) -> str | None:
    """A number format from the column's dtype, its name and its values; None for text."""
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_datetime64_any_dtype(series):
        return DATE
    if not pd.api.types.is_numeric_dtype(series):
        return None
    name = header.lower()
    unit = (unit_of(header) or "").lower()
    if "điểm %" in name or unit in ("điểm %", "pp", "điểm phần trăm"):
        return POINTS
    if pd.api.types.is_integer_dtype(series):
        return YEAR if re.search(r"\b(năm|year)\b", name) and unit == "" else INTEGER
    values = series.dropna()
    if unit == "%" or "(%)" in header or name.endswith("%"):
        return decimal_format(min(max(decimals_needed(values, 2), 1), 2), thousands=False)
    if len(values) and all(float(v).is_integer() for v in values):
        return INTEGER
    return decimal_format(decimals_needed(values, 3))


def set_text(cell, value) -> None:
    """Write a text cell that stays text: openpyxl turns '=…' into a formula unless data_type is reset."""
    cell.value = str(value)
    cell.data_type = "s"


def cell_value(value):
    """What the cell holds for a frame's value: None (left empty, never 0), a number, a date, or text
    ('Có'/'Không' for booleans). Converting again gives the same."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, (bool, np.bool_)):
        return "Có" if value else "Không"
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, (int, float)) or hasattr(value, "dtype"):
        try:
            number = value.item() if hasattr(value, "item") else value
        except (ValueError, AttributeError):
            number = value
        if isinstance(number, float):
            return None if math.isnan(number) else round(number, 10)  # 3.870000000000001 -> 3.87
        if isinstance(number, int):
            return number
    return str(value)


def set_value(cell, value, number_format: str | None = None) -> None:
    """Numbers as numbers, dates as dates, booleans as 'Có'/'Không', missing as empty, anything else as text."""
    value = cell_value(value)
    if value is None:
        return
    if isinstance(value, str):
        set_text(cell, value)
        return
    cell.value = value
    if isinstance(value, (dt.date, dt.datetime)):
        cell.number_format = number_format or DATE
    elif number_format:
        cell.number_format = number_format


def sheet_title(name: str) -> str:
    """A valid Excel sheet name (31 characters, none of []:*?/\\)."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Bảng"


def ascii_slug(text: str) -> str:
    """'Tăng trưởng GRDP 2025' -> 'tang-truong-grdp-2025'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "bang"


def file_name(name: str, extension: str = "xlsx") -> str:
    """An ASCII file name that says what it holds: file_name('Tăng trưởng GRDP 2025') -> 'tang-truong-grdp-2025.xlsx'."""
    stem = name[: -len(extension) - 1] if name.lower().endswith("." + extension) else name
    return f"{ascii_slug(stem)}.{extension}"


def evidence_sources(evidence: pd.DataFrame) -> list[tuple[str, str]]:
    """(source, quote or address) for each distinct document quote and each published table address."""
    rows: list[tuple[str, str]] = []
    seen = set()
    for _, row in evidence.iterrows():
        doc_id = row.get("doc_id")
        if isinstance(doc_id, str) and doc_id:
            title = row.get("doc_title")
            label = f"Văn bản: {title if isinstance(title, str) and title else doc_id} ({doc_id})"
            quote = row.get("quote")
            detail = f"“{quote}”" if isinstance(quote, str) and quote else ""
        elif isinstance(row.get("source_url"), str):
            title = row.get("source_title")
            publisher = row.get("publisher")
            published = row.get("published_on")
            label = title if isinstance(title, str) and title else "Bảng số liệu công bố"
            if isinstance(publisher, str) and publisher:
                label += f" — {publisher}"
            if published is not None and not pd.isna(published):
                label += f" (công bố {pd.Timestamp(published):%d/%m/%Y})"
            detail = row["source_url"]
        else:
            continue
        if (label, detail) not in seen:
            seen.add((label, detail))
            rows.append((label, detail))
    return rows


def _source_rows(sources) -> list[tuple[str, str]]:
    if sources is None:
        return []
    if isinstance(sources, pd.DataFrame):
        return evidence_sources(sources)
    return [(s, "") if isinstance(s, str) else (str(s[0]), str(s[1] or "")) for s in sources]


@dataclass(frozen=True)
class TableRange:
    """Where write_table put things, so charts can refer to the data."""
    header_row: int
    first_row: int
    last_row: int
    columns: dict[str, int]  # frame column -> 1-based sheet column

    def column(self, name: str) -> int:
        return self.columns[name]


def headers_with_units(frame: pd.DataFrame, units: Mapping[str, str] | None) -> list[str]:
    out = []
    for column in frame.columns:
        header = str(column)
        unit = (units or {}).get(column)
        if unit and unit_of(header) != unit:
            header = f"{header} ({unit})"
        out.append(header)
    return out


def _text_cell(ws, value, font: Font | None = None) -> Cell:
    cell = WriteOnlyCell(ws)
    set_text(cell, value)
    if font is not None:
        cell.font = font
    return cell


def _shown_width(value) -> int:
    """Characters a cell_value takes in its column (numbers get room for Excel's separators)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return 10
    return len(value) if isinstance(value, str) else len(str(value)) + 3


def _print_setup(ws, title: str, header_row: int) -> None:
    """Printed on A4 landscape with every column on one page width, the header row repeated on each page, the title
    in the page header and 'Trang 2/5' in the footer (set before the rows, as a write-only sheet needs)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4 in the OOXML paper-size list
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # one page wide, as many pages tall as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddHeader.center.text = title.replace("&", "&&")[:200]  # '&' starts a header code; Excel caps the text
    ws.oddFooter.center.text = "Trang &P/&N"


def write_table(ws, frame: pd.DataFrame, *, title: str, filters: Mapping[str, str] | None = None,
                sources=None, formats: Mapping[str, str] | None = None, units: Mapping[str, str] | None = None,
                notes: Iterable[str] = (), freeze: bool = True, row_formats: Sequence[Mapping[str, str]] | None = None,
                widths: Mapping[str, float] | None = None) -> TableRange:
    """Write one table on an empty sheet: title, filters, styled header, typed cells, autofilter, sources under it.

    Rows are appended top to bottom, so the sheet may be a write-only one (Workbook(write_only=True)): a briefing
    workbook for every province holds ~450.000 cells, which openpyxl's ordinary sheets keep in memory (+360 MB).
    `formats` overrides the inferred number format of a column (keyed by the frame's column name), `row_formats`
    gives some rows their own formats (one mapping per row), `widths` fixes a column's width; `units` adds
    '(unit)' to a header. Sources are lines, (source, quote/address) pairs, or an evidence frame.
    """
    filters = dict(filters or {})
    headers = headers_with_units(frame, units)
    column_formats = []
    for column, header in zip(frame.columns, headers):
        explicit = (formats or {}).get(column, (formats or {}).get(header))
        column_formats.append(explicit or infer_format(header, frame[column]))
    header_row = 1 + len(filters) + 2
    last_row = header_row + len(frame)

    # Column widths, freeze panes and the filter go first: a write-only sheet writes them before the rows.
    column_widths = [min(max(len(w) for w in h.split()) + 2, 40) if h else 8 for h in headers]
    column_widths = [max(w, min(len(h), 28)) for w, h in zip(column_widths, headers)]
    # each value converted once, as it will be written: the widths must be known before the first row
    columns = [[cell_value(v) for v in frame[column].tolist()] for column in frame.columns]
    for c, values in enumerate(columns):
        shown = [_shown_width(v) for v in values if v is not None]
        if shown:
            column_widths[c] = max(column_widths[c], min(max(shown) + 1, 60))
    for c, column in enumerate(frame.columns):
        width = (widths or {}).get(column, column_widths[c])
        ws.column_dimensions[get_column_letter(c + 1)].width = width
    if any(len(h) > 20 for h in headers):
        ws.row_dimensions[header_row].height = 32
    if len(frame.columns):
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(frame.columns))}{max(last_row, header_row + 1)}"
    if freeze:
        ws.freeze_panes = f"A{header_row + 1}"
    _print_setup(ws, title, header_row)

    ws.append([_text_cell(ws, title, TITLE_FONT)])
    for key, value in filters.items():
        ws.append([_text_cell(ws, f"{key}: {value}", NOTE_FONT)])
    ws.append([])
    header_cells = []
    for header in headers:
        cell = _text_cell(ws, header, HEADER_FONT)
        cell.fill, cell.border = HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(cell)
    ws.append(header_cells)
    for i, values in enumerate(zip(*columns)):
        overrides = row_formats[i] if row_formats is not None else {}
        cells = []
        for column, value, number_format in zip(frame.columns, values, column_formats):
            cell = WriteOnlyCell(ws)
            set_value(cell, value, overrides.get(column, number_format))
            if isinstance(cell.value, str) and len(cell.value) > 60:
                cell.alignment = LONG_TEXT
            cells.append(cell if cell.value is not None else None)
        ws.append(cells)

    ws.append([])
    for note in notes:
        ws.append([_text_cell(ws, note, NOTE_FONT)])
    source_rows = _source_rows(sources)
    if source_rows:
        if notes:
            ws.append([])
        ws.append([_text_cell(ws, "Nguồn", Font(bold=True))])
        previous = None
        for label, detail in source_rows:
            row = [_text_cell(ws, label) if label != previous else None]  # a table with many addresses is named once
            previous = label
            if detail:
                cell = _text_cell(ws, detail)
                if detail.startswith(("http://", "https://")):
                    cell.hyperlink = detail
                    cell.font = Font(color="0563C1", underline="single")
                row.append(cell)
            ws.append(row)
    return TableRange(header_row, header_row + 1, last_row,
                      {column: i for i, column in enumerate(frame.columns, start=1)})


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def table_xlsx(frame: pd.DataFrame, *, title: str, filters: Mapping[str, str] | None = None, sources=None,
               sheet_name: str = "Bảng", formats: Mapping[str, str] | None = None,
               units: Mapping[str, str] | None = None, notes: Iterable[str] = ()) -> bytes:
    """A one-sheet workbook holding the table with its title, filters and sources."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(sheet_name))
    write_table(ws, frame, title=title, filters=filters, sources=sources, formats=formats, units=units, notes=notes)
    return workbook_bytes(wb)


CSV_MIME = "text/csv"
_FORMULA_STARTS = ("=", "+", "-", "@")


def table_csv(frame: pd.DataFrame) -> bytes:
    """The table as CSV: UTF-8 with a byte-order mark (so Excel reads the diacritics), numbers as numbers.

    A text cell starting with = + - @ would run as a formula in a spreadsheet: it gets a leading apostrophe.
    """
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = [f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v
                            for v in safe[column]]
    return ("\ufeff" + safe.to_csv(index=False)).encode("utf-8")
