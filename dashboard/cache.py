"""Streamlit-side caching of queries: keyed by the database file's identity, so a rebuild shows at once."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from . import db


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, identity: tuple, params: tuple) -> pd.DataFrame:
    return db.run_query(name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params})


def query(name: str, **params) -> pd.DataFrame:
    """run_query through Streamlit's cache; lists become tuples so they hash."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    result = _cached(name, db.database().identity(), frozen)
    return result.copy()


@st.cache_resource(show_spinner=False, max_entries=256)
def _built_figure(builder_name: str, _builder, args: tuple, kwargs: dict):
    return _builder(*args, **kwargs)


def figure(builder, *args, **kwargs):
    """A Plotly figure built once per distinct input (building and validating one takes 50–100 ms).

    Shared, not copied, between reruns and sessions: the figure must not be changed after it is built.
    """
    return _built_figure(f"{builder.__module__}.{builder.__qualname__}", builder, args, kwargs)
