"""Plan-year targets against results-year actuals: the change a target asks for, targets below what was reached, attainment (no Streamlit).

Rates (v_observations.is_rate, e.g. growth in %) are compared in percentage points, amounts in per cent,
ranks in places. "Below" follows the indicator's direction (higher_is_better): a revenue target under last
year's revenue is flagged, and so is a rank target worse than last year's rank.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from .charts import FrozenFigure, freeze, target_dumbbell
from .db import run_query
from .formatting import MISSING, is_missing, percent_change, points, stated
from .safe_text import literal
from .sources import source_lines, source_note
from .tables import arrow_table

RANK_UNIT = "hạng"
FLAGS_LISTED = 12  # sentences in the warning box; the full table flags every one


def _float(value) -> float | None:
    return None if is_missing(value) else float(value)


def change(actual, target, *, is_rate: bool, unit: str | None) -> float | None:
    """What the target asks beyond the actual: points for rates, places for ranks, per cent for amounts."""
    actual, target = _float(actual), _float(target)
    if actual is None or target is None:
        return None
    if is_rate or unit == RANK_UNIT:
        return round(target - actual, 6)
    if actual == 0:
        return None
    return round((target / actual - 1) * 100, 6)


def change_text(value, *, is_rate: bool, unit: str | None) -> str:
    if is_missing(value):
        return MISSING
    if is_rate:
        return points(value)
    if unit == RANK_UNIT:
        places = abs(int(round(value)))
        if places == 0:
            return "giữ hạng"
        return f"{'lên' if value < 0 else 'xuống'} {places} bậc"  # a smaller rank number is a better place
    return percent_change(value)


def is_below_actual(actual, target, target_upper=None, *, higher_is_better: bool) -> bool:
    """True when the target (its most ambitious bound) is worse than the actual already reached."""
    actual, target = _float(actual), _float(target)
    if actual is None or target is None:
        return False
    if higher_is_better:
        best = _float(target_upper) if _float(target_upper) is not None else target
        return best < actual
    return target > actual


def is_attained(attained, target, target_operator: str = "=", *, higher_is_better: bool,
                target_upper=None) -> bool | None:
    """Whether an actual of the target year reaches the target, read with its operator; None when either is unknown.

    "≥ 10%" is reached by 10 or more, "> 10%" only above 10, "< 4,5%" only below; a range by its lower bound
    (its upper bound when lower is better); "=" and "≈" by the indicator's direction (8% asked, 8,2% reached).
    """
    attained, target, upper = _float(attained), _float(target), _float(target_upper)
    if attained is None or target is None:
        return None
    if target_operator == ">=":
        return attained >= target
    if target_operator == ">":
        return attained > target
    if target_operator == "<=":
        return attained <= target
    if target_operator == "<":
        return attained < target
    if target_operator == "range" and not higher_is_better and upper is not None:
        return attained <= upper
    return attained >= target if higher_is_better else attained <= target


ATTAINED, NOT_ATTAINED, NO_FIGURE = "đạt", "không đạt", "chưa có số liệu"


def attainment_word(attained: bool | None) -> str:
    return NO_FIGURE if attained is None else (ATTAINED if attained else NOT_ATTAINED)


def compare(frame: pd.DataFrame) -> pd.DataFrame:
    """targets_vs_actuals rows with the comparison: change, its text, the flag, attainment and display texts."""
    out = frame.copy()
    same_unit = [is_missing(au) or au == u for au, u in zip(out["actual_unit"], out["unit"])]
    rows = list(out.itertuples(index=False))
    out["change"] = [change(r.actual_value, r.target_value, is_rate=bool(r.is_rate), unit=r.unit) if ok else None
                     for r, ok in zip(rows, same_unit)]
    out["change_upper"] = [
        change(r.actual_value, r.target_value_upper, is_rate=bool(r.is_rate), unit=r.unit)
        if ok and not is_missing(r.target_value_upper) else None for r, ok in zip(rows, same_unit)]
    texts = []
    for r, low, high in zip(rows, out["change"], out["change_upper"]):
        text = change_text(low, is_rate=bool(r.is_rate), unit=r.unit)
        if not is_missing(high) and text != MISSING:
            text = f"{text} đến {change_text(high, is_rate=bool(r.is_rate), unit=r.unit)}"
        texts.append(text)
    out["change_text"] = texts
    out["is_below_actual"] = [
        ok and is_below_actual(r.actual_value, r.target_value, r.target_value_upper,
                               higher_is_better=bool(r.higher_is_better)) for r, ok in zip(rows, same_unit)]
    out["is_attained"] = [is_attained(r.attained_value, r.target_value, r.target_operator,
                                      higher_is_better=bool(r.higher_is_better), target_upper=r.target_value_upper)
                          for r in rows]
    out["actual_text"] = [stated(r.actual_operator, r.actual_value, r.actual_unit, r.actual_value_upper)
                          if not is_missing(r.actual_value) else MISSING for r in rows]
    out["target_text"] = [stated(r.target_operator, r.target_value, r.unit, r.target_value_upper) for r in rows]
    out["attained_text"] = [
        MISSING if is_missing(r.attained_value) else
        f"{stated(r.attained_operator, r.attained_value, r.attained_unit)} ({attainment_word(ok)})"
        for r, ok in zip(rows, out["is_attained"])]
    out["mark"] = [("*" if bool(r.actual_is_estimate) else "")
                   + ("†" if bool(r.actual_has_conflict) or bool(r.target_has_conflict) else "") for r in rows]
    out["flag_text"] = ["⚠️ thấp hơn thực hiện" if below and r.higher_is_better else
                        ("⚠️ kém hơn thực hiện" if below else "") for r, below in zip(rows, out["is_below_actual"])]
    return out


def flag_sentence(row, actual_year: int, target_year: int) -> str:
    """'Cao Bằng — Thu ngân sách nhà nước: mục tiêu 2026 3.530 tỷ đồng, thấp hơn thực hiện 2025 (> 4.491,591 tỷ đồng).'"""
    word = "thấp hơn" if row["higher_is_better"] else "kém hơn"
    return (f"{literal(row['area_name'])} — {literal(row['indicator_name'])}: mục tiêu {target_year} {row['target_text']}, "
            f"{word} thực hiện {actual_year} ({row['actual_text']}); thay đổi {row['change_text']}.")


def display_table(compared: pd.DataFrame, actual_year: int, target_year: int) -> pd.DataFrame:
    """The full table as shown and downloaded: texts, with numbers kept for sorting in the value columns."""
    return pd.DataFrame({
        "Chỉ tiêu": compared["indicator_name"],
        "Tỉnh, thành phố": compared["area_name"],
        f"Thực hiện {actual_year}": compared["actual_text"],
        f"Mục tiêu {target_year}": compared["target_text"],
        "Mức thay đổi mục tiêu đặt ra": compared["change_text"],
        "Cảnh báo": compared["flag_text"],
        f"Thực hiện {target_year}": compared["attained_text"],
        "Ghi chú": compared["mark"],
    })



def chart_order(paired: pd.DataFrame) -> list[str]:
    """Indicators to chart, those most of the chosen areas share first (so GRDP growth leads), then as listed."""
    summary = paired.groupby("indicator_code", sort=False).agg(areas=("area_code", "nunique"))
    summary["first_seen"] = range(len(summary))
    return list(summary.sort_values(["areas", "first_seen"], ascending=[False, True]).index)


def chart_title(name: str, unit) -> str:
    """A chart's title: the indicator's name, with its unit unless the name already says it."""
    return name if f"({unit})" in name else f"{name} ({unit})"


@dataclass(frozen=True)
class TargetsPage:
    """Everything the Mục tiêu page draws for one choice of areas, computed once (dashboard.cache.view).

    Shared between reruns and sessions: read only. The per-indicator charts are built on first request
    (`chart`), since a page shows a few of up to ~130 indicators; each is then kept with the view.
    """

    actual_year: int
    target_year: int
    empty: bool
    flag_heading: str = ""            # '**⚠️ 2 mục tiêu 2026 thấp hơn mức đã đạt năm 2025**', '' when none
    flag_list: str = ""               # markdown list of the flag sentences
    chart_order: list[str] = field(default_factory=list)        # indicators with an actual and a target, as charted
    chart_names: dict[str, str] = field(default_factory=dict)   # indicator_code -> name, for the chooser
    attained_note: str = ""           # '**Đã có số thực hiện 2026:** …', '' when none
    source_note: str = ""
    sources: list[str] = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)   # the full table, for the download
    shown: pa.Table | None = None     # the same table as drawn (tables.arrow_table: converted once)
    table_filters: dict[str, str] = field(default_factory=dict)
    _chart_rows: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _all_codes: list[str] = field(default_factory=list, repr=False)
    _charts: dict[str, FrozenFigure] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def chart(self, indicator_code: str) -> FrozenFigure:
        """The dumbbell chart of one indicator in chart_order, built once (thread-safe) and then shared."""
        figure = self._charts.get(indicator_code)
        if figure is None:
            with self._lock:
                figure = self._charts.get(indicator_code)
                if figure is None:
                    rows = self._chart_rows[indicator_code]
                    title = chart_title(rows["indicator_name"].iloc[0], rows["unit"].iloc[0])
                    figure = freeze(target_dumbbell(rows, self._all_codes, title, self.actual_year, self.target_year))
                    self._charts[indicator_code] = figure
        return figure


def targets_page(actual_year: int, target_year: int, area_codes: list[str]) -> TargetsPage:
    """The targets page's texts, table and chart inputs for the areas (order does not matter): reads the
    database itself, no Streamlit."""
    compared = compare(run_query("targets_vs_actuals", area_codes=area_codes, actual_year=actual_year,
                                 target_year=target_year))
    if compared.empty:
        return TargetsPage(actual_year, target_year, empty=True)
    flagged = compared[compared["is_below_actual"]]
    paired = compared[compared["actual_value"].notna()]
    attained = compared[compared["attained_value"].notna()]
    evidence = run_query("sources_for_targets", area_codes=area_codes, actual_year=actual_year, target_year=target_year)
    table = display_table(compared, actual_year, target_year)
    return TargetsPage(
        actual_year, target_year, empty=False,
        flag_heading=(f"**⚠️ {len(flagged)} mục tiêu {target_year} thấp hơn mức đã đạt năm {actual_year}**"
                      if not flagged.empty else ""),
        flag_list="\n".join([f"- {flag_sentence(row, actual_year, target_year)}"
                             for _, row in flagged.head(FLAGS_LISTED).iterrows()]
                            + ([f"- … và {len(flagged) - FLAGS_LISTED} mục tiêu khác: cột “Cảnh báo” của bảng đầy đủ"]
                               if len(flagged) > FLAGS_LISTED else [])),
        chart_order=chart_order(paired) if not paired.empty else [],
        chart_names=dict(zip(paired["indicator_code"], paired["indicator_name"])),
        attained_note=(f"**Đã có số thực hiện {target_year}:** " + "; ".join(
            f"{literal(r.area_name)} — {literal(r.indicator_name)}: {r.attained_text}" for r in attained.itertuples())
            if not attained.empty else ""),
        source_note=source_note(evidence),
        sources=source_lines(evidence),
        table=table, shown=arrow_table(table),
        table_filters={"Tỉnh, thành phố": ", ".join(dict.fromkeys(compared["area_name"]))},
        _chart_rows=dict(tuple(paired.groupby("indicator_code", sort=False))),
        _all_codes=list(run_query("provinces_in_force")["area_code"]),
    )


@dataclass(frozen=True)
class Attainment:
    """The targets of a year whose actuals have arrived: each target, the actual, đạt / không đạt / chưa có số liệu."""

    year: int
    empty: bool
    summary: str = ""                 # 'Mục tiêu năm 2026: 3 đạt, 1 không đạt, 2 chưa có số liệu.'
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    shown: pa.Table | None = None
    source_note: str = ""
    sources: list[str] = field(default_factory=list)


def attainment_page(year: int, area_codes: list[str]) -> Attainment:
    """Attainment of `year`'s targets by `year`'s actuals, for the areas; empty when no actual of that year is in yet."""
    compared = compare(run_query("targets_vs_actuals", area_codes=area_codes, actual_year=year - 1, target_year=year))
    if compared.empty or compared["attained_value"].isna().all():
        return Attainment(year, empty=True)
    words = [attainment_word(None if is_missing(a) else bool(a)) for a in compared["is_attained"]]
    counts = {w: words.count(w) for w in (ATTAINED, NOT_ATTAINED, NO_FIGURE)}
    table = pd.DataFrame({
        "Chỉ tiêu": compared["indicator_name"],
        "Tỉnh, thành phố": compared["area_name"],
        f"Mục tiêu {year}": compared["target_text"],
        f"Thực hiện {year}": [MISSING if is_missing(v) else stated(o, v, u) for o, v, u in
                              zip(compared["attained_operator"], compared["attained_value"], compared["attained_unit"])],
        "Đánh giá": words,
    })
    summary = f"Mục tiêu năm {year}: " + ", ".join(f"{n} {w}" for w, n in counts.items() if n) + "."
    evidence = run_query("sources_for_targets", area_codes=area_codes, actual_year=year - 1, target_year=year)
    return Attainment(year, empty=False, summary=summary, table=table, shown=arrow_table(table),
                      source_note=source_note(evidence), sources=source_lines(evidence))
