"""Charts of the pack as PNG images for the Word report and the PDF handout (matplotlib: no browser needed).

Labels are written as Vietnamese text (8,06; ≥ 10,71%), so they read the same wherever the file is opened.
"""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # files only, never a window
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from ..briefing import ACTUAL, BAR, HIGHLIGHT, NATIONAL, TARGET, Briefing, percent_targets  # noqa: E402
from ..formatting import number, stated  # noqa: E402

# DejaVu Sans ships with matplotlib and has every Vietnamese letter; the PDF handout embeds the same file.
FONT_FILE = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"), fallback_to_default=True)
FONT_BOLD_FILE = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight="bold"))
STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
         "axes.edgecolor": "#9ca3af", "axes.labelcolor": "#374151", "xtick.color": "#374151", "ytick.color": "#374151"}
WIDTH_IN = 6.3  # the text width of an A4 page with the report's margins (30 mm and 15 mm)


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _colour(hex_colour: str) -> str:
    return "#" + hex_colour


def growth_bars(b: Briefing) -> bytes | None:
    """Every province with a figure, highest growth on top; the highlighted provinces and the nation labelled."""
    g = b.growth[b.growth["value"].notna()].sort_values("value")
    if g.empty:
        return None
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.17 * len(g) + 0.9))
        colours = [_colour(HIGHLIGHT) if h else _colour(BAR) for h in g["is_highlighted"]]
        ax.barh(g["area_name"], g["value"], color=colours, height=0.7, label=f"Tăng trưởng GRDP {b.actual_year} (%)")
        for y, (value, highlighted) in enumerate(zip(g["value"], g["is_highlighted"])):
            if highlighted:
                ax.text(value + 0.1, y, number(value, 2), va="center", fontsize=8, color=_colour(HIGHLIGHT),
                        fontweight="bold")
        if b.national_value is not None:
            ax.axvline(b.national_value, color=_colour(NATIONAL), linestyle="--", linewidth=1,
                       label=f"Cả nước: {number(b.national_value, 2)}%")
        ax.xaxis.set_major_formatter(lambda v, _: number(v, 0))
        ax.set_xlabel("%")
        ax.tick_params(axis="y", labelsize=7)
        ax.margins(y=0.01)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8, frameon=False)
        return _png(fig)


def target_bars(b: Briefing, area_code: str) -> bytes | None:
    """A province's rate indicators: the results year's figure beside the plan year's target, each labelled with
    its operator and unit (≥ 10,71%), so a floor reads as a floor."""
    part = percent_targets(b, area_code)
    if part.empty:
        return None
    names = [n if len(n) <= 38 else n[:37] + "…" for n in part["indicator_name"]]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.5 * len(part) + 1.0))
        positions = range(len(part))
        series = ((f"Thực hiện {b.actual_year}", "actual_operator", "actual_value", None, ACTUAL, -0.2),
                  (f"Mục tiêu {b.target_year}", "target_operator", "target_value", "target_value_upper", TARGET, 0.2))
        for label, op_col, value_col, upper_col, colour, shift in series:
            values = part[value_col]
            ax.barh([p + shift for p in positions], values.fillna(0), height=0.38, color=_colour(colour), label=label)
            for p, op, value, upper in zip(positions, part[op_col], values,
                                           part[upper_col] if upper_col else [None] * len(part)):
                if pd.notna(value):
                    ax.text(value, p + shift, " " + stated(op, value, "%", upper), va="center", fontsize=8)
        ax.set_yticks(list(positions), names)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(lambda v, _: number(v, 0))
        ax.set_xlabel("%")
        right = pd.concat([part["actual_value"], part["target_value_upper"].fillna(part["target_value"])]).max()
        ax.set_xlim(0, float(right) * 1.3 if pd.notna(right) and right > 0 else 1)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8, frameon=False)
        return _png(fig)
