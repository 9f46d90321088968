"""What the Word report and the PDF handout say, as Vietnamese text: summary lines, table rows, full source lists.

Both formats print these same words, so a number reads identically on paper and in Word.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..briefing import Briefing, target_sources, targets_frame, unit_sources, units_frame
from ..formatting import MISSING, number, points, signed, stated, with_unit


@dataclass(frozen=True)
class TextTable:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative column widths


def title(b: Briefing) -> str:
    return f"Kết quả phát triển kinh tế - xã hội năm {b.actual_year} và mục tiêu năm {b.target_year}"


def growth_summary(b: Briefing) -> list[str]:
    lines = []
    if b.national_value is not None:
        lines.append(f"Tăng trưởng GDP cả nước năm {b.actual_year}: {with_unit(b.national_value, '%', 2)}.")
    g = b.growth
    for _, row in g[g["is_highlighted"]].iterrows():
        if pd.isna(row["value"]):
            lines.append(f"{row['area_name']}: chưa có số liệu tăng trưởng GRDP năm {b.actual_year}.")
            continue
        gap = f", {points(row['gap_pp'])} so với cả nước" if pd.notna(row["gap_pp"]) else ""
        rank = f", xếp hạng {row['rank_text']}" if isinstance(row.get("rank_text"), str) and row["rank_text"] else ""
        lines.append(f"{row['area_name']}: tăng {with_unit(row['value'], '%', 2)}{gap}{rank}.")
    missing = g[g["value"].isna()]["area_name"].tolist()
    if missing:
        lines.append(f"Chưa có số liệu công bố: {', '.join(missing)}.")
    return lines


def growth_table(b: Briefing) -> TextTable:
    g = b.growth[b.growth["value"].notna()]
    rows = [[str(i + 1), name + (" (nổi bật)" if h else ""), number(v, 2) + (m or ""), points(gap),
             str(int(r)) if pd.notna(r) else MISSING]
            for i, (name, h, v, m, gap, r) in enumerate(zip(g["area_name"], g["is_highlighted"], g["value"], g["mark"],
                                                            g["gap_pp"], g["rank_computed"]))]
    return TextTable(["TT", "Tỉnh, thành phố", f"Tăng trưởng {b.actual_year} (%)", "So với cả nước", "Hạng"],
                     rows, [0.6, 3.2, 1.6, 1.8, 0.8])


def target_table(b: Briefing, area_code: str) -> TextTable | None:
    t = b.targets[b.targets["area_code"] == area_code]
    if t.empty:
        return None
    frame = targets_frame(b).loc[t.index]
    change_col = "Mức thay đổi mục tiêu đặt ra"
    rows = []
    for (_, row), (_, shown) in zip(t.iterrows(), frame.iterrows()):
        actual = stated(row["actual_operator"], row["actual_value"], row["unit"]) if pd.notna(row["actual_value"]) else MISSING
        target = (stated(row["target_operator"], row["target_value"], row["unit"], row["target_value_upper"])
                  if pd.notna(row["target_value"]) else MISSING)
        change = shown[change_col]
        change_text = MISSING if pd.isna(change) else f"{signed(change, 2)} {shown['Đơn vị thay đổi']}"
        rows.append([row["indicator_name"], actual, target, change_text])
    return TextTable(["Chỉ tiêu", f"Thực hiện {b.actual_year}", f"Mục tiêu {b.target_year}", "Mức thay đổi"],
                     rows, [3.4, 1.6, 1.6, 1.4])


def units_table(b: Briefing, limit: int = 15) -> TextTable | None:
    u = units_frame(b)
    if u.empty:
        return None
    rows = [[a, n, str(k), str(lead), str(rest)] for a, n, k, lead, rest in
            zip(u["Tỉnh, thành phố"], u["Đơn vị"], u["Số nhiệm vụ"], u["Chủ trì, chỉ đạo"],
                u["Thực hiện, phối hợp, tham mưu"])][:limit]
    return TextTable(["Tỉnh, thành phố", "Đơn vị", "Số nhiệm vụ", "Chủ trì, chỉ đạo", "Thực hiện, phối hợp"],
                     rows, [1.5, 3.4, 1.0, 1.1, 1.2])


def sources(b: Briefing) -> list[str]:
    """Every source of the pack, once each, in full (never cut)."""
    lines = b.growth_sources + target_sources(b) + unit_sources(b)
    return list(dict.fromkeys(lines))
