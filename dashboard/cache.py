"""Streamlit-side caching, keyed by the database file's identity so that a rebuild shows at once.

A page rerun (an analyst clicks a filter) should only draw: queries, pandas work and Plotly figures are
computed once per database build and filter values, then shared read-only between reruns and sessions.
"""
from __future__ import annotations

from typing import Any, Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import db
from .charts import FrozenFigure, freeze


def _frozen(value):
    """Arguments as hashable values: lists and sets become tuples, dicts sorted item tuples."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(_frozen(v) for v in value))
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def _thawed(value):
    return list(value) if isinstance(value, tuple) else value


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(*, name: str, identity: tuple, params: tuple) -> pd.DataFrame:
    return db.run_query(name, **{k: _thawed(v) for k, v in params})


def query(name: str, **params) -> pd.DataFrame:
    """run_query through Streamlit's cache: each caller gets its own copy of the frame."""
    return _cached(name=name, identity=db.database().identity(), params=_frozen(params))


@st.cache_resource(show_spinner=False, max_entries=128)
def _built_figure(*, name: str, _builder, args: tuple, kwargs: dict) -> FrozenFigure:
    return freeze(_builder(*args, **kwargs))


def figure(builder: Callable[..., go.Figure], *args, **kwargs) -> FrozenFigure:
    """A Plotly figure built once per distinct input (building and validating one takes 50–100 ms).

    Shared, not copied, between reruns and sessions: the figure must not be changed after it is built.
    Pass small arguments (frames, codes, titles); large constant inputs such as the map's shapes are read
    by the builder itself, since every argument is hashed on every rerun.
    """
    return _built_figure(name=f"{builder.__module__}.{builder.__qualname__}", _builder=builder, args=args, kwargs=kwargs)


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
