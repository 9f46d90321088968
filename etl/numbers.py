"""Vietnamese numbers and quantities: `18.961,4 tỷ đồng`, `trên 95 tỷ USD`, `từ 10% trở lên`."""
from __future__ import annotations

import re
from dataclasses import dataclass

LOCALE = "vi"

# A number as Vietnamese documents write it: dots group thousands, a comma marks decimals.
NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

# A dot decimal ("8.5%") is read only where it cannot be a thousands group (one or two digits after the dot).
DOT_DECIMAL = r"\d{1,3}\.\d{1,2}(?![\d.,])"
OPERATOR_SYMBOLS = {"=": "=", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "~": "≈", "range": "–", "times": "×"}


def parse_number(text: str) -> float:
    """`18.961,4` -> 18961.4; raises ValueError on a malformed number such as `18.96,4`."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned or not re.fullmatch(r"[+-]?(?:" + NUMBER_PATTERN + ")", cleaned):
        raise ValueError(f"không phải số kiểu Việt Nam: {text!r}")
    # The pattern above already holds the grouping rules; reading it by hand is 100× faster than babel's
    # parser, which the extractor called once per figure.
    return float(cleaned.replace(".", "").replace(",", "."))


@dataclass(frozen=True)
class Fraction:
    numerator: float
    denominator: float


def parse_fraction(text: str) -> Fraction:
    """`7.188/7.206` -> Fraction(7188, 7206); `27/34` -> Fraction(27, 34)."""
    parts = text.split("/")
    if len(parts) != 2:
        raise ValueError(f"không phải phân số: {text!r}")
    return Fraction(parse_number(parts[0]), parse_number(parts[1]))


@dataclass(frozen=True)
class UnitAlias:
    alias: str
    unit: str
    factor: float
    indicator_code: str | None = None


@dataclass(frozen=True)
class Quantity:
    operator: str
    value: float
    unit: str
    value_upper: float | None = None
    indicator_code: str | None = None  # some units name their indicator ("sản phẩm OCOP")


class UnitTable:
    """Unit aliases as written in documents, each mapped to a canonical unit with a factor."""

    def __init__(self, aliases: list[UnitAlias], operators: list[tuple[str, str]] | None = None):
        """`operators`: (qualifier, operator) pairs from lexicon/operators.yaml (read from there when not given)."""
        if operators is None:
            from .lexicon import load_lexicon
            operators = [(w, e.get("operator")) for e in load_lexicon()["operators"] for w in e.words]
        self.operators = sorted(operators, key=lambda o: len(o[0]), reverse=True)
        self.aliases = sorted(aliases, key=lambda a: len(a.alias), reverse=True)
        self.by_alias = {a.alias.lower(): a for a in self.aliases}
        self.canonical_units = {a.unit for a in aliases}
        alternatives = "|".join(re.escape(a.alias) for a in self.aliases)
        # Unit words must end at a word boundary ("USD" but not "USDT"); "%" needs none.
        self.pattern = re.compile(rf"(?:{alternatives})(?![\w])", re.IGNORECASE)

    def lookup(self, alias: str) -> UnitAlias:
        try:
            return self.by_alias[alias.lower()]
        except KeyError:
            raise ValueError(f"đơn vị không có trong danh mục: {alias!r}") from None


def quantity_pattern(units: UnitTable) -> re.Pattern:
    """Matches `[qualifier] number [- number] unit [- number unit] [trở lên]` in running text."""
    unit_alts = "|".join(re.escape(a.alias) for a in units.aliases)
    qualifiers = "|".join(re.escape(q) for q, _ in units.operators)
    number = rf"{NUMBER_PATTERN}|{DOT_DECIMAL}"
    return re.compile(
        rf"(?:(?<!\w)(?P<qual>{qualifiers})\s+(?:mức\s+)?)?"
        rf"(?<![\d.,/])(?P<num>{number})"
        rf"(?:\s*(?:-|–|đến|tới)\s*(?P<upper>{number}))?"
        rf"\s*(?P<unit>{unit_alts})(?![\w])"
        rf"(?:\s*(?:-|–|đến|tới)\s*(?P<upper2>{number})\s*(?P=unit)(?![\w]))?"
        rf"(?P<up>\s+trở\s+lên)?",
        re.IGNORECASE,
    )


def operator_for(qualifier: str | None, trailing_up: bool, has_upper: bool,
                 operators: list[tuple[str, str]] | None = None) -> str:
    if has_upper:
        return "range"
    if trailing_up:
        return ">="
    if not qualifier:
        return "="
    q = " ".join(qualifier.lower().split())
    for phrase, op in operators or []:
        if q == phrase.lower():
            # "từ X" alone reads as "at least X" in targets ("chiếm từ 3%")
            return op
    raise ValueError(f"từ chỉ mức không rõ: {qualifier!r}")


def parse_quantity(text: str, units: UnitTable) -> Quantity:
    """Parse a whole string such as `trên 4.491,591 tỷ đồng` or `2,65 triệu tỷ đồng`."""
    m = quantity_pattern(units).fullmatch(text.strip())
    if not m:
        raise ValueError(f"không đọc được số liệu: {text!r}")
    return quantity_from_match(m, units)


def quantity_from_match(m: re.Match, units: UnitTable) -> Quantity:
    alias = units.lookup(m.group("unit"))
    value = _number(m.group("num")) * alias.factor
    upper = m.group("upper") or m.group("upper2")
    value_upper = _number(upper) * alias.factor if upper else None
    op = operator_for(m.group("qual"), bool(m.group("up")), upper is not None, units.operators)
    return Quantity(op, _tidy(value), alias.unit, _tidy(value_upper) if value_upper is not None else None,
                    alias.indicator_code)


_DOT_DECIMAL = re.compile(DOT_DECIMAL)


def _number(text: str) -> float:
    """A number the quantity pattern has already matched (so its grouping is valid)."""
    if "," not in text and "." in text and _DOT_DECIMAL.fullmatch(text):
        return float(text)
    return float(text.replace(".", "").replace(",", "."))


def _tidy(x: float) -> float:
    """Undo binary noise from unit factors (2,65 x 10^6 -> 2650000.0, not 2649999.9999)."""
    return float(f"{x:.10g}")
