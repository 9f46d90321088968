"""Chỉ tiêu theo tỉnh: the view (dashboard/explorer.py) and the page through AppTest, on tests/fixtures/explorer_data."""
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard import explorer
from dashboard.exports import table_csv, table_xlsx

from explorer_support import build_explorer_db

PAGE = "../app_pages/explorer.py"  # AppTest paths are relative to this file


@pytest.fixture(scope="module")
def explorer_db(tmp_path_factory):
    path = build_explorer_db(tmp_path_factory.mktemp("explorer"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_DB", str(path))
        yield path


def _values(page) -> list:
    return [None if pd.isna(v) else float(v) for v in page.table.iloc[:, 1]]


# ---------- the view ----------

def test_only_indicators_with_several_areas_are_offered(explorer_db):
    options = explorer.explorer_options()
    assert list(options.labels) == ["budget_revenue", "grdp_growth"]  # export figures: Cà Mau only
    assert options.labels["grdp_growth"] == "Tốc độ tăng trưởng GRDP (%)"
    assert options.years == {"budget_revenue": [2025], "grdp_growth": [2024, 2025]}
    assert (options.default_indicator(), options.default_year("grdp_growth")) == ("grdp_growth", 2025)


def test_growth_table_ranks_compares_with_the_nation_and_leaves_missing_empty(explorer_db):
    page = explorer.explorer_page("grdp_growth", 2025, False, ["lang-son"])
    assert page.national_text == "8,02%"
    assert (page.n_with_figures, page.n_areas) == (4, 5)
    table = page.table
    assert list(table["Tỉnh, thành phố"]) == ["Hải Phòng", "Hà Nội", "★ Lạng Sơn", "Cao Bằng", "Cà Mau"]
    assert _values(page) == [11.81, 8.16, 8.06, 7.22, None]
    assert list(table["Hạng"]) == ["1/4", "2/4", "3/4", "4/4", "—"]
    assert table["Chênh lệch với cả nước (điểm %)"].iloc[0] == pytest.approx(3.79)
    assert page.missing == ["Cà Mau"]


def test_every_figure_shows_its_own_publisher_date_kind_and_quote(explorer_db):
    page = explorer.explorer_page("grdp_growth", 2025, False, [])
    lang_son = page.sources.set_index("Tỉnh, thành phố").loc["Lạng Sơn"]
    assert lang_son["Nơi đăng"] == "Cổng thông tin tỉnh Thử"
    assert lang_son["Ngày đăng"] == "06/01/2026"
    assert lang_son["Loại nguồn"] == "Báo cáo của tỉnh, thành phố"
    assert lang_son["Trích dẫn"] == "Lạng Sơn tăng 8,06%"
    assert lang_son["Địa chỉ"] == "https://example.org/lang-son-2025"
    assert page.sources.set_index("Tỉnh, thành phố").loc["Cao Bằng", "Loại nguồn"] == "Báo chí đưa tin"
    assert page.gaps.to_dict("records") == [{"Tỉnh, thành phố": "Cà Mau", "Tình trạng": "Chưa công bố",
                                             "Đã tìm": "Tìm bảng của Cục Thống kê ngày 5/1/2026",
                                             "Ngày tìm": "29/11/2026"}]
    assert page.source_line == "Nguồn: Báo Thử A; Báo Thử B; Cổng thông tin tỉnh Thử; 1 nơi đăng khác."


def test_former_provinces_are_shown_on_request_and_never_summed(explorer_db):
    without = explorer.explorer_page("grdp_growth", 2024, False, [])
    assert [n for n, v in zip(without.table["Tỉnh, thành phố"], _values(without)) if v is not None] == ["Hải Phòng"]
    assert without.is_old_borders
    with_former = explorer.explorer_page("grdp_growth", 2024, True, [])
    shown = dict(zip(with_former.table["Tỉnh, thành phố"], _values(with_former)))
    assert shown["Hải Phòng"] == 10.22  # the city as it was in 2024, not Hải Phòng + Hải Dương
    assert shown["Hải Dương (cũ, nay thuộc Hải Phòng)"] == 10.2
    assert shown["Bạc Liêu (cũ, nay thuộc Cà Mau)"] == 6.5
    assert with_former.national_text == "—"


def test_an_amount_keeps_its_qualifier_and_unit_and_has_no_gap_column(explorer_db):
    page = explorer.explorer_page("budget_revenue", 2025, False, [])
    assert "Chênh lệch với cả nước (điểm %)" not in page.table.columns
    rows = page.table.set_index("Tỉnh, thành phố")
    assert rows.loc["Hà Nội", "Số liệu như công bố"] == "> 704.500 tỷ đồng"
    assert rows.loc["Hải Phòng", "Giá trị (tỷ đồng)"] == 190379  # published in nghìn tỷ đồng
    assert page.gaps["Tỉnh, thành phố"].tolist() == ["Cao Bằng"]


def test_chart_carries_title_and_source_line_for_the_image(explorer_db):
    page = explorer.explorer_page("grdp_growth", 2025, False, [])
    spec = page.bars.to_dict()
    assert spec["layout"]["title"]["text"] == "Tốc độ tăng trưởng GRDP năm 2025 — các tỉnh, thành phố (%)"
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert page.source_line in texts and "Cả nước 8,02%" in texts
    assert "— chưa công bố / chưa tìm thấy" in texts  # Cà Mau, without a bar


def test_address_choices_are_checked_against_the_options(explorer_db):
    options = explorer.explorer_options()
    state, notices = explorer.state_from_url({"chi_tieu": "budget_revenue", "nam": "2025", "tinh_cu": "1",
                                              "the": "nguon"}, options)
    assert (state.indicator, state.year, state.former, state.tab, notices) == ("budget_revenue", 2025, True, "nguon", [])
    state, notices = explorer.state_from_url({"chi_tieu": "khong-co", "nam": "1999", "the": "x"}, options)
    assert (state.indicator, state.year, state.tab) == ("grdp_growth", 2025, "bieu-do")
    assert len(notices) == 3 and "'khong-co'" in notices[0] and "'1999'" in notices[1] and "'x'" in notices[2]
    assert explorer.url_of(state) == {"chi_tieu": "grdp_growth", "nam": "2025", "tinh_cu": "0", "the": "bieu-do"}


def test_downloads_hold_numbers_and_keep_formula_like_text_as_text(explorer_db):
    page = explorer.explorer_page("grdp_growth", 2025, False, [])
    text = table_csv(page.table).decode("utf-8")
    assert text.startswith('\ufeff"Tỉnh, thành phố",Giá trị (%)')
    assert "Hải Phòng,11.81,\"11,81%\",1/4" in text
    assert table_csv(pd.DataFrame({"a": ["=1+1", "-x", "ok"]})).decode("utf-8").splitlines()[1:] == ["'=1+1", "'-x", "ok"]
    wb = load_workbook(io.BytesIO(table_xlsx(page.table, title=page.title, sources=page.evidence)))
    cells = [c for row in wb.active.iter_rows(values_only=True) for c in row if c is not None]
    assert 11.81 in cells and page.title in cells
    assert "https://example.org/hai-phong-2025" in cells


# ---------- the page ----------

def _page(params: dict) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params.update(params)
    return at.run()


def test_page_restores_its_state_from_the_address(explorer_db, clear_streamlit_caches):
    at = _page({"chi_tieu": "grdp_growth", "nam": "2024", "tinh_cu": "1", "the": "bang"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="explorer_indicator").value == "grdp_growth"
    assert at.select_slider(key="explorer_year").value == 2024
    assert at.toggle(key="explorer_former").value is True
    assert at.session_state["explorer_tab"] == "Bảng"
    table = at.dataframe[0].value
    assert "Hải Dương (cũ, nay thuộc Hải Phòng)" in list(table["Tỉnh, thành phố"])
    assert {k: at.query_params[k] for k in ("chi_tieu", "nam", "tinh_cu", "the")} == {
        "chi_tieu": "grdp_growth", "nam": "2024", "tinh_cu": "1", "the": "bang"}


def test_page_writes_each_change_back_to_the_address(explorer_db, clear_streamlit_caches):
    at = _page({})
    assert at.query_params["nam"] == "2025" and at.query_params["tinh_cu"] == "0"
    at.select_slider(key="explorer_year").set_value(2024).run()
    assert at.query_params["nam"] == "2024"
    at.toggle(key="explorer_former").set_value(True).run()
    assert at.query_params["tinh_cu"] == "1"
    at.selectbox(key="explorer_indicator").set_value("budget_revenue").run()
    assert at.query_params["chi_tieu"] == "budget_revenue"
    assert at.query_params["nam"] == "2025"  # the only year this indicator has
    assert any("mới có số liệu của một năm" in c.value for c in at.caption)


def test_bad_address_values_are_named_not_fatal(explorer_db, clear_streamlit_caches):
    at = _page({"chi_tieu": "khong-co", "the": "x"})
    assert not at.exception
    assert len(at.warning) == 2 and "'khong-co'" in at.warning[0].value
    assert at.selectbox(key="explorer_indicator").value == "grdp_growth"
