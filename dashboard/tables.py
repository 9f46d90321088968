"""Tables as the pages draw them, prepared once in a view (no Streamlit)."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """A table for st.dataframe / st.table, converted once: Streamlit serialises a pyarrow table as it is, while
    a pandas frame is converted on every rerun (the same pa.Table.from_pandas call, so the screen is the same)."""
    return pa.Table.from_pandas(frame)
