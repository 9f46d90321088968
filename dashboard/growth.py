"""Growth table logic shared by the page, exports and the briefing: ranks, gaps, labels (no Streamlit)."""
from __future__ import annotations

import pandas as pd

from .formatting import MISSING, number, points, stated


def growth_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, float | None]:
    """Provinces with display columns, and the national value (None if not known)."""
    national = frame[frame["is_national"]]
    national_value = float(national["value"].iloc[0]) if not national.empty and pd.notna(national["value"].iloc[0]) else None
    provinces = frame[~frame["is_national"]].copy()
    n = len(provinces)
    provinces["gap_pp"] = provinces["value"] - national_value if national_value is not None else pd.NA
    provinces["rank_text"] = [
        f"{int(r)}/{n}" if pd.notna(r) else MISSING for r in provinces["rank_computed"]]
    provinces["gap_text"] = [points(g) if pd.notna(g) else MISSING for g in provinces["gap_pp"]]
    provinces["value_text"] = [stated(op, v, "%") if pd.notna(v) else MISSING
                               for op, v in zip(provinces["operator"], provinces["value"])]
    marks = []
    for est, conflict in zip(provinces["is_estimate"], provinces["has_conflict"]):
        marks.append(("*" if est else "") + ("†" if conflict else ""))
    provinces["mark"] = marks
    provinces["label"] = [f"{number(v, 2)}{m}" if pd.notna(v) else "" for v, m in zip(provinces["value"], marks)]
    return provinces, national_value
