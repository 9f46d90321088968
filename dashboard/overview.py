"""Headline cards of the overview page: growth against the nation, rank, what the database holds (no Streamlit)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from . import clock
from .charts import FrozenFigure, freeze, target_dumbbell
from .db import database, run_query
from .formatting import MISSING, is_missing, number, stated, with_unit
from .growth import growth_table, table_as_text, table_for_display
from .safe_text import literal
from .sources import source_lines, source_note
from .targets import compare



@dataclass(frozen=True)
class Card:
    label: str
    value: str          # '8,06%' or '—'
    delta: str | None   # for st.metric: ASCII sign first so the arrow points the right way ('-0,80 điểm %')
    caption: str        # 'Chênh lệch so với cả nước; hạng 17–19/34'


def metric_delta(gap) -> str | None:
    """A gap in percentage points as st.metric reads it: it colours by a leading ASCII '-'."""
    if is_missing(gap):
        return None
    sign = "-" if gap < 0 else "+"
    return f"{sign}{number(abs(gap), 2)} điểm %"


def province_cards(provinces: pd.DataFrame, highlighted: list[str]) -> list[Card]:
    """One card per highlighted province, in the order chosen, from dashboard.growth.growth_table rows."""
    by_code = provinces.set_index("area_code")
    cards = []
    for code in highlighted:
        if code not in by_code.index:
            continue
        row = by_code.loc[code]
        value = MISSING if is_missing(row["value"]) else stated(row["operator"], row["value"], "%") + row["mark"]
        caption = (f"Chênh lệch so với cả nước; hạng {row['rank_text']}" if row["rank_text"] != MISSING
                   else "Chưa có số liệu công bố")
        cards.append(Card(label=f"Tăng trưởng GRDP — {row['area_name']}", value=value,
                          delta=metric_delta(row["gap_pp"]), caption=caption))
    return cards


def built_at(path: Path) -> str:
    """When the database file was written, in Vietnam time: '22/11/2026 07:10'."""
    moment = datetime.fromtimestamp(os.stat(path).st_mtime, tz=clock.VIETNAM_TIME)
    return moment.strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class OverviewPage:
    """Everything the Tổng quan page draws for one set of highlighted provinces, computed once (dashboard.cache.view).

    Shared between reruns and sessions: read only.
    """

    has_values: bool
    national_card: Card | None = None
    cards: dict[str, Card] = field(default_factory=dict)   # area_code -> card, for the highlighted provinces
    database_note: str = ""             # '**Cơ sở dữ liệu:** 4 văn bản của … — xây lúc … (giờ Việt Nam).'
    growth_targets: FrozenFigure | None = None
    growth_targets_note: str = ""       # the sources of the growth targets chart
    below_note: str = ""                # '⚠️ **2 mục tiêu năm 2026** …', '' when none
    table: pd.DataFrame = field(default_factory=pd.DataFrame)       # numbers, for the Excel file
    table_text: pd.DataFrame = field(default_factory=pd.DataFrame)  # the same, written the Vietnamese way
    national_text: str = MISSING        # '8,02%'
    sources: list[str] = field(default_factory=list)

    def cards_for(self, highlighted: list[str]) -> list[Card]:
        """The national card, then one per highlighted province with a row, in the order chosen."""
        return [self.national_card, *(self.cards[c] for c in highlighted if c in self.cards)]


def overview_page(year: int, target_year: int, provinces: list[str]) -> OverviewPage:
    """The overview page's cards, texts, chart and table for the highlighted provinces (order does not matter):
    reads the database itself, no Streamlit."""
    all_provinces, national_value = growth_table(run_query("grdp_growth_by_province", year=year))
    counts = run_query("database_counts")
    if counts.empty or all_provinces["value"].notna().sum() == 0:
        return OverviewPage(has_values=False)
    national_text = with_unit(national_value, "%")
    known = [code for code in provinces if code in set(all_provinces["area_code"])]
    info = counts.iloc[0]
    page = dict(
        has_values=True, national_text=national_text,
        national_card=Card(f"Tăng trưởng GDP cả nước {year}", national_text, None, "Mốc so sánh cho các tỉnh"),
        cards=dict(zip(known, province_cards(all_provinces, known))),
        database_note=(f"**Cơ sở dữ liệu:** {number(info['n_documents'])} văn bản của "
                       f"{number(info['n_document_areas'])} tỉnh, thành phố · {number(info['n_observations'])} số liệu · "
                       f"{number(info['n_tasks'])} nhiệm vụ — xây lúc {built_at(database().path)} (giờ Việt Nam)."),
    )
    if provinces:
        area_codes = ["vn", *provinces]
        targets = compare(run_query("targets_vs_actuals", area_codes=area_codes, actual_year=year,
                                    target_year=target_year))
        growth_targets = targets[targets["indicator_code"] == "grdp_growth"]
        if not growth_targets.empty:
            all_codes = list(run_query("provinces_in_force")["area_code"])
            evidence = run_query("sources_for_targets", area_codes=area_codes, actual_year=year, target_year=target_year)
            page.update(
                growth_targets=freeze(target_dumbbell(
                    growth_targets, all_codes, f"Tăng trưởng GRDP: thực hiện {year} và mục tiêu {target_year} (%)",
                    year, target_year)),
                growth_targets_note=source_note(evidence[evidence["indicator_code"] == "grdp_growth"]))
        below = targets[targets["is_below_actual"] & ~targets["is_national"]]
        if not below.empty:
            page["below_note"] = (
                f"⚠️ **{len(below)} mục tiêu năm {target_year}** của các tỉnh được chọn thấp hơn mức đã đạt năm "
                f"{year}: " + "; ".join(f"{literal(r.area_name)} — {literal(r.indicator_name)}" for r in below.itertuples()) + ".")
    table = table_for_display(all_provinces[all_provinces["area_code"].isin(provinces)])
    if not table.empty:
        evidence = run_query("sources_for_indicator", indicator_code="grdp_growth", year=year, kind="actual")
        page.update(table=table, table_text=table_as_text(table),
                    sources=source_lines(evidence[evidence["area_code"].isin(["vn", *provinces])]))
    return OverviewPage(**page)
