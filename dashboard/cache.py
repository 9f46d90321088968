"""Streamlit-side caching, keyed by the database file's identity so that a rebuild shows at once.

A page rerun (an analyst clicks a filter) should only draw: queries, pandas work and Plotly figures are
computed once per database build and filter values, then shared read-only between reruns and sessions.
"""
from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from . import db


def _frozen(value):
    """Arguments as hashable values: lists and sets become tuples, dicts sorted item tuples."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(_frozen(v) for v in value))
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


# A page's view can hold a few MB (the growth page with its map: 1,7 MB), so at most ~150 MB in all.
@st.cache_resource(show_spinner=False, max_entries=96)
def _computed(*, key: str, _compute, _params: dict) -> Any:
    return _compute(**_params)


def view(compute: Callable[..., Any], **params) -> Any:
    """compute(**params) run once per database build and parameters, e.g. everything a page draws for
    the filters chosen; `compute` reads the database itself (db.run_query) and takes only plain values.

    The result is shared between reruns and sessions, not copied: it must not be changed.
    """
    # One string key: Streamlit hashes it faster than nested tuples (34 provinces by default at national
    # scale), and keyword arguments spare it looking up the function's signature on every call.
    key = repr((compute.__module__, compute.__qualname__, db.database().identity(), _frozen(params)))
    return _computed(key=key, _compute=compute, _params=params)
