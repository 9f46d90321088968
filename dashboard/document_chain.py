"""The chain of documents each plan implements (central guidance → provincial plan → ward plan), as a graph (no Streamlit).

Input: one row per (document, reference) from queries/document_chain.sql. Referenced documents that are not in
the database become external nodes; two references to the same document written differently (10-HD/BTGTW and
10-HD/BTGDVTW, same date and issuer) become one node.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from .charts import TEMPLATE, wrap_label

LEVELS = ["Trung ương", "Tỉnh ủy, Thành ủy", "Sở, ngành, cấp tỉnh", "Phường, xã"]
ISSUER_LEVEL_VI = {"central": "Trung ương", "province": "cấp tỉnh", "department": "cấp sở", "ward": "cấp phường/xã"}
LEVEL_COLOURS = ["#b91c1c", "#c2410c", "#1d4ed8", "#15803d"]
EXTERNAL_COLOUR = "#9ca3af"


def _fold(text) -> str:
    """Lower case with the tone mark of 'uỷ'/'ủy' written one way, for matching issuer names."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text).lower()
    return text.replace("uỷ", "ủy").replace("oà", "òa").replace("oá", "óa")


def normalise_number(ref_number) -> str:
    """'10-HD/BTGTW' and '10-hd/btgtw ' compare equal."""
    return re.sub(r"\s+", "", str(ref_number or "")).upper()


def level_of(issuer, issuer_level=None, ref_number=None) -> int:
    """Index into LEVELS: from the database's issuer level, else from the issuer's name or the number's suffix."""
    name = _fold(issuer)
    suffix = normalise_number(ref_number).rsplit("/", 1)[-1] if ref_number else ""
    if issuer_level == "central" or "trung ương" in name or suffix.endswith("TW"):
        return 0
    if issuer_level == "ward" or "phường" in name or re.search(r"\bxã\b", name):
        return 3
    if issuer_level == "department" or name.startswith("sở ") or " sở " in f" {name} ":
        return 2
    if "tỉnh ủy" in name or "thành ủy" in name or suffix.endswith("TU"):
        return 1
    return 2


def _series_key(ref_number) -> str:
    """'10-HD/BTGTW' -> '10-HD': the number and kind, without the issuer's abbreviation."""
    return normalise_number(ref_number).split("/", 1)[0]


@dataclass
class Node:
    node_id: str
    label: str
    level: int
    is_external: bool
    detail: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass
class Chain:
    nodes: dict[str, Node]
    edges: list[tuple[str, str]]  # (implemented document, implementing document)


def build_chain(rows: pd.DataFrame) -> Chain:
    """Nodes for the database's documents and for every document they reference; edges point down the chain."""
    nodes: dict[str, Node] = {}
    by_number: dict[str, str] = {}
    docs = rows.drop_duplicates("doc_id")
    for doc in docs.itertuples(index=False):
        label = f"{doc.doc_type or 'Văn bản'} — {doc.issuer or doc.doc_id}"
        nodes[doc.doc_id] = Node(doc.doc_id, label, level_of(doc.issuer, doc.issuer_level), False,
                                 detail=doc.title or "")
        if isinstance(doc.doc_number, str) and re.match(r"\d", doc.doc_number.strip()):
            by_number[normalise_number(doc.doc_number)] = doc.doc_id
    external_by_key: dict[tuple, str] = {}
    edges: list[tuple[str, str]] = []
    refs = rows[rows["ref_number"].notna()]
    for ref in refs.itertuples(index=False):
        number = normalise_number(ref.ref_number)
        if number in by_number:
            source = by_number[number]
        else:
            has_date = not pd.isna(ref.ref_date)
            key = (_series_key(number), ref.ref_date, _fold(ref.ref_issuer)) if has_date else (number,)
            source = external_by_key.get(key)
            if source is None:
                source = f"ref:{number}"
                external_by_key[key] = source
                date = f", ngày {ref.ref_date:%d/%m/%Y}" if has_date else ""
                issuer = ref.ref_issuer if isinstance(ref.ref_issuer, str) else "chưa rõ cơ quan ban hành"
                nodes[source] = Node(source, f"{ref.ref_type or 'Văn bản'} số {ref.ref_number}",
                                     level_of(ref.ref_issuer, None, ref.ref_number), True,
                                     detail=f"{issuer}{date}", aliases=[ref.ref_number])
            elif ref.ref_number not in nodes[source].aliases:
                nodes[source].aliases.append(ref.ref_number)
        if (source, ref.doc_id) not in edges:
            edges.append((source, ref.doc_id))
    return Chain(nodes, edges)


def positions(chain: Chain) -> dict[str, tuple[float, float]]:
    """x = level (left to right down the chain), y = place within the level.

    Nodes start in their order; then each level is sorted by the mean height of its linked nodes, so that
    arrows cross less (two passes of the barycentre heuristic are plenty for a handful of documents).
    """
    levels = [[n.node_id for n in chain.nodes.values() if n.level == level] for level in range(len(LEVELS))]
    neighbours: dict[str, list[str]] = {node_id: [] for node_id in chain.nodes}
    for source, target in chain.edges:
        neighbours[source].append(target)
        neighbours[target].append(source)

    def place() -> dict[str, tuple[float, float]]:
        return {node_id: (float(level), -(i - (len(members) - 1) / 2))
                for level, members in enumerate(levels) for i, node_id in enumerate(members)}

    placed = place()
    for _ in range(2):
        for members in levels:
            def height(node_id: str) -> float:
                ys = [placed[n][1] for n in neighbours[node_id]]
                return sum(ys) / len(ys) if ys else placed[node_id][1]
            members.sort(key=lambda n: -height(n))
        placed = place()
    return placed


def chain_figure(chain: Chain, selected: str | None = None) -> go.Figure:
    """Nodes in columns by level, arrows from the implemented document to the one implementing it."""
    xy = positions(chain)
    fig = go.Figure()
    for source, target in chain.edges:
        (x0, y0), (x1, y1) = xy[source], xy[target]
        fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", text="",
                           showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=1.6, arrowcolor="#6b7280",
                           standoff=14, startstandoff=14)
    for is_external in (False, True):
        members = [n for n in chain.nodes.values() if n.is_external == is_external]
        if not members:
            continue
        fig.add_scatter(
            x=[xy[n.node_id][0] for n in members], y=[xy[n.node_id][1] for n in members],
            mode="markers+text", text=[wrap_label(n.label, 28) for n in members], textposition="bottom center",
            name="Văn bản được dẫn chiếu (chưa có trong dữ liệu)" if is_external else "Văn bản có trong dữ liệu",
            marker=dict(size=[26 if n.node_id == selected else 18 for n in members], symbol="circle-open" if is_external else "circle",
                        color=EXTERNAL_COLOUR if is_external else [LEVEL_COLOURS[n.level] for n in members],
                        line=dict(width=[4 if n.node_id == selected else 2 for n in members], color="#111827")),
            customdata=[[n.node_id, n.detail, ", ".join(n.aliases)] for n in members],
            hovertemplate="<b>%{text}</b><br>%{customdata[1]}<extra></extra>",
        )
    n_rows = max([sum(1 for n in chain.nodes.values() if n.level == lv) for lv in range(len(LEVELS))] + [1])
    fig.update_layout(
        template=TEMPLATE, height=max(320, 130 * n_rows + 80), showlegend=True,
        xaxis=dict(tickvals=list(range(len(LEVELS))), ticktext=LEVELS, range=[-0.6, len(LEVELS) - 0.4],
                   showgrid=False, zeroline=False, side="top"),
        yaxis=dict(visible=False, range=[-(n_rows / 2) - 0.3, n_rows / 2 + 0.1]),
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0),
        margin=dict(l=10, r=10, t=40, b=10),
    )
    return fig




def chain_table(chain: Chain) -> pd.DataFrame:
    """One row per link of the chain, for reading and downloading."""
    rows = []
    for source, target in chain.edges:
        s, t = chain.nodes[source], chain.nodes[target]
        also = f" (còn ghi {', '.join(s.aliases[1:])})" if len(s.aliases) > 1 else ""
        rows.append({"Văn bản được thực hiện": s.label + also,
                     "Cấp": LEVELS[s.level], "Cơ quan, ngày": s.detail,
                     "Có trong dữ liệu": "có" if not s.is_external else "chưa",
                     "Văn bản thực hiện": t.label, "Cấp của văn bản thực hiện": LEVELS[t.level]})
    return pd.DataFrame(rows, columns=["Văn bản được thực hiện", "Cấp", "Cơ quan, ngày", "Có trong dữ liệu",
                                       "Văn bản thực hiện", "Cấp của văn bản thực hiện"])


def lineage(chain: Chain, node_id: str) -> Chain:
    """The documents `node_id` implements (up to the centre) and those implementing it (down to the wards).

    With many documents the whole graph is unreadable; this is the chain of the one being read.
    """
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for source, target in chain.edges:
        up.setdefault(target, []).append(source)
        down.setdefault(source, []).append(target)
    keep = {node_id}
    for links in (up, down):
        frontier = [node_id]
        while frontier:
            current = frontier.pop()
            for other in links.get(current, []):
                if other not in keep:
                    keep.add(other)
                    frontier.append(other)
    return Chain({k: v for k, v in chain.nodes.items() if k in keep},
                 [(s, t) for s, t in chain.edges if s in keep and t in keep])
