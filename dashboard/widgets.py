"""Streamlit widgets shared by pages and the sidebar: table downloads, the briefing pack, the Dữ liệu password."""
from __future__ import annotations

import os
from functools import partial
from typing import Mapping

import pandas as pd
import streamlit as st

from . import access, pack
from .exports import XLSX_MIME, file_name as ascii_file_name, table_xlsx
from .years import report_years

PARAM_PROVINCES = "tinh"  # the sidebar filters keep the highlighted provinces here (dashboard/filters.py)

# the pack's files, in the order of the sidebar: button label and icon
PACK_BUTTONS = {"xlsx": ("Sổ số liệu (.xlsx)", ":material/table_view:"),
                "pptx": ("Bài trình chiếu (.pptx)", ":material/slideshow:"),
                "docx": ("Báo cáo (.docx)", ":material/article:"),
                "pdf": ("Tài liệu phát tay (.pdf)", ":material/print:")}


def download_table(frame: pd.DataFrame, *, title: str, file_name: str, filters: dict[str, str] | None = None,
                   sources=None, key: str | None = None, formats: Mapping[str, str] | None = None,
                   units: Mapping[str, str] | None = None, notes: list[str] | tuple = ()) -> None:
    """A download button for the table as .xlsx; `file_name` is ASCII and says what the file holds.

    `sources` are lines, (source, quote/address) pairs, or an evidence frame (queries/sources_for_indicator.sql);
    `formats` overrides a column's Excel number format ('#,##0.0'), `units` adds '(unit)' to its header.
    """
    # The workbook is built only when the button is clicked, not on every rerun of the page. The frame is not
    # copied: pages pass tables they no longer change (most are shared, read-only results of cache.view).
    st.download_button(
        "Tải bảng Excel (.xlsx)",
        icon=":material/download:",
        data=partial(table_xlsx, frame, title=title, filters=dict(filters or {}), sources=sources,
                     formats=formats, units=units, notes=notes),
        file_name=ascii_file_name(file_name),
        mime=XLSX_MIME,
        on_click="ignore",
        key=key or f"download-{file_name}",
    )


def highlighted_in_url() -> list[str]:
    """The provinces highlighted by the sidebar filters (?tinh=lang-son,cao-bang), as the URL holds them."""
    codes = []
    for raw in st.query_params.get_all(PARAM_PROVINCES):
        codes += [c.strip() for c in str(raw).split(",") if c.strip()]
    return codes


def briefing_downloads(provinces: list[str] | None = None) -> None:
    """Sidebar buttons for the briefing pack: workbook, deck, Word report and PDF handout, built only when clicked.

    Highlighted provinces: those given, else those of the filters in the URL, else those whose documents we hold.
    """
    provinces = provinces or highlighted_in_url() or None
    st.markdown("**Tài liệu họp giao ban**")
    shown = report_years()
    names = pack.file_names(shown.results, shown.plan)
    for kind, (label, icon) in PACK_BUTTONS.items():
        st.download_button(label, icon=icon, data=partial(pack.build_for, kind, provinces), file_name=names[kind],
                           mime=pack.FORMATS[kind][2], on_click="ignore", key=f"briefing-{kind}", width="stretch")


def _configured_hash() -> str | None:
    if os.environ.get(access.ENVIRONMENT_VARIABLE):
        return os.environ[access.ENVIRONMENT_VARIABLE]
    try:
        return st.secrets.get(access.SECRET_NAME) or None
    except Exception:  # no secrets.toml at all (Streamlit raises its own error type)
        return None


def require_write_access() -> None:
    """On a page that writes to data/: continue at once when the app is local; otherwise ask for the password."""
    if access.is_local_only(st.get_option("server.address")) or st.session_state.get("may_change_data"):
        return
    stored = _configured_hash()
    if not stored:
        st.error("Ứng dụng đang mở cho mạng nội bộ nhưng người quản trị chưa đặt mật khẩu cho trang Dữ liệu, nên "
                 "trang này không cho thêm hay sửa dữ liệu. Người quản trị: chạy `python -m dashboard password` "
                 "rồi ghi kết quả vào .streamlit/secrets.toml (xem mục An toàn trong README).")
        st.stop()
    with st.form("mat_khau_du_lieu"):
        st.markdown("Trang này thêm và sửa dữ liệu dùng chung. Hãy nhập mật khẩu do người quản trị cấp.")
        password = st.text_input("Mật khẩu", type="password")
        submitted = st.form_submit_button("Mở trang Dữ liệu", type="primary")
    if submitted:
        if access.check_password(password, stored):
            st.session_state["may_change_data"] = True
            st.rerun()
        st.error("Mật khẩu không đúng.")
    st.stop()
