"""Plotly figures with one look across pages: Vietnamese number format, a colour per region and per province."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from .formatting import with_unit

NATIONAL_COLOUR = "#6b7280"  # the national figure is always this neutral grey
MISSING_COLOUR = "#d1d5db"
REGION_COLOURS = {
    "Đồng bằng sông Hồng": "#1f77b4",
    "Trung du và miền núi phía Bắc": "#2ca02c",
    "Bắc Trung Bộ và Duyên hải miền Trung": "#ff7f0e",
    "Tây Nguyên": "#8c564b",
    "Đông Nam Bộ": "#9467bd",
    "Đồng bằng sông Cửu Long": "#17becf",
}
# 34 distinguishable colours; a province keeps its colour on every page (assigned by code order).
_PROVINCE_PALETTE = [
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#800000",
    "#808000", "#000075", "#bfef45", "#fabed4", "#dcbeff", "#aaffc3", "#ffd8b1", "#a9a9a9", "#1b9e77", "#d95f02",
    "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#6a3d9a",
    "#b15928", "#8dd3c7", "#bc80bd", "#fdb462",
]
FONT = "Be Vietnam Pro, Segoe UI, Roboto, Arial, sans-serif"

pio.templates["vn_dashboard"] = go.layout.Template(
    layout=go.Layout(
        separators=",.",  # decimal comma, thousands dot: 8,06 and 18.961,4
        font=dict(family=FONT, size=14, color="#111827"),
        title=dict(font=dict(size=18)),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(gridcolor="#e5e7eb", zerolinecolor="#9ca3af"),
        yaxis=dict(gridcolor="#e5e7eb", zerolinecolor="#9ca3af"),
        hoverlabel=dict(font=dict(family=FONT, size=13)),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        margin=dict(l=10, r=10, t=60, b=10),
    )
)
TEMPLATE = "plotly+vn_dashboard"


def province_colour(area_code: str, all_codes: list[str]) -> str:
    if area_code == "vn":
        return NATIONAL_COLOUR
    codes = sorted(c for c in all_codes if c != "vn")
    return _PROVINCE_PALETTE[codes.index(area_code) % len(_PROVINCE_PALETTE)] if area_code in codes else NATIONAL_COLOUR


def growth_bars(frame, national_value: float | None, highlighted: set[str], title: str) -> go.Figure:
    """Horizontal bars of growth, sorted, coloured by region; highlighted provinces outlined; national line."""
    shown = frame[frame["value"].notna()].sort_values("value")
    fig = go.Figure()
    for region, colour in REGION_COLOURS.items():
        part = shown[shown["region_vi"] == region]
        if part.empty:
            continue
        fig.add_bar(
            y=part["area_name"], x=part["value"], orientation="h", name=region,
            marker=dict(color=colour, opacity=[1.0 if c in highlighted or not highlighted else 0.55 for c in part["area_code"]],
                        line=dict(color=["#111827" if c in highlighted else colour for c in part["area_code"]],
                                  width=[2.5 if c in highlighted else 0 for c in part["area_code"]])),
            text=part["label"], textposition="outside", cliponaxis=False,
            customdata=part[["rank_text", "gap_text", "value_text"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>Tăng trưởng: %{customdata[2]}<br>Xếp hạng: %{customdata[0]}"
                          "<br>So với cả nước: %{customdata[1]}<extra></extra>",
        )
    if national_value is not None:
        fig.add_vline(x=national_value, line=dict(color=NATIONAL_COLOUR, dash="dash", width=2))
        fig.add_annotation(x=national_value, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"Cả nước {with_unit(national_value, '%')}", font=dict(color=NATIONAL_COLOUR))
    fig.update_layout(template=TEMPLATE, title=title, barmode="overlay", height=max(420, 24 * len(shown) + 140),
                      xaxis=dict(title="Tăng trưởng GRDP (%)", ticksuffix="%"),
                      yaxis=dict(title=None, categoryorder="array", categoryarray=list(shown["area_name"])))
    return fig
