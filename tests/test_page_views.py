"""What the pages Đơn vị và nhiệm vụ, Tài liệu, Chỉ số và nguồn draw, computed without Streamlit (dashboard.cache.view)."""
import re

import pytest

from dashboard.charts import FrozenFigure
from dashboard.document_view import document_page, document_text, documents_page
from dashboard.provenance import indicator_overview, observation_evidence, observation_list
from dashboard.safe_text import literal_frame
from dashboard.tables import arrow_table
from dashboard.task_matrix import channels_view, task_documents, task_list_view, task_matrix_view

pytestmark = pytest.mark.usefixtures("built_db")

SO_VH = "Sở Văn hóa, Thể thao và Du lịch"
LANG_SON_PLAN = "lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026"
CAO_BANG_GUIDE = "cao-bang_huong-dan-tuyen-truyen-ktxh-2025-2026"
NO_FILTER = dict(doc_id=None, issuer_level=None, role=None, pattern=None)


def _heatmap(figure: FrozenFigure) -> dict:
    return next(t for t in figure.to_dict()["data"] if t["type"] == "heatmap")


def _same_on_screen(shown, frame) -> bool:
    """The bytes Streamlit sends for the precomputed arrow table are those it makes itself from the pandas frame."""
    from streamlit import dataframe_util

    return (dataframe_util.convert_arrow_table_to_arrow_bytes(shown)
            == dataframe_util.convert_pandas_df_to_arrow_bytes(frame))


def test_arrow_table_is_drawn_as_the_pandas_frame_would_be_index_included():
    side = channels_view(doc_id=None, area_codes=["hai-phong", "lang-son"], max_documents=8)
    assert _same_on_screen(side.shown, literal_frame(side.table))  # st.table reads Markdown: texts made literal
    assert side.shown.to_pandas().index.name == "Hình thức tuyên truyền"
    tasks = task_list_view(**NO_FILTER, area_codes=["lang-son"], unit_name=None, category=None, max_rows=1000)
    assert _same_on_screen(tasks.shown, tasks.table)
    assert not _same_on_screen(arrow_table(tasks.table.head(3)), tasks.table)


# --- Đơn vị và nhiệm vụ -------------------------------------------------------------------------------------------

def test_task_documents_label_each_document_in_menu_order():
    labels = task_documents()
    assert labels[LANG_SON_PLAN] == "Kế hoạch — Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn"
    assert len(labels) == 5  # the four plans and the Kiên Giang plan


def test_task_matrix_view_counts_one_province_and_maps_rows_and_cells_back_to_units():
    matrix = task_matrix_view(**NO_FILTER, area_codes=["lang-son"], max_units=40, max_documents=8)
    assert isinstance(matrix.heatmap, FrozenFigure)
    assert matrix.n_tasks == 15 and matrix.left_out == 0
    assert "(15 nhiệm vụ)" in matrix.heatmap.to_dict()["layout"]["title"]["text"]
    heatmap = _heatmap(matrix.heatmap)
    row = [y.replace("<br>", " ") for y in heatmap["y"]].index(SO_VH)
    assert sum(v or 0 for v in heatmap["z"][row]) == 4
    assert matrix.units[SO_VH] == ("lang-son", SO_VH)
    assert {unit for _, unit, _ in matrix.cells.values()} == {unit for _, unit in matrix.units.values()}
    assert all(area == "lang-son" for area, _, _ in matrix.cells.values())


def test_task_matrix_view_keeps_the_busiest_units_and_says_how_many_are_left_out():
    every = task_matrix_view(**NO_FILTER, area_codes=[], max_units=40, max_documents=8)
    few = task_matrix_view(**NO_FILTER, area_codes=[], max_units=3, max_documents=8)
    assert len(few.units) == 3 and few.left_out == len(every.units) - 3
    assert few.left_out_text == str(few.left_out) and every.left_out_text == "0"
    assert len(_heatmap(few.heatmap)["y"]) == 3
    assert few.n_tasks == every.n_tasks  # the title still counts every task


def test_task_matrix_view_without_matching_tasks_has_no_figure():
    matrix = task_matrix_view(**{**NO_FILTER, "issuer_level": "ward"}, area_codes=["lang-son"], max_units=40, max_documents=8)
    assert matrix.heatmap is None and matrix.n_tasks == 0 and not matrix.units and matrix.channels is None


def test_task_matrix_view_carries_the_channels_of_the_chosen_documents():
    matrix = task_matrix_view(**NO_FILTER, area_codes=["hai-phong", "lang-son"], max_units=40, max_documents=8)
    alone = channels_view(doc_id=None, area_codes=["hai-phong", "lang-son"], max_documents=8)
    assert matrix.channels.table.equals(alone.table) and matrix.channels.sources == alone.sources


def test_task_list_view_of_one_unit_lists_its_full_texts_with_their_document():
    tasks = task_list_view(**NO_FILTER, area_codes=["lang-son"], unit_name=SO_VH, category=None, max_rows=1000)
    assert tasks.heading == f"Nhiệm vụ của {SO_VH}"
    assert tasks.listing_html.count("<li>") == 4 == tasks.n_tasks == len(tasks.table)
    assert "triển lãm, trưng bày chuyên đề" in tasks.listing_html
    assert tasks.sources == [f"Văn bản: Kế hoạch — Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn ({LANG_SON_PLAN})"]


def test_task_list_view_of_all_units_has_no_listing_and_stops_at_max_rows():
    tasks = task_list_view(**NO_FILTER, area_codes=[], unit_name=None, category=None, max_rows=5)
    assert tasks.heading is None and tasks.listing_html is None
    assert tasks.n_tasks == 5 and list(tasks.table.columns)[:2] == ["Đơn vị", "Vai trò"]


def test_channels_view_side_by_side_for_few_documents_counted_for_many():
    side = channels_view(doc_id=None, area_codes=["hai-phong", "lang-son"], max_documents=8)
    assert not side.summarised and side.table.index.name == "Hình thức tuyên truyền"
    assert side.table.loc["Hội thảo, tọa đàm"].iloc[0] == "—"
    assert list(side.download.columns)[0] == "Hình thức tuyên truyền" and len(side.download) == len(side.table)
    assert len(side.sources) == 2
    counted = channels_view(doc_id=None, area_codes=["hai-phong", "lang-son"], max_documents=1)
    assert counted.summarised and list(counted.table.columns) == [
        "Hình thức tuyên truyền", "Số văn bản nêu", "Trên tổng số văn bản"]
    assert set(counted.table["Trên tổng số văn bản"]) == {2}


def test_channels_view_of_a_document_without_channels_is_empty():
    assert channels_view(doc_id="khong-co", area_codes=[], max_documents=8).table is None


# --- Tài liệu --------------------------------------------------------------------------------------------------------

def test_documents_page_lists_the_filtered_documents_with_their_files():
    docs = documents_page(area_codes=[], issuer_level=None)
    assert len(docs.table) == 5 == len(docs.labels) == len(docs.sources)
    assert _same_on_screen(docs.shown, docs.table)
    assert all(s.startswith("data/raw/") for s in docs.sources)
    assert documents_page(area_codes=["lang-son"], issuer_level="ward").table is None


def test_document_page_says_what_the_document_implements():
    page = document_page(area_codes=["cao-bang"], issuer_level=None, doc_id=CAO_BANG_GUIDE, max_nodes=25)
    assert re.sub(r"\\(.)", r"\1", page.implements) == (  # as shown: data text is escaped Markdown
        "**Hướng dẫn — Ban Tuyên giáo và Dân vận Tỉnh uỷ Cao Bằng** thực hiện: Hướng dẫn số "
        "10-HD/BTGTW (Ban Tuyên giáo và Dân vận Trung ương, ngày 06/02/2026)")
    assert not page.is_lineage
    external = next(t for t in page.chain.to_dict()["data"] if t["name"].startswith("Văn bản được dẫn chiếu"))
    assert external["customdata"][0][0] == "ref:10-HD/BTGTW"
    assert page.heading.startswith("**Hướng dẫn: ") and "ngày ban hành: chưa ghi ngày" in page.heading
    assert len(page.links) >= 1 and page.source.startswith("data/raw/")
    assert page.text.html == document_text(doc_id=CAO_BANG_GUIDE).html
    assert page.text.html.startswith('<div style="white-space:pre-wrap')


def test_document_page_with_too_many_nodes_draws_only_the_lineage():
    whole = document_page(area_codes=[], issuer_level=None, doc_id=CAO_BANG_GUIDE, max_nodes=25)
    only = document_page(area_codes=[], issuer_level=None, doc_id=CAO_BANG_GUIDE, max_nodes=1)
    assert only.is_lineage and not whole.is_lineage
    assert len(only.links) < len(whole.links)


def test_document_text_marks_the_figures():
    text = document_text(doc_id=LANG_SON_PLAN)
    assert re.search(r"Tốc độ tăng trưởng GRDP đạt <mark[^>]*>8,06%</mark>", text.html)
    assert text.html.count("<mark") == 12 and text.n_figures == len(text.figures)
    assert list(text.figures.columns)[0] == "Chỉ tiêu"


# --- Chỉ số và nguồn ----------------------------------------------------------------------------------------------

def test_indicator_overview_compares_every_area_and_names_its_sources():
    overview = indicator_overview(year=2025, indicator_code="grdp_growth", highlighted=["lang-son"], title="GRDP")
    bars = overview.bars.to_dict()["data"][0]
    assert bars["type"] == "bar" and len(bars["y"]) == 32
    assert dict(zip(bars["y"], bars["text"]))["Lạng Sơn"] == "8,06%"
    assert overview.sources
    assert indicator_overview(year=2026, indicator_code="tourists", highlighted=[], title="x").bars is None


def test_observation_list_puts_provinces_first_and_keeps_notes_by_observation():
    observations = observation_list(year=2025, indicator_code="grdp_growth", area_codes=["lang-son"])
    assert observations.table["Địa bàn"].tolist() == ["Lạng Sơn", "Cả nước"]
    assert "Số" in observations.table.columns
    assert observations.shown.column_names == [c for c in observations.table.columns if c != "Số"]
    assert list(observations.labels)[0] == "lang-son:grdp_growth:2025:actual"
    assert observations.labels["lang-son:grdp_growth:2025:actual"].startswith("Lạng Sơn — ")
    assert all(isinstance(n, str) and n for n in observations.notes.values())
    assert observation_list(year=2025, indicator_code="grdp_growth", area_codes=["son-la"]).table is None


def test_observation_evidence_has_conflicts_cards_and_lines():
    evidence = observation_evidence(obs_id="can-tho:grdp_growth:2025:actual")
    assert evidence.conflicts == ["Cục Thống kê công bố 7,23%; UBND thành phố trước đó ước 8,3%"]
    assert evidence.cards.count("Nguồn ") == len(evidence.lines) >= 1
    unknown = observation_evidence(obs_id="khong-co")
    assert (unknown.conflicts, unknown.cards, unknown.lines) == ([], "", [])
