"""The document chain: levels, one node per referenced document however its number is written, edges down the chain."""
import pandas as pd
import pytest

from dashboard.document_chain import LEVELS, build_chain, chain_figure, chain_table, level_of

COLUMNS = ["doc_id", "doc_type", "title", "doc_number", "issuer", "issuer_level", "area_code",
           "ordinal", "ref_type", "ref_number", "ref_date", "ref_issuer", "quote"]


def rows(*records) -> pd.DataFrame:
    frame = pd.DataFrame([dict(zip(COLUMNS, r)) for r in records], columns=COLUMNS)
    frame["ref_date"] = pd.to_datetime(frame["ref_date"])
    return frame


PROVINCE = ("tinh-plan", "Kế hoạch", "KH tỉnh", None, "Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh X", "province", "x")
GUIDE = ("guide", "Hướng dẫn", "HD", None, "Ban Tuyên giáo và Dân vận Tỉnh uỷ Y", "province", "y")
WARD = ("ward-plan", "Kế hoạch", "KH phường", None, "Ban Thường vụ Đảng ủy phường Z", "ward", "z")
CENTRAL = ("Hướng dẫn", "Ban Tuyên giáo và Dân vận Trung ương")


@pytest.mark.parametrize("issuer, issuer_level, number, expected", [
    ("Ban Tuyên giáo và Dân vận Trung ương", None, "10-HD/BTGTW", "Trung ương"),
    (None, None, "10-HD/BTGDVTW", "Trung ương"),
    ("Ban Tuyên giáo và Dân vận Tỉnh uỷ Cao Bằng", "province", None, "Tỉnh ủy, Thành ủy"),
    ("Ban Tuyên giáo và Dân vận Thành ủy", None, "34-KH/BTGDVTU", "Tỉnh ủy, Thành ủy"),
    (None, None, "22-HD/BTGDVTU", "Tỉnh ủy, Thành ủy"),
    ("Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh Lạng Sơn", "province", None, "Sở, ngành, cấp tỉnh"),
    ("Sở Công Thương An Giang", "department", None, "Sở, ngành, cấp tỉnh"),
    ("Ban Thường vụ Đảng ủy phường Thành Đông", "ward", None, "Phường, xã"),
])
def test_levels(issuer, issuer_level, number, expected):
    assert LEVELS[level_of(issuer, issuer_level, number)] == expected


def test_one_node_for_one_document_written_two_ways_and_external_nodes_for_the_rest():
    chain = build_chain(rows(
        GUIDE + (1, *CENTRAL[:1], "10-HD/BTGTW", "2026-02-06", CENTRAL[1], "q"),
        PROVINCE + (1, "Hướng dẫn", "10-HD/BTGDVTW", "2026-02-06", CENTRAL[1], "q"),
        PROVINCE + (2, "Kế hoạch", "26-KH/TU", "2026-03-04", "Ban Thường vụ Tỉnh ủy", "q"),
        WARD + (None,) * 6,
    ))
    assert sorted(chain.nodes) == ["guide", "ref:10-HD/BTGTW", "ref:26-KH/TU", "tinh-plan", "ward-plan"]
    central = chain.nodes["ref:10-HD/BTGTW"]
    assert (central.is_external, central.level, central.aliases) == (True, 0, ["10-HD/BTGTW", "10-HD/BTGDVTW"])
    assert central.label == "Hướng dẫn số 10-HD/BTGTW"
    assert central.detail == "Ban Tuyên giáo và Dân vận Trung ương, ngày 06/02/2026"
    assert chain.edges == [("ref:10-HD/BTGTW", "guide"), ("ref:10-HD/BTGTW", "tinh-plan"), ("ref:26-KH/TU", "tinh-plan")]
    assert chain.nodes["ward-plan"].level == 3 and not chain.nodes["ward-plan"].is_external


def test_same_number_on_another_date_is_another_document():
    chain = build_chain(rows(
        GUIDE + (1, "Hướng dẫn", "10-HD/BTGTW", "2026-02-06", CENTRAL[1], "q"),
        PROVINCE + (1, "Hướng dẫn", "10-HD/BTGDVTW", "2025-02-06", CENTRAL[1], "q"),
    ))
    assert len([n for n in chain.nodes.values() if n.is_external]) == 2


def test_a_reference_to_a_document_in_the_database_links_the_two():
    guide_with_number = ("guide", "Hướng dẫn", "HD", "34-KH/BTGDVTU", "Ban Tuyên giáo và Dân vận Thành ủy", "province", "y")
    chain = build_chain(rows(
        guide_with_number + (None,) * 6,
        WARD + (1, "Kế hoạch", "34-KH/btgdvtu ", "2026-02-25", "Ban Tuyên giáo và Dân vận Thành ủy", "q"),
    ))
    assert chain.edges == [("guide", "ward-plan")]
    assert not any(n.is_external for n in chain.nodes.values())


def test_table_and_figure():
    chain = build_chain(rows(
        GUIDE + (1, "Hướng dẫn", "10-HD/BTGTW", "2026-02-06", CENTRAL[1], "q"),
        PROVINCE + (1, "Hướng dẫn", "10-HD/BTGDVTW", "2026-02-06", CENTRAL[1], "q"),
    ))
    table = chain_table(chain)
    assert table["Văn bản được thực hiện"].tolist() == ["Hướng dẫn số 10-HD/BTGTW (còn ghi 10-HD/BTGDVTW)"] * 2
    assert table["Có trong dữ liệu"].tolist() == ["chưa", "chưa"]
    fig = chain_figure(chain, selected="guide")
    assert len(fig.layout.annotations) == 2  # one arrow per edge
    assert list(fig.layout.xaxis.ticktext) == LEVELS
    inside = fig.data[0]
    assert list(inside.marker.size) == [26, 18]  # the selected document is drawn larger


def test_linked_nodes_are_placed_at_similar_heights():
    """As in the four documents of data/raw: each external plan sits level with the document implementing it."""
    from dashboard.document_chain import positions
    department = ("so-plan", "Kế hoạch", "KH sở", None, "Sở Công Thương An Giang", "department", "ag")
    chain = build_chain(rows(
        department + (1, "Hướng dẫn", "22-HD/BTGDVTU", None, None, "q"),
        GUIDE + (1, "Hướng dẫn", "10-HD/BTGTW", "2026-02-06", CENTRAL[1], "q"),
        WARD + (1, "Kế hoạch", "34-KH/BTGDVTU", "2026-02-25", "Ban Tuyên giáo và Dân vận Thành ủy", "q"),
        PROVINCE + (1, "Hướng dẫn", "10-HD/BTGDVTW", "2026-02-06", CENTRAL[1], "q"),
        PROVINCE + (2, "Kế hoạch", "26-KH/TU", "2026-03-04", "Ban Thường vụ Tỉnh ủy", "q"),
    ))
    xy = positions(chain)

    def column(level):  # top to bottom
        return [n for n, (x, y) in sorted(xy.items(), key=lambda item: -item[1][1]) if x == level]

    # in input order the guide would be on top and the Sở's plan would point up across it
    assert column(1) == ["ref:22-HD/BTGDVTU", "guide", "ref:34-KH/BTGDVTU", "ref:26-KH/TU"]
    assert column(2) == ["so-plan", "tinh-plan"]
    assert column(0) == ["ref:10-HD/BTGTW"] and column(3) == ["ward-plan"]


def test_lineage_keeps_what_a_document_implements_and_what_implements_it_not_its_siblings():
    from dashboard.document_chain import lineage
    guide_with_number = ("guide", "Hướng dẫn", "HD", "34-KH/BTGDVTU", "Ban Tuyên giáo và Dân vận Thành ủy", "province", "y")
    chain = build_chain(rows(
        guide_with_number + (1, "Hướng dẫn", "10-HD/BTGTW", "2026-02-06", CENTRAL[1], "q"),
        WARD + (1, "Kế hoạch", "34-KH/BTGDVTU", "2026-02-25", "Ban Tuyên giáo và Dân vận Thành ủy", "q"),
        PROVINCE + (1, "Hướng dẫn", "10-HD/BTGDVTW", "2026-02-06", CENTRAL[1], "q"),
    ))
    assert sorted(lineage(chain, "guide").nodes) == ["guide", "ref:10-HD/BTGTW", "ward-plan"]
    assert lineage(chain, "guide").edges == [("ref:10-HD/BTGTW", "guide"), ("guide", "ward-plan")]
    assert sorted(lineage(chain, "tinh-plan").nodes) == ["ref:10-HD/BTGTW", "tinh-plan"]
    assert sorted(lineage(chain, "ward-plan").nodes) == ["guide", "ref:10-HD/BTGTW", "ward-plan"]
