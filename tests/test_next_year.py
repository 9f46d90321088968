"""Years are data: a data folder one year on (2026 actuals, 2027 targets) moves every page, the pack and the
meeting view to "thực hiện 2026, mục tiêu 2027" with no code change; attainment of the 2026 targets is shown."""
import io
import json
import os
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import briefing, db, pack, targets, years
from etl import build

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "next_year"
PAGES = ["overview", "growth", "targets", "units_tasks", "indicators", "documents", "data_entry"]
LINK = {"tinh": "lang-son,cao-bang"}


@pytest.fixture(scope="module")
def next_year_db(tmp_path_factory):
    """The fixture folder built into a temporary database, which the app reads while this module runs."""
    path = tmp_path_factory.mktemp("next-year") / "dashboard.duckdb"
    build.run(path, build.Inputs.from_root(FIXTURE))
    before = {k: os.environ.get(k) for k in ("DASHBOARD_DB", "DASHBOARD_DATA", years.SETTING)}
    os.environ["DASHBOARD_DB"] = str(path)
    os.environ["DASHBOARD_DATA"] = str(FIXTURE)  # the Dữ liệu page reads this folder (and writes nothing here)
    os.environ.pop(years.SETTING, None)
    yield path
    for key, value in before.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture()
def app_on_fixture(next_year_db, monkeypatch, clear_streamlit_caches):
    # app.py rebuilds a database that is older than data/; this one is built from the fixture folder on purpose
    monkeypatch.setattr(db, "is_fresh", lambda path=None: True)
    return next_year_db


def test_years_come_from_the_data(next_year_db):
    assert years.from_database() == years.ReportYears(2026, 2027)


def test_one_setting_overrides_the_years(next_year_db):
    assert years.from_database(setting="2025") == years.ReportYears(2025, 2026)
    with pytest.raises(ValueError, match="DASHBOARD_RESULTS_YEAR='năm ngoái' không phải năm"):
        years.choose(None, None, None, setting="năm ngoái")


def test_years_without_actuals_follow_the_targets_or_the_calendar():
    assert years.choose(None, None, 2027) == years.ReportYears(2026, 2027)
    assert years.choose(None, 2024, 2026) == years.ReportYears(2024, 2025)
    import datetime as dt
    assert years.choose(None, None, None, today=dt.date(2028, 3, 1)) == years.ReportYears(2027, 2028)


@pytest.mark.parametrize("attained, target, operator, upper, higher_is_better, expected", [
    (10.0, 10, ">=", None, True, True),
    (10.0, 10, ">", None, True, False),
    (9.9, 10, "=", None, True, False),
    (3.9, 4.5, "~", None, False, True),
    (4.0, 4, "<", None, False, False),
    (4.0, 4, "<=", None, False, True),
    (5450, 5400, "range", 5500, True, True),
    (5350, 5400, "range", 5500, True, False),
    (None, 10, ">=", None, True, None),
])
def test_attainment_reads_the_operator(attained, target, operator, upper, higher_is_better, expected):
    assert targets.is_attained(attained, target, operator, higher_is_better=higher_is_better,
                               target_upper=upper) is expected


def test_attainment_of_2026_targets(next_year_db):
    page = targets.attainment_page(2026, ["vn", "lang-son", "cao-bang", "ha-noi"])
    assert page.summary == "Mục tiêu năm 2026: 2 đạt, 2 không đạt, 2 chưa có số liệu."
    rows = {(r["Tỉnh, thành phố"], r["Chỉ tiêu"]): (r["Mục tiêu 2026"], r["Thực hiện 2026"], r["Đánh giá"])
            for r in page.table.to_dict("records")}
    assert rows[("Lạng Sơn", "Tốc độ tăng trưởng GRDP")] == ("≥ 10%", "9,1%", "không đạt")
    assert rows[("Cao Bằng", "Tốc độ tăng trưởng GRDP")] == ("10%", "10,4%", "đạt")
    assert rows[("Hà Nội", "Tốc độ tăng trưởng GRDP")] == ("11%", "—", "chưa có số liệu")
    assert rows[("Cả nước", "Lạm phát (CPI bình quân)")] == ("≈ 4,5%", "3,9%", "đạt")
    assert page.sources == ["Tốc độ tăng GRDP và chỉ tiêu các năm (bảng kiểm thử) — Cục Thống kê (số liệu giả lập "
                            "cho kiểm thử) (12 địa chỉ nguồn)"]


def _page(name: str) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    for key, value in LINK.items():
        at.query_params[key] = value
    at.switch_page(f"app_pages/{name}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_moves_on_by_itself(app_on_fixture, name):
    at = _page(name)
    shown = _texts(at)
    if name == "growth":  # its year is in the chart and its file names
        names = [json.loads(c.proto.config)["toImageButtonOptions"]["filename"] for c in at.get("plotly_chart")]
        assert names[0] == "tang-truong-grdp-2026" and "ban-do-tang-truong-grdp-2026" in names
    if name in ("overview", "growth", "targets"):
        assert "2025" not in shown.replace("01/7/2025", "")  # the merger date is a date, not a year shown
    if name == "targets":
        assert at.title[0].value == "Mục tiêu 2027 và thực hiện 2026"
        assert "Đánh giá thực hiện mục tiêu năm 2026" in [s.value for s in at.subheader]
        assert "Mục tiêu năm 2026: 2 đạt, 2 không đạt, 1 chưa có số liệu." in shown
    if name == "overview":
        assert "Kết quả năm 2026 và mục tiêu năm 2027" in at.caption[0].value


def test_navigation_names_the_years_of_the_data(app_on_fixture):
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    # the page list is built by app.py; its title for the targets page follows the data
    source = Path(__file__).resolve().parent.parent.joinpath("app.py").read_text(encoding="utf-8")
    assert "2026" not in source and "2025" not in source
    assert years.report_years() == years.ReportYears(2026, 2027)


def test_the_pack_moves_on(next_year_db):
    b = briefing.load(["lang-son", "cao-bang"])
    assert (b.actual_year, b.target_year) == (2026, 2027)
    assert pack.file_names(b.actual_year, b.target_year)["xlsx"].endswith("2026-2027.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(pack.workbook.build(b)))
    assert wb.properties.title == "Số liệu họp giao ban: kết quả 2026, kế hoạch 2027"
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("Tăng trưởng GRDP năm 2026" in c for c in cells)
    assert any(c == "Mục tiêu 2027" for c in cells)
    lang_son = b.growth.set_index("area_code").loc["lang-son", "value"]
    assert lang_son == 9.1


def test_the_meeting_view_moves_on(app_on_fixture):
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["present"] = "1"
    at.query_params["tinh"] = "lang-son,cao-bang"
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "## Tăng trưởng GRDP năm 2026 các tỉnh, thành phố"
    at.button(key="present-next").click().run()
    assert not at.exception
    assert "mục tiêu 2027 so với thực hiện 2026" in at.markdown[0].value


def _year_literals(path: Path) -> list[str]:
    """Numbers and strings in the code (not comments, not docstrings) that name a year from 2024 to 2027."""
    import ast
    import re

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings:
            if (isinstance(node.value, int) and 2024 <= node.value <= 2027) or (
                    isinstance(node.value, str) and re.search(r"(?<![\d/])202[4-7](?!\d)", node.value)):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return found


def test_no_page_view_or_query_names_a_year():
    root = Path(__file__).resolve().parent.parent
    files = [root / "app.py", *sorted((root / "app_pages").glob("*.py")), *sorted((root / "dashboard").glob("*.py"))]
    found = [hit for path in files for hit in _year_literals(path)]
    for query in sorted((root / "queries").glob("*.sql")):
        body = "\n".join(line for line in query.read_text(encoding="utf-8").splitlines() if not line.startswith("--"))
        if __import__("re").search(r"\b202[4-7]\b", body):
            found.append(query.name)
    assert found == []
