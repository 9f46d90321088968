"""Plotly figures with one look across pages: Vietnamese number format, a colour per region and per province."""
from __future__ import annotations

import html
import json

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
# Plotly's default look with ours on top, merged once: a "plotly+vn_dashboard" string is merged on every build.
pio.templates["plotly_vn_dashboard"] = pio.templates.merge_templates(pio.templates["plotly"], pio.templates["vn_dashboard"])
TEMPLATE = "plotly_vn_dashboard"


class FrozenFigure(go.Figure):
    """A finished figure reduced to the plain dict that st.plotly_chart asks for on every rerun.

    st.plotly_chart calls to_dict() on each run, which deep-copies and re-encodes every trace (8 ms for the
    province map). Here the dict is computed once, as the figure's JSON read back: plain lists and numbers
    that the JSON encoder takes without cleaning. Only to_dict() (and to_json(), which uses it) describe the
    figure; the object's own data and layout stay empty, so a cached figure is held in memory once.
    Shared between reruns and sessions: it must not be changed.
    """

    def __init__(self, figure: go.Figure):
        super().__init__()
        self._plain = json.loads(figure.to_json())

    def to_dict(self) -> dict:
        return self._plain


def freeze(figure: go.Figure) -> FrozenFigure:
    return figure if isinstance(figure, FrozenFigure) else FrozenFigure(figure)


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
    highlighted = set(highlighted) & set(frame["area_code"])  # none shown (another region): dim nothing
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
    fig.update_layout(template=TEMPLATE, title=title, barmode="overlay", height=max(320, 24 * len(names) + 160),
                      bargap=0.3,
                      xaxis=dict(title="Tăng trưởng GRDP (%)", ticksuffix="%",
                                 range=[min(0.0, float(shown["value"].min()) * 1.15) if len(shown) else 0,
                                        max(float(shown["value"].max()) if len(shown) else 1,
                                            national_value or 0) * 1.12]),
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
            marker=dict(size=9, color=colour), text=labels,
            textposition="bottom center" if national else "top center",  # the nation's label below, out of the way
            customdata=[[stated(o, v, "%")] for o, v in zip(part["operator"], part["value"])],
            hovertemplate="<b>%{fullData.name}</b> năm %{x}: %{customdata[0]}<extra></extra>",
        )
    years = sorted(frame["year"].unique())
    fig.update_layout(template=TEMPLATE, title=title, height=380,
                      xaxis=dict(title="Năm", tickformat="d", tickvals=years, range=[years[0] - 0.5, years[-1] + 0.5]),
                      yaxis=dict(title="Tăng trưởng GRDP (%)", ticksuffix="%"))
    return fig


MAP_COLOURSCALE = "YlGn"
ISLANDS = {"48": "QĐ. Hoàng Sa (Đà Nẵng)", "56": "QĐ. Trường Sa (Khánh Hòa)"}  # by official code
_MAP_SCALE_FROM = 0.15  # skip the palest end of the scale: it vanishes on a white page


def _rings(geometry: dict) -> tuple[list, list]:
    """x (longitudes) and y (latitudes) of every outer ring and hole, separated by None (Plotly draws them as gaps)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    xs, ys = [], []
    for polygon in polygons:
        for ring in polygon:
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    return xs, ys


def _label_point(geometry: dict) -> tuple[float, float]:
    """Where to put a province's hover point: the middle of its largest ring's bounding box."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    ring = max((poly[0] for poly in polygons), key=len)
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def growth_map(frame, geojson: dict, highlighted: set[str], title: str, value_label: str = "Tăng trưởng",
               unit: str = "%") -> go.Figure:
    """The 34 provinces coloured by growth, drawn as filled shapes on plain axes.

    No map tiles and no base map: Plotly's geo maps fetch a world outline from the internet even when it is
    hidden, and draw nothing offline; filled shapes need nothing. Provinces without a figure are light grey.
    `frame` has area_code, official_code, area_name, value and the display columns of dashboard.growth.growth_table;
    shapes are joined on the official code the map file carries (`ma_tinh`, written by python -m etl update-areas).
    """
    from plotly.colors import sample_colorscale

    shapes = {f["properties"]["ma_tinh"]: f["geometry"] for f in geojson["features"]}
    known = frame["value"].dropna()
    low, high = (float(known.min()), float(known.max())) if len(known) else (0.0, 1.0)
    scale = [[i / 10, c] for i, c in enumerate(sample_colorscale(
        MAP_COLOURSCALE, [_MAP_SCALE_FROM + (1 - _MAP_SCALE_FROM) * i / 10 for i in range(11)]))]

    def colour(value) -> str:
        if is_missing(value):
            return MISSING_COLOUR
        share = 0.5 if high == low else (float(value) - low) / (high - low)
        return sample_colorscale(scale, [share])[0]

    fig = go.Figure()
    points = []
    for row in frame.itertuples(index=False):
        geometry = shapes.get(row.official_code)
        if geometry is None:
            continue
        xs, ys = _rings(geometry)
        fig.add_scatter(x=xs, y=ys, fill="toself", fillcolor=colour(row.value), mode="lines",
                        line=dict(color="white", width=0.8), name=row.area_name, meta=row.area_code,
                        showlegend=False, hoverinfo="skip")
        x, y = _label_point(geometry)
        points.append((x, y, row))
    for row in frame[frame["area_code"].isin(highlighted)].itertuples(index=False):
        if row.official_code in shapes:
            xs, ys = _rings(shapes[row.official_code])
            fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color="#111827", width=2.5), hoverinfo="skip",
                            showlegend=False, name=f"{row.area_name} (được chọn)")
    fig.add_scatter(  # one hover point per province, with the value, rank and gap
        x=[p[0] for p in points], y=[p[1] for p in points], mode="markers", showlegend=False, name="",
        marker=dict(size=9, color="rgba(0,0,0,0)"),
        text=[p[2].area_name for p in points],
        customdata=[[p[2].value_text, p[2].rank_text, p[2].gap_text] for p in points],
        hovertemplate="<b>%{text}</b><br>" + value_label + ": %{customdata[0]}<br>Xếp hạng: %{customdata[1]}"
                      "<br>So với cả nước: %{customdata[2]}<extra></extra>",
    )
    if len(known):
        fig.add_scatter(  # carries the colour bar only
            x=[points[0][0]], y=[points[0][1]], mode="markers", showlegend=False, hoverinfo="skip",
            marker=dict(size=0.1, opacity=0, color=[low], colorscale=scale, cmin=low, cmax=high, showscale=True,
                        colorbar=dict(title=dict(text=unit), ticksuffix="%" if unit == "%" else "",
                                          len=0.6, thickness=14)),
        )
    for code, label in ISLANDS.items():  # the archipelagos are specks at this scale: name them
        if code in shapes:
            xs, ys = _rings(shapes[code])
            far = [(x, y) for x, y in zip(xs, ys) if x is not None and x > 110]
            if far:
                fig.add_annotation(x=sum(p[0] for p in far) / len(far), y=sum(p[1] for p in far) / len(far),
                                   text=label, showarrow=False, yshift=-14, font=dict(size=11, color=NATIONAL_COLOUR))
    fig.update_layout(template=TEMPLATE, title=title, height=720, margin=dict(l=0, r=0, t=50, b=0),
                      xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x", scaleratio=1.04),
                      hovermode="closest", plot_bgcolor="white")
    return fig


def target_dumbbell(rows, all_codes: list[str], title: str, actual_year: int, target_year: int) -> go.Figure:
    """For one indicator: each area's actual (filled dot) joined to its target (open diamond; a bar for a range).

    `rows` are dashboard.targets.compare rows of a single indicator (one unit). The traces and layout are given
    as plain dicts to one Figure call, so each is validated once (add_scatter validates a trace twice, and each
    update of the template merges it again).
    """
    rows = rows.iloc[::-1]  # first row on top
    colours = [province_colour(c, all_codes) for c in rows["area_code"]]
    names = list(rows["area_name"])
    actual, target, upper = (rows[col].tolist() for col in ("actual_value", "target_value", "target_value_upper"))
    data = []
    for name, colour, *values in zip(names, colours, actual, target, upper):
        ends = [v for v in values if not is_missing(v)]
        if len(ends) > 1:
            data.append(dict(type="scatter", x=[min(ends), max(ends)], y=[name] * 2, mode="lines", showlegend=False,
                             line=dict(color=colour, width=4), opacity=0.45, hoverinfo="skip"))
    data.append(dict(
        type="scatter", x=rows["actual_value"], y=rows["area_name"], mode="markers+text", name=f"Thực hiện {actual_year}",
        marker=dict(size=14, color=colours, line=dict(color="white", width=1)),
        text=[t if t != MISSING else "" for t in rows["actual_text"]], textposition="bottom center",
        customdata=rows[["actual_text", "mark"]].to_numpy(),
        hovertemplate=f"<b>%{{y}}</b><br>Thực hiện {actual_year}: %{{customdata[0]}}%{{customdata[1]}}<extra></extra>",
    ))
    data.append(dict(
        type="scatter", x=rows["target_value"], y=rows["area_name"], mode="markers+text", name=f"Mục tiêu {target_year}",
        marker=dict(size=15, symbol="diamond-open", line=dict(width=3), color=colours),
        text=rows["target_text"], textposition="top center",
        customdata=rows[["target_text", "change_text"]].to_numpy(),
        hovertemplate=f"<b>%{{y}}</b><br>Mục tiêu {target_year}: %{{customdata[0]}}"
                      "<br>Thay đổi: %{customdata[1]}<extra></extra>",
    ))
    ranges = rows[rows["target_value_upper"].notna()]
    if not ranges.empty:
        data.append(dict(type="scatter", x=ranges["target_value_upper"], y=ranges["area_name"], mode="markers",
                         showlegend=False,
                         marker=dict(size=15, symbol="diamond-open", line=dict(width=3),
                                     color=[province_colour(c, all_codes) for c in ranges["area_code"]]),
                         hoverinfo="skip"))
    flagged = rows[rows["is_below_actual"]]
    annotations = [dict(x=row.target_value, y=row.area_name, text="⚠️", showarrow=False, xshift=-22,
                        hovertext="Mục tiêu thấp hơn mức đã đạt") for row in flagged.itertuples(index=False)]
    values = [v for v in (*actual, *target, *upper) if not is_missing(v)]
    span = (max(values) - min(values)) if values else 1
    pad = span * 0.25 or abs(values[0]) * 0.1 or 1
    unit = rows["unit"].iloc[0]
    layout = dict(template=TEMPLATE, title=title, height=150 + 70 * len(rows),
                  margin=dict(l=10, r=10, t=60, b=40),
                  xaxis=dict(separatethousands=True,
                             range=[min(values) - pad, max(values) + pad] if values else None,
                             ticksuffix="%" if unit == "%" else None),
                  yaxis=dict(type="category"),
                  legend=dict(orientation="h", yanchor="top", y=-0.25 if len(rows) < 3 else -0.12, x=0))
    if annotations:
        layout["annotations"] = annotations
    # axis titles cleared as an update does (an empty title object), which the constructor would leave out
    return go.Figure(data=data, layout=layout).update_xaxes(title=None).update_yaxes(title=None)


def wrap_label(text, width: int) -> str:
    """Break a long axis or node label into lines of at most `width` characters (Plotly's <br>).

    The label's own text is HTML-escaped: Plotly reads <a href>, <b>… in labels, and names come from documents.
    """
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(html.escape(line, quote=False) for line in lines)
