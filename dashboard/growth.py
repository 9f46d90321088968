"""Growth table logic shared by the page, exports and the briefing: ranks, gaps, labels (no Streamlit)."""
from __future__ import annotations

import pandas as pd

from .formatting import MISSING, number, points, stated


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
    """Add each province's geo_name (the map's feature id) from provinces_in_force."""
    return provinces.merge(areas[["area_code", "geo_name"]], on="area_code", how="left")


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
