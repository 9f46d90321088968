"""Where each figure comes from: origin labels, evidence cards with the number marked, the comparison chart (no Streamlit)."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from .charts import NATIONAL_COLOUR, REGION_COLOURS, TEMPLATE, FrozenFigure, freeze
from .db import run_query
from .formatting import MISSING, is_missing, stated
from .highlight import locate_number, mark_spans, mark_value_in_quote
from .sources import source_lines
from .tables import arrow_table

ORIGIN_VI = {"curated": "hiệu chỉnh tay", "extracted": "trích tự động", "derived": "suy ra"}
ORIGIN_HELP = {
    "curated": "nhập tay từ bảng số liệu công bố hoặc văn bản, có ghi tệp và dòng",
    "extracted": "trích tự động từ câu văn của văn bản",
    "derived": "tính ra từ một câu văn (ví dụ: năm trước = năm nay trừ mức chênh)",
}
KIND_VI = {"actual": "thực hiện", "target": "mục tiêu"}
OTHER_REGION_COLOUR = "#94a3b8"


def origin_vi(origin) -> str:
    return ORIGIN_VI.get(origin, str(origin) if not is_missing(origin) else MISSING)


def value_text(row) -> str:
    """'≥ 10%', '8,06%', '5.400–5.500 USD', '—'."""
    upper = row.value_upper if "value_upper" in row._fields else None
    return stated(row.operator, row.value, row.unit, None if is_missing(upper) else upper)


def observation_label(row) -> str:
    """'Lạng Sơn — Tốc độ tăng trưởng GRDP 2025 (thực hiện): 8,06%'."""
    return f"{row.area_name} — {row.indicator_name} {row.year} ({KIND_VI.get(row.kind, row.kind)}): {value_text(row)}"


def observation_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Observations with Vietnamese headers: value as stated, origin, sources, conflicts."""
    rows = list(frame.itertuples(index=False))
    return pd.DataFrame({
        "Địa bàn": [r.area_name for r in rows],
        "Chỉ tiêu": [r.indicator_name for r in rows],
        "Năm": [int(r.year) for r in rows],
        "Loại": [KIND_VI.get(r.kind, r.kind) for r in rows],
        "Giá trị": [value_text(r) for r in rows],
        "Số": [None if is_missing(r.value) else float(r.value) for r in rows],
        "Đơn vị": [r.unit for r in rows],
        "Nguồn gốc": [origin_vi(r.origin) for r in rows],
        "Số nguồn": [int(r.n_sources) for r in rows],
        "Bất nhất giữa các nguồn": ["có" if bool(r.has_conflict) else "" for r in rows],
        "Ước tính": ["ước tính" if bool(r.is_estimate) else "" for r in rows],
    })


def _date(value) -> str:
    return "" if is_missing(value) or pd.isna(value) else f"{pd.Timestamp(value):%d/%m/%Y}"


def _int(value):
    return None if is_missing(value) or pd.isna(value) else int(value)


def quote_html(row) -> str:
    """The quote with its number marked: by the stored offsets, else where the stated value is written in it."""
    quote = row.quote
    if not isinstance(quote, str) or not quote:
        return ""
    marked = mark_value_in_quote(quote, _int(row.quote_start), row.value_text, _int(row.value_start))
    if "<mark" not in marked:
        span = locate_number(quote, row.stated_value)
        marked = mark_spans(quote, [span] if span else [])
    return marked


def evidence_card(row) -> str:
    """One source as HTML: origin, where it is (document or published table with its address), the marked quote."""
    parts = [f'<div style="border-left:4px solid #2563eb;padding:6px 12px;margin:8px 0;background:#f8fafc">',
             f'<div style="font-size:0.85em;color:#475569">Nguồn {int(row.evidence_no)} · '
             f'<b>{html.escape(origin_vi(row.origin))}</b> — {html.escape(ORIGIN_HELP.get(row.origin, ""))}</div>']
    if isinstance(row.doc_id, str):
        title = row.doc_title if isinstance(row.doc_title, str) else row.doc_id
        kind = f"{row.doc_type} " if isinstance(row.doc_type, str) else ""
        issuer = f" — {row.issuer}" if isinstance(row.issuer, str) else ""
        parts.append(f"<div>Văn bản: {html.escape(kind + title + issuer)} <small>({html.escape(row.file_name or row.doc_id)})"
                     f"</small></div>")
    if isinstance(row.source_url, str):
        label = row.source_title if isinstance(row.source_title, str) else "Bảng số liệu công bố"
        publisher = f" — {row.publisher}" if isinstance(row.publisher, str) else ""
        date = _date(row.published_on)
        parts.append(f'<div>Bảng công bố: <a href="{html.escape(row.source_url, quote=True)}" target="_blank" '
                     f'rel="noopener">{html.escape(label)}</a>{html.escape(publisher)}'
                     f'{html.escape(", ngày " + date) if date else ""}</div>')
    quote = quote_html(row)
    if quote:
        parts.append(f'<blockquote style="margin:6px 0;font-style:normal">“{quote}”</blockquote>')
    if isinstance(row.curated_file, str):
        line = _int(row.curated_line)
        parts.append(f'<div style="font-size:0.8em;color:#64748b">Dòng nhập tay: data/curated/{html.escape(row.curated_file)}'
                     f'{f", dòng {line}" if line else ""}</div>')
    parts.append("</div>")
    return "".join(parts)


def evidence_lines(evidence: pd.DataFrame) -> list[str]:
    """Plain lines for the download: each source with its quote or address."""
    lines = []
    for row in evidence.itertuples(index=False):
        where = row.doc_title if isinstance(row.doc_title, str) else (row.source_title or "Bảng số liệu công bố")
        detail = f"“{row.quote}”" if isinstance(row.quote, str) else (row.source_url or "")
        lines.append(f"Nguồn {int(row.evidence_no)} ({origin_vi(row.origin)}): {where} — {detail}")
    return lines


def comparison_bars(frame: pd.DataFrame, highlighted: list[str], title: str) -> go.Figure:
    """One indicator across areas: horizontal bars sorted by value, one colour per region, the nation grey,
    highlighted areas outlined; a target and an actual of the same year are separate series."""
    fig = go.Figure()
    shown = frame[frame["value"].notna()].copy()
    shown["label"] = [value_text(r) for r in shown.itertuples(index=False)]
    order = shown.groupby("area_name")["value"].max().sort_values().index.tolist()
    kinds = list(dict.fromkeys(shown["kind"]))
    for kind in kinds:
        part = shown[shown["kind"] == kind]
        colours = [NATIONAL_COLOUR if c == "vn" else REGION_COLOURS.get(r, OTHER_REGION_COLOUR)
                   for c, r in zip(part["area_code"], part["region_vi"])]
        is_high = [c in highlighted for c in part["area_code"]]
        fig.add_bar(
            y=part["area_name"], x=part["value"], orientation="h", name=KIND_VI.get(kind, kind).capitalize(),
            marker=dict(color=colours, opacity=[1.0 if h or not highlighted else 0.5 for h in is_high],
                        pattern=dict(shape="/" if kind == "target" and len(kinds) > 1 else ""),
                        line=dict(color=["#111827" if h else "rgba(0,0,0,0)" for h in is_high],
                                  width=[2.5 if h else 0 for h in is_high])),
            text=part["label"], textposition="outside", cliponaxis=False,
            customdata=part[["label", "unit", "origin"]].assign(origin=part["origin"].map(origin_vi)).to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]}<br>Nguồn gốc: %{customdata[2]}<extra></extra>",
        )
    units = [u for u in dict.fromkeys(shown["unit"]) if isinstance(u, str)]
    fig.update_layout(
        template=TEMPLATE, title=title, barmode="group", height=max(360, 26 * len(order) * max(1, len(kinds)) + 160),
        xaxis=dict(title=", ".join(units) if units else None), showlegend=len(kinds) > 1,
        yaxis=dict(title=None, categoryorder="array", categoryarray=order),
    )
    return fig


# --- What the Chỉ số và nguồn page draws, computed once per database and filters (dashboard.cache.view) -----------

@dataclass(frozen=True)
class IndicatorOverview:
    """One indicator in one year across all areas: the comparison chart and the sources behind it."""

    bars: FrozenFigure | None  # None: no figure for this indicator and year
    sources: list[str] = field(default_factory=list)  # source_lines of the indicator's evidence


def indicator_overview(year: int, indicator_code: str, highlighted: list[str], title: str) -> IndicatorOverview:
    everywhere = run_query("observations_with_sources", year=year, indicator_code=indicator_code, area_codes=[])
    if everywhere.empty:
        return IndicatorOverview(None)
    evidence = run_query("sources_for_indicator", indicator_code=indicator_code, year=year,
                         kind=everywhere["kind"].iloc[0])
    return IndicatorOverview(freeze(comparison_bars(everywhere, highlighted, title)), source_lines(evidence))


@dataclass(frozen=True)
class ObservationList:
    """The figures of the chosen areas (one indicator or all), provinces first and the nation last."""

    table: pd.DataFrame | None  # observation_table (with "Số", for the Excel file); None: nothing to show
    shown: pa.Table | None = None  # the table as drawn, without "Số" (tables.arrow_table)
    labels: dict[str, str] = field(default_factory=dict)  # obs_id -> observation_label, in the table's order
    notes: dict[str, str] = field(default_factory=dict)  # obs_id -> the note of whoever entered it (if any)


def observation_list(year: int, indicator_code: str | None, area_codes: list[str]) -> ObservationList:
    """`area_codes`: the chosen provinces (empty: all areas); the nation is added to chosen provinces."""
    observations = run_query("observations_with_sources", year=year, indicator_code=indicator_code,
                             area_codes=[*area_codes, "vn"] if area_codes else [])
    if observations.empty or (area_codes and observations["is_national"].all()):
        return ObservationList(None)
    observations = observations.sort_values("is_national", kind="stable")  # the provinces first, the nation last
    table = observation_table(observations)
    return ObservationList(
        table, arrow_table(table.drop(columns="Số")),
        dict(zip(observations["obs_id"], (observation_label(r) for r in observations.itertuples(index=False)))),
        {o: n for o, n in zip(observations["obs_id"], observations["note"]) if isinstance(n, str) and n})


@dataclass(frozen=True)
class ObservationEvidence:
    """The sources of one figure: conflicts between them, a card per source, lines for the download."""

    conflicts: list[str]  # descriptions of disagreements between sources
    cards: str  # HTML, empty when the figure has no recorded source
    lines: list[str]  # evidence_lines


def observation_evidence(obs_id: str) -> ObservationEvidence:
    evidence = run_query("evidence_for_observation", obs_id=obs_id)
    conflicts = run_query("conflicts_for_observation", obs_id=obs_id)
    return ObservationEvidence([c.description for c in conflicts.itertuples(index=False)],
                               "".join(evidence_card(row) for row in evidence.itertuples(index=False)),
                               evidence_lines(evidence))
