"""Marking figures in sentences and documents: HTML-escaped, exactly the value's characters, never the wrong place."""
import pytest

from dashboard.highlight import MARK_STYLE, QUOTE_STYLE, Span, locate_number, mark_spans, mark_value_in_quote

MARK = f'<mark style="{MARK_STYLE}">'


def test_marks_exactly_the_value_span_of_the_quote():
    quote = "Tốc độ tăng trưởng GRDP đạt 8,06%, hoàn thành mục tiêu"
    # offsets index the document: the quote starts at 12255, the value at 12283 (28 characters in)
    assert mark_value_in_quote(quote, 12255, "8,06%", 12283) == (
        f"Tốc độ tăng trưởng GRDP đạt {MARK}8,06%</mark>, hoàn thành mục tiêu")


def test_text_is_html_escaped_outside_and_inside_the_mark():
    text = 'A <script>alert("x")</script> & 5<6 đạt 8,06%'
    out = mark_spans(text, [Span(text.index("5<6"), text.index("5<6") + 3)])
    assert out == (f'A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {MARK}5&lt;6</mark> đạt 8,06%')


def test_title_is_escaped_into_the_attribute():
    out = mark_spans("x 1 y", [Span(2, 3, title='GRDP "thực hiện" <b>')])
    assert out == f'x <mark style="{MARK_STYLE}" title="GRDP &quot;thực hiện&quot; &lt;b&gt;">1</mark> y'


@pytest.mark.parametrize("quote_start, value_text, value_start", [
    (100, "8,06%", 130),   # offsets point elsewhere in the quote
    (100, "8,06%", 90),    # before the quote
    (100, "9,99%", 128),   # a value not at that place
    (None, "8,06%", 128),  # offsets missing
    (100, None, None),
])
def test_offsets_that_do_not_point_at_the_value_mark_nothing(quote_start, value_text, value_start):
    quote = "Tốc độ tăng trưởng GRDP đạt 8,06%, hoàn thành"
    assert mark_value_in_quote(quote, quote_start, value_text, value_start) == quote


def test_overlapping_spans_keep_the_first_and_out_of_range_spans_are_dropped():
    out = mark_spans("abcdefgh", [Span(1, 4), Span(3, 6), Span(6, 99), Span(5, 5)])
    assert out == f"a{MARK}bcd</mark>efgh"


def test_value_inside_a_tinted_quote_nests_and_newlines_become_breaks():
    out = mark_spans("Mở đầu.\nĐạt 7,22% năm nay.", [Span(8, 26, kind="quote"), Span(12, 17)], newlines=True)
    assert out == (f'Mở đầu.<br><span style="{QUOTE_STYLE}">Đạt {MARK}7,22%</mark> năm nay.</span>')


def test_a_value_crossing_a_quote_boundary_is_cut_so_tags_never_interleave():
    out = mark_spans("0123456789", [Span(0, 5, kind="quote"), Span(3, 8)])
    assert out == f'<span style="{QUOTE_STYLE}">012{MARK}34</mark></span>{MARK}567</mark>89'


@pytest.mark.parametrize("text, value, expected", [
    ("Đạt 38,4 tỷ USD, vốn thực hiện đạt 27,62 tỷ USD", 27.62, "27,62"),
    ("Đạt 38,4 tỷ USD, vốn thực hiện đạt 27,62 tỷ USD", 38.4, "38,4"),
    ("đã triển khai xóa 7.188/7.206 nhà", 7188, "7.188"),
    ("đã triển khai xóa 7188/7206 nhà", 7188, "7188"),
])
def test_locate_number_finds_the_vietnamese_writing(text, value, expected):
    span = locate_number(text, value)
    assert text[span.start:span.end] == expected


@pytest.mark.parametrize("text, value", [("tăng 138,45%", 38.4), ("đạt 38,45%", 38.4), ("không có số", 5), ("x", None)])
def test_locate_number_does_not_match_inside_a_longer_number(text, value):
    assert locate_number(text, value) is None
