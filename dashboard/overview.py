"""Headline cards of the overview page: growth against the nation, rank, what the database holds (no Streamlit)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from .formatting import MISSING, is_missing, number, stated

VIETNAM_TIME = timezone(timedelta(hours=7), "giờ Việt Nam")


@dataclass
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
    moment = datetime.fromtimestamp(os.stat(path).st_mtime, tz=VIETNAM_TIME)
    return moment.strftime("%d/%m/%Y %H:%M")
