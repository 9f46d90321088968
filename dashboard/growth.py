"""Growth table logic shared by the page, exports and the briefing: ranks, gaps, labels (no Streamlit)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .charts import FrozenFigure, freeze, growth_bars, growth_lines, growth_map
from .db import run_query
from .formatting import MISSING, number, points, signed, stated
from .geo import provinces_geojson
from .sources import source_lines, source_note


def rank_texts(provinces: pd.DataFrame, n: int) -> list[str]:
    """'27/34' from the published rank; else the span the rank must lie in, from the figures we have.

    Without a published rank, a province is at least as high as the count of higher figures + 1, and the
    provinces without a published figure could rank above it; it is below any higher-valued province's published
    rank and above any lower-valued one's. Lạng Sơn (8,06%, between Hà Nội 16th and Quảng Trị 20th) is '17–19/34'.
    A province tied with one whose rank is published shares that rank.
    """
    n_missing = int(provinces["value"].isna().sum())
    stated = provinces["rank_stated"] if "rank_stated" in provinces else pd.Series(pd.NA, index=provinces.index)
    published = [(float(v), int(r)) for v, r in zip(provinces["value"], stated) if pd.notna(v) and pd.notna(r)]
    out = []
    for value, computed, rank in zip(provinces["value"], provinces["rank_computed"], stated):
        if pd.notna(rank):
            out.append(f"{int(rank)}/{n}")
            continue
        if pd.isna(value) or pd.isna(computed):
            out.append(MISSING)
            continue
        tied = [r for v, r in published if v == float(value)]
        if tied:
            out.append(f"{min(tied)}/{n}")
            continue
        low = max([int(computed)] + [r + 1 for v, r in published if v > float(value)])
        high = min([int(computed) + n_missing] + [r - 1 for v, r in published if v < float(value)])
        out.append(f"{low}/{n}" if high <= low else f"{low}–{high}/{n}")
    return out


def growth_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, float | None]:
    """Provinces with display columns, and the national value (None if not known)."""
    national = frame[frame["is_national"]]
    national_value = float(national["value"].iloc[0]) if not national.empty and pd.notna(national["value"].iloc[0]) else None
    provinces = frame[~frame["is_national"]].copy()
    n = len(provinces)
    provinces["gap_pp"] = provinces["value"] - national_value if national_value is not None else pd.NA
    provinces["rank_text"] = rank_texts(provinces, n)
    provinces["gap_text"] = [points(g) if pd.notna(g) else MISSING for g in provinces["gap_pp"]]
    provinces["value_text"] = [stated(op, v, "%") if pd.notna(v) else MISSING
                               for op, v in zip(provinces["operator"], provinces["value"])]
    marks = []
    for est, conflict in zip(provinces["is_estimate"], provinces["has_conflict"]):
        marks.append(("*" if est else "") + ("†" if conflict else ""))
    provinces["mark"] = marks
    provinces["label"] = [f"{number(v, 2)}{m}" if pd.notna(v) else "" for v, m in zip(provinces["value"], marks)]
    return provinces, national_value


def filter_region(provinces: pd.DataFrame, region: str | None) -> pd.DataFrame:
    """Provinces of one region (all when None); ranks stay those among all 34."""
    return provinces if region is None else provinces[provinces["region_vi"] == region]


def with_geo(provinces: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Add each province's official code (the map joins on it) from provinces_in_force."""
    return provinces.merge(areas[["area_code", "official_code"]], on="area_code", how="left")


def table_for_display(provinces: pd.DataFrame, highlighted: list[str] | set[str] = ()) -> pd.DataFrame:
    """The growth table as shown beside the chart and downloaded: numbers stay numbers, missing stays empty."""
    ordered = provinces.sort_values(["value", "area_name"], ascending=[False, True], na_position="last")
    return pd.DataFrame({
        "Tỉnh, thành phố": [f"★ {n}" if c in set(highlighted) else n
                            for n, c in zip(ordered["area_name"], ordered["area_code"])],
        "Tăng trưởng (%)": ordered["value"].astype("Float64").to_numpy(),
        "Hạng": ordered["rank_text"].to_numpy(),
        "Chênh lệch (điểm %)": pd.Series(ordered["gap_pp"], dtype="Float64").round(2).to_numpy(),
        "Ghi chú": ordered["mark"].to_numpy(),
        "Vùng": ordered["region_vi"].to_numpy(),
    })


def table_as_text(table: pd.DataFrame) -> pd.DataFrame:
    """table_for_display with its numbers written the Vietnamese way ('8,06', '+0,04'), for a small static table."""
    gap = "Chênh lệch (điểm %)"
    return table.assign(**{
        "Tăng trưởng (%)": [number(v, 2) for v in table["Tăng trưởng (%)"]],
        gap: [signed(v, 2) for v in table[gap]],
    })


@dataclass(frozen=True)
class GrowthPage:
    """Everything the Tăng trưởng page draws for one choice of filters, computed once (dashboard.cache.view)."""

    year: int
    scope: str
    has_values: bool
    national_value: float | None
    table: pd.DataFrame
    bars: FrozenFigure | None
    map: FrozenFigure | None
    source_note: str
    sources: list[str]
    missing: list[str]
    highlighted_names: list[str]
    has_years: bool = False
    lines: FrozenFigure | None = None
    years_source_note: str = ""
    derived_notes: list[str] = field(default_factory=list)


def growth_page(year: int, region: str | None, highlighted: list[str]) -> GrowthPage:
    """The growth page's tables and figures: reads the database itself (no Streamlit), returns frozen figures."""
    chosen = set(highlighted)
    areas = run_query("provinces_in_force")
    all_provinces, national_value = growth_table(run_query("grdp_growth_by_province", year=year))
    provinces = filter_region(all_provinces, region)
    scope = region or "cả nước"
    if provinces["value"].notna().sum() == 0:
        return GrowthPage(year, scope, False, national_value, pd.DataFrame(), None, None, "", [], [], [])
    evidence = run_query("sources_for_indicator", indicator_code="grdp_growth", year=year, kind="actual")
    page = dict(
        year=year, scope=scope, has_values=True, national_value=national_value,
        table=table_for_display(provinces, chosen),
        bars=freeze(growth_bars(provinces, national_value, chosen, f"Tăng trưởng GRDP năm {year} (%) — {scope}")),
        map=freeze(growth_map(with_geo(provinces, areas), provinces_geojson(), chosen,
                              f"Tăng trưởng GRDP năm {year} theo tỉnh, thành phố")),
        source_note=source_note(evidence), sources=source_lines(evidence),
        missing=provinces[provinces["value"].isna()]["area_name"].tolist(),
        highlighted_names=provinces[provinces["area_code"].isin(chosen)]["area_name"].tolist(),
    )
    years = run_query("grdp_growth_by_year", area_codes=sorted(chosen))
    if not years[~years["is_national"]].empty:
        year_evidence = [run_query("sources_for_indicator", indicator_code="grdp_growth", year=int(y), kind="actual")
                         for y in sorted(years["year"].unique())]
        page.update(
            has_years=True,
            lines=freeze(growth_lines(years, list(areas["area_code"]), "Tăng trưởng GRDP qua các năm có số liệu (%)")),
            years_source_note=source_note(pd.concat(year_evidence)),
            derived_notes=[f"{r.area_name} {r.year}: {r.note}" for r in years.itertuples()
                           if r.origin == "derived" and r.note],
        )
    return GrowthPage(**page)
