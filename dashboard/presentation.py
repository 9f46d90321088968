"""Presentation mode for the meeting room: no sidebar or menu, large type, one key chart per screen, ?present=1&slide=N."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import briefing
from .cache import view
from .charts import TEMPLATE, freeze, growth_bars
from .exports import ascii_slug
from .formatting import number
from .safe_text import literal
from .widgets import PARAM_PROVINCES, highlighted_in_url

PARAM, SLIDE = "present", "slide"
SWITCH_KEY = "presentation-switch"
CHART_HEIGHT = 640
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
#MainMenu, header, footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 1rem 2.5rem 0.5rem !important; max-width: 100% !important; }
.stApp { font-size: 1.3rem; }
.stApp h1, .stApp h2 { font-size: 2.3rem !important; line-height: 1.2; padding: 0.2rem 0 0.4rem; }
.stApp [data-testid="stCaptionContainer"], .stApp .stCaption { font-size: 1.05rem !important; }
.stApp button p { font-size: 1.25rem !important; }
</style>
"""


def plotly_config(file_name: str) -> dict:
    """Plotly's toolbar camera saves a PNG named for what it shows, at twice the screen resolution."""
    return {"toImageButtonOptions": {"format": "png", "filename": ascii_slug(file_name), "scale": 2},
            "displaylogo": False}


@dataclass
class Slide:
    title: str
    figure: go.Figure
    source: str
    file_name: str          # ASCII, without extension: the PNG's name


def _source_text(lines: list[str]) -> str:
    return "Nguồn: " + ("; ".join(map(literal, lines)) if lines else "chưa có") + "."  # Markdown: data text escaped


def targets_figure(b: briefing.Briefing, area_code: str) -> go.Figure:
    rates = briefing.percent_targets(b, area_code)
    fig = go.Figure()
    for column, name, colour in (("actual_value", f"Thực hiện {b.actual_year}", briefing.ACTUAL),
                                 ("target_value", f"Mục tiêu {b.target_year}", briefing.TARGET)):
        fig.add_bar(x=rates["indicator_name"], y=rates[column], name=name, marker_color=f"#{colour}",
                    text=[number(v, 2) if pd.notna(v) else "" for v in rates[column]],
                    textposition="outside", cliponaxis=False,
                    hovertemplate="%{x}<br>" + name + ": %{y:.2f}%<extra></extra>")
    fig.update_layout(template=TEMPLATE, barmode="group", yaxis=dict(title="%", ticksuffix="%", rangemode="tozero"),
                      xaxis=dict(title=None))
    return fig


def tasks_heatmap(b: briefing.Briefing, top: int = 12) -> go.Figure:
    """Units (most tasks first) against task groups: how many tasks of each group a unit carries."""
    t = b.tasks.assign(unit=[f"{u} ({a})" for u, a in zip(b.tasks["unit_name"], b.tasks["area_name"])])
    counts = t.pivot_table(index="unit", columns="category_vi", values="task_text", aggfunc="size", fill_value=0)
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]
    counts = counts.loc[order]
    fig = go.Figure(go.Heatmap(z=counts.to_numpy(), x=list(counts.columns), y=list(counts.index), colorscale="Teal",
                               text=counts.to_numpy(), texttemplate="%{text}", showscale=False,
                               hovertemplate="%{y}<br>%{x}: %{z} nhiệm vụ<extra></extra>"))
    fig.update_layout(template=TEMPLATE, yaxis=dict(autorange="reversed"), xaxis=dict(side="top"))
    return fig


def key_figures(b: briefing.Briefing) -> list[Slide]:
    """The charts of a briefing, in meeting order: growth, targets per highlighted province, tasks."""
    title = f"Tăng trưởng GRDP năm {b.actual_year} các tỉnh, thành phố"
    slides = [Slide(title, growth_bars(b.growth, b.national_value, set(b.provinces), ""),
                    _source_text(b.growth_sources), f"tang-truong-grdp-{b.actual_year}")]
    for code in b.provinces:
        if briefing.percent_targets(b, code).empty:
            continue
        name = b.province_names[code]
        slides.append(Slide(f"{name}: mục tiêu {b.target_year} so với thực hiện {b.actual_year}",
                            targets_figure(b, code), _source_text(briefing.target_sources(b, code)),
                            f"muc-tieu-{b.target_year}-thuc-hien-{b.actual_year}-{code}"))
    if not b.tasks.empty:
        slides.append(Slide("Đơn vị và nhóm nhiệm vụ được giao", tasks_heatmap(b),
                            _source_text(briefing.unit_sources(b)), "don-vi-nhiem-vu"))
    return slides


def for_the_room(figure: go.Figure) -> go.Figure:
    """The slide's chart in large type at screen height; its title is the slide's, the ticks carry the unit."""
    figure = go.Figure(figure)
    figure.update_layout(height=CHART_HEIGHT, font=dict(size=18), title=None, margin=dict(l=10, r=30, t=50, b=10))
    figure.update_xaxes(title_text=None)
    figure.update_yaxes(tickfont_size=15)
    return figure


def meeting_slides(provinces: list[str] | None) -> list[Slide]:
    """Every slide of the meeting view, charts styled for the room and frozen: built once per database and
    provinces (dashboard.cache.view), so Trước / Tiếp only draws. Raises ValueError for an unknown province."""
    slides = key_figures(briefing.load(provinces))
    return [replace(slide, figure=freeze(for_the_room(slide.figure))) for slide in slides]


def is_active() -> bool:
    return st.query_params.get(PARAM) == "1"


def current_slide(n: int) -> int:
    """The 1-based slide in the URL, kept within 1..n."""
    try:
        index = int(st.query_params.get(SLIDE, "1"))
    except ValueError:
        index = 1
    return min(max(index, 1), max(n, 1))


def _go_to(index: int) -> None:
    st.query_params[PARAM] = "1"
    st.query_params[SLIDE] = str(index)


def _leave() -> None:
    for name in (PARAM, SLIDE):
        if name in st.query_params:
            del st.query_params[name]
    st.session_state[SWITCH_KEY] = False


def _switched() -> None:
    if st.session_state.get(SWITCH_KEY):
        _go_to(1)
    else:
        _leave()


def switch() -> None:
    """The sidebar switch; the URL (?present=1) is what counts, so a shared link opens the meeting view."""
    if st.session_state.get(SWITCH_KEY) != is_active():
        st.session_state[SWITCH_KEY] = is_active()
    st.toggle(":material/slideshow: Chế độ trình chiếu", key=SWITCH_KEY, on_change=_switched,
              help="Ẩn thanh bên và menu, chữ lớn, mỗi màn hình một biểu đồ; dùng nút Trước / Tiếp để chuyển.")




def show() -> None:
    """The meeting view: one chart per screen with its title and source, Trước / Tiếp to step through."""
    st.html(PRESENTATION_CSS)
    try:
        slides = view(meeting_slides, provinces=highlighted_in_url() or None)  # shared: read only
    except ValueError as exc:
        st.error(f"{literal(exc)}. Sửa hoặc bỏ tham số {PARAM_PROVINCES} trên địa chỉ để dùng các tỉnh có văn bản.")
        st.button("Thoát trình chiếu", icon=":material/close:", on_click=_leave, key="present-leave")
        return
    index = current_slide(len(slides))
    slide = slides[index - 1]
    st.markdown(f"## {literal(slide.title)}")
    # theme=None: the app's own template with the larger type, not Streamlit's smaller chart fonts
    st.plotly_chart(slide.figure, width="stretch", config=plotly_config(slide.file_name), key=f"present-chart-{index}",
                    theme=None)
    st.caption(slide.source)
    previous, position, following, leave = st.columns([2, 1, 2, 2])
    previous.button("◀ Trước", on_click=_go_to, args=(index - 1,), disabled=index <= 1, key="present-previous",
                    width="stretch")
    position.markdown(f"<div style='text-align:center;font-size:1.4rem'>{index} / {len(slides)}</div>",
                      unsafe_allow_html=True)
    following.button("Tiếp ▶", on_click=_go_to, args=(index + 1,), disabled=index >= len(slides), key="present-next",
                     width="stretch")
    leave.button("Thoát trình chiếu", icon=":material/close:", on_click=_leave, key="present-leave", width="stretch")
