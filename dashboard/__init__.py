"""Shared code of the dashboard app: database access, formatting, charts, exports (no Streamlit in db/formatting)."""
