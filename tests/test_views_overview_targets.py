"""What the pages Tổng quan and Mục tiêu draw, computed without Streamlit (dashboard.cache.view)."""
import pytest

from dashboard.charts import FrozenFigure
from dashboard.overview import overview_page
from dashboard.targets import targets_page

pytestmark = pytest.mark.usefixtures("built_db")

AREAS = ["cao-bang", "lang-son", "vn"]


def _names(figure: FrozenFigure) -> set[str]:
    return {y for trace in figure.to_dict()["data"] for y in trace["y"]}


# --- Mục tiêu 2026 và thực hiện 2025 ------------------------------------------------------------------------------

def test_targets_page_flags_the_targets_below_the_actual():
    page = targets_page(actual_year=2025, target_year=2026, area_codes=AREAS)
    assert not page.empty
    n = page.flag_list.count("\n- ") + 1
    assert page.flag_heading == f"**⚠️ {n} mục tiêu 2026 thấp hơn mức đã đạt năm 2025**"
    assert "- Cao Bằng — Thu ngân sách nhà nước: mục tiêu 2026 3.530 tỷ đồng" in page.flag_list
    assert page.source_note.startswith("**Nguồn:**") and page.sources


def test_targets_page_lists_a_few_flags_and_counts_the_rest(monkeypatch):
    from dashboard import targets

    full = targets_page(actual_year=2025, target_year=2026, area_codes=AREAS)
    n = full.flag_list.count("\n- ") + 1
    assert n >= 2
    monkeypatch.setattr(targets, "FLAGS_LISTED", 1)
    short = targets_page(actual_year=2025, target_year=2026, area_codes=AREAS)
    assert short.flag_heading == full.flag_heading  # the count stays the whole count
    assert short.flag_list.splitlines()[0] == full.flag_list.splitlines()[0]
    assert short.flag_list.splitlines()[1] == f"- … và {n - 1} mục tiêu khác: cột “Cảnh báo” của bảng đầy đủ"


def test_targets_page_table_and_download_filters():
    page = targets_page(actual_year=2025, target_year=2026, area_codes=AREAS)
    table = page.table
    row = table[(table["Tỉnh, thành phố"] == "Cao Bằng") & (table["Chỉ tiêu"] == "Tốc độ tăng trưởng GRDP")].iloc[0]
    assert row["Mức thay đổi mục tiêu đặt ra"] == "+2,78 điểm %"
    assert set(page.table_filters["Tỉnh, thành phố"].split(", ")) == {"Cả nước", "Cao Bằng", "Lạng Sơn"}
    assert page.shown.to_pandas().equals(table)  # the table drawn is the table downloaded


def test_targets_page_charts_are_built_on_request_and_kept():
    page = targets_page(actual_year=2025, target_year=2026, area_codes=AREAS)
    assert page.chart_order[0] == "grdp_growth"
    assert page.chart_names["grdp_growth"] == "Tốc độ tăng trưởng GRDP"
    assert not page._charts  # nothing built before a chart is asked for
    chart = page.chart("grdp_growth")
    assert isinstance(chart, FrozenFigure)
    assert chart.to_dict()["layout"]["title"]["text"] == "Tốc độ tăng trưởng GRDP (%)"
    assert _names(chart) == {"Cả nước", "Lạng Sơn", "Cao Bằng"}
    assert page.chart("grdp_growth") is chart
    assert list(page._charts) == ["grdp_growth"]


def test_targets_page_does_not_depend_on_the_order_of_the_areas():
    one = targets_page(actual_year=2025, target_year=2026, area_codes=AREAS)
    other = targets_page(actual_year=2025, target_year=2026, area_codes=list(reversed(AREAS)))
    assert one.table.equals(other.table) and one.flag_list == other.flag_list
    assert one.chart_order == other.chart_order


def test_targets_page_without_targets_is_empty():
    page = targets_page(actual_year=2025, target_year=2026, area_codes=["son-la"])
    assert page.empty and page.table.empty and not page.chart_order


# --- Tổng quan ----------------------------------------------------------------------------------------------------

def test_overview_page_cards_in_the_order_chosen():
    page = overview_page(year=2025, target_year=2026, provinces=["cao-bang", "lang-son"])
    assert page.has_values and page.national_text == "8,02%"
    cards = [(c.label, c.value, c.delta) for c in page.cards_for(["lang-son", "unknown", "cao-bang"])]
    assert cards == [
        ("Tăng trưởng GDP cả nước 2025", "8,02%", None),
        ("Tăng trưởng GRDP — Lạng Sơn", "8,06%", "+0,04 điểm %"),
        ("Tăng trưởng GRDP — Cao Bằng", "7,22%", "-0,80 điểm %"),
    ]


def test_overview_page_counts_chart_and_table():
    page = overview_page(year=2025, target_year=2026, provinces=["cao-bang", "lang-son"])
    # the four plans and the Kiên Giang plan (its five figures, its 20 tasks)
    assert page.database_note.startswith("**Cơ sở dữ liệu:** 5 văn bản của ")
    assert "134 số liệu" in page.database_note and "54 nhiệm vụ" in page.database_note
    assert page.database_note.endswith("(giờ Việt Nam).")
    texts = [t for trace in page.growth_targets.to_dict()["data"] for t in (trace.get("text") or [])]
    assert "≥ 10%" in texts and "7,22%" in texts
    assert page.growth_targets_note.startswith("**Nguồn:**")
    assert len(page.table) == 2 and page.sources
    # the screen shows the download's numbers as Vietnamese text, row for row
    assert list(page.table_text["Tỉnh, thành phố"]) == list(page.table["Tỉnh, thành phố"])
    assert list(page.table["Tăng trưởng (%)"]) == [8.06, 7.22]
    assert list(page.table_text["Tăng trưởng (%)"]) == ["8,06", "7,22"]


def test_overview_page_names_the_targets_below_the_actual():
    page = overview_page(year=2025, target_year=2026, provinces=["cao-bang"])
    assert page.below_note == ("⚠️ **2 mục tiêu năm 2026** của các tỉnh được chọn thấp hơn mức đã đạt năm 2025: "
                               "Cao Bằng — Mức giảm tỷ lệ hộ nghèo; Cao Bằng — Thu ngân sách nhà nước.")


def test_overview_page_without_provinces_has_only_the_national_card():
    page = overview_page(year=2025, target_year=2026, provinces=[])
    assert [c.label for c in page.cards_for([])] == ["Tăng trưởng GDP cả nước 2025"]
    assert page.growth_targets is None and not page.below_note and page.table.empty


def test_target_chart_marks_flagged_targets_and_ranges():
    page = targets_page(actual_year=2025, target_year=2026, area_codes=AREAS)
    budget = page.chart("budget_revenue").to_dict()
    assert [(a["y"], a["text"]) for a in budget["layout"]["annotations"]] == [("Cao Bằng", "⚠️")]
    per_capita = page.chart("gdp_per_capita_usd").to_dict()
    legend = [t["name"] for t in per_capita["data"] if t.get("showlegend", True)]
    assert legend == ["Thực hiện 2025", "Mục tiêu 2026"]
    upper = [t for t in per_capita["data"] if t["mode"] == "markers"]  # the upper end of the range target
    assert len(upper) == 1 and upper[0]["y"] == ["Cả nước"]
    assert per_capita["layout"]["xaxis"]["title"] == {} and per_capita["layout"]["yaxis"]["type"] == "category"
