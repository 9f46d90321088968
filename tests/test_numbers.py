"""Vietnamese numbers and quantities: table-driven cases and property-based round trips."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.formatting import number, stated, with_unit
from etl.numbers import parse_fraction, parse_number, parse_quantity
from etl.reference import load_reference

UNITS = load_reference().units


@pytest.mark.parametrize("text, expected", [
    ("8,06", 8.06),
    ("18.961,4", 18961.4),
    ("4.491,591", 4491.591),
    ("5.026", 5026),
    ("2.650.000", 2650000),
    ("2,65", 2.65),
    ("0,48", 0.48),
    ("71", 71),
    ("56,85", 56.85),
])
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["18.96,4", "1.2.3", "12.5", "abc", "", "8,06,1"])
def test_parse_number_rejects_malformed(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("text, operator, value, unit, upper", [
    ("8,06%", "=", 8.06, "%", None),
    ("18.961,4 tỷ đồng", "=", 18961.4, "tỷ đồng", None),
    ("trên 4.491,591 tỷ đồng", ">", 4491.591, "tỷ đồng", None),
    ("5.026 USD", "=", 5026, "USD", None),
    ("2,65 triệu tỷ đồng", "=", 2650000, "tỷ đồng", None),
    ("khoảng 2,65 triệu tỷ đồng", "~", 2650000, "tỷ đồng", None),
    ("1,02 triệu doanh nghiệp", "=", 1020000, "doanh nghiệp", None),
    ("0,48 điểm%", "=", 0.48, "điểm %", None),
    ("56,85 triệu đồng", "=", 56.85, "triệu đồng", None),
    ("hơn 930 tỷ USD", ">", 930, "tỷ USD", None),
    ("khoảng 4,44 triệu lượt khách", "~", 4.44, "triệu lượt", None),
    ("tối thiểu 9%", ">=", 9, "%", None),
    ("từ 10% trở lên", ">=", 10, "%", None),
    ("10% trở lên", ">=", 10, "%", None),
    ("dưới 4,5%", "<", 4.5, "%", None),
    ("không quá 4,5%", "<=", 4.5, "%", None),
    ("10 - 10,5%", "range", 10, "%", 10.5),
    ("5.400–5.500 USD", "range", 5400, "USD", 5500),
    ("50 triệu đồng/ha", "=", 50, "triệu đồng/ha", None),
    ("850 triệu USD", "=", 0.85, "tỷ USD", None),
])
def test_parse_quantity(text, operator, value, unit, upper):
    q = parse_quantity(text, UNITS)
    assert (q.operator, q.unit) == (operator, unit)
    assert q.value == pytest.approx(value)
    assert q.value_upper == (pytest.approx(upper) if upper is not None else None)


def test_unit_names_its_indicator():
    assert parse_quantity("174 sản phẩm OCOP", UNITS).indicator_code == "ocop_products"
    assert parse_quantity("1,02 triệu doanh nghiệp đang hoạt động", UNITS).indicator_code == "active_enterprises"


@pytest.mark.parametrize("text, num, den", [("7.188/7.206", 7188, 7206), ("27/34", 27, 34)])
def test_parse_fraction(text, num, den):
    f = parse_fraction(text)
    assert (f.numerator, f.denominator) == (num, den)


def test_unknown_unit_is_not_a_quantity():
    with pytest.raises(ValueError):
        parse_quantity("6.500 hộ", UNITS)


@pytest.mark.parametrize("value, expected", [
    (8.06, "8,06"), (18961.4, "18.961,4"), (4491.591, "4.491,591"), (2650000, "2.650.000"), (None, "—"),
    (float("nan"), "—"), (0, "0"),
])
def test_format_number(value, expected):
    assert number(value) == expected


def test_format_with_units_and_operators():
    assert with_unit(8.06, "%") == "8,06%"
    assert with_unit(18961.4, "tỷ đồng") == "18.961,4 tỷ đồng"
    assert stated(">=", 10, "%") == "≥ 10%"
    assert stated("range", 5400, "USD", 5500) == "5.400–5.500 USD"
    assert stated("=", None, "%") == "—"


@given(st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False, allow_infinity=False))
def test_round_trip_format_then_parse(value):
    text = number(float(value), decimals=3)
    assert Decimal(str(parse_number(text))).quantize(Decimal("0.001")) == value.quantize(Decimal("0.001"))


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_round_trip_quantity(whole, hundredths):
    value = whole + hundredths / 100
    text = f"trên {number(value, decimals=2)} tỷ đồng"
    q = parse_quantity(text, UNITS)
    assert q.operator == ">" and q.unit == "tỷ đồng"
    assert q.value == pytest.approx(value)


def test_differences_always_show_their_sign():
    from dashboard.formatting import percent_change, points, signed

    assert [signed(0.04), signed(-0.8), signed(0), signed(None), signed(float("nan"))] == \
        ["+0,04", "−0,80", "±0,00", "—", "—"]
    assert points(-1.2, 1) == "−1,2 điểm %" and points(None) == "—"
    assert percent_change(12.345) == "+12,3%" and percent_change(float("nan")) == "—"
