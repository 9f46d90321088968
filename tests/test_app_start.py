"""`streamlit run app.py` on a fresh clone: the app builds its database first, then serves it."""
import os

from streamlit.testing.v1 import AppTest


def test_app_builds_a_missing_database_then_shows_the_growth_chart(tmp_path, monkeypatch, clear_streamlit_caches):
    db_path = tmp_path / "fresh" / "dashboard.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(db_path))
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert db_path.exists()
    at.switch_page("app_pages/growth.py").run()
    assert not at.exception
    assert at.get("plotly_chart"), "the growth page draws its chart"
    spec = at.get("plotly_chart")[0].proto.spec
    assert "Lạng Sơn" in spec and '"separators":",."' in spec.replace(" ", "")


def test_app_rebuilds_when_inputs_changed(built_db, tmp_path, monkeypatch, clear_streamlit_caches):
    stale = tmp_path / "stale.duckdb"
    stale.write_bytes(built_db.read_bytes())
    import duckdb
    con = duckdb.connect(str(stale))
    con.execute("update build_info set inputs_fingerprint = 'old'")
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(stale))
    AppTest.from_file("../app.py", default_timeout=60).run()
    con = duckdb.connect(str(stale), read_only=True)
    assert con.execute("select inputs_fingerprint from build_info").fetchone()[0] != "old"
    con.close()
    assert os.environ["DASHBOARD_DB"] == str(stale)
