"""The Excel template of curated observations: export with the current rows and code lists, import a filled one.

Import checks every row as the build does and lists errors as `sheet, dòng N: what is wrong`; only a clean
workbook is merged. Merging is by (area, indicator, year, kind): a row whose key is already curated updates that
row in its own file; a new row goes to the file named in its `curated_file` cell, or to analyst_figures.csv.
Rows are never deleted through the template (delete them in the CSV).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import build
from .curated import NOT_OBSERVATIONS, load_sources, parse_row
from .errors import InputError, InputErrors
from .intake import apply_change
from .numbers import OPERATOR_SYMBOLS, parse_number
from .readers import MAX_FILE_BYTES, check_archive, document_files
from .reference import Reference, load_reference, read_csv_rows

DATA_SHEET = "so_lieu"
CODES_SHEET = "ma"
HELP_SHEET = "huong_dan"
DEFAULT_FILE = "analyst_figures.csv"
COLUMNS = ["curated_file", "area_code", "indicator_code", "year", "kind", "operator", "value", "value_upper", "unit",
           "doc_file", "quote", "source_urls", "status", "rank_national", "note"]
REQUIRED = ["area_code", "indicator_code", "year", "kind", "operator", "value"]
NUMBER_COLUMNS = {"value", "value_upper", "rank_national"}
DEFAULT_COLUMNS = COLUMNS[1:]  # header of analyst_figures.csv
MAX_ROWS = 20000
HELP = [
    "Mẫu nhập số liệu đã duyệt (curated). Mỗi dòng ở trang 'so_lieu' là một số liệu.",
    "Bắt buộc: area_code, indicator_code, year, kind (actual = kết quả, target = chỉ tiêu), operator, value.",
    "Mã địa bàn, mã chỉ tiêu, kind, operator: chọn trong danh sách (trang 'ma').",
    "Số: nhập số (8,06 hoặc 18.961,4 theo kiểu Việt Nam cũng được). Không dùng công thức, không gộp ô.",
    "Nguồn: doc_file + quote (câu trích nguyên văn trong văn bản ở data/raw/), hoặc source_urls (địa chỉ http, cách nhau bằng ;).",
    "Dòng có cùng area_code/indicator_code/year/kind với một dòng đã có sẽ sửa dòng đó; dòng mới vào tệp ở cột curated_file "
    f"(để trống: {DEFAULT_FILE}). Xóa dòng ở đây không xóa số liệu.",
]


def curated_files(curated: Path) -> list[Path]:
    return sorted(p for p in curated.glob("*.csv") if p.name not in NOT_OBSERVATIONS)


# -- export ---------------------------------------------------------------------------------------------
def export_template(inputs: build.Inputs = build.Inputs(), reference: Reference | None = None) -> bytes:
    """The workbook: current curated rows, code lists, and list validation on the code cells."""
    reference = reference or load_reference(inputs.reference)
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    ws.freeze_panes = "B2"
    for path in curated_files(inputs.curated):
        for _, row in read_csv_rows(path):
            values = [path.name]
            for column in COLUMNS[1:]:
                text = row.get(column, "")
                if column == "year" and text.isdigit():
                    values.append(int(text))
                elif column in NUMBER_COLUMNS and text:
                    try:
                        values.append(float(text))
                    except ValueError:
                        values.append(text)
                else:
                    values.append(text or None)
            ws.append(values)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a quote starting with '=' stays text
    widths = {"curated_file": 28, "area_code": 16, "indicator_code": 26, "quote": 60, "source_urls": 40, "note": 40}
    for i, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(column, 12)

    codes = wb.create_sheet(CODES_SHEET)
    lists = {
        "area_code": [(a.area_code, a.name_vi) for a in reference.areas.values()],
        "indicator_code": [(i.code, f"{i.name_vi} ({i.unit})") for i in reference.indicators.values()],
        "kind": [("actual", "kết quả"), ("target", "chỉ tiêu, kế hoạch")],
        "operator": [(op, f"{symbol}") for op, symbol in OPERATOR_SYMBOLS.items()],
        "curated_file": [(p.name, "") for p in curated_files(inputs.curated)]
                        + ([(DEFAULT_FILE, "")] if not (inputs.curated / DEFAULT_FILE).exists() else []),
    }
    col = 1
    ranges = {}
    for name, items in lists.items():
        codes.cell(1, col, name).font = Font(bold=True)
        codes.cell(1, col + 1, "ý nghĩa").font = Font(bold=True)
        for r, (code, meaning) in enumerate(items, start=2):
            codes.cell(r, col, code).data_type = "s"
            codes.cell(r, col + 1, meaning)
        letter = get_column_letter(col)
        ranges[name] = f"{CODES_SHEET}!${letter}$2:${letter}${len(items) + 1}"
        codes.column_dimensions[letter].width = 26
        codes.column_dimensions[get_column_letter(col + 1)].width = 40
        col += 3
    last = max(ws.max_row, 2) + 1000
    for name, formula in ranges.items():
        letter = get_column_letter(COLUMNS.index(name) + 1)
        validation = DataValidation(type="list", formula1=f"={formula}", allow_blank=True, showErrorMessage=True,
                                    errorTitle="Mã không hợp lệ", error="Chọn một mã trong danh sách (trang 'ma').")
        validation.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(validation)
    year = get_column_letter(COLUMNS.index("year") + 1)
    years = DataValidation(type="whole", operator="between", formula1="1990", formula2="2100", allow_blank=True,
                           showErrorMessage=True, error="Năm từ 1990 đến 2100")
    years.add(f"{year}2:{year}{last}")
    ws.add_data_validation(years)

    help_sheet = wb.create_sheet(HELP_SHEET)
    for line in HELP:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 120
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# -- import ---------------------------------------------------------------------------------------------
@dataclass
class TemplateRows:
    """A checked workbook: rows as CSV cells, with the sheet row each came from; notes for the analyst."""
    rows: list[tuple[int, dict[str, str]]]
    notes: list[str] = field(default_factory=list)


def _where(sheet: str, row: int | None = None) -> str:
    return f"{sheet}, dòng {row}" if row is not None else sheet


def _number_text(value, column: str) -> str:
    """A cell as the CSV's number text: numbers as they are, Vietnamese-written text parsed ('18.961,4')."""
    if isinstance(value, bool):
        raise ValueError(f"cột {column}: giá trị đúng/sai không phải số")
    if isinstance(value, (int, float)):
        return repr(float(value)) if not float(value).is_integer() else str(int(value))
    text = str(value).strip()
    try:
        number = parse_number(text)
    except ValueError:
        try:
            number = float(text)  # "8.06" typed with a decimal point
        except ValueError:
            raise ValueError(f"cột {column}: '{text}' không phải số (nhập số, ví dụ 8,06 hoặc 18.961,4)") from None
    return repr(number) if not number.is_integer() else str(int(number))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value).strip())  # text pasted from elsewhere may be decomposed (NFD)


def read_template(data: bytes, name: str, inputs: build.Inputs = build.Inputs(),
                  reference: Reference | None = None) -> TemplateRows:
    """Every row checked; raises InputErrors listing `sheet, dòng N: …` for each problem. Writes nothing."""
    reference = reference or load_reference(inputs.reference)
    if not data:
        raise InputError("tệp rỗng", name)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB, giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB)",
                         name)
    if not data.startswith(b"PK"):
        raise InputError("không phải tệp Excel .xlsx (hãy lưu dạng Excel Workbook .xlsx; .xls cũ và .csv không nhận)",
                         name)
    check_archive(data, name, ".xlsx", max_rows=MAX_ROWS)  # sizes, ratio and rows counted while inflating
    try:
        wb = load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign package
        raise InputError(f"không mở được như bảng Excel .xlsx ({type(exc).__name__}); hãy lưu lại dạng .xlsx", name) from None
    notes = []
    ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else None
    if ws is None:  # a renamed sheet: the first one whose header has the required columns
        for candidate in wb.worksheets:
            header = [_text(c.value) for c in next(candidate.iter_rows(max_row=1), [])]
            if all(c in header for c in REQUIRED):
                ws = candidate
                notes.append(f"Không có trang '{DATA_SHEET}'; đọc trang '{candidate.title}'.")
                break
    if ws is None:
        raise InputError(f"không có trang tính '{DATA_SHEET}' (hãy dùng mẫu tải từ trang Dữ liệu)", name)
    others = [s for s in wb.sheetnames if s not in (ws.title, CODES_SHEET, HELP_SHEET)]
    if others:
        notes.append(f"Bỏ qua các trang tính khác: {', '.join(others)}.")
    sheet = ws.title
    header = [_text(c.value) for c in next(ws.iter_rows(max_row=1), [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"thiếu cột {', '.join(missing)} ở dòng tiêu đề (cần: {', '.join(REQUIRED)})", _where(sheet, 1))
    unknown = [c for c in header if c and c not in COLUMNS]
    if unknown:
        notes.append(f"Bỏ qua cột không dùng: {', '.join(unknown)}.")
    if ws.max_row > MAX_ROWS + 1:
        raise InputError(f"quá nhiều dòng ({ws.max_row - 1}, giới hạn {MAX_ROWS})", sheet)
    errors: list[InputError] = []
    for merged in ws.merged_cells.ranges:
        errors.append(InputError(f"ô gộp {merged.coord}: hãy bỏ gộp ô (Unmerge) và điền giá trị vào từng ô",
                                 _where(sheet, merged.min_row)))
    raw_files = {p.name for p in document_files(inputs.raw)} if inputs.raw.exists() else set()
    known_files = {p.name for p in curated_files(inputs.curated)} | {DEFAULT_FILE}
    rows: list[tuple[int, dict[str, str]]] = []
    seen: dict[tuple, int] = {}
    for r, cells in enumerate(ws.iter_rows(min_row=2), start=2):
        values = {header[i]: c.value for i, c in enumerate(cells) if i < len(header) and header[i] in COLUMNS}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue
        where = _where(sheet, r)
        formulas = [c.coordinate for c in cells if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("="))
                    and len(c.value) > 1]
        if formulas:
            errors.append(InputError(f"ô {', '.join(formulas)} là công thức; hãy chép và dán dạng giá trị (Paste Values)",
                                     where))
            continue
        row: dict[str, str] = {}
        try:
            for column in COLUMNS:
                value = values.get(column)
                if value is None or (isinstance(value, str) and not value.strip()):
                    row[column] = ""
                elif column in NUMBER_COLUMNS:
                    row[column] = _number_text(value, column)
                elif column == "year":
                    row[column] = _number_text(value, column)
                else:
                    row[column] = _text(value)
        except ValueError as exc:
            errors.append(InputError(str(exc), where))
            continue
        if row["curated_file"] and row["curated_file"] not in known_files:
            errors.append(InputError(f"cột curated_file: '{row['curated_file']}' không phải tệp trong data/curated/ "
                                     f"(chọn trong danh sách, hoặc để trống)", where))
            continue
        try:
            observations = parse_row(row, Path(sheet), r, reference, raw_files, None)
        except InputError as exc:
            errors.append(InputError(exc.message, where))
            continue
        duplicate = next((seen[o.key] for o in observations if o.key in seen), None)
        if duplicate is not None:
            errors.append(InputError(f"trùng với dòng {duplicate} (cùng địa bàn, chỉ tiêu, năm, loại)", where))
            continue
        for o in observations:
            seen[o.key] = r
        rows.append((r, row))
    if errors:
        raise InputErrors(errors)
    if not rows:
        raise InputError("không có dòng số liệu nào", sheet)
    return TemplateRows(rows, notes)


def _key(row: dict[str, str]) -> tuple:
    return (row.get("area_code"), row.get("indicator_code"), str(int(float(row["year"]))) if row.get("year") else "",
            row.get("kind"))


def _same(column: str, a: str | None, b: str | None) -> bool:
    """Equal as the build reads them: numbers by value ('8' and '8.0'), text exactly."""
    a, b = a or "", b or ""
    if a == b:
        return True
    if column in NUMBER_COLUMNS or column == "year":
        try:
            return float(a) == float(b)
        except ValueError:
            return False
    return False


def merged_files(template: TemplateRows, curated: Path) -> tuple[dict[Path, bytes], dict[str, int]]:
    """The curated CSV files with the template's rows merged in (only the files that change); counts per outcome."""
    tables: dict[Path, tuple[list[str], list[dict[str, str]]]] = {}
    where: dict[tuple, tuple[Path, int]] = {}
    endings: dict[Path, str] = {}
    for path in curated_files(curated):
        text = path.read_text(encoding="utf-8-sig")
        endings[path] = "\r\n" if "\r\n" in text else "\n"
        reader = csv.DictReader(text.splitlines())
        rows = [dict(r) for r in reader]
        tables[path] = (list(reader.fieldnames or []), rows)
        for i, r in enumerate(rows):
            where.setdefault(_key(r), (path, i))
    counts = {"updated": 0, "added": 0, "unchanged": 0}
    changed: set[Path] = set()
    for _, row in template.rows:
        key = _key(row)
        if key in where:
            path, i = where[key]
            header, rows = tables[path]
            current = rows[i]
            new = dict(current)
            for column, value in row.items():
                if column == "curated_file":
                    continue
                if column not in header:
                    if not value:
                        continue
                    header.append(column)
                new[column] = value
            if all(_same(c, new.get(c), current.get(c)) for c in header):
                counts["unchanged"] += 1
                continue
            rows[i] = new
            counts["updated"] += 1
            changed.add(path)
        else:
            path = curated / (row["curated_file"] or DEFAULT_FILE)
            if path not in tables:
                tables[path] = (list(DEFAULT_COLUMNS), [])
            header, rows = tables[path]
            for column, value in row.items():
                if column != "curated_file" and value and column not in header:
                    header.append(column)
            rows.append({c: row.get(c, "") for c in header})
            where[key] = (path, len(rows) - 1)
            counts["added"] += 1
            changed.add(path)
    out = {}
    for path in changed:
        header, rows = tables[path]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=endings.get(path, "\n"))
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(c) or "" for c in header])
        out[path] = buffer.getvalue().encode("utf-8")
    return out, counts


def import_template(data: bytes, name: str, inputs: build.Inputs = build.Inputs(), db: Path | None = None,
                    progress=None) -> tuple[TemplateRows, dict[str, int]]:
    """Check the workbook, merge it into the curated files and rebuild; nothing changes unless all of it is clean."""
    reference = load_reference(inputs.reference)
    template = read_template(data, name, inputs, reference)
    counts: dict[str, int] = {}

    def writes() -> dict[Path, bytes]:
        files, found = merged_files(template, inputs.curated)
        counts.update(found)
        if any(p.name == DEFAULT_FILE for p in files):
            sources = inputs.curated / "sources.yaml"
            if DEFAULT_FILE not in load_sources(inputs.curated):
                text = sources.read_text(encoding="utf-8")
                text += ("" if text.endswith("\n") else "\n") + (
                    f"{DEFAULT_FILE}:\n  publisher: Biên tập viên dự án (nhập từ mẫu Excel)\n"
                    "  title: Số liệu nhập từ mẫu Excel, mỗi dòng có nguồn\n  published_on:\n")
                files[sources] = text.encode("utf-8")
        return files

    apply_change(writes, inputs, db, progress)
    return template, counts
