"""The results year and the plan year of every page, the pack and the meeting view: read from the data.

The results year is the latest year with an actual of GRDP growth (the figure every page leads with); the plan
year is the one after it, whose targets the pages set against those results. When 2026 actuals arrive the
pages move to "results 2026, plan 2027" by themselves. One setting overrides it: DASHBOARD_RESULTS_YEAR=2025
(for looking back at a past year's meeting).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pandas as pd

from . import clock
from .db import run_query

SETTING = "DASHBOARD_RESULTS_YEAR"
HEADLINE_INDICATOR = "grdp_growth"


@dataclass(frozen=True)
class ReportYears:
    results: int   # the year whose actuals the pages show
    plan: int      # the year whose targets the pages set against them


def choose(latest_actual: int | None, latest_any_actual: int | None, latest_target: int | None,
           setting: str | None = None, today: dt.date | None = None) -> ReportYears:
    """The years from what the database holds (see the module's docstring); no data: last calendar year."""
    if setting and setting.strip():
        try:
            year = int(setting)
        except ValueError:
            raise ValueError(f"{SETTING}='{setting}' không phải năm (cần bốn chữ số của một năm)") from None
        return ReportYears(year, year + 1)
    for found in (latest_actual, latest_any_actual):
        if found is not None:
            return ReportYears(int(found), int(found) + 1)
    if latest_target is not None:
        return ReportYears(int(latest_target) - 1, int(latest_target))
    year = (today or clock.today()).year - 1
    return ReportYears(year, year + 1)


def from_database(setting: str | None = None) -> ReportYears:
    """The years of the current database (one query; outside Streamlit, e.g. the briefing pack's command)."""
    setting = os.environ.get(SETTING) if setting is None else setting
    row = run_query("report_years", indicator_code=HEADLINE_INDICATOR).iloc[0]

    def year(value):
        return None if pd.isna(value) else int(value)  # NULL comes back as NA or NaN

    return choose(year(row["latest_actual_year"]), year(row["latest_any_actual_year"]),
                  year(row["latest_target_year"]), setting)


def report_years() -> ReportYears:
    """The years of the current database, read once per build (pages; dashboard.cache.view needs Streamlit)."""
    from .cache import view
    return view(from_database, setting=os.environ.get(SETTING) or "")
