"""Sidebar filters: defaults from the database, values in the URL, bad URL values answered with a notice."""
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import filters

SCRIPT = """
import streamlit as st
from dashboard.filters import sidebar_filters
f = sidebar_filters(provinces=True, region=True, year=True, indicator=True)
st.text(f"provinces={','.join(f.provinces)}|region={f.region}|year={f.year}|indicator={f.indicator}")
"""


def _run(params: dict | None = None) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def _shown(at: AppTest) -> str:
    return at.text[0].value


def test_defaults_are_the_provinces_whose_documents_we_hold(built_db, clear_streamlit_caches):
    at = _run()
    assert not at.exception
    assert _shown(at) == "provinces=an-giang,cao-bang,hai-phong,lang-son|region=None|year=2025|indicator=grdp_growth"
    assert not at.warning
    # the defaults are written to the URL, so the link reproduces the view
    assert at.query_params["tinh"] == "an-giang,cao-bang,hai-phong,lang-son"
    assert at.query_params["nam"] == "2025"


def test_url_reproduces_the_view(built_db, clear_streamlit_caches):
    at = _run({"tinh": "lang-son,cao-bang", "vung": "Trung du và miền núi phía Bắc", "nam": "2026",
               "chi_tieu": "budget_revenue"})
    assert not at.exception and not at.warning
    assert _shown(at) == ("provinces=lang-son,cao-bang|region=Trung du và miền núi phía Bắc|year=2026"
                          "|indicator=budget_revenue")
    assert at.multiselect[0].value == ["lang-son", "cao-bang"]
    assert at.selectbox[0].value == "Trung du và miền núi phía Bắc"


def test_changing_a_widget_writes_the_url_and_the_url_reproduces_it(built_db, clear_streamlit_caches):
    at = _run({"tinh": "lang-son"})
    at.multiselect[0].set_value(["cao-bang", "ha-noi"]).run()
    at.selectbox[1].set_value(2024).run()
    assert _shown(at).startswith("provinces=cao-bang,ha-noi|region=None|year=2024")
    link = {k: at.query_params[k] for k in ("tinh", "vung", "nam", "chi_tieu")}
    assert link == {"tinh": "cao-bang,ha-noi", "vung": "", "nam": "2024", "chi_tieu": "grdp_growth"}
    again = _run(link)  # a new session opened from that link
    assert _shown(again) == _shown(at)


def test_empty_province_parameter_means_none_highlighted(built_db, clear_streamlit_caches):
    at = _run({"tinh": ""})
    assert _shown(at).startswith("provinces=|")
    assert not at.warning


@pytest.mark.parametrize("params, named", [
    ({"tinh": "lang-son,atlantis"}, "'atlantis'"),
    ({"nam": "20x5"}, "'20x5'"),
    ({"nam": "1999"}, "'1999'"),
    ({"vung": "Nam Cực"}, "'Nam Cực'"),
    ({"chi_tieu": "drop table"}, "'drop table'"),
])
def test_unknown_url_value_gives_a_notice_naming_it_and_is_ignored(built_db, clear_streamlit_caches, params, named):
    at = _run(params)
    assert not at.exception
    assert len(at.warning) == 1 and named in at.warning[0].value
    shown = _shown(at)
    assert "atlantis" not in shown and "1999" not in shown and "Nam Cực" not in shown
    assert "year=2025" in shown or "nam" not in params
    if "tinh" in params:
        assert shown.startswith("provinces=lang-son|")  # the known code is kept


def test_filters_shown_only_for_the_flags_set(built_db, clear_streamlit_caches):
    at = AppTest.from_string(
        "from dashboard.filters import sidebar_filters\nsidebar_filters(provinces=False, year=True)\n").run()
    assert not at.exception
    assert len(at.multiselect) == 0 and len(at.selectbox) == 1
    assert dict(at.query_params) == {"nam": "2025"}


def test_vietnamese_alphabetical_order():
    names = ["Đồng Tháp", "Điện Biên", "Đà Nẵng", "Cao Bằng", "Cà Mau", "Cần Thơ", "Đắk Lắk", "Dak"]
    assert sorted(names, key=filters.vietnamese_sort_key) == [
        "Cà Mau", "Cao Bằng", "Cần Thơ", "Dak", "Đà Nẵng", "Đắk Lắk", "Điện Biên", "Đồng Tháp"]


def test_parse_url_without_streamlit():
    options = filters.Options(provinces={"cao-bang": "Cao Bằng", "lang-son": "Lạng Sơn"}, regions=["R"],
                              years=[2026, 2025], indicators={"grdp_growth": "Tăng trưởng"},
                              default_year=2025)

    class Params(dict):
        def get_all(self, key):
            value = self[key]
            return value if isinstance(value, list) else [value]

    found, notices = filters.parse_url(Params(tinh=["lang-son", "x,cao-bang"], nam="2026"), options)
    assert found == {"provinces": ["lang-son", "cao-bang"], "year": 2026}
    assert notices == ["Không có tỉnh, thành phố mã 'x' (tham số `tinh`): đã bỏ qua."]
    assert filters.url_params(filters.Filters(["lang-son"], None, 2025, "grdp_growth"),
                              provinces=True, region=False, year=True, indicator=False) == {"tinh": "lang-son",
                                                                                             "nam": "2025"}
    assert options.defaults() == filters.Filters([], None, 2025, "grdp_growth")


def test_build_options_orders_provinces_and_picks_document_provinces():
    provinces = pd.DataFrame({"area_code": ["da-nang", "cao-bang", "an-giang"],
                              "name_vi": ["Đà Nẵng", "Cao Bằng", "An Giang"],
                              "region_vi": ["B", "A", "B"], "geo_name": ["x", "y", "z"],
                              "has_documents": [True, False, True]})
    indicators = pd.DataFrame({"indicator_code": ["grdp_growth"], "name_vi": ["Tăng trưởng GRDP"], "unit": ["%"],
                               "is_rate": [True], "higher_is_better": [True], "n_observations": [3]})
    options = filters.build_options(provinces, indicators, pd.DataFrame({"year": [2026, 2025]}))
    assert list(options.provinces) == ["an-giang", "cao-bang", "da-nang"]
    assert options.default_provinces == ["an-giang", "da-nang"]
    assert options.regions == ["A", "B"]
    assert options.indicators == {"grdp_growth": "Tăng trưởng GRDP (%)"}


def test_no_province_highlighted_by_default_when_documents_come_from_many():
    codes = [f"tinh-{i:02d}" for i in range(filters.MAX_DEFAULT_HIGHLIGHTED + 1)]
    provinces = pd.DataFrame({"area_code": codes, "name_vi": [f"Tỉnh {i}" for i in range(len(codes))],
                              "region_vi": ["A"] * len(codes), "geo_name": codes, "has_documents": [True] * len(codes)})
    indicators = pd.DataFrame({"indicator_code": ["grdp_growth"], "name_vi": ["Tăng trưởng GRDP"], "unit": ["%"]})
    years = pd.DataFrame({"year": [2025]})
    assert filters.build_options(provinces, indicators, years).default_provinces == []
    few = provinces.head(filters.MAX_DEFAULT_HIGHLIGHTED)
    assert filters.build_options(few, indicators, years).default_provinces == codes[:-1]


def test_a_page_judges_only_the_parameters_of_its_filters(built_db, clear_streamlit_caches):
    at = AppTest.from_string("from dashboard.filters import sidebar_filters\nsidebar_filters(provinces=True)\n")
    at.query_params["nam"] = "1999"
    at.query_params["tinh"] = "nowhere"
    at.run()
    assert [w.value for w in at.warning] == [
        "Đường dẫn có giá trị không hợp lệ. Không có tỉnh, thành phố mã 'nowhere' (tham số `tinh`): đã bỏ qua."]
