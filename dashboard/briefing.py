"""The briefing pack for a meeting (họp giao ban): a workbook and a 16:9 deck with native charts (no Streamlit)."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches, Pt

from etl.numbers import OPERATOR_SYMBOLS

from . import db, years
from .exports import (PERCENT, POINTS, decimal_format, decimals_needed, file_name, sheet_title, workbook_bytes,
                      write_table)
from .formatting import number, stated, with_unit
from .growth import growth_table
from .sources import source_lines
from .targets import RANK_UNIT, change

TOP_UNITS = 10
HIGHLIGHT = "C0392B"   # highlighted provinces, on every chart of the pack
BAR = "9DB4CF"         # other provinces
ACTUAL = "1F4E79"      # results of the actual year
TARGET = "F39C12"      # targets of the plan year
NATIONAL = "6B7280"    # the national figure, as on the app's charts
LEADING, SUPPORTING = "0F766E", "99D5CF"  # tasks a unit leads, tasks it carries out or supports
LEADING_ROLES = {"chủ trì", "chỉ đạo"}



@dataclass
class Briefing:
    """Everything the workbook, the deck and presentation mode show, read once from queries/."""
    provinces: list[str]                 # highlighted area codes, in the order asked
    province_names: dict[str, str]
    actual_year: int
    target_year: int
    growth: pd.DataFrame                 # provinces of grdp_growth_by_province with rank/gap columns (growth.py)
    national_value: float | None
    growth_sources: list[str]
    growth_evidence: pd.DataFrame
    targets: pd.DataFrame                # briefing_targets_vs_actuals
    tasks: pd.DataFrame                  # briefing_tasks
    indicator_sources: pd.DataFrame      # briefing_indicator_sources
    made_on: dt.date = field(default_factory=dt.date.today)

    @property
    def highlighted_names(self) -> list[str]:
        return [self.province_names.get(c, c) for c in self.provinces]

    def filters(self) -> dict[str, str]:
        return {
            "Năm thực hiện": str(self.actual_year),
            "Năm kế hoạch": str(self.target_year),
            "Tỉnh, thành phố làm nổi bật": ", ".join(self.highlighted_names) or "không có",
            "Ngày lập": f"{self.made_on:%d/%m/%Y}",
        }


def default_provinces() -> list[str]:
    """The provinces whose documents we hold."""
    return db.run_query("briefing_document_areas")["area_code"].tolist()


def load(provinces: list[str] | None = None, *, actual_year: int | None = None,
         target_year: int | None = None, made_on: dt.date | None = None, drop_unknown: bool = False) -> Briefing:
    """Read the pack's data; the years default to those of the data (dashboard/years.py).

    No provinces: those whose documents we hold. An unknown code is an error, or dropped with `drop_unknown`
    (the app passes what the URL says; the page already told the user about a wrong code).
    """
    if actual_year is None or target_year is None:
        found = years.from_database()
        actual_year = found.results if actual_year is None else actual_year
        target_year = found.plan if target_year is None else target_year
    frame = db.run_query("grdp_growth_by_province", year=actual_year)
    growth, national_value = growth_table(frame)
    known = dict(zip(growth["area_code"], growth["area_name"]))
    provinces = list(dict.fromkeys(provinces or []))
    unknown = [c for c in provinces if c not in known]
    if unknown and not drop_unknown:
        raise ValueError(f"không có tỉnh, thành phố mã {', '.join(unknown)} (mã đúng ví dụ: lang-son, cao-bang)")
    provinces = [c for c in provinces if c in known] or default_provinces()
    growth["is_highlighted"] = growth["area_code"].isin(provinces)
    evidence = db.run_query("sources_for_indicator", indicator_code="grdp_growth", year=actual_year, kind="actual")
    targets = db.run_query("briefing_targets_vs_actuals", area_codes=provinces, actual_year=actual_year, target_year=target_year)
    order = {c: i for i, c in enumerate(provinces)}
    targets = targets.assign(_area=targets["area_code"].map(order), _pct=targets["unit"] != "%")
    targets = targets.sort_values(["_area", "_pct"], kind="stable").drop(columns=["_area", "_pct"]).reset_index(drop=True)
    return Briefing(
        provinces=provinces, province_names={c: known[c] for c in provinces}, actual_year=actual_year,
        target_year=target_year, growth=growth.reset_index(drop=True), national_value=national_value,
        growth_sources=source_lines(evidence), growth_evidence=evidence, targets=targets,
        tasks=db.run_query("briefing_tasks", area_codes=provinces),
        indicator_sources=db.run_query("briefing_indicator_sources", area_codes=provinces, actual_year=actual_year,
                                target_year=target_year),
        made_on=made_on or dt.date.today(),
    )


# --- tables of the pack (shared by the workbook, the deck and presentation mode) ---

def _symbol(operator) -> str:
    return OPERATOR_SYMBOLS.get(operator, "") if isinstance(operator, str) else ""


def growth_frame(b: Briefing) -> pd.DataFrame:
    """Provinces with a figure first (highest growth first), then those without."""
    g = b.growth
    return pd.DataFrame({
        "Tỉnh, thành phố": g["area_name"],
        "Vùng": g["region_vi"],
        f"Tăng trưởng GRDP {b.actual_year} (%)": g["value"],
        "Cả nước (%)": [b.national_value if pd.notna(v) else None for v in g["value"]],
        "Chênh lệch so với cả nước (điểm %)": pd.to_numeric(g["gap_pp"], errors="coerce"),
        "Xếp hạng": pd.array([int(r) if pd.notna(r) else None for r in g["rank_computed"]], dtype="Int64"),
        "Làm nổi bật": g["is_highlighted"].astype(bool),
        "Ghi chú": g["mark"],
    })


def targets_frame(b: Briefing) -> pd.DataFrame:
    t = b.targets
    actual = t["actual_value"]
    target = t["target_value"]
    return pd.DataFrame({
        "Tỉnh, thành phố": t["area_name"],
        "Chỉ tiêu": t["indicator_name"],
        "Đơn vị tính": t["unit"],
        "So sánh (TH)": [_symbol(o) for o in t["actual_operator"]],
        f"Thực hiện {b.actual_year}": actual,
        "So sánh (KH)": [_symbol(o) for o in t["target_operator"]],
        f"Mục tiêu {b.target_year}": target,
        f"Mục tiêu {b.target_year} (cận trên)": t["target_value_upper"],
        # the same measure as the targets page: points for rates, per cent for amounts, places for ranks
        "Mức thay đổi mục tiêu đặt ra": [change(a, tv, is_rate=bool(r), unit=u)
                                          for a, tv, r, u in zip(actual, target, t["is_rate"], t["unit"])],
        "Đơn vị thay đổi": [_change_unit(bool(r), u) for r, u in zip(t["is_rate"], t["unit"])],
        "Số nguồn": t["n_sources"].astype("int64"),
    })


def _change_unit(is_rate: bool, unit: str) -> str:
    return "điểm %" if is_rate else ("bậc" if unit == RANK_UNIT else "%")


def units_frame(b: Briefing) -> pd.DataFrame:
    """One row per unit (in one province), the units carrying the most tasks first."""
    t = b.tasks
    if t.empty:
        return pd.DataFrame(columns=["Tỉnh, thành phố", "Đơn vị", "Số nhiệm vụ", "Chủ trì, chỉ đạo",
                                     "Thực hiện, phối hợp, tham mưu", "Nhóm nhiệm vụ"])
    t = t.assign(is_leading=t["role"].isin(LEADING_ROLES))
    grouped = t.groupby(["area_name", "unit_name"], sort=False).agg(
        n=("task_text", "size"), leading=("is_leading", "sum"),
        categories=("category_vi", lambda s: "; ".join(dict.fromkeys(s)))).reset_index()
    grouped = grouped.sort_values(["n", "leading", "unit_name"], ascending=[False, False, True], kind="stable")
    return pd.DataFrame({
        "Tỉnh, thành phố": grouped["area_name"].to_numpy(),
        "Đơn vị": grouped["unit_name"].to_numpy(),
        "Số nhiệm vụ": grouped["n"].astype("int64").to_numpy(),
        "Chủ trì, chỉ đạo": grouped["leading"].astype("int64").to_numpy(),
        "Thực hiện, phối hợp, tham mưu": (grouped["n"] - grouped["leading"]).astype("int64").to_numpy(),
        "Nhóm nhiệm vụ": grouped["categories"].to_numpy(),
    })


def tasks_frame(b: Briefing) -> pd.DataFrame:
    t = b.tasks
    return pd.DataFrame({
        "Tỉnh, thành phố": t["area_name"], "Văn bản": t["doc_id"], "Thứ tự": t["ordinal"].astype("int64"),
        "Đơn vị": t["unit_name"], "Vai trò": t["role"], "Nhóm nhiệm vụ": t["category_vi"], "Nhiệm vụ": t["task_text"],
    })


def sources_frame(b: Briefing) -> pd.DataFrame:
    s = b.indicator_sources
    is_doc = s["doc_id"].notna()
    return pd.DataFrame({
        "Tỉnh, thành phố": s["area_name"],
        "Chỉ tiêu": s["indicator_name"],
        "Năm": s["year"].astype("int64"),
        "Loại": ["Thực hiện" if k == "actual" else "Mục tiêu" for k in s["kind"]],
        "So sánh": [_symbol(o) for o in s["operator"]],
        "Giá trị": s["value"],
        "Cận trên": s["value_upper"],
        "Đơn vị tính": s["unit"],
        "Nguồn": [f"Văn bản: {t} ({d})" if doc else f"{st} — {p}" for doc, t, d, st, p in
                  zip(is_doc, s["doc_title"], s["doc_id"], s["source_title"], s["publisher"])],
        "Câu trích hoặc địa chỉ": [q if doc else u for doc, q, u in zip(is_doc, s["quote"], s["source_url"])],
        "Ngày công bố": s["published_on"],
    })


def unit_sources(b: Briefing) -> list[str]:
    docs = b.tasks.drop_duplicates("doc_id")
    return [f"Văn bản: {t} ({d})" for t, d in zip(docs["doc_title"], docs["doc_id"])]


def target_sources(b: Briefing, area_code: str | None = None) -> list[str]:
    s = b.indicator_sources
    if area_code:
        s = s[s["area_code"] == area_code]
    return source_lines(s)


def percent_targets(b: Briefing, area_code: str) -> pd.DataFrame:
    """A province's rate indicators (in %) that have a result or a target: the ones one chart can compare."""
    t = b.targets
    part = t[(t["area_code"] == area_code) & (t["unit"] == "%")]
    return part[part["actual_value"].notna() | part["target_value"].notna()]


# --- workbook ---

def _row_formats(frame: pd.DataFrame, unit_column: str, value_columns: list[str]) -> list[dict[str, str]]:
    """Rows of mixed units: each row gets the format its unit and values need."""
    formats = []
    for unit, *values in zip(frame[unit_column], *(frame[c] for c in value_columns)):
        fmt = PERCENT if unit == "%" else decimal_format(decimals_needed(values, 3))
        formats.append(dict.fromkeys(value_columns, fmt))
    return formats


def _growth_sheet(wb: Workbook, b: Briefing) -> None:
    ws = wb.create_sheet(sheet_title("Tăng trưởng"))
    frame = growth_frame(b)
    value_col = frame.columns[2]
    rng = write_table(ws, frame, title=f"Tăng trưởng GRDP năm {b.actual_year} của các tỉnh, thành phố so với cả nước",
                      filters=b.filters(), sources=b.growth_evidence,
                      notes=["Dấu * là số ước tính; dấu † là số có bất nhất giữa các nguồn. Ô trống: chưa có số liệu."])
    n = int(frame[value_col].notna().sum())
    if not n:
        return
    last = rng.first_row + n - 1
    bars = BarChart()
    bars.type, bars.grouping = "col", "clustered"
    bars.title = f"Tăng trưởng GRDP {b.actual_year} (%)"
    bars.add_data(Reference(ws, min_col=rng.column(value_col), min_row=rng.header_row, max_row=last), titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=rng.first_row, max_row=last))
    bars.series[0].graphicalProperties.solidFill = BAR
    bars.series[0].graphicalProperties.line.noFill = True
    for i, highlighted in enumerate(frame["Làm nổi bật"].iloc[:n]):
        if highlighted:
            point = DataPoint(idx=i)
            point.graphicalProperties.solidFill = HIGHLIGHT
            bars.series[0].dPt.append(point)
    line = LineChart()
    line.add_data(Reference(ws, min_col=rng.column("Cả nước (%)"), min_row=rng.header_row, max_row=last),
                  titles_from_data=True)
    line.series[0].graphicalProperties.line.solidFill = NATIONAL
    line.series[0].graphicalProperties.line.dashStyle = "dash"
    line.series[0].marker.symbol = "none"
    line.series[0].smooth = False
    bars.y_axis.title = "%"
    bars.y_axis.number_format = "0.0"
    bars.y_axis.majorGridlines = None
    bars.x_axis.delete = False
    bars.y_axis.delete = False
    bars.legend.position = "b"
    bars += line
    bars.width, bars.height = 30, 12
    ws.add_chart(bars, "J4")


def _targets_sheet(wb: Workbook, b: Briefing) -> None:
    ws = wb.create_sheet(sheet_title("Mục tiêu và thực hiện"))
    frame = targets_frame(b)
    actual_col, target_col = f"Thực hiện {b.actual_year}", f"Mục tiêu {b.target_year}"
    rng = write_table(ws, frame, title=f"Mục tiêu {b.target_year} so với thực hiện {b.actual_year}",
                      filters=b.filters(), sources=b.indicator_sources,
                      formats={"Mức thay đổi mục tiêu đặt ra": POINTS},
                      row_formats=_row_formats(frame, "Đơn vị tính",
                                               [actual_col, target_col, f"Mục tiêu {b.target_year} (cận trên)"]),
                      notes=["Mỗi dòng một đơn vị tính (cột Đơn vị tính). Mức thay đổi mục tiêu đặt ra: điểm % với "
                             "chỉ tiêu tỷ lệ, % với chỉ tiêu quy mô, bậc với xếp hạng (cột Đơn vị thay đổi)."])
    anchor_row = 4
    for code in b.provinces:
        rows = [i for i, (a, u) in enumerate(zip(b.targets["area_code"], b.targets["unit"])) if a == code and u == "%"]
        if not rows:
            continue
        first, last = rng.first_row + rows[0], rng.first_row + rows[-1]  # rates come first for each province
        chart = BarChart()
        chart.type, chart.grouping = "col", "clustered"
        chart.title = f"{b.province_names[code]}: mục tiêu {b.target_year} và thực hiện {b.actual_year} (%)"
        for column, colour in ((actual_col, ACTUAL), (target_col, TARGET)):
            series = Series(Reference(ws, min_col=rng.column(column), min_row=first, max_row=last), title=column)
            series.graphicalProperties.solidFill = colour
            chart.series.append(series)
        chart.set_categories(Reference(ws, min_col=rng.column("Chỉ tiêu"), min_row=first, max_row=last))
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showVal = True
        chart.y_axis.number_format = "0.0"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.legend.position = "b"
        chart.width, chart.height = 22, 9
        ws.add_chart(chart, f"M{anchor_row}")
        anchor_row += 19


def _units_sheets(wb: Workbook, b: Briefing) -> None:
    ws = wb.create_sheet(sheet_title("Đơn vị và nhiệm vụ"))
    frame = units_frame(b)
    rng = write_table(ws, frame, title="Đơn vị đảm nhận nhiều nhiệm vụ nhất", filters=b.filters(),
                      sources=unit_sources(b))
    n = min(len(frame), TOP_UNITS)
    if n:
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"{n} đơn vị đảm nhận nhiều nhiệm vụ nhất"
        chart.add_data(Reference(ws, min_col=rng.column("Số nhiệm vụ"), min_row=rng.header_row,
                                 max_row=rng.first_row + n - 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=rng.column("Đơn vị"), min_row=rng.first_row, max_row=rng.first_row + n - 1))
        chart.series[0].graphicalProperties.solidFill = ACTUAL
        chart.x_axis.scaling.orientation = "maxMin"  # the unit with most tasks on top
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.legend = None
        chart.width, chart.height = 20, 10
        ws.add_chart(chart, "H4")
    detail = wb.create_sheet(sheet_title("Nhiệm vụ"))
    write_table(detail, tasks_frame(b), title="Nhiệm vụ các văn bản giao cho từng đơn vị", filters=b.filters(),
                sources=unit_sources(b), widths={"Nhiệm vụ": 90})


def _sources_sheet(wb: Workbook, b: Briefing) -> None:
    ws = wb.create_sheet(sheet_title("Chỉ số và nguồn"))
    frame = sources_frame(b)
    write_table(ws, frame, title="Các chỉ số và nguồn của từng số liệu", filters=b.filters(),
                row_formats=_row_formats(frame, "Đơn vị tính", ["Giá trị", "Cận trên"]),
                widths={"Câu trích hoặc địa chỉ": 80})


def workbook(b: Briefing) -> bytes:
    """The briefing workbook: one sheet per topic, native charts for growth and targets (rows streamed to the file)."""
    wb = Workbook(write_only=True)
    _growth_sheet(wb, b)
    _targets_sheet(wb, b)
    _units_sheets(wb, b)
    _sources_sheet(wb, b)
    wb.properties.title = f"Số liệu họp giao ban: kết quả {b.actual_year}, kế hoạch {b.target_year}"
    return workbook_bytes(wb)


# --- deck ---

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 in
MARGIN = Inches(0.5)


def _label(text) -> str:
    """Chart labels go into an XlsxWriter workbook, which turns '=…' into a formula: keep them text."""
    text = str(text)
    return " " + text if text.startswith(("=", "+", "-", "@")) else text


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def _title(slide, text: str, size: int = 28) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), SLIDE_W - 2 * MARGIN, Inches(0.9)
    shape.text = text
    for paragraph in shape.text_frame.paragraphs:
        paragraph.font.size = Pt(size)
        paragraph.font.bold = True
        paragraph.font.color.rgb = _rgb("1F2937")


def _source_line(slide, lines: list[str], note: str = "") -> None:
    text = "Nguồn: " + ("; ".join(lines) if lines else "chưa có")
    text = _short(text, 330)
    if note:
        text = f"{note} {text}"
    box = slide.shapes.add_textbox(MARGIN, SLIDE_H - Inches(0.75), SLIDE_W - 2 * MARGIN, Inches(0.6))
    box.name = "Nguồn"
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        paragraph.font.size = Pt(10)
        paragraph.font.color.rgb = _rgb("4B5563")


def _chart_style(chart, *, legend: bool, font_size: int = 12) -> None:
    chart.font.size = Pt(font_size)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = _rgb("E5E7EB")
    chart.value_axis.tick_labels.number_format = "0.0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.minimum_scale = 0  # bars start at zero, or a small gap looks large


def _as_line(chart, series_index: int) -> None:
    """Move one series of a column chart into a line chart on the same axes (python-pptx has no combo charts)."""
    plot_area = chart._chartSpace.chart.plotArea
    bar = plot_area.find(qn("c:barChart"))
    ser = bar.findall(qn("c:ser"))[series_index]
    bar.remove(ser)
    for child in ser.findall(qn("c:invertIfNegative")):
        ser.remove(child)
    axis_ids = "".join(f'<c:axId val="{a.get("val")}"/>' for a in bar.findall(qn("c:axId")))
    line = parse_xml(f'<c:lineChart {nsdecls("c")}><c:grouping val="standard"/><c:varyColors val="0"/>'
                     f'<c:marker val="1"/>{axis_ids}</c:lineChart>')
    line.insert(2, ser)
    bar.addnext(line)


def _growth_slide(prs, b: Briefing) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    national = f" — cả nước {with_unit(b.national_value, '%')}" if b.national_value is not None else ""
    _title(slide, f"Tăng trưởng GRDP năm {b.actual_year} các tỉnh, thành phố{national}", 26)
    shown = b.growth[b.growth["value"].notna()]
    data = CategoryChartData(number_format="0.00")
    data.categories = [_label(n) for n in shown["area_name"]]
    data.add_series(_label(f"Tăng trưởng GRDP {b.actual_year} (%)"), [float(v) for v in shown["value"]])
    if b.national_value is not None:
        data.add_series(_label(f"Cả nước ({with_unit(b.national_value, '%')})"), [b.national_value] * len(shown))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, Inches(1.25), SLIDE_W - 2 * MARGIN,
                                   Inches(5.2), data)
    frame.name = "Biểu đồ tăng trưởng"
    chart = frame.chart
    _chart_style(chart, legend=True, font_size=11)
    chart.category_axis.tick_labels.font.size = Pt(10)
    bars = chart.plots[0]
    bars.gap_width = 40
    series = bars.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _rgb(BAR)
    for i, highlighted in enumerate(shown["is_highlighted"]):
        if highlighted:
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(HIGHLIGHT)
            point.data_label.has_text_frame = False
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
            point.data_label.font.size = Pt(10)
            point.data_label.font.bold = True
            point.data_label.show_value = True
    if b.national_value is not None:
        _as_line(chart, 1)
        line = chart.plots[1].series[0]
        line.format.line.color.rgb = _rgb(NATIONAL)
        line.format.line.dash_style = MSO_LINE.DASH
        line.format.line.width = Pt(2.25)
        line.marker.style = XL_MARKER_STYLE.NONE
        line.smooth = False
    missing = b.growth[b.growth["value"].isna()]["area_name"].tolist()
    highlighted = ", ".join(f"{n} {with_unit(v, '%')} (hạng {r})" for n, v, r in
                            zip(shown[shown["is_highlighted"]]["area_name"], shown[shown["is_highlighted"]]["value"],
                                shown[shown["is_highlighted"]]["rank_text"]))
    note = f"Màu đỏ: {highlighted}." if highlighted else ""
    if missing:
        note += f" Chưa có số liệu: {', '.join(missing)}."
    _source_line(slide, b.growth_sources, note.strip())


def _targets_slide(prs, b: Briefing, code: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    name = b.province_names[code]
    _title(slide, f"{name}: mục tiêu {b.target_year} so với thực hiện {b.actual_year}", 26)
    rates = percent_targets(b, code)
    others = b.targets[(b.targets["area_code"] == code) & (b.targets["unit"] != "%")]
    chart_width = SLIDE_W - 2 * MARGIN if others.empty else Inches(7.6)
    if rates.empty:
        box = slide.shapes.add_textbox(MARGIN, Inches(1.5), chart_width, Inches(1))
        box.text_frame.text = "Chưa có chỉ tiêu tính bằng % để so sánh trên biểu đồ."
    else:
        data = CategoryChartData(number_format="0.00")
        data.categories = [_label(_short(n, 45)) for n in rates["indicator_name"]]
        data.add_series(_label(f"Thực hiện {b.actual_year} (%)"), [None if pd.isna(v) else float(v) for v in rates["actual_value"]])
        data.add_series(_label(f"Mục tiêu {b.target_year} (%)"), [None if pd.isna(v) else float(v) for v in rates["target_value"]])
        frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, Inches(1.25), chart_width, Inches(5.2), data)
        frame.name = f"Biểu đồ mục tiêu {name}"
        chart = frame.chart
        _chart_style(chart, legend=True)
        plot = chart.plots[0]
        plot.gap_width = 60
        plot.has_data_labels = True
        plot.data_labels.number_format = "0.00"
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.data_labels.font.size = Pt(11)
        for series, colour in zip(plot.series, (ACTUAL, TARGET)):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)
    if not others.empty:
        rows = others.head(9)
        left = MARGIN + chart_width + Inches(0.2)
        width = SLIDE_W - MARGIN - left
        table = slide.shapes.add_table(len(rows) + 1, 3, left, Inches(1.35), width, Inches(0.4) * (len(rows) + 1)).table
        table.columns[0].width = int(width * 0.46)
        table.columns[1].width = table.columns[2].width = int(width * 0.27)
        heads = ["Chỉ tiêu khác", f"Thực hiện {b.actual_year}", f"Mục tiêu {b.target_year}"]
        cells = [heads] + [[r.indicator_name, stated(r.actual_operator, r.actual_value, r.unit),
                            stated(r.target_operator, r.target_value, r.unit, r.target_value_upper)]
                           for r in rows.itertuples()]
        for i, row in enumerate(cells):
            for j, text in enumerate(row):
                cell = table.cell(i, j)
                cell.text = text
                for paragraph in cell.text_frame.paragraphs:
                    paragraph.font.size = Pt(11 if i else 12)
    _source_line(slide, target_sources(b, code))


def _units_slide(prs, b: Briefing) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    units = units_frame(b).head(TOP_UNITS)
    _title(slide, f"Các đơn vị đảm nhận nhiều nhiệm vụ nhất ({', '.join(b.highlighted_names)})", 24)
    if units.empty:
        box = slide.shapes.add_textbox(MARGIN, Inches(1.5), SLIDE_W - 2 * MARGIN, Inches(1))
        box.text_frame.text = "Các văn bản của những tỉnh này chưa giao nhiệm vụ cho đơn vị nào."
    else:
        data = CategoryChartData(number_format="0")
        data.categories = [_label(f"{_short(u, 55)} ({a})") for u, a in zip(units["Đơn vị"], units["Tỉnh, thành phố"])]
        data.add_series("Chủ trì, chỉ đạo", [int(v) for v in units["Chủ trì, chỉ đạo"]])
        data.add_series("Thực hiện, phối hợp, tham mưu", [int(v) for v in units["Thực hiện, phối hợp, tham mưu"]])
        frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, MARGIN, Inches(1.25), SLIDE_W - 2 * MARGIN,
                                       Inches(5.2), data)
        frame.name = "Biểu đồ đơn vị và nhiệm vụ"
        chart = frame.chart
        _chart_style(chart, legend=True)
        chart.value_axis.tick_labels.number_format = "0"
        chart.value_axis.major_unit = 1
        chart.category_axis.reverse_order = True  # the unit with most tasks on top
        chart.category_axis.tick_labels.font.size = Pt(11)
        plot = chart.plots[0]
        plot.gap_width = 50
        for series, colour in zip(plot.series, (LEADING, SUPPORTING)):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)
    _source_line(slide, unit_sources(b))


def _title_slide(prs, b: Briefing) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top, title.width, title.height = MARGIN, Inches(1.6), SLIDE_W - 2 * MARGIN, Inches(1.8)
    title.text = (f"Kết quả phát triển kinh tế - xã hội năm {b.actual_year} và mục tiêu năm {b.target_year} "
                  "của các tỉnh, thành phố")
    title.text_frame.paragraphs[0].font.size = Pt(36)
    title.text_frame.paragraphs[0].font.bold = True
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(3.7), SLIDE_W - 2 * MARGIN, Inches(2.4)
    subtitle.text_frame.text = f"Tài liệu họp giao ban — ngày {b.made_on:%d/%m/%Y}"
    for key, value in b.filters().items():
        if key == "Ngày lập":
            continue
        paragraph = subtitle.text_frame.add_paragraph()
        paragraph.text = f"{key}: {value}"
    for i, paragraph in enumerate(subtitle.text_frame.paragraphs):
        paragraph.font.size = Pt(22 if i == 0 else 18)
    _source_line(slide, ["văn bản của các tỉnh, thành phố và bảng số liệu đã công bố (chi tiết ở từng trang và "
                         "trong sổ số liệu kèm theo)"])


def deck(b: Briefing) -> bytes:
    """The 16:9 briefing deck: title, growth, targets per highlighted province, units with most tasks."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    prs.core_properties.title = f"Họp giao ban: kết quả {b.actual_year}, kế hoạch {b.target_year}"
    prs.core_properties.language = "vi-VN"
    _title_slide(prs, b)
    _growth_slide(prs, b)
    for code in b.provinces:
        _targets_slide(prs, b, code)
    _units_slide(prs, b)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


# --- files ---

def pack_file_names(actual_year: int, target_year: int) -> dict[str, str]:
    stem = f"hop-giao-ban-ktxh-{actual_year}-{target_year}"
    return {"xlsx": file_name(f"so-lieu-{stem}", "xlsx"), "pptx": file_name(f"trinh-chieu-{stem}", "pptx")}


def workbook_for(provinces: list[str] | None = None) -> bytes:
    return workbook(load(provinces, drop_unknown=True))


def deck_for(provinces: list[str] | None = None) -> bytes:
    return deck(load(provinces, drop_unknown=True))


def write_pack(out_dir: Path, provinces: list[str] | None = None) -> list[Path]:
    """Write the workbook and the deck into out_dir; returns their paths."""
    b = load(provinces)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = pack_file_names(b.actual_year, b.target_year)
    written = []
    for kind, content in (("xlsx", workbook(b)), ("pptx", deck(b))):
        path = out_dir / names[kind]
        path.write_bytes(content)
        written.append(path)
    return written
