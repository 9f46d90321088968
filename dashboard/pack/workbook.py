"""The briefing workbook (.xlsx): one sheet per topic, native Excel charts, pages set up for A4 landscape print."""
from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.marker import DataPoint

from ..briefing import (ACTUAL, BAR, HIGHLIGHT, NATIONAL, TARGET, TOP_UNITS, Briefing, growth_frame, sources_frame,
                        targets_frame, tasks_frame, unit_sources, units_frame)
from ..exports import PERCENT, POINTS, decimal_format, decimals_needed, sheet_title, workbook_bytes, write_table

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
        # no value labels: a number format would drop the target's operator (≥ 10 shown as 10) and LibreOffice
        # writes "series; category; value" over the bars; the table beside the chart states each figure in full
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


def build(b: Briefing) -> bytes:
    """The briefing workbook: one sheet per topic, native charts for growth and targets (rows streamed to the file)."""
    wb = Workbook(write_only=True)
    _growth_sheet(wb, b)
    _targets_sheet(wb, b)
    _units_sheets(wb, b)
    _sources_sheet(wb, b)
    wb.properties.title = f"Số liệu họp giao ban: kết quả {b.actual_year}, kế hoạch {b.target_year}"
    return workbook_bytes(wb)


