"""Plotly figures with one look across pages: Vietnamese number format, a colour per region and per province."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from .formatting import MISSING, is_missing, number, stated, with_unit

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
    """Horizontal bars of growth, sorted, coloured by region; highlighted provinces outlined; national line.

    Provinces without a figure are listed at the bottom as "chưa công bố" (no bar: missing is not 0).
    """
    shown = frame[frame["value"].notna()].sort_values("value")
    missing = frame[frame["value"].isna()]
    highlighted = set(highlighted)
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
            text=[f"<b>{t}</b>" if c in highlighted else t for t, c in zip(part["label"], part["area_code"])],
            textposition="outside", cliponaxis=False,
            customdata=part[["rank_text", "gap_text", "value_text"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>Tăng trưởng: %{customdata[2]}<br>Xếp hạng: %{customdata[0]}"
                          "<br>So với cả nước: %{customdata[1]}<extra></extra>",
        )
    names = list(missing["area_name"]) + list(shown["area_name"])
    for name in missing["area_name"]:
        fig.add_annotation(x=0, y=name, xanchor="left", showarrow=False, text="— chưa công bố",
                           font=dict(color=NATIONAL_COLOUR, size=12))
    if national_value is not None:
        fig.add_vline(x=national_value, line=dict(color=NATIONAL_COLOUR, dash="dash", width=2))
        fig.add_annotation(x=national_value, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"Cả nước {with_unit(national_value, '%')}", font=dict(color=NATIONAL_COLOUR))
    fig.update_layout(template=TEMPLATE, title=title, barmode="overlay", height=max(420, 24 * len(names) + 160),
                      xaxis=dict(title="Tăng trưởng GRDP (%)", ticksuffix="%", rangemode="tozero"),
                      yaxis=dict(title=None, categoryorder="array", categoryarray=names,
                                 tickfont=dict(size=13)),
                      legend=dict(orientation="h", yanchor="top", y=-0.06, x=0, title=None))
    # highlighted provinces' names in bold on the axis too
    fig.update_yaxes(ticktext=[f"<b>{n}</b>" if c in highlighted else n for n, c in
                               zip(names, list(missing["area_code"]) + list(shown["area_code"]))],
                     tickvals=names)
    return fig


def growth_lines(frame, all_codes: list[str], title: str) -> go.Figure:
    """GRDP growth over the years we have, one line per area in its own colour; the nation in grey, dashed."""
    fig = go.Figure()
    for code, part in frame.sort_values("year").groupby("area_code", sort=False):
        national = code == "vn"
        colour = province_colour(code, all_codes)
        labels = [f"{number(v, 2)}{'*' if e else ''}{'†' if c else ''}"
                  for v, e, c in zip(part["value"], part["is_estimate"], part["has_conflict"])]
        fig.add_scatter(
            x=part["year"], y=part["value"], name=part["area_name"].iloc[0], mode="lines+markers+text",
            line=dict(color=colour, width=2 if national else 3, dash="dash" if national else "solid"),
            marker=dict(size=9, color=colour), text=labels, textposition="top center",
            customdata=[[stated(o, v, "%")] for o, v in zip(part["operator"], part["value"])],
            hovertemplate="<b>%{fullData.name}</b> năm %{x}: %{customdata[0]}<extra></extra>",
        )
    years = sorted(frame["year"].unique())
    fig.update_layout(template=TEMPLATE, title=title, height=380,
                      xaxis=dict(title="Năm", tickformat="d", tickvals=years, range=[years[0] - 0.5, years[-1] + 0.5]),
                      yaxis=dict(title="Tăng trưởng GRDP (%)", ticksuffix="%"))
    return fig


def growth_map(frame, geojson: dict, highlighted: set[str], title: str) -> go.Figure:
    """The 34 provinces coloured by growth (no tiles: works offline); provinces without a figure in light grey.

    `frame` has geo_name, area_name, value and the display columns of dashboard.growth.growth_table.
    """
    known = frame[frame["value"].notna()]
    missing = frame[frame["value"].isna()]
    fig = go.Figure()
    if not missing.empty:
        fig.add_choropleth(
            geojson=geojson, locations=missing["geo_name"], featureidkey="id", z=[0] * len(missing),
            colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]], showscale=False, name="Chưa công bố",
            marker=dict(line=dict(color="white", width=0.6)), text=missing["area_name"],
            hovertemplate="<b>%{text}</b><br>Chưa có số liệu công bố<extra></extra>",
        )
    fig.add_choropleth(
        geojson=geojson, locations=known["geo_name"], featureidkey="id", z=known["value"],
        colorscale="YlGn", zmin=float(known["value"].min()) if len(known) else None,
        zmax=float(known["value"].max()) if len(known) else None,
        marker=dict(line=dict(color=["#111827" if c in highlighted else "white" for c in known["area_code"]],
                              width=[2.5 if c in highlighted else 0.6 for c in known["area_code"]])),
        colorbar=dict(title=dict(text="%"), ticksuffix="%", len=0.7, thickness=14),
        text=known["area_name"], customdata=known[["value_text", "rank_text", "gap_text"]].to_numpy(),
        hovertemplate="<b>%{text}</b><br>Tăng trưởng: %{customdata[0]}<br>Xếp hạng: %{customdata[1]}"
                      "<br>So với cả nước: %{customdata[2]}<extra></extra>",
        name="Tăng trưởng GRDP",
    )
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator")
    fig.update_layout(template=TEMPLATE, title=title, height=640, margin=dict(l=0, r=0, t=50, b=0))
    return fig


def target_dumbbell(rows, all_codes: list[str], title: str, actual_year: int, target_year: int) -> go.Figure:
    """For one indicator: each area's actual (filled dot) joined to its target (open diamond; a bar for a range).

    `rows` are dashboard.targets.compare rows of a single indicator (one unit).
    """
    rows = rows.iloc[::-1]  # first row on top
    fig = go.Figure()
    for row in rows.itertuples(index=False):
        colour = province_colour(row.area_code, all_codes)
        ends = [v for v in (row.actual_value, row.target_value, row.target_value_upper) if not is_missing(v)]
        if len(ends) > 1:
            fig.add_scatter(x=[min(ends), max(ends)], y=[row.area_name] * 2, mode="lines", showlegend=False,
                            line=dict(color=colour, width=4), opacity=0.45, hoverinfo="skip")
    fig.add_scatter(
        x=rows["actual_value"], y=rows["area_name"], mode="markers+text", name=f"Thực hiện {actual_year}",
        marker=dict(size=14, color=[province_colour(c, all_codes) for c in rows["area_code"]],
                    line=dict(color="white", width=1)),
        text=[t if t != MISSING else "" for t in rows["actual_text"]], textposition="bottom center",
        customdata=rows[["actual_text", "mark"]].to_numpy(),
        hovertemplate=f"<b>%{{y}}</b><br>Thực hiện {actual_year}: %{{customdata[0]}}%{{customdata[1]}}<extra></extra>",
    )
    fig.add_scatter(
        x=rows["target_value"], y=rows["area_name"], mode="markers+text", name=f"Mục tiêu {target_year}",
        marker=dict(size=15, symbol="diamond-open", line=dict(width=3),
                    color=[province_colour(c, all_codes) for c in rows["area_code"]]),
        text=rows["target_text"], textposition="top center",
        customdata=rows[["target_text", "change_text"]].to_numpy(),
        hovertemplate=f"<b>%{{y}}</b><br>Mục tiêu {target_year}: %{{customdata[0]}}"
                      "<br>Thay đổi: %{customdata[1]}<extra></extra>",
    )
    ranges = rows[rows["target_value_upper"].notna()]
    if not ranges.empty:
        fig.add_scatter(x=ranges["target_value_upper"], y=ranges["area_name"], mode="markers", showlegend=False,
                        marker=dict(size=15, symbol="diamond-open", line=dict(width=3),
                                    color=[province_colour(c, all_codes) for c in ranges["area_code"]]),
                        hoverinfo="skip")
    flagged = rows[rows["is_below_actual"]]
    for row in flagged.itertuples(index=False):
        fig.add_annotation(x=row.target_value, y=row.area_name, text="⚠️", showarrow=False, xshift=-22,
                           hovertext="Mục tiêu thấp hơn mức đã đạt")
    values = [v for col in ("actual_value", "target_value", "target_value_upper") for v in rows[col] if not is_missing(v)]
    span = (max(values) - min(values)) if values else 1
    pad = span * 0.25 or abs(values[0]) * 0.1 or 1
    unit = rows["unit"].iloc[0]
    fig.update_layout(template=TEMPLATE, title=title, height=150 + 70 * len(rows),
                      margin=dict(l=10, r=10, t=60, b=40),
                      xaxis=dict(title=unit, range=[min(values) - pad, max(values) + pad] if values else None,
                                 ticksuffix="%" if unit == "%" else None),
                      yaxis=dict(title=None, type="category"),
                      legend=dict(orientation="h", yanchor="top", y=-0.25 if len(rows) < 3 else -0.12, x=0))
    return fig
