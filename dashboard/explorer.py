"""Chỉ tiêu theo tỉnh (indicator explorer): any indicator with figures for several areas, by year (no Streamlit).

The page draws what `explorer_page` returns; `explorer_options` lists the indicators worth exploring and the
years each has; `state_from_url` / `url_of` keep the page's choices in the address so a link reproduces the view.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

import plotly.graph_objects as go

from etl.area_names import PROVINCES_MERGED_IN

from .charts import NATIONAL_COLOUR, REGION_COLOURS, TEMPLATE, FrozenFigure, freeze, growth_map
from .db import run_query
from .filters import PARAM_INDICATOR, PARAM_YEAR, vietnamese_sort_key
from .formatting import MISSING, number, points, stated, with_unit
from .geo import provinces_geojson
from .sources import source_lines

MIN_AREAS = 2  # an indicator with a figure for one area only has nothing to compare
PARAM_FORMER = "tinh_cu"
PARAM_TAB = "the"
TABS = {"bieu-do": "Biểu đồ", "ban-do": "Bản đồ", "bang": "Bảng", "nguon": "Nguồn"}
DEFAULT_TAB = "bieu-do"
PER_HEAD_UNITS = {"USD", "triệu đồng"}  # per-person amounts: comparable with the nation's, unlike totals
SOURCE_NAMES_ON_IMAGE = 3


# ---------- choices ----------

@dataclass(frozen=True)
class ExplorerOptions:
    labels: dict[str, str]                  # indicator_code -> "name (unit)", indicators with several areas
    years: dict[str, list[int]]             # indicator_code -> years with figures, oldest first
    counts: dict[tuple[str, int], int]      # (indicator, year) -> provinces in force with a figure

    def default_indicator(self) -> str:
        """The indicator with the most provinces in one year (growth first on a tie)."""
        return max(self.labels, key=lambda c: (max(self.counts.get((c, y), 0) for y in self.years[c]),
                                               c == "grdp_growth"))

    def default_year(self, indicator: str) -> int:
        """The year with the most provinces (the latest on a tie)."""
        return max(self.years[indicator], key=lambda y: (self.counts.get((indicator, y), 0), y))


def explorer_options() -> ExplorerOptions:
    frame = run_query("explorer_indicators")
    frame["n_areas"] = frame["n_provinces"] + frame["n_former"]
    worth = frame[frame["n_areas"] >= MIN_AREAS]
    labels, years = {}, {}
    for code, part in worth.sort_values("indicator_name", key=lambda s: s.map(vietnamese_sort_key)).groupby(
            "indicator_code", sort=False):
        row = part.iloc[0]
        name, unit = row["indicator_name"], row["unit"]
        labels[code] = name if f"({unit})" in name else f"{name} ({unit})"
        years[code] = sorted(int(y) for y in part["year"])
    counts = {(r.indicator_code, int(r.year)): int(r.n_provinces) for r in worth.itertuples()}
    return ExplorerOptions(labels, years, counts)


@dataclass
class ExplorerState:
    indicator: str
    year: int
    former: bool = False
    tab: str = DEFAULT_TAB


def state_from_url(params, options: ExplorerOptions) -> tuple[ExplorerState, list[str]]:
    """The choices an address asks for, defaults for the rest, and a notice for each value ignored."""
    notices = []
    indicator = options.default_indicator()
    asked = params.get(PARAM_INDICATOR)
    if asked:
        if asked in options.labels:
            indicator = asked
        else:
            notices.append(f"Không có chỉ tiêu mã {asked!r} có số liệu của nhiều địa bàn (tham số "
                           f"`{PARAM_INDICATOR}`): đã bỏ qua.")
    year = options.default_year(indicator)
    asked = params.get(PARAM_YEAR)
    if asked:
        if str(asked).isdigit() and int(asked) in options.years[indicator]:
            year = int(asked)
        else:
            have = ", ".join(str(y) for y in options.years[indicator])
            notices.append(f"Chỉ tiêu này không có số liệu năm {asked!r} (tham số `{PARAM_YEAR}`; có các năm "
                           f"{have}): đã bỏ qua.")
    former = params.get(PARAM_FORMER) == "1"
    tab = params.get(PARAM_TAB) or DEFAULT_TAB
    if tab not in TABS:
        notices.append(f"Không có thẻ {tab!r} (tham số `{PARAM_TAB}`): đã bỏ qua.")
        tab = DEFAULT_TAB
    return ExplorerState(indicator, year, former, tab), notices


def url_of(state: ExplorerState) -> dict[str, str]:
    return {PARAM_INDICATOR: state.indicator, PARAM_YEAR: str(state.year),
            PARAM_FORMER: "1" if state.former else "0", PARAM_TAB: state.tab}


# ---------- the page ----------

def rank_texts(values: pd.Series, higher_is_better: bool) -> list[str]:
    """'3/12': the place among the areas with a figure (ties share the best place); '—' without a figure."""
    known = values.dropna().astype(float)
    n = len(known)
    ranks = known.rank(method="min", ascending=not higher_is_better)
    return [f"{int(ranks[i])}/{n}" if i in ranks.index else MISSING for i in values.index]


def _area_label(row) -> str:
    if row.is_former:
        return f"{row.area_name} (cũ, nay thuộc {row.merged_into_name})"
    return row.area_name


def figures_table(frame: pd.DataFrame, unit: str, is_rate: bool, higher_is_better: bool
                  ) -> tuple[pd.DataFrame, float | None, str]:
    """Areas with display columns (label, value_text, rank_text, gap_text, mark), the national value and its text."""
    national = frame[frame["is_national"]]
    has_national = not national.empty and pd.notna(national["value"].iloc[0])
    national_value = float(national["value"].iloc[0]) if has_national else None
    national_text = stated(national["operator"].iloc[0], national_value, unit) if has_national else MISSING
    areas = frame[~frame["is_national"]].copy().reset_index(drop=True)
    areas["label"] = [_area_label(r) for r in areas.itertuples()]
    areas["value_text"] = [stated(o, v, unit, u) if pd.notna(v) else MISSING
                           for o, v, u in zip(areas["operator"], areas["value"], areas["value_upper"])]
    areas["rank_text"] = rank_texts(areas["value"], higher_is_better)
    gaps = areas["value"] - national_value if (is_rate and national_value is not None) else pd.Series(
        pd.NA, index=areas.index, dtype="Float64")
    areas["gap"] = gaps
    areas["gap_text"] = [points(g) if pd.notna(g) else MISSING for g in gaps]
    areas["mark"] = [("*" if e is True else "") + ("†" if c is True else "")
                     for e, c in zip(areas["is_estimate"], areas["has_conflict"])]
    return areas, national_value, national_text


def table_for_display(areas: pd.DataFrame, unit: str, is_rate: bool, highlighted: set[str]) -> pd.DataFrame:
    """The table of the Bảng tab and of the downloads: numbers stay numbers, missing stays empty."""
    ordered = areas.assign(_name=areas["label"].map(vietnamese_sort_key)).sort_values(
        ["value", "_name"], ascending=[False, True], na_position="last")
    table = {
        "Tỉnh, thành phố": [f"★ {n}" if c in highlighted else n for n, c in zip(ordered["label"], ordered["area_code"])],
        f"Giá trị ({unit})": ordered["value"].astype("Float64").to_numpy(),
        "Số liệu như công bố": ordered["value_text"].to_numpy(),
        "Hạng": ordered["rank_text"].to_numpy(),
    }
    if is_rate:
        table["Chênh lệch với cả nước (điểm %)"] = pd.Series(ordered["gap"], dtype="Float64").round(2).to_numpy()
    table["Ghi chú"] = ordered["mark"].to_numpy()
    table["Vùng"] = ordered["region_vi"].to_numpy()
    return pd.DataFrame(table)


def sources_for_display(evidence: pd.DataFrame, shown_codes: set[str]) -> pd.DataFrame:
    """One row per source of each shown figure: who published the page, when, what kind, the quote, the address."""
    rows = evidence[evidence["area_code"].isin(shown_codes)]
    return pd.DataFrame({
        "Tỉnh, thành phố": rows["area_name"].to_numpy(),
        "Nơi đăng": [p if isinstance(p, str) else (f"Văn bản: {t}" if isinstance(t, str) else MISSING)
                     for p, t in zip(rows["publisher"], rows["doc_title"])],
        "Ngày đăng": [f"{pd.Timestamp(d):%d/%m/%Y}" if pd.notna(d) else MISSING for d in rows["published_on"]],
        "Loại nguồn": [t if isinstance(t, str) else ("Văn bản gốc" if isinstance(d, str) else MISSING)
                       for t, d in zip(rows["source_title"], rows["doc_id"])],
        "Trích dẫn": [q if isinstance(q, str) and q else MISSING for q in rows["quote"]],
        "Địa chỉ": [u if isinstance(u, str) else None for u in rows["source_url"]],
    })


def gaps_for_display(gaps: pd.DataFrame, shown_codes: set[str]) -> pd.DataFrame:
    rows = gaps[gaps["area_code"].isin(shown_codes)]
    return pd.DataFrame({
        "Tỉnh, thành phố": rows["area_name"].to_numpy(),
        "Tình trạng": [n if isinstance(n, str) and n else "Chưa tìm thấy" for n in rows["note"]],
        "Đã tìm": rows["searched"].to_numpy(),
        "Ngày tìm": [f"{pd.Timestamp(d):%d/%m/%Y}" for d in rows["searched_on"]],
    })


def source_line(evidence: pd.DataFrame) -> str:
    """The one line printed under the chart image: the first few publishers, then how many more."""
    counts = evidence["publisher"].dropna().value_counts()  # those behind the most figures first
    publishers = sorted(counts.index, key=lambda p: (-int(counts[p]), vietnamese_sort_key(p)))
    documents = evidence["doc_id"].dropna().nunique()
    named = publishers[:SOURCE_NAMES_ON_IMAGE]
    rest = len(publishers) - len(named)
    parts = named + ([f"{rest} nơi đăng khác"] if rest > 0 else []) + (
        [f"{documents} văn bản"] if documents else [])
    return "Nguồn: " + ("; ".join(parts) if parts else "chưa có") + "."


def indicator_bars(areas: pd.DataFrame, *, unit: str, national_value: float | None, show_national: bool,
                   highlighted: set[str], title: str, source: str) -> go.Figure:
    """Horizontal bars, sorted, coloured by region; areas without a figure listed at the bottom, no bar.

    The title and the source line are part of the figure, so the PNG saved from the chart's camera carries both.
    """
    shown = areas[areas["value"].notna()].sort_values("value")
    missing = areas[areas["value"].isna()]
    highlighted = highlighted & set(areas["area_code"])
    fig = go.Figure()
    for region, part in shown.groupby(shown["region_vi"].fillna(""), sort=False):
        colour = REGION_COLOURS.get(region, NATIONAL_COLOUR)
        fig.add_bar(
            y=part["label"], x=part["value"], orientation="h", name=region or "Khác",
            marker=dict(color=colour, opacity=[1.0 if c in highlighted or not highlighted else 0.55
                                               for c in part["area_code"]],
                        line=dict(color=["#111827" if c in highlighted else colour for c in part["area_code"]],
                                  width=[2.5 if c in highlighted else 0 for c in part["area_code"]])),
            text=[f"{number(v)}{m}" for v, m in zip(part["value"], part["mark"])],
            textposition="outside", cliponaxis=False,
            customdata=part[["value_text", "rank_text", "gap_text"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]}<br>Hạng: %{customdata[1]}<extra></extra>",
        )
    names = list(missing["label"]) + list(shown["label"])
    for name in missing["label"]:
        fig.add_annotation(x=0, y=name, xanchor="left", showarrow=False, text="— chưa công bố / chưa tìm thấy",
                           font=dict(color=NATIONAL_COLOUR, size=12))
    if show_national and national_value is not None:
        fig.add_vline(x=national_value, line=dict(color=NATIONAL_COLOUR, dash="dash", width=2))
        fig.add_annotation(x=national_value, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"Cả nước {with_unit(national_value, unit)}", font=dict(color=NATIONAL_COLOUR))
    fig.add_annotation(x=0, y=0, xref="paper", yref="paper", xanchor="left", yanchor="top", yshift=-48,
                       showarrow=False, align="left", text=source, font=dict(size=12, color=NATIONAL_COLOUR))
    top = max([float(shown["value"].max()) if len(shown) else 1.0] + ([national_value] if show_national and
                                                                       national_value is not None else []))
    fig.update_layout(template=TEMPLATE, title=title, height=max(340, 24 * len(names) + 200), bargap=0.3,
                      margin=dict(l=10, r=10, t=60, b=90),
                      xaxis=dict(title=unit, range=[min(0.0, float(shown["value"].min()) * 1.15) if len(shown) else 0,
                                                    top * 1.15]),
                      yaxis=dict(title=None, categoryorder="array", categoryarray=names, tickfont=dict(size=13)),
                      legend=dict(orientation="h", yanchor="top", y=-0.02, x=0, title=None))
    fig.update_yaxes(ticktext=[f"<b>{n}</b>" if c in highlighted else n for n, c in
                               zip(names, list(missing["area_code"]) + list(shown["area_code"]))], tickvals=names)
    return fig


@dataclass(frozen=True)
class ExplorerPage:
    """Everything the explorer draws for one indicator, year and choice of areas (dashboard.cache.view)."""

    indicator: str
    name: str
    unit: str
    year: int
    title: str
    national_text: str
    n_with_figures: int
    n_areas: int
    table: pd.DataFrame
    sources: pd.DataFrame
    gaps: pd.DataFrame
    evidence: pd.DataFrame
    bars: FrozenFigure | None
    map: FrozenFigure | None
    source_line: str
    source_lines: list[str]
    missing: list[str] = field(default_factory=list)
    is_old_borders: bool = False


def explorer_page(indicator: str, year: int, former: bool, highlighted: list[str]) -> ExplorerPage:
    """The explorer's tables and figures: reads the database itself (no Streamlit), returns frozen figures."""
    chosen = set(highlighted)
    catalogue = run_query("indicators_with_observations")
    info = catalogue[catalogue["indicator_code"] == indicator].iloc[0]
    name, unit = str(info["name_vi"]), str(info["unit"])
    is_rate, higher_is_better = bool(info["is_rate"]), bool(info["higher_is_better"])
    frame = run_query("explorer_values", indicator_code=indicator, year=year, include_former=former)
    areas, national_value, national_text = figures_table(frame, unit, is_rate, higher_is_better)
    evidence = run_query("sources_for_indicator", indicator_code=indicator, year=year, kind="actual")
    shown_codes = set(areas["area_code"])
    evidence = evidence[evidence["area_code"].isin(shown_codes | {"vn"})].reset_index(drop=True)
    gaps = run_query("explorer_gaps", indicator_code=indicator, year=year)
    scope = "các tỉnh, thành phố và tỉnh cũ" if former else "các tỉnh, thành phố"
    title = f"{name} năm {year} — {scope}" + ("" if f"({unit})" in name else f" ({unit})")
    line = source_line(evidence)
    with_figures = int(areas["value"].notna().sum())
    show_national = is_rate or unit in PER_HEAD_UNITS
    geo = areas[~areas["is_former"]]  # the map has the 34 provinces in force only
    return ExplorerPage(
        indicator=indicator, name=name, unit=unit, year=year, title=title, national_text=national_text,
        n_with_figures=with_figures, n_areas=len(areas),
        table=table_for_display(areas, unit, is_rate, chosen),
        sources=sources_for_display(evidence, shown_codes | {"vn"}),
        gaps=gaps_for_display(gaps, shown_codes),
        evidence=evidence,
        bars=freeze(indicator_bars(areas, unit=unit, national_value=national_value, show_national=show_national,
                                   highlighted=chosen, title=title, source=line)) if with_figures else None,
        map=freeze(growth_map(geo, provinces_geojson(), chosen, f"{name} năm {year} ({unit})",
                              value_label=name, unit=unit)) if with_figures else None,
        source_line=line, source_lines=source_lines(evidence),
        missing=areas[areas["value"].isna()]["label"].tolist(),
        is_old_borders=year < PROVINCES_MERGED_IN,
    )

