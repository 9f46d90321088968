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
