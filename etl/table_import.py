"""Published statistics tables (.xlsx, .csv) as analysts receive them -> curated rows with their source.

A table of the statistics office has provinces in rows (new or former names, footnote marks, a "Cả nước" row,
region subtotals), years or indicators in columns (one or two header rows, merged cells, "Sơ bộ"/"Ước tính"
marks), the unit in the title or a header, and "-", "…" or nothing where there is no figure. `read_table` works
out which column is which year or indicator and which row is which area, and says why a row was left out;
`import_table` writes the figures as a new curated CSV declared in sources.yaml with the source the analyst gave,
and rebuilds (intake.apply_change: all or nothing). Bad tables raise InputErrors naming sheet, row and column.

In a table laid out by the 63 former provinces (it names one that no longer exists), a row named like a province
that absorbed others ("Lào Cai") is the former province of that name, not today's: it is left out, since no area
holds it, rather than given to the larger province.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from . import build, paths
from .admin_units import slug
from .area_names import clean, keys, resolver
from .curated import load_sources, parse_row
from .errors import InputError, InputErrors
from .intake import apply_change
from .numbers import parse_number
from .readers import MAX_FILE_BYTES, MAX_UNPACKED_BYTES, MAX_ZIP_MEMBERS, document_files
from .reference import Reference, current_reference

NO_FIGURE = {"", "-", "--", "—", "–", "…", "...", "..", ".", "x", "n/a", "na", "k/c", "kxđ"}
ESTIMATE_MARKS = ("sơ bộ", "ước tính", "ước thực hiện", "ước th", "ước", "prel")
TARGET_MARKS = ("kế hoạch", "mục tiêu", "chỉ tiêu kh")
NOTE_STARTS = ("nguồn", "ghi chú", "chú thích", "source", "note")
UNIT_IN_TITLE = re.compile(r"(?i)(?:đơn vị tính|đơn vị|đvt)\s*[:.]\s*(?P<unit>[^;)\n]+)")
UNIT_IN_BRACKETS = re.compile(r"\((?P<unit>[^()]{1,20})\)\s*$")
YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
CODE_HEADER = re.compile(r"ma(tinh|so|dvhc|donvihanhchinh|dvhc)?")  # a header "Mã", "Mã tỉnh", without marks
HEADER_SEARCH_ROWS = 25
MAX_CELLS = 200_000
COLUMNS = ["area_code", "indicator_code", "year", "kind", "operator", "value", "unit", "status", "source_urls", "note"]


@dataclass
class Source:
    publisher: str
    title: str
    published_on: dt.date | None
    url: str = ""
    doc: str = ""        # a document in data/raw/ that holds the table

    def problems(self, raw_files: set[str]) -> list[str]:
        found = []
        if not self.publisher.strip():
            found.append("thiếu cơ quan công bố")
        if not self.title.strip():
            found.append("thiếu tên bảng")
        if self.published_on is None:
            found.append("thiếu ngày công bố")
        if not self.url.strip() and not self.doc.strip():
            found.append("cần địa chỉ (URL) của bảng hoặc tên văn bản trong data/raw/")
        if self.url.strip() and not self.url.strip().startswith(("http://", "https://")):
            found.append(f"địa chỉ '{self.url}' phải bắt đầu bằng http:// hoặc https://")
        if self.doc.strip() and self.doc.strip() not in raw_files:
            found.append(f"văn bản '{self.doc}' không có trong data/raw/")
        return found


@dataclass
class Options:
    indicator: str | None = None   # the indicator of a table with years in columns, when the title does not say
    kind: str = "actual"
    year: int | None = None        # the year of a table with indicators in columns, when the title does not say
    unit: str | None = None        # when neither the title nor the headers say
    sheet: str | None = None


@dataclass
class Column:
    letter: str
    index: int
    header: str
    year: int
    indicator_code: str
    kind: str
    is_estimate: bool
    unit: str
    indicator_name: str = ""


@dataclass
class Row:
    number: int             # the sheet's row number (1-based)
    label: str
    area_code: str | None
    area_name: str | None
    reason: str = ""        # why a row is left out; '' when its figures are read


@dataclass
class TableReading:
    """What was understood of a table; `figures` are curated rows (CSV cells) ready for parse_row."""
    file_name: str
    sheet: str
    header_rows: list[int]
    label_column: str
    unit_found: str
    columns: list[Column]
    rows: list[Row]
    figures: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)

    @property
    def matched(self) -> list[Row]:
        return [r for r in self.rows if r.area_code and not r.reason]

    @property
    def left_out(self) -> list[Row]:
        return [r for r in self.rows if r.reason]


# -- the grid ---------------------------------------------------------------------------------------------
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ").strip()


def read_grid(data: bytes, name: str, sheet: str | None = None) -> tuple[str, list[list[object]]]:
    """(sheet name, rows of cell values) of an .xlsx or .csv; merged text cells are filled in every cell they cover."""
    if not data:
        raise InputError("tệp rỗng", name)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB, giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB)",
                         name)
    if name.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("tệp .csv không phải mã UTF-8; hãy lưu lại với mã UTF-8 (CSV UTF-8)", name) from None
        lines = unicodedata.normalize("NFC", text).splitlines()
        # Excel set to Vietnamese writes ';' (the comma is the decimal mark); names hold commas ("Tỉnh, thành phố")
        head = "\n".join(lines[:30])
        delimiter = ";" if ";" in head else ("\t" if "\t" in head else ",")
        return Path(name).stem, [list(r) for r in csv.reader(lines, delimiter=delimiter)]
    if not data.startswith(b"PK"):
        raise InputError("không phải tệp .xlsx hay .csv (tệp .xls cũ: hãy mở bằng Excel và lưu dạng .xlsx)", name)
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise InputError("tệp .xlsx bị hỏng; hãy mở bằng Excel và lưu lại", name) from None
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise InputError("tệp .xlsx giải nén ra quá lớn: có thể là tệp độc hại (zip bomb); không đọc", name)
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)  # formulas (subtotals) as the values Excel saved
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign package
        raise InputError(f"không mở được như bảng Excel .xlsx ({type(exc).__name__}); hãy lưu lại dạng .xlsx", name) from None
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise InputError(f"không có trang tính '{sheet}' (có: {', '.join(wb.sheetnames)})", name)
        ws = wb[sheet]
    else:  # the first sheet with a table on it
        ws = next((w for w in wb.worksheets if w.max_row >= 3), wb.worksheets[0])
    if ws.max_row * ws.max_column > MAX_CELLS:
        raise InputError(f"trang '{ws.title}' quá lớn ({ws.max_row} dòng × {ws.max_column} cột)", name)
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    for merged in ws.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and (merged.max_col > merged.min_col
                                                                                 or merged.max_row > merged.min_row):
            raise InputError(f"ô gộp {merged.coord} chứa số {value}: không biết số thuộc ô nào; hãy bỏ gộp ô",
                             f"{name}, trang {ws.title}, dòng {merged.min_row}")
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[r - 1][c - 1] = value
    return ws.title, grid


# -- reading ----------------------------------------------------------------------------------------------
def _year_of(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and 1980 <= value <= 2100 else None
    found = YEAR.findall(_text(value))
    return int(found[-1]) if len(found) == 1 else None


def _has(text: str, marks: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", low) for m in marks)


class _Indicators:
    def __init__(self, reference: Reference):
        self.by_key = {}
        for ind in reference.indicators.values():
            for name in (ind.name_vi, *ind.phrases):
                self.by_key.setdefault(keys(name)[1], ind.code)
        self.reference = reference

    def find(self, text: str) -> str | None:
        """The indicator a header or title names: its name or a phrase of the catalogue, longest first."""
        plain = keys(UNIT_IN_BRACKETS.sub("", clean(text)))[1]
        if plain in self.by_key:
            return self.by_key[plain]
        found = [k for k in self.by_key if len(k) >= 8 and k in plain]
        return self.by_key[max(found, key=len)] if found else None


def _unit(text: str, reference: Reference) -> str | None:
    """A unit the text states ('Đơn vị tính: %', '(tỷ đồng)'), as written, if the unit list knows it."""
    for pattern in (UNIT_IN_TITLE, UNIT_IN_BRACKETS):
        m = pattern.search(text)
        if m:
            unit = m.group("unit").strip().rstrip(".").strip()
            try:
                reference.units.lookup(unit)
                return unit
            except ValueError:
                continue
    return None


def _convert(unit_written: str, indicator_code: str, reference: Reference, where: str) -> str:
    indicator = reference.indicators[indicator_code]
    try:
        alias = reference.units.lookup(unit_written)
    except ValueError:
        raise InputError(f"đơn vị '{unit_written}' không có trong data/reference/units.csv", where) from None
    if alias.unit != indicator.unit:
        raise InputError(f"đơn vị '{unit_written}' không quy đổi được sang '{indicator.unit}' của chỉ tiêu "
                         f"'{indicator.name_vi}'", where)
    return unit_written


def _number(value) -> float | None:
    """A figure cell: a number, or None for "no figure"; raises ValueError on text that is not a number."""
    if isinstance(value, bool):
        raise ValueError("giá trị đúng/sai không phải số")
    if isinstance(value, (int, float)):
        return float(value)
    text = _text(value)
    text = re.sub(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰†]+$|\(\s*[\d*]\s*\)$", "", text).strip()
    if text.lower() in NO_FIGURE:
        return None
    try:
        return parse_number(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"'{_text(value)}' không phải số (để trống, '-' hoặc '…' nếu không có số liệu)") from None


def read_table(data: bytes, name: str, options: Options = Options(), inputs: build.Inputs = build.Inputs(),
               reference: Reference | None = None) -> TableReading:
    """Understand a published table; writes nothing. Raises InputError(s) naming sheet, row and column."""
    reference = reference or current_reference(inputs.reference)
    names = resolver(inputs.reference, reference)  # made once per reference folder state
    indicators = _Indicators(reference)
    sheet, grid = read_grid(data, name, options.sheet)
    width = max((len(r) for r in grid), default=0)
    grid = [list(r) + [None] * (width - len(r)) for r in grid]
    texts = [[_text(v) for v in r] for r in grid]

    def where(row: int, col: int | None = None) -> str:
        return f"{name}, trang {sheet}, dòng {row}" + (f", cột {get_column_letter(col + 1)}" if col is not None else "")

    if options.kind not in ("actual", "target"):
        raise InputError(f"loại số liệu '{options.kind}' phải là actual (thực hiện) hoặc target (chỉ tiêu)", name)
    if options.indicator and options.indicator not in reference.indicators:
        raise InputError(f"mã chỉ tiêu '{options.indicator}' không có trong data/reference/indicators.yaml", name)

    # the header: the first row with two or more years (or indicator names) whose first cell is not an area
    year_row = indicator_row = None
    for r in range(min(HEADER_SEARCH_ROWS, len(grid))):
        if any(names.resolve(t) for t in texts[r][:3] if t):
            break  # the body has begun
        if len(texts[r][0]) > 40:
            continue  # a title (merged across the table, so in every cell of its row)
        years = [c for c in range(1, width) if len(texts[r][c]) <= 30 and _year_of(grid[r][c]) is not None]
        if len(years) >= 2 or (len(years) == 1 and not isinstance(grid[r][years[0]], (int, float))):
            year_row = r
            break
        if indicator_row is None and any(len(t) <= 80 and indicators.find(t) for t in texts[r][1:] if t):
            indicator_row = r
    if year_row is None and indicator_row is None:
        raise InputError("không tìm thấy dòng tiêu đề có năm (ví dụ 2024, 2025) hay tên chỉ tiêu trong "
                         f"{HEADER_SEARCH_ROWS} dòng đầu", f"{name}, trang {sheet}")
    header = year_row if year_row is not None else indicator_row
    title_cells = list(dict.fromkeys(t for r in texts[:header] for t in r if t))
    title_text = " ".join(title_cells)
    # a second header row: marks ("Sơ bộ") or years under a merged title, just below the first
    header_rows = [header]
    if header + 1 < len(grid) and not any(names.resolve(t) for t in texts[header + 1][:3] if t):
        below = texts[header + 1]
        if any(_has(t, ESTIMATE_MARKS + TARGET_MARKS) for t in below if t) or (
                year_row is None and any(_year_of(v) for v in grid[header + 1])):
            header_rows.append(header + 1)
    body_start = header_rows[-1] + 1

    unit_table = options.unit or next((u for t in title_cells if (u := _unit(t, reference))), None) or next(
        (u for r in header_rows for t in texts[r] if t and (u := _unit(t, reference))), None)
    notes = []
    columns: list[Column] = []
    if year_row is not None:
        indicator = options.indicator or indicators.find(title_text) or next(
            (i for t in texts[header] if t and not _year_of(t) and (i := indicators.find(t))), None)
        if indicator is None:
            raise InputError("chưa rõ bảng là số liệu của chỉ tiêu nào: hãy chọn chỉ tiêu "
                             "(python -m etl import-table … --indicator MÃ)", f"{name}, trang {sheet}")
        for c in range(width):
            year = _year_of(grid[header][c])
            if year is None:
                continue
            head = " ".join(texts[r][c] for r in header_rows if texts[r][c])
            unit = _unit(head, reference) or unit_table
            if unit is None:
                raise InputError("không thấy đơn vị tính (ví dụ 'Đơn vị tính: %' ở tiêu đề); hãy ghi đơn vị "
                                 "(--unit)", where(header + 1, c))
            kind = "target" if _has(head, TARGET_MARKS) else options.kind
            columns.append(Column(get_column_letter(c + 1), c, head, year, indicator, kind,
                                  _has(head, ESTIMATE_MARKS), _convert(unit, indicator, reference, where(header + 1, c)),
                                  reference.indicators[indicator].name_vi))
    else:
        year = options.year or (int(YEAR.findall(title_text)[-1]) if YEAR.findall(title_text) else None)
        if year is None:
            raise InputError("bảng có chỉ tiêu theo cột nhưng không nói năm nào: hãy ghi năm (--year)",
                             f"{name}, trang {sheet}")
        for c in range(width):
            head = " ".join(texts[r][c] for r in header_rows if texts[r][c])
            code = indicators.find(head) if head else None
            if code is None:
                if head and c > 1 and not head.lower().startswith(("stt", "tt", "mã")):
                    notes.append(f"Cột {get_column_letter(c + 1)} ('{head}') không khớp chỉ tiêu nào trong danh mục: bỏ qua.")
                continue
            unit = _unit(head, reference) or unit_table or reference.indicators[code].unit
            kind = "target" if _has(head, TARGET_MARKS) else options.kind
            columns.append(Column(get_column_letter(c + 1), c, head, year, code, kind,
                                  _has(head + " " + title_text, ESTIMATE_MARKS),
                                  _convert(unit, code, reference, where(header + 1, c)),
                                  reference.indicators[code].name_vi))
    if not columns:
        raise InputError("không có cột số liệu nào", f"{name}, trang {sheet}")

    # the label column: left of the figures, the one whose cells name the most areas
    first_data = min(col.index for col in columns)
    candidates = range(first_data) if first_data > 0 else range(1)
    label_col = max(candidates, key=lambda c: sum(1 for r in range(body_start, len(grid))
                                                  if texts[r][c] and names.resolve(texts[r][c])))
    body = [(r, texts[r][label_col]) for r in range(body_start, len(grid))]
    former_layout = any((a := names.resolve(t)) is not None and a.kind == "tỉnh cũ" for _, t in body if t)
    # a column of official codes ("Mã", "Mã tỉnh"): rows join on the code, and the name must agree with it
    code_col = next((c for c in range(first_data) if c != label_col and any(
        CODE_HEADER.fullmatch(keys(texts[h][c])[1]) for h in header_rows)), None)

    rows: list[Row] = []
    figures: list[dict[str, str]] = []
    errors: list[InputError] = []
    seen: dict[tuple, int] = {}
    for r, label in body:
        values = [grid[r][col.index] for col in columns]
        if not label and all(_text(v) == "" for v in values):
            continue
        number = r + 1
        if not label:
            rows.append(Row(number, "", None, None, "không có tên địa bàn ở cột " + get_column_letter(label_col + 1)))
            continue
        if label.lower().startswith(NOTE_STARTS) or label.startswith(("(", "*")) or (
                len(label) > 60 and all(_text(v) == "" for v in values)):
            rows.append(Row(number, label, None, None, "dòng ghi chú"))
            continue
        region = names.region(label)
        area = names.resolve(label)
        if area is None and region:
            rows.append(Row(number, label, None, None, f"dòng tổng của vùng {region}"))
            continue
        code = texts[r][code_col] if code_col is not None else ""
        if code.isdigit():
            by_code = names.by_code(code, former=former_layout)
            if by_code is None:
                rows.append(Row(number, label, None, None, f"mã {code} không có trong danh mục đơn vị hành chính"))
                continue
            if area is not None and area.area_code != by_code.area_code:
                rows.append(Row(number, label, None, None, f"mã {code} là {by_code.name_vi}, tên là {area.name_vi}: "
                                                           "không khớp nên không nhập"))
                continue
            area = by_code
        if area is None:
            rows.append(Row(number, label, None, None, "không nhận ra tên tỉnh, thành phố"))
            continue
        if former_layout and area.is_current_province and area.merged_from:
            rows.append(Row(number, label, None, None,
                            f"bảng theo 63 tỉnh cũ: dòng này là tỉnh {area.name_vi} trước sáp nhập, không phải tỉnh "
                            f"{area.name_vi} mới; chưa có địa bàn riêng nên không nhập"))
            continue
        if area.area_code in seen:
            errors.append(InputError(f"'{label}' trùng địa bàn với dòng {seen[area.area_code]}", where(number)))
            continue
        seen[area.area_code] = number
        rows.append(Row(number, label, area.area_code, area.name_vi))
        for col, value in zip(columns, values):
            try:
                figure = _number(value)
            except ValueError as exc:
                errors.append(InputError(str(exc), where(number, col.index)))
                continue
            if figure is None:
                continue
            figures.append({"area_code": area.area_code, "indicator_code": col.indicator_code, "year": str(col.year),
                            "kind": col.kind, "operator": "=", "value": repr(figure) if not figure.is_integer()
                            else str(int(figure)), "unit": col.unit, "status": "estimate" if col.is_estimate else "",
                            "note": f"{sheet}!{col.letter}{number} ({label})"})
    if errors:
        raise InputErrors(errors)
    if not figures:
        raise InputError("không đọc được số liệu nào (không dòng nào khớp tỉnh, thành phố có số)", f"{name}, trang {sheet}")
    return TableReading(name, sheet, [h + 1 for h in header_rows], get_column_letter(label_col + 1),
                        unit_table or "", columns, rows, figures, notes)


# -- importing --------------------------------------------------------------------------------------------
def curated_name(source: Source) -> str:
    """'bang-toc-do-tang-grdp-2025-2026-01-05.csv': the table's title and date, one file per published table."""
    stem = slug(source.title)[:60].strip("-") or "bang"
    date = source.published_on.isoformat() if source.published_on else "khong-ngay"
    return f"{stem if stem.startswith('bang') else 'bang-' + stem}-{date}.csv"


def checked_rows(reading: TableReading, source: Source, inputs: build.Inputs,
                 reference: Reference) -> list[dict[str, str]]:
    """The curated rows with the source, each checked as the build will check it."""
    raw_files = {p.name for p in document_files(inputs.raw)} if inputs.raw.exists() else set()
    problems = source.problems(raw_files)
    if problems:
        raise InputError("nguồn của bảng chưa đủ: " + "; ".join(problems), reading.file_name)
    address = source.url.strip() or f"doc:{source.doc.strip()}"
    rows = [dict(f, source_urls=address) for f in reading.figures]
    name = curated_name(source)
    for i, row in enumerate(rows, start=2):
        try:
            parse_row(row, Path(name), i, reference, raw_files, None)
        except InputError as exc:
            raise InputError(f"{exc.message} ({row['note']})", reading.file_name) from None
    return rows


def _sources_yaml(curated: Path, name: str, source: Source) -> bytes:
    """sources.yaml with the table declared (its entry replaced when the same table is imported again)."""
    path = curated / "sources.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    text = re.sub(rf"(?m)^{re.escape(name)}:\n(?:[ \t]+.*\n?)*", "", text)
    if text and not text.endswith("\n"):
        text += "\n"

    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    text += (f"{name}:\n  publisher: {quoted(source.publisher.strip())}\n  title: {quoted(source.title.strip())}\n"
             f"  published_on: {source.published_on.isoformat()}\n")
    return text.encode("utf-8")


def import_table(reading: TableReading, source: Source, inputs: build.Inputs = build.Inputs(), db: Path | None = None,
                 progress=None) -> tuple[str, int]:
    """Write the table's figures as a curated CSV with its source, and rebuild; nothing changes on any error."""
    reference = current_reference(inputs.reference)
    rows = checked_rows(reading, source, inputs, reference)
    name = curated_name(source)
    if name in ("conflicts.csv", "sources.yaml"):
        raise InputError("tên bảng không hợp lệ", reading.file_name)

    def writes() -> dict[Path, bytes]:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return {inputs.curated / name: out.getvalue().encode("utf-8"),
                inputs.curated / "sources.yaml": _sources_yaml(inputs.curated, name, source)}

    known = load_sources(inputs.curated)
    if name in known and (inputs.curated / name).exists():
        progress and progress(0.0, f"Bảng {name} đã có: thay bằng bản mới.")
    apply_change(writes, inputs, db, progress)
    return name, len(rows)


# -- the command ------------------------------------------------------------------------------------------
def parse_date(text: str) -> dt.date | None:
    """'05/01/2026' (as written in Vietnam) or '2026-01-05'; None when empty."""
    if not text or not text.strip():
        return None
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"ngày công bố '{text}' không phải ngày (ví dụ 05/01/2026)") from None


def describe(reading: TableReading) -> list[str]:
    """The reading in words, for the command line."""
    lines = [f"Trang '{reading.sheet}', tiêu đề ở dòng {', '.join(map(str, reading.header_rows))}, tên địa bàn ở "
             f"cột {reading.label_column}" + (f", đơn vị: {reading.unit_found}" if reading.unit_found else "") + "."]
    for col in reading.columns:
        lines.append(f"  cột {col.letter}: {col.indicator_name} năm {col.year} "
                     f"({'chỉ tiêu' if col.kind == 'target' else 'thực hiện'}{', ước tính/sơ bộ' if col.is_estimate else ''}"
                     f"; {col.unit})  «{col.header}»")
    for row in reading.rows:
        if row.reason:
            lines.append(f"  dòng {row.number} «{row.label}»: bỏ qua — {row.reason}")
        else:
            lines.append(f"  dòng {row.number} «{row.label}» → {row.area_name}")
    lines += reading.notes
    lines.append(f"{len(reading.figures)} số liệu của {len(reading.matched)} địa bàn; {len(reading.left_out)} dòng bỏ qua.")
    return lines


def command(args, inputs: build.Inputs) -> int:
    if not args.file.is_file():
        raise InputError("không tìm thấy tệp", args.file)
    options = Options(args.indicator, args.kind, args.year, args.unit, args.sheet)
    reading = read_table(args.file.read_bytes(), args.file.name, options, inputs)
    for line in describe(reading):
        print(line)
    if args.dry_run:
        return 0
    source = Source(args.publisher, args.title, parse_date(args.date), args.url, args.doc)
    out = args.out or paths.default_database()
    name, n = import_table(reading, source, inputs, out)
    print(f"Đã nhập {n} số liệu vào data/curated/{name}; cơ sở dữ liệu: {out}.")
    return 0
