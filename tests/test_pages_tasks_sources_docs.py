"""AppTest of the pages Đơn vị và nhiệm vụ, Chỉ số và nguồn, Tài liệu: charts, tables, filters, empty states."""
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.usefixtures("built_db", "clear_streamlit_caches")

SO_VH = "Sở Văn hóa, Thể thao và Du lịch"
LANG_SON_PLAN = "lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026"
CAO_BANG_GUIDE = "cao-bang_huong-dan-tuyen-truyen-ktxh-2025-2026"


def _page(name: str, **params) -> AppTest:
    at = AppTest.from_file(f"../app_pages/{name}.py", default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def _matrix_cell(spec: dict, row_contains: str, column_contains: str):
    heatmap = next(t for t in spec["data"] if t["type"] == "heatmap")
    rows = [i for i, y in enumerate(heatmap["y"]) if row_contains in y.replace("<br>", " ")]
    cols = [j for j, x in enumerate(heatmap["x"]) if column_contains in x.replace("<br>", " ")]
    assert len(rows) == 1 and len(cols) == 1, (heatmap["y"], heatmap["x"])
    return heatmap["z"][rows[0]][cols[0]], heatmap


# --- Đơn vị và nhiệm vụ -------------------------------------------------------------------------------------------

def test_matrix_counts_the_tasks_of_each_unit_by_category():
    at = _page("units_tasks", tinh="lang-son")
    spec = _spec(at)
    heatmap = next(t for t in spec["data"] if t["type"] == "heatmap")
    so_vh = [i for i, y in enumerate(heatmap["y"]) if y.replace("<br>", " ") == SO_VH]
    assert len(so_vh) == 1, heatmap["y"]  # one area shown: the unit's name alone
    assert sum(v or 0 for v in heatmap["z"][so_vh[0]]) == 4
    press, _ = _matrix_cell(spec, SO_VH, "Báo chí, truyền thông")
    events, _ = _matrix_cell(spec, SO_VH, "Hội nghị, triển lãm")
    assert (press, events) == (2, 2)
    assert "Số nhiệm vụ theo đơn vị và lĩnh vực (15 nhiệm vụ)" in spec["layout"]["title"]["text"]
    assert len(at.dataframe[0].value) == 15
    assert at.get("download_button")


def test_units_of_several_areas_carry_their_area_in_the_row_label():
    spec = _spec(_page("units_tasks", tinh="lang-son,cao-bang"))
    labels = [y.replace("<br>", " ") for y in next(t for t in spec["data"] if t["type"] == "heatmap")["y"]]
    assert f"{SO_VH} · Lạng Sơn" in labels
    assert "Báo và Phát thanh, truyền hình Cao Bằng · Cao Bằng" in labels


def test_role_filter_lists_the_units_leading_a_task():
    at = _page("units_tasks", tinh="lang-son")
    at.selectbox(key="vai_tro").select("chủ trì").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Vai trò"].unique().tolist() == ["chủ trì"]
    assert table["Đơn vị"].tolist() == [SO_VH, SO_VH, SO_VH, "Sở Nội vụ"]
    heatmap = next(t for t in _spec(at)["data"] if t["type"] == "heatmap")
    assert [y.replace("<br>", " ") for y in heatmap["y"]] == [SO_VH, "Sở Nội vụ"]


def test_issuer_level_filter():
    at = _page("units_tasks", tinh="")
    at.selectbox(key="cap").select("ward").run()
    table = at.dataframe[0].value
    assert set(table["Cấp ban hành"]) == {"cấp phường/xã"}
    assert set(table["Tỉnh, thành phố"]) == {"Hải Phòng"} and len(table) == 9


def test_search_finds_the_exhibition_task():
    at = _page("units_tasks", tinh="")
    at.text_input(key="tim").input("triển lãm").run()
    table = at.dataframe[0].value
    table = table[table["Tỉnh, thành phố"] == "Lạng Sơn"]  # the Kiên Giang plan has an exhibition task too
    assert len(table) == 1
    assert table["Đơn vị"].iloc[0] == SO_VH
    assert table["Nội dung nhiệm vụ"].iloc[0].startswith("Chủ trì chỉ đạo tổ chức triển lãm, trưng bày chuyên đề")


def test_search_text_is_data_not_a_pattern():
    """% and _ typed by the user are taken literally: they do not match everything."""
    at = _page("units_tasks", tinh="")
    at.text_input(key="tim").input("%").run()
    assert not at.exception
    assert [i.value for i in at.info][0].startswith("Không có nhiệm vụ nào khớp bộ lọc")


def test_choosing_a_unit_lists_its_full_task_texts_with_their_document():
    at = _page("units_tasks", tinh="lang-son")
    at.selectbox(key="don_vi").select(SO_VH).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 4
    listing = at.get("html")[0].value
    assert listing.count("<li>") == 4
    assert "triển lãm, trưng bày chuyên đề" in listing
    assert "Kế hoạch — Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn" in listing


def test_empty_filter_result_says_so():
    at = _page("units_tasks", tinh="lang-son")
    at.selectbox(key="cap").select("ward").run()
    assert not at.exception
    assert at.info and "Không có nhiệm vụ nào khớp bộ lọc" in at.info[0].value
    assert not at.get("plotly_chart")


def test_channels_are_side_by_side():
    at = _page("units_tasks", tinh="lang-son,hai-phong")
    channels = at.table[0].value  # st.table reads Markdown: its texts are escaped (dashboard/safe_text.py)
    channels = channels.rename(columns=lambda c: re.sub(r"\\(.)", r"\1", c))
    assert list(channels.columns) == ["Kế hoạch — Ban Thường vụ Đảng ủy phường Thành Đông (Hải Phòng)",
                                      "Kế hoạch — Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn"]
    assert "Hội thảo, tọa đàm" in channels.index
    assert channels.loc["Hội thảo, tọa đàm"].iloc[0] == "—"  # the ward plan lists no seminars
    assert channels.loc["Cổ động trực quan"].iloc[0].startswith("Cổ động trực quan: Treo băng rôn")
    assert not at.table[0].proto.hide_index  # the channels are the rows' headers


# --- Chỉ số và nguồn ------------------------------------------------------------------------------------------------

def test_indicator_page_marks_the_number_in_its_sentence():
    at = _page("indicators", tinh="lang-son", chi_tieu="grdp_growth", nam="2025")
    assert at.selectbox(key="so_lieu").value == "lang-son:grdp_growth:2025:actual"
    cards = at.get("html")[0].value
    assert re.search(r"“Tốc độ tăng trưởng GRDP đạt <mark[^>]*>8,06%</mark>, hoàn thành", cards), cards
    assert cards.count("<mark") == 1
    assert "trích tự động" in cards and "hiệu chỉnh tay" in cards
    assert 'href="https://vtcnews.vn/' in cards and "Cục Thống kê (Bộ Tài chính)" in cards
    assert "data/curated/grdp_growth_2025_official.csv, dòng 19" in cards


def test_indicator_page_compares_areas_with_units():
    at = _page("indicators", tinh="lang-son", chi_tieu="grdp_growth", nam="2025")
    spec = _spec(at)
    bars = spec["data"][0]
    assert bars["type"] == "bar" and len(bars["y"]) == 32  # 31 provinces with a figure (3 have none) and the nation
    values = dict(zip(bars["y"], bars["text"]))
    assert values["Lạng Sơn"] == "8,06%" and values["Cả nước"] == "8,02%"
    assert spec["layout"]["xaxis"]["title"]["text"] == "%"
    table = at.dataframe[0].value
    assert table["Địa bàn"].tolist() == ["Lạng Sơn", "Cả nước"]
    assert table["Nguồn gốc"].tolist() == ["hiệu chỉnh tay", "hiệu chỉnh tay"]
    assert table["Số nguồn"].iloc[0] == 3


def test_indicator_page_flags_conflicts():
    at = _page("indicators", tinh="can-tho", chi_tieu="grdp_growth", nam="2025")
    assert at.selectbox(key="so_lieu").value == "can-tho:grdp_growth:2025:actual"
    assert [w.value for w in at.warning] == [
        "Bất nhất giữa các nguồn: Cục Thống kê công bố 7,23%; UBND thành phố trước đó ước 8,3%"]
    assert at.dataframe[0].value["Bất nhất giữa các nguồn"].iloc[0] == "có"


def test_indicator_page_lists_every_indicator_of_the_chosen_areas():
    at = _page("indicators", tinh="lang-son", chi_tieu="grdp_growth", nam="2025")
    at.toggle(key="moi_chi_tieu").set_value(True).run()
    table = at.dataframe[0].value
    lang_son = table[table["Địa bàn"] == "Lạng Sơn"]
    assert len(lang_son) == 8
    origins = dict(zip(lang_son["Chỉ tiêu"], lang_son["Nguồn gốc"]))
    assert origins["Thu ngân sách nhà nước"] == "trích tự động"
    values = dict(zip(lang_son["Chỉ tiêu"], lang_son["Giá trị"]))
    assert values["Thu ngân sách nhà nước"] == "18.961,4 tỷ đồng"
    assert values["Lượt khách du lịch"] == "≈ 4,44 triệu lượt"


def test_indicator_page_derived_figure_is_said_so():
    at = _page("indicators", tinh="cao-bang", chi_tieu="grdp_growth", nam="2024")
    assert at.dataframe[0].value["Nguồn gốc"].tolist() == ["suy ra"]
    assert re.search(r"<mark[^>]*>cao hơn năm 2024 0,48 điểm%</mark>", at.get("html")[0].value)


def test_indicator_page_without_figures_for_the_chosen_areas_says_so():
    at = _page("indicators", tinh="son-la", chi_tieu="grdp_growth", nam="2025")
    assert at.info and "chưa có số liệu của chỉ tiêu này" in at.info[0].value
    assert at.get("plotly_chart")  # the comparison across areas is still shown


# --- Tài liệu --------------------------------------------------------------------------------------------------------

def test_documents_page_lists_metadata_and_the_chain():
    at = _page("documents", tinh="")
    docs = at.dataframe[0].value
    assert len(docs) == 5
    cao_bang = docs[docs["Tỉnh, thành phố"] == "Cao Bằng"].iloc[0]
    assert (cao_bang["Loại văn bản"], cao_bang["Cấp ban hành"], cao_bang["Ngày ban hành"]) == (
        "Hướng dẫn", "cấp tỉnh", "chưa ghi ngày")
    assert cao_bang["Người ký"] == "Hoàng Hồng Diệu"
    nodes = [text for trace in _spec(at)["data"] for text in trace["text"]]
    assert "Hướng dẫn số 10-HD/BTGTW" in nodes and "Kế hoạch số 26-KH/TU" in nodes
    assert any(n.startswith("Kế hoạch — Ban Thường vụ") and "phường Thành Đông" in n.replace("<br>", " ") for n in nodes)


def test_documents_page_shows_cao_bang_guide_implementing_the_central_guidance():
    at = _page("documents", tinh="cao-bang")
    assert at.selectbox(key="van_ban_xem").value == CAO_BANG_GUIDE
    said = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]  # as shown: data text is escaped Markdown
    assert ("**Hướng dẫn — Ban Tuyên giáo và Dân vận Tỉnh uỷ Cao Bằng** thực hiện: Hướng dẫn số 10-HD/BTGTW "
            "(Ban Tuyên giáo và Dân vận Trung ương, ngày 06/02/2026)") in said
    spec = _spec(at)
    external = next(t for t in spec["data"] if t["name"].startswith("Văn bản được dẫn chiếu"))
    assert external["customdata"][0][0] == "ref:10-HD/BTGTW"


def test_documents_page_marks_the_figures_in_the_text():
    at = _page("documents", tinh="lang-son")
    text = at.get("html")[0].value
    assert re.search(r"Tốc độ tăng trưởng GRDP đạt <mark[^>]*>8,06%</mark>", text)
    assert text.count("<mark") == 12  # 3 national figures, 8 of Lạng Sơn for 2025, its 2026 growth target
    assert re.search(r'<mark[^>]*title="Lượt khách du lịch 2025 \(thực hiện; trích tự động\)">khoảng 4,44 triệu lượt khách</mark>', text)
    assert "<script" not in text


def test_documents_page_empty_filter_says_so():
    at = _page("documents", tinh="lang-son")
    at.selectbox(key="cap_van_ban").select("ward").run()
    assert not at.exception
    assert at.info and at.info[0].value.startswith("Không có văn bản nào")
    assert not at.get("plotly_chart")


# --- Filters in the URL ------------------------------------------------------------------------------------------------

def test_page_filters_are_read_from_the_url():
    at = _page("units_tasks", tinh="lang-son", vai_tro="chủ trì", tim="triển lãm", van_ban=LANG_SON_PLAN)
    assert (at.selectbox(key="vai_tro").value, at.text_input(key="tim").value) == ("chủ trì", "triển lãm")
    assert at.selectbox(key="van_ban").value == LANG_SON_PLAN
    assert at.dataframe[0].value["Đơn vị"].tolist() == [SO_VH]


def test_chosen_document_is_written_to_the_url_and_read_back():
    at = _page("documents", tinh="")
    at.selectbox(key="van_ban_xem").select(LANG_SON_PLAN).run()
    assert at.query_params["van_ban"] == LANG_SON_PLAN
    again = _page("documents", tinh="", van_ban=LANG_SON_PLAN)
    assert again.selectbox(key="van_ban_xem").value == LANG_SON_PLAN
    assert "Tốc độ tăng trưởng GRDP đạt <mark" in again.get("html")[0].value


def test_unknown_document_in_the_url_is_ignored_with_a_notice():
    at = _page("units_tasks", tinh="", van_ban="khong-co")
    assert at.selectbox(key="van_ban").value is None
    assert any("Không có văn bản mã 'khong-co'" in w.value for w in at.warning)
    assert len(at.dataframe[0].value) == 54  # 34 tasks of the four plans, 20 of the Kiên Giang plan


@pytest.mark.parametrize("page", ["units_tasks", "indicators", "documents"])
def test_pages_run_from_the_app_navigation(page):
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    assert at.get("plotly_chart") and at.get("download_button")


def test_indicator_without_figures_in_the_chosen_year_says_so():
    at = _page("indicators", tinh="lang-son", chi_tieu="tourists", nam="2026")
    assert at.info and at.info[0].value.startswith("Chưa có số liệu “Lượt khách du lịch (triệu lượt)” năm 2026")
    assert not at.get("plotly_chart")
