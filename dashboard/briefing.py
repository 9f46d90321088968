"""The data of the briefing pack (họp giao ban): what its workbook, deck, report, handout and the meeting view show.

Read once from queries/ into a Briefing; the files themselves are written by dashboard/pack/ (no Streamlit)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from etl.numbers import OPERATOR_SYMBOLS

from . import clock, db, years
from .growth import growth_table
from .sources import source_lines
from .targets import RANK_UNIT, change

TOP_UNITS = 10
HIGHLIGHT = "C0392B"   # highlighted provinces, on every chart of the pack
BAR = "9DB4CF"         # other provinces
ACTUAL = "1F4E79"      # results of the actual year
TARGET = "F39C12"      # targets of the plan year
NATIONAL = "6B7280"    # the national figure, as on the app's charts
LEADING, SUPPORTING = "0F766E", "99D5CF"  # tasks a unit leads, tasks it carries out or supports
LEADING_ROLES = {"chủ trì", "chỉ đạo"}



@dataclass
class Briefing:
    """Everything the workbook, the deck and presentation mode show, read once from queries/."""
    provinces: list[str]                 # highlighted area codes, in the order asked
    province_names: dict[str, str]
    actual_year: int
    target_year: int
    growth: pd.DataFrame                 # provinces of grdp_growth_by_province with rank/gap columns (growth.py)
    national_value: float | None
    growth_sources: list[str]
    growth_evidence: pd.DataFrame
    targets: pd.DataFrame                # briefing_targets_vs_actuals
    tasks: pd.DataFrame                  # briefing_tasks
    indicator_sources: pd.DataFrame      # briefing_indicator_sources
    made_on: dt.date = field(default_factory=clock.today)

    @property
    def highlighted_names(self) -> list[str]:
        return [self.province_names.get(c, c) for c in self.provinces]

    def filters(self) -> dict[str, str]:
        return {
            "Năm thực hiện": str(self.actual_year),
            "Năm kế hoạch": str(self.target_year),
            "Tỉnh, thành phố làm nổi bật": ", ".join(self.highlighted_names) or "không có",
            "Ngày lập": f"{self.made_on:%d/%m/%Y}",
        }


def default_provinces() -> list[str]:
    """The provinces whose documents we hold."""
    return db.run_query("briefing_document_areas")["area_code"].tolist()


def load(provinces: list[str] | None = None, *, actual_year: int | None = None,
         target_year: int | None = None, made_on: dt.date | None = None, drop_unknown: bool = False) -> Briefing:
    """Read the pack's data; the years default to those of the data (dashboard/years.py).

    No provinces: those whose documents we hold. An unknown code is an error, or dropped with `drop_unknown`
    (the app passes what the URL says; the page already told the user about a wrong code).
    """
    if actual_year is None or target_year is None:
        found = years.from_database()
        actual_year = found.results if actual_year is None else actual_year
        target_year = found.plan if target_year is None else target_year
    frame = db.run_query("grdp_growth_by_province", year=actual_year)
    growth, national_value = growth_table(frame)
    known = dict(zip(growth["area_code"], growth["area_name"]))
    provinces = list(dict.fromkeys(provinces or []))
    unknown = [c for c in provinces if c not in known]
    if unknown and not drop_unknown:
        raise ValueError(f"không có tỉnh, thành phố mã {', '.join(unknown)} (mã đúng ví dụ: lang-son, cao-bang)")
    provinces = [c for c in provinces if c in known] or default_provinces()
    growth["is_highlighted"] = growth["area_code"].isin(provinces)
    evidence = db.run_query("sources_for_indicator", indicator_code="grdp_growth", year=actual_year, kind="actual")
    targets = db.run_query("briefing_targets_vs_actuals", area_codes=provinces, actual_year=actual_year, target_year=target_year)
    order = {c: i for i, c in enumerate(provinces)}
    targets = targets.assign(_area=targets["area_code"].map(order), _pct=targets["unit"] != "%")
    targets = targets.sort_values(["_area", "_pct"], kind="stable").drop(columns=["_area", "_pct"]).reset_index(drop=True)
    return Briefing(
        provinces=provinces, province_names={c: known[c] for c in provinces}, actual_year=actual_year,
        target_year=target_year, growth=growth.reset_index(drop=True), national_value=national_value,
        growth_sources=source_lines(evidence), growth_evidence=evidence, targets=targets,
        tasks=db.run_query("briefing_tasks", area_codes=provinces),
        indicator_sources=db.run_query("briefing_indicator_sources", area_codes=provinces, actual_year=actual_year,
                                target_year=target_year),
        made_on=made_on or clock.today(),
    )


# --- tables of the pack (shared by the workbook, the deck and presentation mode) ---

def _symbol(operator) -> str:
    return OPERATOR_SYMBOLS.get(operator, "") if isinstance(operator, str) else ""


def growth_frame(b: Briefing) -> pd.DataFrame:
    """Provinces with a figure first (highest growth first), then those without."""
    g = b.growth
    return pd.DataFrame({
        "Tỉnh, thành phố": g["area_name"],
        "Vùng": g["region_vi"],
        f"Tăng trưởng GRDP {b.actual_year} (%)": g["value"],
        "Cả nước (%)": [b.national_value if pd.notna(v) else None for v in g["value"]],
        "Chênh lệch so với cả nước (điểm %)": pd.to_numeric(g["gap_pp"], errors="coerce"),
        "Xếp hạng": pd.array([int(r) if pd.notna(r) else None for r in g["rank_computed"]], dtype="Int64"),
        "Làm nổi bật": g["is_highlighted"].astype(bool),
        "Ghi chú": g["mark"],
    })


def targets_frame(b: Briefing) -> pd.DataFrame:
    t = b.targets
    actual = t["actual_value"]
    target = t["target_value"]
    return pd.DataFrame({
        "Tỉnh, thành phố": t["area_name"],
        "Chỉ tiêu": t["indicator_name"],
        "Đơn vị tính": t["unit"],
        "So sánh (TH)": [_symbol(o) for o in t["actual_operator"]],
        f"Thực hiện {b.actual_year}": actual,
        "So sánh (KH)": [_symbol(o) for o in t["target_operator"]],
        f"Mục tiêu {b.target_year}": target,
        f"Mục tiêu {b.target_year} (cận trên)": t["target_value_upper"],
        # the same measure as the targets page: points for rates, per cent for amounts, places for ranks
        "Mức thay đổi mục tiêu đặt ra": [change(a, tv, is_rate=bool(r), unit=u)
                                          for a, tv, r, u in zip(actual, target, t["is_rate"], t["unit"])],
        "Đơn vị thay đổi": [_change_unit(bool(r), u) for r, u in zip(t["is_rate"], t["unit"])],
        "Số nguồn": t["n_sources"].astype("int64"),
    })


def _change_unit(is_rate: bool, unit: str) -> str:
    return "điểm %" if is_rate else ("bậc" if unit == RANK_UNIT else "%")


def units_frame(b: Briefing) -> pd.DataFrame:
    """One row per unit (in one province), the units carrying the most tasks first."""
    t = b.tasks
    if t.empty:
        return pd.DataFrame(columns=["Tỉnh, thành phố", "Đơn vị", "Số nhiệm vụ", "Chủ trì, chỉ đạo",
                                     "Thực hiện, phối hợp, tham mưu", "Nhóm nhiệm vụ"])
    t = t.assign(is_leading=t["role"].isin(LEADING_ROLES))
    grouped = t.groupby(["area_name", "unit_name"], sort=False).agg(
        n=("task_text", "size"), leading=("is_leading", "sum"),
        categories=("category_vi", lambda s: "; ".join(dict.fromkeys(s)))).reset_index()
    grouped = grouped.sort_values(["n", "leading", "unit_name"], ascending=[False, False, True], kind="stable")
    return pd.DataFrame({
        "Tỉnh, thành phố": grouped["area_name"].to_numpy(),
        "Đơn vị": grouped["unit_name"].to_numpy(),
        "Số nhiệm vụ": grouped["n"].astype("int64").to_numpy(),
        "Chủ trì, chỉ đạo": grouped["leading"].astype("int64").to_numpy(),
        "Thực hiện, phối hợp, tham mưu": (grouped["n"] - grouped["leading"]).astype("int64").to_numpy(),
        "Nhóm nhiệm vụ": grouped["categories"].to_numpy(),
    })


def tasks_frame(b: Briefing) -> pd.DataFrame:
    t = b.tasks
    return pd.DataFrame({
        "Tỉnh, thành phố": t["area_name"], "Văn bản": t["doc_id"], "Thứ tự": t["ordinal"].astype("int64"),
        "Đơn vị": t["unit_name"], "Vai trò": t["role"], "Nhóm nhiệm vụ": t["category_vi"], "Nhiệm vụ": t["task_text"],
    })


def sources_frame(b: Briefing) -> pd.DataFrame:
    s = b.indicator_sources
    is_doc = s["doc_id"].notna()
    return pd.DataFrame({
        "Tỉnh, thành phố": s["area_name"],
        "Chỉ tiêu": s["indicator_name"],
        "Năm": s["year"].astype("int64"),
        "Loại": ["Thực hiện" if k == "actual" else "Mục tiêu" for k in s["kind"]],
        "So sánh": [_symbol(o) for o in s["operator"]],
        "Giá trị": s["value"],
        "Cận trên": s["value_upper"],
        "Đơn vị tính": s["unit"],
        "Nguồn": [f"Văn bản: {t} ({d})" if doc else f"{st} — {p}" for doc, t, d, st, p in
                  zip(is_doc, s["doc_title"], s["doc_id"], s["source_title"], s["publisher"])],
        "Câu trích hoặc địa chỉ": [q if doc else u for doc, q, u in zip(is_doc, s["quote"], s["source_url"])],
        "Ngày công bố": s["published_on"],
    })


def unit_sources(b: Briefing) -> list[str]:
    docs = b.tasks.drop_duplicates("doc_id")
    return [f"Văn bản: {t} ({d})" for t, d in zip(docs["doc_title"], docs["doc_id"])]


def target_sources(b: Briefing, area_code: str | None = None) -> list[str]:
    s = b.indicator_sources
    if area_code:
        s = s[s["area_code"] == area_code]
    return source_lines(s)


def percent_targets(b: Briefing, area_code: str) -> pd.DataFrame:
    """A province's rate indicators (in %) that have a result or a target: the ones one chart can compare."""
    t = b.targets
    part = t[(t["area_code"] == area_code) & (t["unit"] == "%")]
    return part[part["actual_value"].notna() | part["target_value"].notna()]
