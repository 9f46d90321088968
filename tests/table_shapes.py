"""Tables laid out as the statistics office publishes them, built in code for the import tests and the benchmark.

Each builder returns (file name, bytes). The figures are made up; the layouts follow the office's yearbook and
press tables: a title merged across the table, the unit under it, provinces in rows with a "Cả nước" row and
region subtotals, footnote marks, "-" and "…" for no figure, "Sơ bộ" on the latest year.
"""
from __future__ import annotations

import io

from openpyxl import Workbook

TITLE_GROWTH = "Tốc độ tăng GRDP của các tỉnh, thành phố theo giá so sánh 2010"


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def wide_by_year() -> tuple[str, bytes]:
    """Years in columns, the latest "Sơ bộ 2024"; a "Cả nước" row, a region subtotal, footnote marks, notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    ws.append([TITLE_GROWTH])
    ws.merge_cells("A1:F1")
    ws.append(["Đơn vị tính: %"])
    ws.append([])
    ws.append(["Tỉnh, thành phố", 2020, 2021, 2022, 2023, "Sơ bộ 2024"])
    ws.append(["Cả nước", 2.87, 2.55, 8.12, 5.05, 7.09])
    ws.append(["Đồng bằng sông Hồng", 4.1, 4.4, 9.2, 6.1, 7.3])
    ws.append(["Hà Nội¹", 3.98, 2.92, 8.89, 6.27, 6.52])
    ws.append(["TP. Hải Phòng", 11.22, 12.38, 12.32, 10.34, 10.22])
    ws.append(["Trung du và miền núi phía Bắc", 4.8, 5.1, 8.6, 6.5, 7.9])
    ws.append(["tỉnh Lạng Sơn", 2.5, "-", "8,1", "…", 7.1])
    ws.append(["Cao Bằng (*)", None, 3.01, 6.4, 5.02, 6.03])
    ws.append([])
    ws.append(["Nguồn: Cục Thống kê, Niên giám thống kê 2024 (bảng giả lập)"])
    ws.append(["(1) Số liệu của Hà Nội theo địa giới hành chính năm 2024."])
    return "tang-truong-theo-nam.xlsx", _save(wb)


def wide_by_indicator() -> tuple[str, bytes]:
    """Indicators in columns for one year named in the title; numbers written as Vietnamese text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["Một số chỉ tiêu kinh tế - xã hội chủ yếu năm 2023 của các tỉnh, thành phố"])
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["STT", "Tỉnh, thành phố", "Tốc độ tăng trưởng GRDP (%)", "Thu ngân sách nhà nước (tỷ đồng)",
               "Số xã đạt chuẩn"])
    ws.append([1, "Thành phố Hồ Chí Minh", "5,81", "480.122,5", 56])
    ws.append([2, "Thừa Thiên Huế", "8,15", "12.006", 60])
    ws.append([3, "Khánh Hoà", "2,15", "…", 80])
    return "chi-tieu-theo-cot.xlsx", _save(wb)


def two_header_rows() -> tuple[str, bytes]:
    """Years on one header row, their marks ("Sơ bộ", "Ước tính") on the row below."""
    wb = Workbook()
    ws = wb.active
    ws.title = "GRDP"
    ws.append([TITLE_GROWTH + " (%)"])
    ws.append(["Tỉnh, thành phố", "Năm 2021", "Năm 2022", "Năm 2023", "Năm 2024"])
    ws.append([None, None, None, "Sơ bộ", "Ước tính"])
    ws.append(["Đà Nẵng", 4.1, 6.4, 2.58, 7.5])
    ws.append(["Gia Lai", 5.61, 7.45, 6.6, 8.1])
    return "hai-dong-tieu-de.xlsx", _save(wb)


def merged_cells() -> tuple[str, bytes]:
    """"Năm" merged over the years, "Tỉnh, thành phố" merged down two rows, region headings merged across."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng 2"
    ws.append([TITLE_GROWTH])
    ws.merge_cells("A1:D1")
    ws.append(["Đơn vị: %"])
    ws.append(["Tỉnh, thành phố", "Năm", None, None])
    ws.append([None, 2021, 2022, 2023])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:D3")
    ws.append(["Tây Nguyên", None, None, None])
    ws.merge_cells("A5:D5")
    ws.append(["Đắk Lắk", 3.9, 6.66, 5.3])
    ws.append(["Lâm Đồng", 5.1, 7.2, 6.08])
    return "o-gop.xlsx", _save(wb)


def region_grouped_csv() -> tuple[str, bytes]:
    """A CSV (semicolon, Vietnamese decimals) grouped by region, each with its subtotal row and indented names."""
    lines = [
        f"{TITLE_GROWTH};;",
        "Đơn vị tính: %;;",
        "Tỉnh, thành phố;2022;2023",
        "CẢ NƯỚC;8,12;5,05",
        "Đồng bằng sông Cửu Long;8,2;6,6",
        "   Cần Thơ;9,8;6,1",
        "   An Giang;7,1;6,4",
        "Đông Nam Bộ;8,2;5,6",
        "   Đồng Nai;6,4;5,9",
    ]
    return "theo-vung.csv", ("\n".join(lines) + "\n").encode("utf-8")


def former_provinces() -> tuple[str, bytes]:
    """A yearbook table of the 63 former provinces: former names, and the namesakes of merged provinces."""
    wb = Workbook()
    ws = wb.active
    ws.title = "63 tỉnh"
    ws.append([TITLE_GROWTH])
    ws.append(["Đơn vị tính: %"])
    ws.append(["Tỉnh, thành phố", 2022, 2023])
    ws.append(["Hà Giang", 6.4, 5.1])
    ws.append(["Tuyên Quang", 9.3, 7.1])
    ws.append(["Cao Bằng", 5.1, 5.0])
    ws.append(["Yên Bái", 9.0, 6.5])
    ws.append(["Bà Rịa - Vũng Tàu", 5.2, 4.7])
    return "63-tinh-cu.xlsx", _save(wb)


SHAPES = {"wide_by_year": wide_by_year, "wide_by_indicator": wide_by_indicator, "two_header_rows": two_header_rows,
          "merged_cells": merged_cells, "region_grouped_csv": region_grouped_csv, "former_provinces": former_provinces}


def provinces_by_years(names: list[str], years: range) -> tuple[str, bytes]:
    """A large wide-by-year table (the benchmark: 63 former provinces × 10 years)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu"
    ws.append([TITLE_GROWTH])
    ws.append(["Đơn vị tính: %"])
    ws.append(["Tỉnh, thành phố", *years])
    for i, name in enumerate(names):
        ws.append([name, *[round(3 + (i * 7 + y) % 90 / 10, 2) for y in years]])
    return "bang-lon.xlsx", _save(wb)


def with_codes() -> tuple[str, bytes]:
    """Official codes beside the names: rows join on the code; a name that disagrees with its code is left out."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Mã"
    ws.append([TITLE_GROWTH])
    ws.append(["Đơn vị tính: %"])
    ws.append(["Mã", "Tỉnh, thành phố", 2022, 2023])
    ws.append(["01", "Hà Nội", 8.89, 6.27])
    ws.append(["04", "Cao Bang province", 6.4, 5.02])   # a name the resolver does not know: the code decides
    ws.append(["22", "Lạng Sơn", 9.1, 7.0])             # 22 is Quảng Ninh: name and code disagree
    ws.append(["99", "Không rõ", 1.0, 1.0])
    return "co-ma.xlsx", _save(wb)


SHAPES["with_codes"] = with_codes
