"""Entry point: makes sure the database exists, then navigation only."""
import streamlit as st

from etl import paths

# The icon from a file of ours: a ":material/…:" page icon makes the browser fetch it from a font CDN on every load.
ICON = paths.ROOT / "dashboard" / "static" / "icon.svg"
st.set_page_config(page_title="So sánh kinh tế - xã hội các tỉnh", page_icon=str(ICON), layout="wide")
# Words on screen at once: a session's first run after start imports pandas, Plotly and DuckDB before any page draws.
loading = st.empty()
loading.caption("Đang mở bảng điều khiển…")

from dashboard import presentation  # noqa: E402
from dashboard.db import ensure_database, is_fresh  # noqa: E402
from dashboard.safe_text import literal  # noqa: E402
from dashboard.widgets import briefing_downloads  # noqa: E402
from dashboard.years import report_years  # noqa: E402
from etl import build  # noqa: E402
from etl.errors import InputError, InputErrors  # noqa: E402

loading.empty()

if not is_fresh():
    failed = True
    try:
        with st.spinner("Đang xây cơ sở dữ liệu từ văn bản và bảng số liệu (lần đầu mất vài giây)…"):
            ensure_database()
        failed = False
    except (InputError, InputErrors) as exc:
        problems = exc.errors if isinstance(exc, InputErrors) else [exc]
        st.error("Dữ liệu đầu vào có lỗi, chưa xây lại được cơ sở dữ liệu. Hãy sửa các dòng sau:\n\n"
                 + "\n".join(f"- {literal(p)}" for p in problems))
    except Exception as exc:  # disk full, a read-only folder, a folder in the database's place…
        st.error(f"Chưa xây lại được cơ sở dữ liệu: {literal(build.failure_text(exc, paths.default_database()))}.")
    if failed:
        if build.stored_fingerprint(paths.default_database()) is None:  # no whole database built before
            st.stop()
        st.warning("Đang hiển thị cơ sở dữ liệu đã xây lần trước.")

shown = report_years()  # from the data: the latest year with results, and the next
pages = [
    st.Page("app_pages/overview.py", title="Tổng quan", icon=":material/dashboard:", default=True),
    st.Page("app_pages/growth.py", title="Tăng trưởng", icon=":material/trending_up:"),
    st.Page("app_pages/targets.py", title=f"Mục tiêu {shown.plan} và thực hiện {shown.results}", icon=":material/flag:"),
    st.Page("app_pages/explorer.py", title="Chỉ tiêu theo tỉnh", icon=":material/query_stats:"),
    st.Page("app_pages/units_tasks.py", title="Đơn vị và nhiệm vụ", icon=":material/account_tree:"),
    st.Page("app_pages/indicators.py", title="Chỉ số và nguồn", icon=":material/fact_check:"),
    st.Page("app_pages/documents.py", title="Tài liệu", icon=":material/description:"),
    st.Page("app_pages/data_entry.py", title="Dữ liệu", icon=":material/upload_file:"),
]
navigation = st.navigation(pages, position="hidden" if presentation.is_active() else "sidebar")
with st.sidebar:  # meeting tools on every page: the briefing pack and the presentation switch
    briefing_downloads()
    presentation.switch()
if presentation.is_active():
    presentation.show()
else:
    navigation.run()
