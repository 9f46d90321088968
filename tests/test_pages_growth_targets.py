"""Pages Tổng quan, Tăng trưởng, Mục tiêu: the logic behind them (no Streamlit) and each page through AppTest."""
import json
from datetime import datetime, timezone

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, db, geo, growth, overview, targets

APP = "../app.py"  # AppTest paths are relative to this file
LINK = {"tinh": "lang-son,cao-bang"}


# ---------- targets: the comparison (dashboard/targets.py) ----------

def _targets(built_db, area_codes=("vn", "lang-son", "cao-bang")):
    frame = db.database(built_db).run("targets_vs_actuals", area_codes=list(area_codes), actual_year=2025,
                                      target_year=2026)
    return targets.compare(frame).set_index(["area_code", "indicator_code"])


def test_growth_target_asks_points_beyond_the_actual(built_db):
    row = _targets(built_db).loc[("cao-bang", "grdp_growth")]
    assert (row["actual_value"], row["target_value"]) == (7.22, 10.0)
    assert row["change"] == pytest.approx(2.78)
    assert row["change_text"] == "+2,78 điểm %"
    assert (row["actual_text"], row["target_text"]) == ("7,22%", "10%")
    assert not row["is_below_actual"]
    lang_son = _targets(built_db).loc[("lang-son", "grdp_growth")]
    assert (lang_son["target_text"], lang_son["change_text"]) == ("≥ 10%", "+1,94 điểm %")


def test_cao_bang_budget_target_below_last_actual_is_flagged(built_db):
    row = _targets(built_db).loc[("cao-bang", "budget_revenue")]
    assert row["is_below_actual"]
    assert row["actual_text"] == "> 4.491,591 tỷ đồng"
    assert row["target_text"] == "3.530 tỷ đồng"
    assert row["change_text"] == "−21,4%"  # an amount: per cent, not points
    assert row["flag_text"] == "⚠️ thấp hơn thực hiện"
    sentence = targets.flag_sentence(row.to_dict() | {"area_name": "Cao Bằng"}, 2025, 2026)
    assert sentence == ("Cao Bằng — Thu ngân sách nhà nước: mục tiêu 2026 3.530 tỷ đồng, thấp hơn thực hiện 2025 "
                        "(> 4.491,591 tỷ đồng); thay đổi −21,4%.")


def test_only_targets_worse_than_the_actual_are_flagged(built_db):
    compared = _targets(built_db)
    assert sorted(compared[compared["is_below_actual"]].index) == [
        ("cao-bang", "budget_revenue"), ("cao-bang", "poverty_reduction"), ("vn", "inflation")]


def test_range_target_change_is_a_range(built_db):
    row = _targets(built_db).loc[("vn", "gdp_per_capita_usd")]
    assert row["target_text"] == "5.400–5.500 USD"
    assert row["change_text"] == "+7,4% đến +9,4%"


def test_target_without_actual_has_no_change(built_db):
    row = _targets(built_db).loc[("cao-bang", "dti_rank")]
    assert (row["actual_text"], row["change_text"], row["is_below_actual"]) == ("—", "—", False)


@pytest.mark.parametrize("actual, target, upper, higher_is_better, below", [
    (4491.591, 3530, None, True, True),
    (7.22, 10, None, True, False),
    (5026, 5400, 5500, True, False),
    (5026, 4000, 5500, True, False),   # the range's upper bound is above the actual
    (3.31, 4.5, None, False, True),    # inflation: a higher ceiling is worse
    (27, 29, None, False, True),       # a rank: 29th is worse than 27th
    (None, 10, None, True, False),     # no actual: nothing to compare
])
def test_is_below_actual(actual, target, upper, higher_is_better, below):
    assert targets.is_below_actual(actual, target, upper, higher_is_better=higher_is_better) is below


def test_change_per_kind_of_indicator():
    assert targets.change(7.22, 10, is_rate=True, unit="%") == pytest.approx(2.78)
    assert targets.change(100, 125, is_rate=False, unit="tỷ đồng") == pytest.approx(25.0)
    assert targets.change_text(-3, is_rate=False, unit="hạng") == "lên 3 bậc"
    assert targets.change_text(2, is_rate=False, unit="hạng") == "xuống 2 bậc"
    assert targets.change(0, 5, is_rate=False, unit="tỷ đồng") is None


def test_attainment():
    assert targets.is_attained(10.5, 10, ">=", higher_is_better=True) is True
    assert targets.is_attained(9.9, 10, ">=", higher_is_better=True) is False
    assert targets.is_attained(4.0, 4.5, "~", higher_is_better=False) is True
    assert targets.is_attained(None, 10, higher_is_better=True) is None
    frame = pd.DataFrame([{
        "area_code": "x", "area_name": "X", "is_national": False, "indicator_code": "grdp_growth",
        "indicator_name": "Tăng trưởng", "unit": "%", "is_rate": True, "higher_is_better": True,
        "actual_operator": "=", "actual_value": 7.22, "actual_value_upper": None, "actual_unit": "%",
        "actual_is_estimate": True, "actual_has_conflict": False, "actual_obs_id": "a",
        "target_operator": "=", "target_value": 10.0, "target_value_upper": None, "target_has_conflict": False,
        "target_obs_id": "t", "attained_operator": "=", "attained_value": 10.4, "attained_unit": "%",
        "attained_obs_id": "n"}])
    row = targets.compare(frame).iloc[0]
    assert (row["attained_text"], row["mark"]) == ("10,4% (đạt)", "*")


# ---------- growth, overview, charts, map ----------

def _growth(built_db):
    return growth.growth_table(db.database(built_db).run("grdp_growth_by_province", year=2025))


def test_rank_prefers_the_published_rank_else_a_span(built_db):
    provinces, national = _growth(built_db)
    ranks = dict(zip(provinces["area_code"], provinces["rank_text"]))
    assert national == 8.02
    assert ranks["cao-bang"] == "27/34"      # published, although 23 provinces with figures are above it
    # not published: between Hà Nội (16th) and Quảng Trị (20th), and three provinces without a figure could be above
    assert ranks["lang-son"] == "17–19/34"
    assert ranks["dong-thap"] == "20/34"     # tied with Quảng Trị (8,00%), whose rank is published
    assert ranks["lai-chau"] == "22–23/34"   # below TP. Hồ Chí Minh (21st), above Điện Biên (24th)
    assert ranks["son-la"] == "—"


def test_overview_cards_gap_and_rank(built_db):
    provinces, _ = _growth(built_db)
    cards = overview.province_cards(provinces, ["lang-son", "cao-bang", "unknown"])
    assert [(c.label, c.value, c.delta, c.caption) for c in cards] == [
        ("Tăng trưởng GRDP — Lạng Sơn", "8,06%", "+0,04 điểm %", "Chênh lệch so với cả nước; hạng 17–19/34"),
        ("Tăng trưởng GRDP — Cao Bằng", "7,22%", "-0,80 điểm %", "Chênh lệch so với cả nước; hạng 27/34"),
    ]
    assert overview.metric_delta(float("nan")) is None


def test_built_at_is_vietnam_time(tmp_path):
    import os
    path = tmp_path / "x.duckdb"
    path.write_bytes(b"")
    moment = datetime(2026, 1, 5, 17, 30, tzinfo=timezone.utc).timestamp()
    os.utime(path, (moment, moment))
    assert overview.built_at(path) == "06/01/2026 00:30"


def test_growth_table_for_display_keeps_missing_as_missing(built_db):
    provinces, _ = _growth(built_db)
    table = growth.table_for_display(provinces, {"lang-son"})
    assert len(table) == 34
    assert table.iloc[0]["Tỉnh, thành phố"] == "Quảng Ninh"
    lang_son = table[table["Tỉnh, thành phố"] == "★ Lạng Sơn"].iloc[0]
    assert (lang_son["Tăng trưởng (%)"], lang_son["Chênh lệch (điểm %)"]) == (8.06, 0.04)
    assert lang_son["Hạng"] == "17–19/34"
    assert table.tail(3)["Tăng trưởng (%)"].isna().all()
    region = growth.filter_region(provinces, "Tây Nguyên")
    assert sorted(region["area_name"]) == ["Gia Lai", "Lâm Đồng", "Đắk Lắk"]


def test_province_colours_are_stable_and_the_nation_is_grey():
    codes = ["lang-son", "cao-bang", "vn", "ha-noi"]
    assert charts.province_colour("vn", codes) == charts.NATIONAL_COLOUR == "#6b7280"
    assert charts.province_colour("cao-bang", codes) == charts.province_colour("cao-bang", list(reversed(codes)))
    assert len({charts.province_colour(c, codes) for c in codes}) == 4


def test_simplified_map_is_small_and_matches_the_provinces(built_db):
    assert geo.SIMPLIFIED.stat().st_size < 300_000
    ids = {f["id"] for f in geo.provinces_geojson()["features"]}
    names = set(db.database(built_db).run("provinces_in_force")["geo_name"])
    assert len(ids) == 34 and ids == names


# ---------- pages through AppTest ----------

def _page(page: str, params: dict | None = None) -> AppTest:
    """A fresh session opened on `page` (the default page when empty), as a link with `params` would."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _numbers(values) -> list:
    """A trace's numbers: Plotly writes numeric arrays as base64 typed arrays ({"dtype", "bdata"})."""
    if isinstance(values, dict) and "bdata" in values:
        import base64

        import numpy as np
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def _specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_growth_page_shows_all_provinces_the_nation_and_the_highlighted(built_db, clear_streamlit_caches):
    at = _page("app_pages/growth.py", LINK)
    bars, lines, map_ = _specs(at)
    assert bars["layout"]["template"]["layout"]["separators"] == ",."
    assert any(a["text"] == "Cả nước 8,02%" for a in bars["layout"]["annotations"])
    assert any(s.get("type") == "line" and s["x0"] == 8.02 for s in bars["layout"]["shapes"])
    values = {y: (x, t) for trace in bars["data"] for y, x, t in zip(trace["y"], _numbers(trace["x"]), trace["text"])}
    assert values["Lạng Sơn"] == (8.06, "<b>8,06</b>")  # highlighted: bold
    assert values["Cao Bằng"] == (7.22, "<b>7,22</b>")
    assert values["Hà Nội"] == (8.16, "8,16†")
    assert len(values) == 31
    assert {a["y"] for a in bars["layout"]["annotations"] if "chưa công bố" in a["text"]} == {"Cà Mau", "Hưng Yên", "Sơn La"}
    assert {t["name"] for t in lines["data"]} == {"Cả nước", "Cao Bằng", "Lạng Sơn"}
    assert lines["layout"]["xaxis"]["tickformat"] == "d"
    cao_bang = next(t for t in lines["data"] if t["name"] == "Cao Bằng")
    assert (_numbers(cao_bang["x"]), _numbers(cao_bang["y"])) == ([2024, 2025], [6.74, 7.22])
    filled = [t for t in map_["data"] if t.get("fill") == "toself"]
    assert len(filled) == 34 and len({t["meta"] for t in filled}) == 34
    assert "geo" not in map_["layout"]  # no base map to fetch: the map draws offline
    grey = {t["name"] for t in filled if t["fillcolor"] == charts.MISSING_COLOUR}
    assert grey == {"Cà Mau", "Hưng Yên", "Sơn La"}
    outlined = {t["name"] for t in map_["data"] if t.get("name", "").endswith("(được chọn)")}
    assert outlined == {"Lạng Sơn (được chọn)", "Cao Bằng (được chọn)"}
    table = at.dataframe[0].value
    assert len(table) == 34 and "★ Lạng Sơn" in set(table["Tỉnh, thành phố"])
    assert any("Open Development Vietnam" in c.value for c in at.caption)
    assert any("**Nguồn:**" in m.value for m in at.markdown)


def test_growth_page_region_from_the_url(built_db, clear_streamlit_caches):
    at = _page("app_pages/growth.py", {**LINK, "vung": "Tây Nguyên"})
    bars = _specs(at)[0]
    assert sorted(y for trace in bars["data"] for y in trace["y"]) == ["Gia Lai", "Lâm Đồng", "Đắk Lắk"]
    assert len(at.dataframe[0].value) == 3
    assert at.query_params["vung"] == "Tây Nguyên"


def test_growth_page_bad_parameters_give_a_notice(built_db, clear_streamlit_caches):
    at = _page("app_pages/growth.py", {"tinh": "lang-son,khong-co", "vung": "Vùng lạ"})
    notices = " ".join(w.value for w in at.warning)
    assert "'khong-co'" in notices and "'Vùng lạ'" in notices
    assert len(_specs(at)[0]["data"]) == 6  # all regions again


def test_growth_page_without_highlight_still_draws_and_says_how_to_choose(built_db, clear_streamlit_caches):
    at = _page("app_pages/growth.py", {"tinh": ""})
    assert len(at.get("plotly_chart")) == 2  # bars and map; the years chart needs a province
    assert any("Chưa chọn tỉnh" in i.value for i in at.info)


def test_overview_page_cards_and_counts(built_db, clear_streamlit_caches):
    at = _page("", LINK)  # the default page
    metrics = [(m.label, m.value, m.delta) for m in at.metric]
    assert metrics == [
        ("Tăng trưởng GDP cả nước 2025", "8,02%", ""),
        ("Tăng trưởng GRDP — Lạng Sơn", "8,06%", "+0,04 điểm %"),
        ("Tăng trưởng GRDP — Cao Bằng", "7,22%", "-0,80 điểm %"),
    ]
    counts = next(m.value for m in at.markdown if m.value.startswith("**Cơ sở dữ liệu:**"))
    assert "5 văn bản" in counts and "134 số liệu" in counts and "54 nhiệm vụ" in counts  # with the Kiên Giang plan
    assert "xây lúc " in counts
    dumbbell = _specs(at)[0]
    texts = [t for trace in dumbbell["data"] for t in (trace.get("text") or [])]
    assert "≥ 10%" in texts and "7,22%" in texts
    table = at.table[0].value  # a static table of the chosen provinces, numbers the Vietnamese way
    assert list(table["Tăng trưởng (%)"]) == ["8,06", "7,22"]
    assert list(table["Chênh lệch (điểm %)"]) == ["+0,04", "−0,80"]


def test_targets_page_flags_and_charts(built_db, clear_streamlit_caches):
    at = _page("app_pages/targets.py", LINK)
    flags = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert "Cao Bằng — Thu ngân sách nhà nước: mục tiêu 2026 3.530 tỷ đồng" in flags
    specs = _specs(at)
    assert specs[0]["layout"]["title"]["text"] == "Tốc độ tăng trưởng GRDP (%)"
    names = {y for trace in specs[0]["data"] for y in trace["y"]}
    assert names == {"Cả nước", "Lạng Sơn", "Cao Bằng"}
    table = at.dataframe[0].value
    cao_bang = table[(table["Tỉnh, thành phố"] == "Cao Bằng") & (table["Chỉ tiêu"] == "Tốc độ tăng trưởng GRDP")].iloc[0]
    assert cao_bang["Mức thay đổi mục tiêu đặt ra"] == "+2,78 điểm %"


def test_targets_page_empty_state(built_db, clear_streamlit_caches):
    at = _page("app_pages/targets.py", {"tinh": "son-la"})  # Sơn La: no 2026 target in the database
    assert at.get("plotly_chart")  # the nation's targets
    at.sidebar.checkbox[0].uncheck().run()
    assert not at.exception
    assert any("chưa có chỉ tiêu năm 2026" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_filters_survive_a_page_switch(built_db, clear_streamlit_caches):
    at = _page("app_pages/growth.py", {"tinh": "cao-bang"})
    at.switch_page("app_pages/targets.py").run()
    assert not at.exception
    provinces = at.sidebar.multiselect[0]
    assert provinces.value == ["cao-bang"]
    provinces.set_value(["lang-son"]).run()
    at.switch_page("app_pages/overview.py").run()
    assert [m.label for m in at.metric][1:] == ["Tăng trưởng GRDP — Lạng Sơn"]


def test_rank_span_without_published_ranks():
    frame = pd.DataFrame({"value": [9.0, 8.0, 7.0, None], "rank_computed": [1, 2, 3, None],
                          "rank_stated": [None, None, None, None]})
    assert growth.rank_texts(frame, 4) == ["1–2/4", "2–3/4", "3–4/4", "—"]


def test_overview_points_to_targets_below_the_actual(built_db, clear_streamlit_caches):
    at = _page("", {"tinh": "cao-bang"})
    note = next(m.value for m in at.markdown if m.value.startswith("⚠️"))
    assert note == ("⚠️ **2 mục tiêu năm 2026** của các tỉnh được chọn thấp hơn mức đã đạt năm 2025: "
                    "Cao Bằng — Mức giảm tỷ lệ hộ nghèo; Cao Bằng — Thu ngân sách nhà nước.")


def test_overview_without_provinces_says_how_to_choose(built_db, clear_streamlit_caches):
    at = _page("", {"tinh": ""})
    assert [m.label for m in at.metric] == ["Tăng trưởng GDP cả nước 2025"]
    assert any("Chọn tỉnh, thành phố ở thanh bên" in i.value for i in at.info)


def test_region_without_the_highlighted_province_dims_nothing(built_db, clear_streamlit_caches):
    at = _page("app_pages/growth.py", {"tinh": "cao-bang", "vung": "Tây Nguyên"})
    bars = _specs(at)[0]
    opacities = [o for trace in bars["data"] for o in trace["marker"]["opacity"]]
    assert opacities == [1.0, 1.0, 1.0]


def test_target_charts_put_the_indicators_most_areas_share_first(built_db):
    frame = db.database(built_db).run("targets_vs_actuals", area_codes=["vn", "lang-son", "cao-bang"],
                                      actual_year=2025, target_year=2026)
    compared = targets.compare(frame)
    order = targets.chart_order(compared[compared["actual_value"].notna()])
    assert order[0] == "grdp_growth"  # the three areas all have a 2025 actual and a 2026 target
    assert set(order) == set(compared[compared["actual_value"].notna()]["indicator_code"])
