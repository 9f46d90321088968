"""ETL: official documents and curated tables -> DuckDB with provenance (runs without Streamlit)."""
