"""Sidebar filters shared by pages, kept in the URL (?tinh=lang-son,cao-bang&vung=…&nam=…&chi_tieu=grdp_growth).

A link reproduces the view: the URL is read when a filter's widget has no state yet (a fresh session, or the
first run of a page), and written back after the widgets so it always shows what is on screen. The chosen
values are also kept in the session, so moving to another page (which drops the URL's parameters) keeps them.
An unknown value in the URL is ignored with a notice naming it, never an error.

Widgets are plain keyed widgets rather than `bind="query-params"`: a bound widget cannot be set from code
and page switches drop bound parameters (see NOTES-stack.md).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from .cache import view
from . import years
from .db import run_query
from .safe_text import literal

DEFAULT_INDICATOR = "grdp_growth"
ALL_REGIONS = "Tất cả các vùng"
MAX_DEFAULT_HIGHLIGHTED = 6

# URL parameter names (Vietnamese, ASCII) for each filter.
PARAM_PROVINCES = "tinh"
PARAM_REGION = "vung"
PARAM_YEAR = "nam"
PARAM_INDICATOR = "chi_tieu"
_STATE = "_filters"  # session copy of the last values, so a page switch keeps them
_KEYS = {name: f"filter_{name}" for name in ("provinces", "region", "year", "indicator")}


@dataclass
class Filters:
    provinces: list[str]      # highlighted area codes (default: provinces whose documents we hold)
    region: str | None        # region_vi or None for all
    year: int                 # default: the results year of the data (dashboard/years.py)
    indicator: str            # indicator_code, default "grdp_growth"


@dataclass
class Options:
    """What each filter can take, read from the database."""
    provinces: dict[str, str]          # area_code -> name_vi, in Vietnamese alphabetical order
    regions: list[str]
    years: list[int]                   # newest first
    indicators: dict[str, str]         # indicator_code -> label
    default_provinces: list[str] = field(default_factory=list)
    default_year: int | None = None    # the results year (dashboard/years.py); else the newest year

    def defaults(self) -> Filters:
        if self.default_year is not None and (self.default_year in self.years or not self.years):
            year = self.default_year
        else:
            year = self.years[0] if self.years else years.from_database().results
        indicator = (DEFAULT_INDICATOR if DEFAULT_INDICATOR in self.indicators or not self.indicators
                     else next(iter(self.indicators)))
        return Filters(provinces=list(self.default_provinces), region=None, year=year, indicator=indicator)


_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # ă/â/ơ-ư are letters of their own in Vietnamese
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_sort_key(text: str) -> tuple:
    """Vietnamese alphabetical order: a ă â b c d đ e ê …, tones compared only after the letters."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if ch in _LETTER_MARKS and letters:
            base, mark = letters[-1]
            letters[-1] = (base, mark + _LETTER_MARKS[ch])
        elif ch in _TONE_MARKS:
            tones.append(_TONE_MARKS[ch])
        elif ch == "đ":
            letters.append(("d", 9))
        else:
            letters.append((ch, 0))
            tones.append(0)
    return tuple(letters), tuple(tones)


def build_options(provinces: pd.DataFrame, indicators: pd.DataFrame, years: pd.DataFrame) -> Options:
    """Options from the three option queries (provinces_in_force, indicators_with_observations, observation_years)."""
    ordered = provinces.assign(_key=provinces["name_vi"].map(vietnamese_sort_key)).sort_values("_key")
    regions = sorted({r for r in provinces["region_vi"].dropna()}, key=vietnamese_sort_key)
    with_documents = [c for c, has in zip(ordered["area_code"], ordered["has_documents"]) if bool(has)]
    labels = {row.indicator_code: f"{row.name_vi} ({row.unit})" if isinstance(row.unit, str) and row.unit else row.name_vi
              for row in indicators.itertuples()}
    return Options(
        provinces=dict(zip(ordered["area_code"], ordered["name_vi"])),
        regions=regions,
        years=[int(y) for y in years["year"]],
        indicators=labels,
        # highlighting every province is highlighting none: with documents from many, the analyst picks
        default_provinces=with_documents if len(with_documents) <= MAX_DEFAULT_HIGHLIGHTED else [],
    )


def options_from_database() -> Options:
    options = build_options(run_query("provinces_in_force"), run_query("indicators_with_observations"),
                            run_query("observation_years"))
    options.default_year = years.from_database().results
    return options


def load_options() -> Options:
    """The filters' options, read once per database build; shared between sessions, so not to be changed."""
    return view(options_from_database)


def _values(params, name: str) -> list[str] | None:
    """All values of a URL parameter, commas split (?tinh=a,b and ?tinh=a&tinh=b); None when absent."""
    if name not in params:
        return None
    out = []
    for raw in params.get_all(name):
        out += [v.strip() for v in str(raw).split(",") if v.strip()]
    return out


def parse_url(params, options: Options, shown: set[str] | None = None) -> tuple[dict, list[str]]:
    """Filter values found in the URL that the options know, and a notice for each value that was ignored.

    Only the filters in `shown` (all when None) are read: a page does not judge parameters it does not use.
    """
    found: dict = {}
    notices: list[str] = []
    shown = {"provinces", "region", "year", "indicator"} if shown is None else shown
    codes = _values(params, PARAM_PROVINCES) if "provinces" in shown else None
    if codes is not None:
        known = [c for c in codes if c in options.provinces]
        unknown = [c for c in codes if c not in options.provinces]
        if unknown:
            notices.append(f"Không có tỉnh, thành phố mã {', '.join(literal(repr(c)) for c in unknown)} "
                           f"(tham số `{PARAM_PROVINCES}`): đã bỏ qua.")
        if known or not unknown:  # ?tinh= (empty) means no province highlighted
            found["provinces"] = list(dict.fromkeys(known))
    region = _values(params, PARAM_REGION) if "region" in shown else None
    if region:
        value = ",".join(region)
        if value in options.regions:
            found["region"] = value
        else:
            notices.append(f"Không có vùng {literal(repr(value))} (tham số `{PARAM_REGION}`): đã bỏ qua, hiện tất cả các vùng.")
    year = _values(params, PARAM_YEAR) if "year" in shown else None
    if year:
        value = year[-1]
        if value.isdigit() and int(value) in options.years:
            found["year"] = int(value)
        else:
            have = ", ".join(str(y) for y in sorted(options.years))
            notices.append(f"Không có số liệu năm {literal(repr(value))} (tham số `{PARAM_YEAR}`; có các năm {have}): đã bỏ qua.")
    indicator = _values(params, PARAM_INDICATOR) if "indicator" in shown else None
    if indicator:
        value = indicator[-1]
        if value in options.indicators:
            found["indicator"] = value
        else:
            notices.append(f"Không có chỉ tiêu mã {literal(repr(value))} (tham số `{PARAM_INDICATOR}`): đã bỏ qua.")
    return found, notices


def url_params(filters: Filters, *, provinces: bool, region: bool, year: bool, indicator: bool) -> dict[str, str]:
    """The URL parameters that reproduce the shown filters."""
    out = {}
    if provinces:
        out[PARAM_PROVINCES] = ",".join(filters.provinces)
    if region:
        out[PARAM_REGION] = filters.region or ""
    if year:
        out[PARAM_YEAR] = str(filters.year)
    if indicator:
        out[PARAM_INDICATOR] = filters.indicator
    return out


def _initial(name: str, url: dict, stored: dict, default):
    """A widget's value when it has no state yet: the URL, else what the session last chose, else the default."""
    if name in url:
        return url[name]
    return stored.get(name, default)


def sidebar_filters(*, provinces: bool = True, region: bool = False, year: bool = False,
                    indicator: bool = False) -> Filters:
    """Sidebar widgets for the filters asked for; the others take their defaults. Keeps them in the URL."""
    options = load_options()
    chosen = options.defaults()
    shown = dict(provinces=provinces, region=region, year=year, indicator=indicator)
    url, notices = parse_url(st.query_params, options, {name for name, on in shown.items() if on})
    stored: dict = st.session_state.get(_STATE, {})
    for notice in notices:
        st.warning(f"Đường dẫn có giá trị không hợp lệ. {notice}", icon=":material/warning:")

    def _prime(name: str, default, valid) -> None:
        # Assigned on every run: after a page switch the same key belongs to a new widget, which would
        # otherwise start from its default instead of the value chosen on the previous page.
        key = _KEYS[name]
        current = st.session_state.get(key, None) if key in st.session_state else None
        has_state = key in st.session_state and valid(current)
        st.session_state[key] = current if has_state else _initial(name, url, stored, default)

    with st.sidebar:
        st.header("Bộ lọc")
        if provinces:
            _prime("provinces", chosen.provinces,
                   lambda v: isinstance(v, list) and all(c in options.provinces for c in v))
            chosen.provinces = list(st.multiselect(
                "Tỉnh, thành phố được làm nổi bật", options=list(options.provinces),
                format_func=options.provinces.get, key=_KEYS["provinces"],
                placeholder="Chọn tỉnh, thành phố…",
                help="Các tỉnh, thành phố được tô đậm trên biểu đồ và so sánh trên các trang."))
        if region:
            # "all regions" is an option of its own: a None value would show Streamlit's English placeholder
            _prime("region", ALL_REGIONS, lambda v: v == ALL_REGIONS or v in options.regions)
            if st.session_state[_KEYS["region"]] is None:
                st.session_state[_KEYS["region"]] = ALL_REGIONS
            picked = st.selectbox("Vùng kinh tế - xã hội", options=[ALL_REGIONS, *options.regions],
                                  key=_KEYS["region"])
            chosen.region = None if picked == ALL_REGIONS else picked
        if year:
            _prime("year", chosen.year, lambda v: v in options.years)
            chosen.year = int(st.selectbox("Năm", options=options.years, key=_KEYS["year"]))
        if indicator:
            _prime("indicator", chosen.indicator, lambda v: v in options.indicators)
            chosen.indicator = st.selectbox("Chỉ tiêu", options=list(options.indicators),
                                            format_func=options.indicators.get, key=_KEYS["indicator"])

    st.session_state[_STATE] = {**stored, **{name: getattr(chosen, name) for name, on in shown.items() if on}}
    for name, value in url_params(chosen, **shown).items():
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    return chosen
