"""The briefing pack: read back the workbook (sheets, formats, native charts) and the deck (slides, charts, sources)."""
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from pptx.util import Emu

import dashboard.pack as briefing_pack
from dashboard import briefing

ROOT = Path(__file__).resolve().parent.parent
HEADER_ROW = 7  # title, four filter lines, a blank line, then the header
DAY = dt.date(2026, 1, 12)


@pytest.fixture(scope="module")
def pack(built_db):
    b = briefing.load(made_on=DAY)
    workbook, deck = briefing_pack.workbook.build(b), briefing_pack.deck.build(b)
    return b, openpyxl.load_workbook(io.BytesIO(workbook)), Presentation(io.BytesIO(deck))


def test_default_provinces_are_those_whose_documents_we_hold(pack):
    b, _, _ = pack
    assert b.provinces == ["an-giang", "cao-bang", "hai-phong", "lang-son"]
    assert b.highlighted_names == ["An Giang", "Cao Bằng", "Hải Phòng", "Lạng Sơn"]


def test_workbook_has_a_sheet_per_topic_each_a_formatted_table(pack):
    _, wb, _ = pack
    assert wb.sheetnames == ["Tăng trưởng", "Mục tiêu và thực hiện", "Đơn vị và nhiệm vụ", "Nhiệm vụ", "Chỉ số và nguồn"]
    for ws in wb:
        assert ws["A2"].value == "Năm thực hiện: 2025"
        assert ws["A4"].value == "Tỉnh, thành phố làm nổi bật: An Giang, Cao Bằng, Hải Phòng, Lạng Sơn"
        assert ws.cell(HEADER_ROW, 1).value == "Tỉnh, thành phố" and ws.cell(HEADER_ROW, 1).font.b
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
        assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:")


def test_growth_sheet_numbers_and_native_combo_chart(pack):
    _, wb, _ = pack
    ws = wb["Tăng trưởng"]
    assert [c.value for c in ws[HEADER_ROW]] == ["Tỉnh, thành phố", "Vùng", "Tăng trưởng GRDP 2025 (%)", "Cả nước (%)",
                                                 "Chênh lệch so với cả nước (điểm %)", "Xếp hạng", "Làm nổi bật", "Ghi chú"]
    first = ws[HEADER_ROW + 1]
    assert [first[0].value, first[2].value, first[3].value, first[4].value] == ["Quảng Ninh", 11.89, 8.02, 3.87]
    assert [first[2].number_format, first[4].number_format] == ["0.00", "+0.00;-0.00;0.00"]
    (chart,) = ws._charts
    bars, line = chart._charts
    assert type(bars).__name__ == "BarChart" and type(line).__name__ == "LineChart"
    assert bars.x_axis.delete is False and bars.y_axis.delete is False
    (growth,) = bars.series
    assert growth.val.numRef.f == "'Tăng trưởng'!$C$8:$C$38"  # the 31 provinces with a figure
    assert growth.cat.numRef.f == "'Tăng trưởng'!$A$8:$A$38"
    assert growth.tx.strRef.f == "'Tăng trưởng'!C7"
    assert line.series[0].val.numRef.f == "'Tăng trưởng'!$D$8:$D$38"
    names = [ws.cell(HEADER_ROW + 1 + p.idx, 1).value for p in growth.dPt]
    assert sorted(names) == ["An Giang", "Cao Bằng", "Hải Phòng", "Lạng Sơn"]  # highlighted bars


def test_targets_sheet_has_a_chart_per_province_over_its_rates(pack):
    _, wb, _ = pack
    ws = wb["Mục tiêu và thực hiện"]
    assert len(ws._charts) == 4
    titles = [c.title.tx.rich.p[0].r[0].t for c in ws._charts]
    assert titles[3] == "Lạng Sơn: mục tiêu 2026 và thực hiện 2025 (%)"
    lang_son = ws._charts[3]
    assert [s.tx.v for s in lang_son.series] == ["Thực hiện 2025", "Mục tiêu 2026"]
    actual_ref = lang_son.series[0].val.numRef.f
    col, rows = actual_ref.split("!")[1].replace("$", "").split(":")[0][0], actual_ref.replace("$", "").split("!")[1]
    first, last = (int(r[1:]) for r in rows.split(":"))
    assert col == "E"
    assert [ws.cell(r, 2).value for r in range(first, last + 1)] == ["Tốc độ tăng trưởng GRDP", "Tỷ trọng kinh tế số trong GRDP"]
    assert [ws.cell(r, 5).value for r in range(first, last + 1)] == [8.06, 15.0]
    assert [ws.cell(r, 7).value for r in range(first, last + 1)] == [10.0, None]
    budget = [row for row in ws.iter_rows(min_row=HEADER_ROW + 1) if row[1].value == "Thu ngân sách nhà nước"
              and row[0].value == "Lạng Sơn"][0]
    assert (budget[2].value, budget[4].value, budget[4].number_format) == ("tỷ đồng", 18961.4, "#,##0.0")


def test_targets_sheet_measures_the_change_as_the_targets_page_does(pack):
    _, wb, _ = pack
    ws = wb["Mục tiêu và thực hiện"]
    header = [c.value for c in ws[HEADER_ROW]]
    change, change_unit = header.index("Mức thay đổi mục tiêu đặt ra"), header.index("Đơn vị thay đổi")
    rows = {(r[0].value, r[1].value): r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[1].value}
    growth = rows[("Cao Bằng", "Tốc độ tăng trưởng GRDP")]
    assert (growth[change].value, growth[change_unit].value) == (pytest.approx(2.78), "điểm %")  # 10 − 7,22 points
    budget = rows[("Cao Bằng", "Thu ngân sách nhà nước")]
    assert (budget[change].value, budget[change_unit].value) == (pytest.approx(-21.4087, abs=1e-3), "%")  # 3.530 / 4.491,591
    assert budget[change].number_format == "+0.00;-0.00;0.00"


def test_units_and_sources_sheets(pack):
    _, wb, _ = pack
    units = wb["Đơn vị và nhiệm vụ"]
    top = [c.value for c in units[HEADER_ROW + 1]]
    assert top[:5] == ["Lạng Sơn", "Sở Văn hóa, Thể thao và Du lịch", 4, 4, 0]
    assert len(units._charts) == 1 and units._charts[0].series[0].val.numRef.f.endswith("$C$8:$C$17")
    sources = wb["Chỉ số và nguồn"]
    rows = [[c.value for c in row] for row in sources.iter_rows(min_row=HEADER_ROW + 1)]
    lang_son = [r for r in rows if r[0] == "Lạng Sơn" and r[1] == "Tốc độ tăng trưởng GRDP" and r[3] == "Thực hiện"]
    assert any(r[9] == "Tốc độ tăng trưởng GRDP đạt 8,06%, hoàn thành chỉ tiêu Chính phủ giao" for r in lang_son)
    published = [r for r in lang_son if isinstance(r[9], str) and r[9].startswith("https://")]
    assert published and all(r[10] == dt.datetime(2026, 1, 5) for r in published)


def test_deck_is_16_9_with_title_growth_targets_and_units_slides(pack):
    _, _, deck = pack
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == [
        "Kết quả phát triển kinh tế - xã hội năm 2025 và mục tiêu năm 2026 của các tỉnh, thành phố",
        "Tăng trưởng GRDP năm 2025 các tỉnh, thành phố — cả nước 8,02%",
        "An Giang: mục tiêu 2026 so với thực hiện 2025",
        "Cao Bằng: mục tiêu 2026 so với thực hiện 2025",
        "Hải Phòng: mục tiêu 2026 so với thực hiện 2025",
        "Lạng Sơn: mục tiêu 2026 so với thực hiện 2025",
        "Các đơn vị đảm nhận nhiều nhiệm vụ nhất (An Giang, Cao Bằng, Hải Phòng, Lạng Sơn)",
        "Nguồn số liệu",
    ]
    subtitle = deck.slides[0].placeholders[1].text_frame.text
    assert "ngày 12/01/2026" in subtitle and "Tỉnh, thành phố làm nổi bật: An Giang, Cao Bằng, Hải Phòng, Lạng Sơn" in subtitle


def test_every_slide_has_a_source_line(pack):
    _, _, deck = pack
    *charts, sources = deck.slides  # the closing slide is the full list of sources
    assert sources.shapes.title.text == "Nguồn số liệu"
    listed = [s.text_frame.text for s in sources.shapes if s.name == "Danh sách nguồn"][0].split("\n")
    assert listed[0].startswith("1. ") and len(listed) >= 4
    for slide in charts:
        lines = [s.text_frame.text for s in slide.shapes if s.name == "Nguồn"]
        assert len(lines) == 1 and "Nguồn: " in lines[0], slide.shapes.title.text


def _charts(slide):
    return [s.chart for s in slide.shapes if s.has_chart]


def test_growth_slide_native_chart_all_provinces_national_line_highlights(pack):
    b, _, deck = pack
    (chart,) = _charts(deck.slides[1])
    bars, line = chart.plots
    categories = list(bars.categories)
    assert len(categories) == 31 and categories[:3] == ["Quảng Ninh", "Hải Phòng", "Ninh Bình"]
    assert "Sơn La" not in categories  # no figure: left out of the chart, named under it
    values = list(bars.series[0].values)
    assert values[categories.index("Lạng Sơn")] == 8.06
    assert type(line).__name__ == "LinePlot" and set(line.series[0].values) == {8.02}
    assert line.series[0].name == "Cả nước (8,02%)"
    highlighted = {categories[p] for p in range(len(categories))
                   if bars.series[0].points[p].format.fill.type is not None
                   and str(bars.series[0].points[p].format.fill.fore_color.rgb) == briefing.HIGHLIGHT}
    assert highlighted == {"An Giang", "Cao Bằng", "Hải Phòng", "Lạng Sơn"}


def test_targets_slide_per_province_compares_actual_and_target(pack):
    _, _, deck = pack
    (chart,) = _charts(deck.slides[5])
    plot = chart.plots[0]
    assert list(plot.categories) == ["Tốc độ tăng trưởng GRDP", "Tỷ trọng kinh tế số trong GRDP"]
    assert [(s.name, list(s.values)) for s in plot.series] == [
        ("Thực hiện 2025 (%)", [8.06, 15.0]), ("Mục tiêu 2026 (%)", [10.0, None])]
    tables = [s.table for s in deck.slides[5].shapes if s.has_table]
    assert tables and tables[0].cell(0, 0).text == "Chỉ tiêu khác"
    texts = [tables[0].cell(r, 1).text for r in range(1, len(tables[0].rows))]
    assert "18.961,4 tỷ đồng" in texts


def test_units_slide_shows_the_units_with_most_tasks(pack):
    _, _, deck = pack
    (chart,) = _charts(deck.slides[-2])  # the units slide, before the sources
    plot = chart.plots[0]
    assert list(plot.categories)[0] == "Sở Văn hóa, Thể thao và Du lịch (Lạng Sơn)"
    assert len(list(plot.categories)) == 10
    assert [s.name for s in plot.series] == ["Chủ trì, chỉ đạo", "Thực hiện, phối hợp, tham mưu"]
    assert (plot.series[0].values[0], plot.series[1].values[0]) == (4, 0)


def test_hostile_texts_stay_text_in_workbook_and_deck(pack):
    b, _, _ = pack
    tasks = b.tasks.copy()
    tasks.loc[0, "task_text"] = "=HYPERLINK(\"http://x\",\"bấm\")"
    tasks.loc[:, "unit_name"] = "-Sở Nội vụ"
    hostile = briefing.Briefing(**{**b.__dict__, "tasks": tasks})
    wb = openpyxl.load_workbook(io.BytesIO(briefing_pack.workbook.build(hostile)))
    cell = wb["Nhiệm vụ"].cell(HEADER_ROW + 1, 7)
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"http://x\",\"bấm\")", "s")
    assert wb["Đơn vị và nhiệm vụ"].cell(HEADER_ROW + 1, 2).data_type == "s"
    deck = Presentation(io.BytesIO(briefing_pack.deck.build(hostile)))
    (chart,) = _charts(deck.slides[-2])  # the units slide, before the sources
    assert list(chart.plots[0].categories)[0].strip().startswith("-Sở Nội vụ")


def test_chosen_provinces_and_unknown_codes(built_db):
    b = briefing.load(["lang-son", "cao-bang"])
    assert b.highlighted_names == ["Lạng Sơn", "Cao Bằng"]
    assert b.targets["area_code"].unique().tolist() == ["lang-son", "cao-bang"]
    with pytest.raises(ValueError, match="không có tỉnh, thành phố mã ha-noi-cu"):
        briefing.load(["lang-son", "ha-noi-cu"])


def test_cli_builds_the_database_if_missing_and_writes_every_file_of_the_pack(tmp_path):
    env = {**os.environ, "DASHBOARD_DB": str(tmp_path / "fresh" / "dashboard.duckdb")}
    out = tmp_path / "hop"
    result = subprocess.run([sys.executable, "-m", "dashboard", "briefing", "--out-dir", str(out),
                             "--provinces", "lang-son,cao-bang"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bao-cao-hop-giao-ban-ktxh-2025-2026.docx",
                                                     "so-lieu-hop-giao-ban-ktxh-2025-2026.xlsx",
                                                     "tai-lieu-phat-tay-hop-giao-ban-ktxh-2025-2026.pdf",
                                                     "trinh-chieu-hop-giao-ban-ktxh-2025-2026.pptx"]
    assert (tmp_path / "fresh" / "dashboard.duckdb").exists()
    deck = Presentation(str(out / "trinh-chieu-hop-giao-ban-ktxh-2025-2026.pptx"))
    assert [s.shapes.title.text.split(":")[0] for s in deck.slides][2:4] == ["Lạng Sơn", "Cao Bằng"]  # order asked
    assert len(deck.slides) == 6  # title, growth, two provinces, units, sources


def test_cli_does_not_import_streamlit_and_says_what_is_wrong(built_db, tmp_path):
    code = ("import sys; from dashboard.__main__ import main; "
            f"rc = main(['briefing', '--out-dir', {str(tmp_path)!r}, '--provinces', 'lang-son,nowhere']); "
            "assert 'streamlit' not in sys.modules, 'the CLI imported streamlit'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "DASHBOARD_DB": str(built_db)},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "không có tỉnh, thành phố mã nowhere" in result.stderr


def test_the_app_buttons_drop_codes_the_filters_already_ignored(built_db):
    """The sidebar passes ?tinh= as it stands: a wrong code is left out, none left means the document provinces."""
    wb = openpyxl.load_workbook(io.BytesIO(briefing_pack.build_for("xlsx", ["lang-son", "nowhere"])))
    assert wb["Tăng trưởng"]["A4"].value == "Tỉnh, thành phố làm nổi bật: Lạng Sơn"
    deck = Presentation(io.BytesIO(briefing_pack.build_for("pptx", ["nowhere"])))
    assert len(deck.slides) == 8  # title, growth, the four document provinces, units, sources
