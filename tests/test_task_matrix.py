"""Unit × category matrix, clicked cells, search patterns, channels side by side, evidence and document views."""
import pandas as pd
import pytest

from dashboard.document_view import document_html, documents_table, figure_spans, issued_text
from dashboard.highlight import MARK_STYLE
from dashboard.provenance import evidence_card, observation_label, origin_vi, quote_html
from dashboard.task_matrix import (NO_CHANNEL, cell_keys, channels_side_by_side, like_pattern, matrix_heatmap,
                                   selected_cell, unit_category_matrix)

COUNTS = pd.DataFrame({
    "area_code": ["ls", "ls", "ls", "cb"],
    "area_name": ["Lạng Sơn", "Lạng Sơn", "Lạng Sơn", "Cao Bằng"],
    "unit_name": ["Sở Văn hóa", "Sở Văn hóa", "Sở Nội vụ", "Sở Văn hóa"],
    "category": ["bao_chi", "su_kien", "thi_dua", "bao_chi"],
    "category_vi": ["Báo chí", "Sự kiện", "Thi đua", "Báo chí"],
    "n_tasks": [2, 2, 1, 3],
    "first_task": ["ls:0002", "ls:0005", "ls:0009", "cb:0001"],
})


def test_matrix_rows_in_document_order_with_area_when_several_areas():
    matrix = unit_category_matrix(COUNTS)
    assert list(matrix.index) == ["Sở Văn hóa · Cao Bằng", "Sở Văn hóa · Lạng Sơn", "Sở Nội vụ · Lạng Sơn"]
    assert list(matrix.columns) == ["Báo chí", "Sự kiện", "Thi đua"]
    assert matrix.to_numpy().tolist() == [[3, 0, 0], [2, 2, 0], [0, 0, 1]]


def test_matrix_of_one_area_names_units_alone():
    matrix = unit_category_matrix(COUNTS[COUNTS["area_code"] == "ls"])
    assert list(matrix.index) == ["Sở Văn hóa", "Sở Nội vụ"]


def test_heatmap_leaves_empty_cells_blank_and_offers_a_clickable_point_per_filled_cell():
    fig = matrix_heatmap(unit_category_matrix(COUNTS), "t")
    heatmap, points = fig.data
    assert list(heatmap.z[0]) == [3, None, None]  # no task is blank, not 0
    assert list(heatmap.text[0]) == ["3", "", ""]
    assert len(points.x) == 4
    assert [list(c) for c in points.customdata][:2] == [["Sở Văn hóa · Cao Bằng", "Báo chí", 3],
                                                         ["Sở Văn hóa · Lạng Sơn", "Báo chí", 2]]


def test_a_clicked_cell_names_its_area_unit_and_category():
    keys = cell_keys(COUNTS)
    clicked = [{"curve_number": 1, "point_index": 2, "customdata": ["Sở Văn hóa · Lạng Sơn", "Sự kiện", 2]}]
    assert selected_cell(clicked, keys) == ("ls", "Sở Văn hóa", "su_kien")
    assert selected_cell([{"customdata": ["Sở Văn hóa · Lạng Sơn", "Không có"]}], keys) is None
    assert selected_cell([], keys) is None


@pytest.mark.parametrize("typed, pattern", [
    ("triển lãm", "%triển lãm%"),
    ("  Triển Lãm ", "%Triển Lãm%"),
    ("50%", "%50\\%%"),
    ("a_b\\c", "%a\\_b\\\\c%"),
    ("", None),
    ("   ", None),
    (None, None),
])
def test_like_pattern_takes_the_user_text_literally(typed, pattern):
    assert like_pattern(typed) == pattern


def test_like_pattern_composes_vietnamese_letters():
    decomposed = "trie\u0302\u0309n la\u0303m"  # 'triển lãm' typed with combining marks
    assert like_pattern(decomposed) == "%triển lãm%"


def test_channels_side_by_side_marks_absent_channels():
    channels = pd.DataFrame({
        "doc_id": ["a", "a", "b"], "doc_type": ["Kế hoạch"] * 3, "issuer": ["Sở A", "Sở A", "Phường B"],
        "area_name": ["Tỉnh A", "Tỉnh A", "Tỉnh B"], "ordinal": [1, 2, 1],
        "category_vi": ["Hội nghị", "Cổ động", "Cổ động"], "channel_text": ["HN a", "CĐ a", "CĐ b"],
    })
    table = channels_side_by_side(channels)
    assert list(table.columns) == ["Kế hoạch — Sở A (Tỉnh A)", "Kế hoạch — Phường B (Tỉnh B)"]
    assert table.to_numpy().tolist() == [["HN a", NO_CHANNEL], ["CĐ a", "CĐ b"]]


EVIDENCE = dict(evidence_no=3, origin="extracted", doc_id="ls", file_name="ls.txt", doc_title="Kế hoạch <X>",
                doc_type="Kế hoạch", issuer="Ban", source_url=None, publisher=None, source_title=None,
                published_on=None, quote="GRDP đạt 8,06%, hoàn thành", quote_start=100, value_text="8,06%",
                value_start=109, stated_value=8.06, curated_file=None, curated_line=None)


def _row(**changes):
    return pd.DataFrame([{**EVIDENCE, **changes}]).itertuples(index=False).__next__()


def test_evidence_card_of_a_document_quote():
    card = evidence_card(_row())
    assert f'“GRDP đạt <mark style="{MARK_STYLE}">8,06%</mark>, hoàn thành”' in card
    assert "Kế hoạch Kế hoạch &lt;X&gt; — Ban" in card and "trích tự động" in card


def test_evidence_card_of_a_published_table_links_it():
    card = evidence_card(_row(origin="curated", doc_id=None, quote=None, source_url="https://example.org/a?b=1&c=2",
                              publisher="Cục Thống kê", source_title="Bảng GRDP", published_on=pd.Timestamp("2026-01-05"),
                              curated_file="grdp.csv", curated_line=19))
    assert '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener">Bảng GRDP</a>' in card
    assert "Cục Thống kê, ngày 05/01/2026" in card and "data/curated/grdp.csv, dòng 19" in card
    assert "<blockquote" not in card


def test_curated_quote_without_offsets_marks_the_stated_value():
    row = _row(origin="curated", quote="Đạt 38,4 tỷ USD, vốn thực hiện đạt 27,62 tỷ USD", quote_start=5081,
               value_text=None, value_start=None, stated_value=27.62)
    assert quote_html(row) == f'Đạt 38,4 tỷ USD, vốn thực hiện đạt <mark style="{MARK_STYLE}">27,62</mark> tỷ USD'


def test_origin_labels():
    assert [origin_vi(o) for o in ("curated", "extracted", "derived", None)] == [
        "hiệu chỉnh tay", "trích tự động", "suy ra", "—"]


def test_observation_label():
    row = pd.DataFrame([dict(area_name="Lạng Sơn", indicator_name="Tốc độ tăng trưởng GRDP", year=2026, kind="target",
                             operator=">=", value=10.0, value_upper=None, unit="%")]).itertuples(index=False).__next__()
    assert observation_label(row) == "Lạng Sơn — Tốc độ tăng trưởng GRDP 2026 (mục tiêu): ≥ 10%"


FIGURES = pd.DataFrame({
    "indicator_name": ["GRDP", "FDI"], "year": [2025, 2025], "kind": ["actual", "actual"],
    "origin": ["extracted", "curated"], "quote": ["đạt 8,06%", "vốn đạt 27,62 tỷ USD"], "quote_start": [4, 18],
    "value_text": ["8,06%", None], "value_start": pd.array([8, None], dtype="Int32"), "stated_value": [8.06, 27.62],
})


def test_document_text_marks_every_figure_and_escapes_the_rest():
    text = "<b> đạt 8,06% & x vốn đạt 27,62 tỷ USD"
    assert text[4:13] == "đạt 8,06%" and text[18:] == "vốn đạt 27,62 tỷ USD"
    spans = figure_spans(FIGURES)
    assert [(s.start, s.end) for s in spans] == [(8, 13), (26, 31)]
    out = document_html(text, FIGURES)
    assert out.startswith('<div style="white-space:pre-wrap') and "&lt;b&gt; đạt <mark" in out
    assert out.count("<mark") == 2 and 'title="FDI 2025 (thực hiện; hiệu chỉnh tay)">27,62</mark>' in out


def test_documents_table_says_when_a_date_is_missing():
    assert issued_text(None) == "chưa ghi ngày" and issued_text(pd.NaT) == "chưa ghi ngày"
    assert issued_text(pd.Timestamp("2026-02-06")) == "06/02/2026"
    docs = pd.DataFrame([dict(doc_type="Hướng dẫn", title="T", doc_number=None, issuer="Ban", issuer_level="ward",
                              area_name="Hải Phòng", place=None, issued_on=pd.NaT, signer="A", signer_title="B",
                              n_figures=2, n_tasks=9, file_name="f.txt")])
    row = documents_table(docs).iloc[0]
    assert (row["Cấp ban hành"], row["Ngày ban hành"], row["Số hiệu"], row["Địa danh"]) == (
        "cấp phường/xã", "chưa ghi ngày", "—", "—")


def test_busiest_units_keeps_the_units_with_most_tasks():
    from dashboard.task_matrix import busiest_units
    kept, left_out = busiest_units(COUNTS, 2)
    assert left_out == 1
    assert sorted(set(zip(kept["area_code"], kept["unit_name"]))) == [("cb", "Sở Văn hóa"), ("ls", "Sở Văn hóa")]
    assert len(kept) == 3  # both categories of Lạng Sơn's Sở Văn hóa stay
    kept, left_out = busiest_units(COUNTS, 3)
    assert kept is COUNTS and left_out == 0


def test_two_documents_of_one_issuer_keep_two_columns_and_many_documents_are_counted():
    from dashboard.task_matrix import channels_summary
    channels = pd.DataFrame({
        "doc_id": ["a", "b", "b"], "doc_type": ["Kế hoạch"] * 3, "issuer": ["Sở A"] * 3,
        "area_name": ["Tỉnh A"] * 3, "ordinal": [1, 1, 2],
        "category_vi": ["Cổ động", "Cổ động", "Hội nghị"], "channel_text": ["CĐ a", "CĐ b", "HN b"],
    })
    table = channels_side_by_side(channels)
    assert list(table.columns) == ["Kế hoạch — Sở A (Tỉnh A)", "Kế hoạch — Sở A (Tỉnh A) [b]"]
    assert table.to_numpy().tolist() == [["CĐ a", "CĐ b"], [NO_CHANNEL, "HN b"]]
    summary = channels_summary(channels)
    assert summary.to_numpy().tolist() == [["Cổ động", 2, 2], ["Hội nghị", 1, 2]]
