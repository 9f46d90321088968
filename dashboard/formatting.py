"""Numbers the Vietnamese way for screens (8,06%; 18.961,4 tỷ đồng); a missing value is "—", never 0."""
from __future__ import annotations

import math

from babel.numbers import format_decimal

from etl.numbers import OPERATOR_SYMBOLS

LOCALE = "vi"
MISSING = "—"


def is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except TypeError:
        return str(value) in ("<NA>", "NaT")


def number(value, decimals: int | None = None) -> str:
    """8.06 -> '8,06'; 18961.4 -> '18.961,4'; None/NaN -> '—'. `decimals` fixes the digits after the comma."""
    if is_missing(value):
        return MISSING
    value = float(value)
    if decimals is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def with_unit(value, unit: str | None, decimals: int | None = None) -> str:
    """'8,06%', '18.961,4 tỷ đồng', '27 (hạng)'."""
    text = number(value, decimals)
    if text == MISSING or not unit:
        return text
    if unit == "%":
        return f"{text}%"
    if unit == "hạng":
        return f"hạng {text}"
    return f"{text} {unit}"


def stated(operator: str, value, unit: str | None, value_upper=None, decimals: int | None = None) -> str:
    """A figure with its qualifier: '≥ 10%', '≈ 4,44 triệu lượt', '5.400–5.500 USD'."""
    if is_missing(value):
        return MISSING
    if operator == "range":
        return f"{number(value, decimals)}–{with_unit(value_upper, unit, decimals)}"
    symbol = OPERATOR_SYMBOLS.get(operator, operator)
    shown = with_unit(value, unit, decimals)
    return shown if operator == "=" else f"{symbol} {shown}"


def signed(value, decimals: int = 2) -> str:
    """A difference with its sign always written: '+0,04', '−1,20', '±0,00'; '—' when missing."""
    if is_missing(value):
        return MISSING
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{number(abs(value), decimals)}"


def points(value, decimals: int = 2) -> str:
    """A difference of rates in percentage points: '+0,04 điểm %', '−1,2 điểm %'."""
    text = signed(value, decimals)
    return text if text == MISSING else f"{text} điểm %"


def percent_change(value, decimals: int = 1) -> str:
    text = signed(value, decimals)
    return text if text == MISSING else f"{text}%"
