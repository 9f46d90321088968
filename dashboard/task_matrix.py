"""Who carries which tasks: the unit × task-category matrix, its heatmap, and the channels side by side (no Streamlit)."""
from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from .charts import TEMPLATE, FrozenFigure, freeze, wrap_label
from .db import run_query
from .formatting import number
from .tables import arrow_table
from .safe_text import literal_frame

ROLES = ["chủ trì", "phối hợp", "chỉ đạo", "tham mưu", "hướng dẫn", "thực hiện"]
ISSUER_LEVELS = {"province": "cấp tỉnh", "department": "cấp sở", "ward": "cấp phường/xã"}
NO_CHANNEL = "—"


def like_pattern(search: str | None) -> str | None:
    """A bound ILIKE pattern for text typed by the user: '%…%' with the user's % _ \\ taken literally; None if blank."""
    if search is None or not search.strip():
        return None
    text = unicodedata.normalize("NFC", search.strip())
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def row_labels(frame: pd.DataFrame) -> list[str]:
    """A unit's row label; the area is added when units of several areas are shown together."""
    if frame["area_code"].nunique() <= 1:
        return list(frame["unit_name"])
    return [f"{unit} · {area}" if isinstance(area, str) else unit
            for unit, area in zip(frame["unit_name"], frame["area_name"])]


def busiest_units(counts: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, int]:
    """The rows of the `limit` units with the most tasks (ties: the first named), and how many units were left out."""
    totals = counts.groupby(["area_code", "unit_name"], sort=False).agg(n=("n_tasks", "sum"), first=("first_task", "min"))
    if len(totals) <= limit:
        return counts, 0
    kept = totals.sort_values(["n", "first"], ascending=[False, True]).head(limit).index
    keys = pd.MultiIndex.from_frame(counts[["area_code", "unit_name"]])
    return counts[keys.isin(kept)], len(totals) - limit


def unit_category_matrix(counts: pd.DataFrame) -> pd.DataFrame:
    """Rows: units in the order the documents name them; columns: task categories; cells: task counts (0 = none)."""
    frame = counts.copy()
    frame["row"] = row_labels(frame)
    rows = list(dict.fromkeys(frame.sort_values("first_task")["row"]))
    columns = list(dict.fromkeys(frame.sort_values(["category"])["category_vi"].fillna("Khác")))
    frame["category_vi"] = frame["category_vi"].fillna("Khác")
    matrix = frame.pivot_table(index="row", columns="category_vi", values="n_tasks", aggfunc="sum", fill_value=0)
    return matrix.reindex(index=rows, columns=columns, fill_value=0).astype(int)


def cell_keys(counts: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(row label, category label) -> (area_code, unit_name, category): what a clicked cell stands for."""
    frame = counts.copy()
    frame["row"] = row_labels(frame)
    return {(r, c or "Khác"): (a, u, k) for r, c, a, u, k in
            zip(frame["row"], frame["category_vi"], frame["area_code"], frame["unit_name"], frame["category"])}


def matrix_heatmap(matrix: pd.DataFrame, title: str) -> go.Figure:
    """The matrix as a heatmap with the count in each cell (empty cells blank, not 0) and a clickable point per cell."""
    z = matrix.to_numpy()
    text = [[str(v) if v else "" for v in row] for row in z]
    x = [wrap_label(c, 12) for c in matrix.columns]
    y = [wrap_label(r, 36) for r in matrix.index]  # long unit names on two lines leave the columns room
    fig = go.Figure()
    fig.add_heatmap(
        z=[[v if v else None for v in row] for row in z], x=x, y=y, text=text, texttemplate="%{text}",
        colorscale=[[0, "#60a5fa"], [1, "#1e3a8a"]], zmin=1, zmax=max(int(z.max()) if z.size else 1, 2),
        showscale=False, xgap=2, ygap=2, hoverongaps=False, textfont=dict(size=16, color="white"),
        hoverinfo="skip",  # hover and clicks go to the markers below
    )
    # Heatmaps cannot be selected in Plotly; an invisible marker on each filled cell can (click to list its tasks).
    cells = [(r, yi, c, xi) for r, yi, row in zip(matrix.index, y, z) for c, xi, v in zip(matrix.columns, x, row) if v]
    counts = [int(v) for row in z for v in row if v]
    fig.add_scatter(
        x=[xi for *_, xi in cells], y=[yi for _, yi, *_ in cells], mode="markers",
        marker=dict(size=34, opacity=0.01, color="#000000", symbol="square"),
        customdata=[[r, c, n] for (r, _, c, _), n in zip(cells, counts)], showlegend=False, name="cells",
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}: %{customdata[2]} nhiệm vụ<extra></extra>",
    )
    fig.update_layout(
        template=TEMPLATE, title=title, height=max(360, 44 * len(y) + 170),
        xaxis=dict(side="top", tickangle=0, showgrid=False, fixedrange=True, tickfont=dict(size=11)),
        yaxis=dict(autorange="reversed", showgrid=False, fixedrange=True, automargin=True, tickfont=dict(size=13)),
        margin=dict(l=10, r=10, t=170, b=10), clickmode="event+select", dragmode=False,
    )
    return fig


def document_label(doc_type, issuer, area_name) -> str:
    """'Kế hoạch — Sở Công Thương An Giang (An Giang)': how a document is named in menus and column headers."""
    head = f"{doc_type or 'Văn bản'} — {issuer or 'chưa rõ cơ quan ban hành'}"
    return f"{head} ({area_name})" if isinstance(area_name, str) and area_name not in head else head


def channels_side_by_side(channels: pd.DataFrame) -> pd.DataFrame:
    """Channel categories as rows, documents as columns; a cell holds the document's own wording, '—' if absent."""
    if channels.empty:
        return pd.DataFrame()
    frame = channels.copy()
    rows = list(dict.fromkeys(frame.sort_values(["ordinal"], kind="stable")["category_vi"]))
    doc_ids = list(dict.fromkeys(frame["doc_id"]))
    table = frame.groupby(["category_vi", "doc_id"], sort=False)["channel_text"].agg(lambda s: "\n".join(s)).unstack()
    table = table.reindex(index=rows, columns=doc_ids)
    table = table.astype(object).where(table.notna(), NO_CHANNEL)
    first = frame.drop_duplicates("doc_id").set_index("doc_id")
    labels = [document_label(first.at[d, "doc_type"], first.at[d, "issuer"], first.at[d, "area_name"]) for d in doc_ids]
    # two documents of one issuer keep two columns: the later ones carry their id
    table.columns = [label if labels.index(label) == i else f"{label} [{d}]" for i, (label, d) in enumerate(zip(labels, doc_ids))]
    table.index.name = "Hình thức tuyên truyền"
    return table


def channels_summary(channels: pd.DataFrame) -> pd.DataFrame:
    """With many documents: per channel category, how many documents list it, most listed first."""
    n_documents = channels["doc_id"].nunique()
    counts = channels.groupby("category_vi")["doc_id"].nunique().sort_values(ascending=False, kind="stable")
    return pd.DataFrame({"Hình thức tuyên truyền": counts.index, "Số văn bản nêu": counts.to_numpy(),
                         "Trên tổng số văn bản": n_documents})


def selected_cell(points: list[dict], keys: dict[tuple[str, str], tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The (area_code, unit_name, category) of the first clicked cell of matrix_heatmap, or None."""
    for point in points or []:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and len(data) >= 2 and tuple(data[:2]) in keys:
            return keys[tuple(data[:2])]
    return None


def task_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """The task list with Vietnamese headers, for the screen and the download."""
    return pd.DataFrame({
        "Đơn vị": tasks["unit_name"],
        "Vai trò": tasks["role"],
        "Lĩnh vực nhiệm vụ": tasks["category_vi"],
        "Nội dung nhiệm vụ": tasks["task_text"],
        "Văn bản": [document_label(t, i, a) for t, i, a in zip(tasks["doc_type"], tasks["issuer"], tasks["area_name"])],
        "Cấp ban hành": tasks["issuer_level"].map(ISSUER_LEVELS),
        "Tỉnh, thành phố": tasks["area_name"],
    })


# --- What the Đơn vị và nhiệm vụ page draws, computed once per database and filters (dashboard.cache.view) ---------

def task_documents() -> dict[str, str]:
    """doc_id -> label of every document that assigns tasks or lists channels, in the menu's order."""
    documents = run_query("task_documents")
    return {d.doc_id: document_label(d.doc_type, d.issuer, d.area_name) for d in documents.itertuples()}


@dataclass(frozen=True)
class ChannelsView:
    """The propaganda channels of the chosen documents: side by side (few documents) or counted (many)."""

    table: pd.DataFrame | None  # None: the documents list no channel
    summarised: bool = False  # True: channels_summary; False: channels_side_by_side (channels as the index)
    shown: pa.Table | None = None  # the table as drawn (arrow_table; the side-by-side index kept as such)
    download: pd.DataFrame | None = None  # the table as downloaded (the side-by-side index as a column)
    sources: list[str] = field(default_factory=list)


def channels_view(doc_id: str | None, area_codes: list[str], max_documents: int) -> ChannelsView:
    channels = run_query("channels_by_document", doc_id=doc_id, area_codes=area_codes)
    if channels.empty:
        return ChannelsView(None)
    doc_labels = task_documents()
    sources = [f"Văn bản: {doc_labels.get(d, d)} ({d})" for d in channels["doc_id"].unique()]
    if channels["doc_id"].nunique() > max_documents:  # too many columns to read: count them instead
        summary = channels_summary(channels)
        return ChannelsView(summary, True, arrow_table(summary), summary, sources)
    side = channels_side_by_side(channels)
    return ChannelsView(side, False, arrow_table(literal_frame(side)), side.reset_index(), sources)  # st.table: Markdown


@dataclass(frozen=True)
class TaskMatrixView:
    """The unit × category matrix for one choice of filters: its frozen heatmap and what a click or a menu picks;
    with it the channels of the chosen documents (one view, one cache look-up per rerun)."""

    n_tasks: int
    left_out: int = 0  # units not shown (more than max_units)
    left_out_text: str = ""  # left_out in Vietnamese digits
    heatmap: FrozenFigure | None = None  # None: no task matches the filters
    units: dict[str, tuple[str, str]] = field(default_factory=dict)  # row label -> (area_code, unit_name)
    cells: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict)  # see cell_keys
    channels: ChannelsView | None = None  # channels_view of doc_id and area_codes (None when no task matches)


def task_matrix_view(doc_id: str | None, area_codes: list[str], issuer_level: str | None, role: str | None,
                     pattern: str | None, max_units: int, max_documents: int) -> TaskMatrixView:
    counts = run_query("tasks_by_unit_category", doc_id=doc_id, area_codes=area_codes, issuer_level=issuer_level,
                       role=role, pattern=pattern)
    if counts.empty:
        return TaskMatrixView(n_tasks=0)
    n_tasks = int(counts["n_tasks"].sum())
    shown, left_out = busiest_units(counts, max_units)
    heatmap = matrix_heatmap(unit_category_matrix(shown), f"Số nhiệm vụ theo đơn vị và lĩnh vực ({number(n_tasks)} nhiệm vụ)")
    return TaskMatrixView(n_tasks, left_out, number(left_out), freeze(heatmap),
                          dict(zip(row_labels(shown), zip(shown["area_code"], shown["unit_name"]))), cell_keys(shown),
                          channels_view(doc_id, area_codes, max_documents))


@dataclass(frozen=True)
class TaskListView:
    """The tasks listed under the matrix: the table (screen and download), and for one unit its full texts."""

    table: pd.DataFrame
    shown: pa.Table  # the table as drawn (arrow_table)
    n_tasks: int
    heading: str | None  # "Nhiệm vụ của …" when one unit is chosen
    listing_html: str | None  # its tasks in full, with their document
    sources: list[str]  # the documents of the listed tasks, for the download


def task_list_view(doc_id: str | None, area_codes: list[str], issuer_level: str | None, role: str | None,
                   pattern: str | None, unit_name: str | None, category: str | None, max_rows: int) -> TaskListView:
    tasks = run_query("task_list", doc_id=doc_id, area_codes=area_codes, issuer_level=issuer_level, role=role,
                      pattern=pattern, unit_name=unit_name, category=category, max_rows=max_rows)
    doc_labels = task_documents()
    heading = listing = None
    if unit_name:
        heading = f"Nhiệm vụ của {unit_name}" + (f" — {tasks['category_vi'].iloc[0]}" if category and not tasks.empty else "")
        items = "".join(f"<li><b>{html.escape(t.role)}</b> · {html.escape(t.category_vi or '')}: {html.escape(t.task_text)}"
                        f"<br><small>{html.escape(doc_labels.get(t.doc_id, t.doc_id))}</small></li>" for t in tasks.itertuples())
        listing = f"<ol style='line-height:1.5'>{items}</ol>"
    table = task_table(tasks)
    return TaskListView(table, arrow_table(table), len(tasks), heading, listing,
                        [f"Văn bản: {doc_labels.get(d, d)} ({d})" for d in tasks["doc_id"].unique()])
