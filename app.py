"""Entry point: makes sure the database exists, then navigation only."""
import streamlit as st

from dashboard.db import ensure_database

st.set_page_config(page_title="So sánh kinh tế - xã hội các tỉnh", page_icon="📊", layout="wide")

with st.spinner("Đang xây cơ sở dữ liệu từ văn bản và bảng số liệu (lần đầu mất vài giây)…"):
    ensure_database()

pages = [
    st.Page("pages/growth.py", title="Tăng trưởng", icon="📈", url_path="tang-truong", default=True),
]
st.navigation(pages).run()
