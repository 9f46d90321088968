"""Excel tables: read back what exports.table_xlsx writes, and the download buttons the pages show."""
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import db, exports

INJECTIONS = ["=1+2", "=HYPERLINK(\"http://x\",\"bấm\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTab", "\rCR"]


def _read(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def _sample() -> pd.DataFrame:
    return pd.DataFrame({
        "Tỉnh, thành phố": ["Lạng Sơn", "Cao Bằng", "Sơn La"],
        "Tăng trưởng GRDP (%)": [8.06, 7.22, None],
        "So với cả nước (điểm %)": pd.array([0.04, -0.8, None], dtype="Float64"),
        "Thu ngân sách": [18961.4, 4491.591, None],
        "Số nhiệm vụ": [15, 9, 0],
        "Năm": [2025, 2025, 2025],
        "Ngày công bố": pd.to_datetime(["2026-01-05", "2025-11-13", None]),
        "Có văn bản": [True, True, False],
        "Nhiệm vụ": ["=1+2", "-2+3", ""],
    })


def test_table_layout_title_filters_header_frozen_autofilter():
    ws = _read(exports.table_xlsx(_sample(), title="Tăng trưởng GRDP năm 2025", filters={"Năm": "2025", "Vùng": "Tất cả"},
                                  units={"Thu ngân sách": "tỷ đồng"}))
    assert ws["A1"].value == "Tăng trưởng GRDP năm 2025" and ws["A1"].font.b
    assert [ws["A2"].value, ws["A3"].value] == ["Năm: 2025", "Vùng: Tất cả"]
    header = [c.value for c in ws[5]]
    assert header == ["Tỉnh, thành phố", "Tăng trưởng GRDP (%)", "So với cả nước (điểm %)", "Thu ngân sách (tỷ đồng)",
                      "Số nhiệm vụ", "Năm", "Ngày công bố", "Có văn bản", "Nhiệm vụ"]
    assert all(c.font.b and c.fill.fgColor.rgb.endswith("1F4E79") for c in ws[5])
    assert ws.freeze_panes == "A6"
    assert ws.auto_filter.ref == "A5:I8"
    assert ws.column_dimensions["A"].width >= len("Tỉnh, thành phố")
    assert ws.column_dimensions["D"].width >= len("Thu ngân sách")


def test_numbers_stay_numbers_with_formats_dates_stay_dates_missing_stays_empty():
    ws = _read(exports.table_xlsx(_sample(), title="t"))
    first, third = ws[4], ws[6]
    assert [c.value for c in first[1:6]] == [8.06, 0.04, 18961.4, 15, 2025]
    assert [c.number_format for c in first[1:7]] == ["0.00", "+0.00;-0.00;0.00", "#,##0.000", "#,##0", "0", "dd/mm/yyyy"]
    assert first[6].value == dt.datetime(2026, 1, 5) and first[6].is_date
    assert third[1].value is None and third[2].value is None and third[6].value is None  # missing is empty, never 0
    assert [first[7].value, third[7].value] == ["Có", "Không"]


@pytest.mark.parametrize("header, values, expected", [
    ("Tăng trưởng GRDP (%)", [8.06, 7.2], "0.00"),
    ("Tỷ lệ (%)", [15.0, 9.5], "0.0"),
    ("Chênh lệch (điểm %)", [0.04], "+0.00;-0.00;0.00"),
    ("Thu ngân sách (tỷ đồng)", [18961.4, 3530.0], "#,##0.0"),
    ("Số doanh nghiệp", [1200.0, 35.0], "#,##0"),
    ("Số nhiệm vụ", [3, 4], "#,##0"),
    ("Năm", [2025, 2026], "0"),
    ("Tỉnh", ["Lạng Sơn"], None),
])
def test_number_format_is_inferred_from_name_and_values(header, values, expected):
    assert exports.infer_format(header, pd.Series(values)) == expected


def test_explicit_formats_override_the_inferred_ones():
    ws = _read(exports.table_xlsx(pd.DataFrame({"GRDP bình quân (triệu đồng)": [71.0, 56.85]}), title="t",
                                  formats={"GRDP bình quân (triệu đồng)": "#,##0.0"}))
    assert [ws["A4"].number_format, ws["A4"].value] == ["#,##0.0", 71.0]


def test_text_that_looks_like_a_formula_stays_text():
    """OWASP CSV injection: =, +, -, @, tab and carriage return at the start of a task text stay inert text."""
    frame = pd.DataFrame({"Đơn vị": ["Sở Nội vụ"] * len(INJECTIONS), "Nhiệm vụ": INJECTIONS})
    ws = _read(exports.table_xlsx(frame, title="=cmd()", filters={"Đơn vị": "=A1"}, sources=[("=1+1", "-quote")]))
    cells = [ws.cell(5 + i, 2) for i in range(len(INJECTIONS))]
    assert [c.value for c in cells] == INJECTIONS
    assert {c.data_type for c in cells} == {"s"}
    assert (ws["A1"].value, ws["A1"].data_type) == ("=cmd()", "s")
    assert (ws["A2"].value, ws["A2"].data_type) == ("Đơn vị: =A1", "s")
    source = [row for row in ws.iter_rows() if row[0].value == "=1+1"][0]
    assert (source[0].data_type, source[1].value, source[1].data_type) == ("s", "-quote", "s")


def test_sources_are_listed_under_the_table_with_quote_or_address(built_db):
    evidence = db.database(built_db).run("sources_for_indicator", indicator_code="grdp_growth", year=2025, kind="actual")
    frame = pd.DataFrame({"Tỉnh, thành phố": ["Lạng Sơn"], "Tăng trưởng GRDP (%)": [8.06]})
    ws = _read(exports.table_xlsx(frame, title="t", sources=evidence))
    rows = [[c.value for c in row[:2]] for row in ws.iter_rows(min_row=6)]  # title, blank, header, row, blank
    assert rows[0] == ["Nguồn", None]
    doc = [r for r in rows if r[0] and r[0].startswith("Văn bản:") and "lang-son" in r[0]]
    quotes = [r[1] for r in rows if r[1] and r[1].startswith("“")]
    assert doc and "“Tốc độ tăng trưởng GRDP đạt 8,06%, hoàn thành chỉ tiêu Chính phủ giao”" in quotes
    urls = [ws.cell(6 + i, 2) for i, r in enumerate(rows) if r[1] and r[1].startswith("https://")]
    assert urls and all(c.hyperlink is not None for c in urls)


def test_plain_source_lines_still_work():
    ws = _read(exports.table_xlsx(pd.DataFrame({"a": [1]}), title="t", sources=["Văn bản: Kế hoạch (lang-son)"]))
    assert [ws["A6"].value, ws["A7"].value] == ["Nguồn", "Văn bản: Kế hoạch (lang-son)"]


@pytest.mark.parametrize("name, expected", [
    ("tang-truong-grdp-2025.xlsx", "tang-truong-grdp-2025.xlsx"),
    ("Tăng trưởng GRDP 2025", "tang-truong-grdp-2025.xlsx"),
    ("Đơn vị và nhiệm vụ — Lạng Sơn", "don-vi-va-nhiem-vu-lang-son.xlsx"),
])
def test_file_names_are_ascii_and_say_what_they_hold(name, expected):
    assert exports.file_name(name) == expected


def test_growth_page_offers_its_table_and_the_briefing_pack(built_db, clear_streamlit_caches):
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    at.switch_page("app_pages/growth.py").run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "Tải bảng Excel (.xlsx)" in labels
    assert {"Sổ số liệu (.xlsx)", "Bài trình chiếu (.pptx)"} <= set(labels)


def test_cell_values_are_converted_once_and_converting_again_changes_nothing():
    import numpy as np

    values = [np.float64(8.06), np.float64("nan"), np.int64(34), True, np.bool_(False), "", "Lạng Sơn",
              pd.Timestamp("2026-01-05"), pd.NaT, pd.NA, None, 3.870000000000001]
    converted = [exports.cell_value(v) for v in values]
    assert converted == [8.06, None, 34, "Có", "Không", None, "Lạng Sơn", dt.date(2026, 1, 5), None, None, None, 3.87]
    assert [exports.cell_value(v) for v in converted] == converted
