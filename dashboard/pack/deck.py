"""The briefing deck (.pptx, 16:9): native, editable PowerPoint charts and a source line on every slide."""
from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches, Pt

from ..briefing import (ACTUAL, BAR, HIGHLIGHT, LEADING, NATIONAL, SUPPORTING, TARGET, TOP_UNITS, Briefing,
                        percent_targets, target_sources, unit_sources, units_frame)
from ..formatting import number, stated, with_unit
from . import content

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 in
MARGIN = Inches(0.5)


def _label(text) -> str:
    """Chart labels go into an XlsxWriter workbook, which turns '=…' into a formula: keep them text."""
    text = str(text)
    return " " + text if text.startswith(("=", "+", "-", "@")) else text


SOURCE_LINE_CHARS = 300  # what two lines of 10 pt hold across a 16:9 slide
SOURCES_PER_SLIDE = 12


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
    """Whole sources only: those that fit on the line, then how many more and where the full list is."""
    lines = lines or ["chưa có"]
    shown: list[str] = []
    for line in lines:
        if shown and len("; ".join(shown + [line])) > SOURCE_LINE_CHARS:
            break
        shown.append(line)
    text = "Nguồn: " + "; ".join(shown)
    if len(shown) < len(lines):
        text += f"; và {len(lines) - len(shown)} nguồn khác (danh sách đầy đủ ở các trang Nguồn số liệu cuối bài)"
    if note:
        text = f"{note} {text}"
    box = slide.shapes.add_textbox(MARGIN, SLIDE_H - Inches(0.85), SLIDE_W - 2 * MARGIN, Inches(0.75))
    box.name = "Nguồn"
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        paragraph.font.size = Pt(10)
        paragraph.font.color.rgb = _rgb("4B5563")


def _text_label(point, text: str, *, size: int, bold: bool = False) -> None:
    """A data label written as text ('≥ 10,71%', '8,06'): it keeps the figure's operator and reads the same in any
    Office locale, where a number format would show '10.71' on an English system."""
    label = point.data_label
    label.position = XL_LABEL_POSITION.OUTSIDE_END
    label.text_frame.text = text
    for paragraph in label.text_frame.paragraphs:
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold


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
            _text_label(point, number(shown["value"].iloc[i], 2), size=12, bold=True)
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
        labelled = (("actual_operator", "actual_value", None), ("target_operator", "target_value", "target_value_upper"))
        for series, colour, (op_col, value_col, upper_col) in zip(plot.series, (ACTUAL, TARGET), labelled):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)
            for i, (_, row) in enumerate(rates.iterrows()):
                if pd.notna(row[value_col]):  # a missing figure gets no bar and no label, never "0"
                    upper = row[upper_col] if upper_col else None
                    _text_label(series.points[i], stated(row[op_col], row[value_col], "%", upper), size=12)
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


def _sources_slides(prs, b: Briefing) -> None:
    """Every source of the deck in full, as many slides as it takes."""
    lines = content.sources(b)
    for start in range(0, len(lines), SOURCES_PER_SLIDE):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        part = "" if len(lines) <= SOURCES_PER_SLIDE else f" ({start // SOURCES_PER_SLIDE + 1})"
        _title(slide, f"Nguồn số liệu{part}", 26)
        box = slide.shapes.add_textbox(MARGIN, Inches(1.3), SLIDE_W - 2 * MARGIN, SLIDE_H - Inches(1.8))
        box.name = "Danh sách nguồn"
        frame = box.text_frame
        frame.word_wrap = True
        for n, line in enumerate(lines[start:start + SOURCES_PER_SLIDE], start=start + 1):
            paragraph = frame.paragraphs[0] if n == start + 1 else frame.add_paragraph()
            paragraph.text = f"{n}. {line}"
            paragraph.font.size = Pt(12)


def build(b: Briefing) -> bytes:
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
    _sources_slides(prs, b)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


