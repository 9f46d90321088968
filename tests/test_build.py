"""The built database: the facts of the four documents, provenance, idempotence, atomic failure."""
import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import build
from fixture_data import make_data_folder

ROOT = Path(__file__).resolve().parent.parent


def obs(con, area, indicator, year, kind):
    row = con.execute(
        "select operator, value, origin, n_sources, n_documents, has_conflict from v_observations "
        "where area_code = ? and indicator_code = ? and year = ? and kind = ?", [area, indicator, year, kind]).fetchone()
    assert row is not None, f"no observation {area} {indicator} {year} {kind}"
    return dict(zip(["operator", "value", "origin", "n_sources", "n_documents", "has_conflict"], row))


@pytest.mark.parametrize("area, indicator, year, kind, operator, value", [
    ("vn", "grdp_growth", 2025, "actual", "=", 8.02),
    ("vn", "gdp_per_capita_usd", 2025, "actual", "=", 5026),
    ("vn", "inflation", 2025, "actual", "=", 3.31),
    ("vn", "budget_revenue", 2025, "actual", "~", 2650000),
    ("lang-son", "grdp_growth", 2025, "actual", "=", 8.06),
    ("lang-son", "grdp_per_capita", 2025, "actual", "=", 71),
    ("lang-son", "budget_revenue", 2025, "actual", "=", 18961.4),
    ("lang-son", "import_export_turnover", 2025, "actual", ">", 95),
    ("lang-son", "retail_sales", 2025, "actual", ">", 43000),
    ("lang-son", "tourists", 2025, "actual", "~", 4.44),
    ("lang-son", "digital_economy_share", 2025, "actual", "~", 15),
    ("lang-son", "grdp_growth", 2026, "target", ">=", 10),
    ("cao-bang", "grdp_growth", 2025, "actual", "=", 7.22),
    ("cao-bang", "growth_rank_national", 2025, "actual", "=", 27),
    ("cao-bang", "budget_revenue", 2025, "actual", ">", 4491.591),
    ("cao-bang", "ocop_products", 2025, "actual", "=", 174),
    ("cao-bang", "health_insurance_coverage", 2025, "actual", ">", 98),
    ("cao-bang", "grdp_growth", 2024, "actual", "=", 6.74),
    ("cao-bang", "grdp_growth", 2026, "target", "=", 10),
    ("cao-bang", "grdp_per_capita", 2026, "target", "=", 56.85),
    ("cao-bang", "budget_revenue", 2026, "target", "=", 3530),
    ("cao-bang", "digital_economy_share", 2026, "target", ">=", 9),
])
def test_facts_from_the_documents(con, area, indicator, year, kind, operator, value):
    o = obs(con, area, indicator, year, kind)
    assert o["operator"] == operator
    assert o["value"] == pytest.approx(value)


def test_origins(con):
    assert obs(con, "cao-bang", "grdp_growth", 2024, "actual")["origin"] == "derived"
    assert obs(con, "lang-son", "grdp_per_capita", 2025, "actual")["origin"] == "extracted"
    # the published table wins over the document, and the document stays as evidence
    growth = obs(con, "lang-son", "grdp_growth", 2025, "actual")
    assert growth["origin"] == "curated" and growth["n_documents"] == 1


def test_national_figures_carry_one_evidence_per_document(con):
    rows = con.execute("select doc_id, count(*) from v_evidence where obs_id = 'vn:grdp_growth:2025:actual' "
                       "and doc_id is not null group by doc_id order by doc_id").fetchall()
    assert [r[0].split("_")[0] for r in rows] == ["an-giang-so-cong-thuong", "cao-bang", "lang-son"]
    assert all(n == 1 for _, n in rows)
    assert obs(con, "vn", "gdp_per_capita_usd", 2025, "actual")["n_documents"] == 3


def test_every_quote_occurs_in_its_document(con):
    rows = con.execute("select e.quote, e.quote_start, d.text, e.value_text, e.value_start from v_evidence e "
                       "join v_documents d using (doc_id) where e.doc_id is not null").fetchall()
    assert len(rows) > 40
    for quote, start, text, value_text, value_start in rows:
        assert text[start:start + len(quote)] == quote
        if value_text:
            assert text[value_start:value_start + len(value_text)] == value_text


def test_every_figure_has_a_source(con):
    assert con.execute("select count(*) from v_observations where n_sources = 0").fetchone()[0] == 0
    no_quote = con.execute("select count(*) from v_evidence where doc_id is not null and quote is null").fetchone()[0]
    no_address = con.execute("select count(*) from v_evidence where doc_id is null and source_url is null").fetchone()[0]
    assert (no_quote, no_address) == (0, 0)


def test_published_table_covers_provinces_and_leaves_missing_ones_missing(con):
    n = con.execute("select count(*) from v_observations o join v_areas a using (area_code) where a.is_current_province "
                    "and indicator_code = 'grdp_growth' and year = 2025 and o.kind = 'actual'").fetchone()[0]
    assert n == 31
    missing = con.execute("select name_vi from v_areas a where is_current_province and not exists (select 1 from "
                          "v_observations o where o.area_code = a.area_code and indicator_code = 'grdp_growth' "
                          "and year = 2025 and kind = 'actual') order by name_vi").fetchall()
    assert [m[0] for m in missing] == ["Cà Mau", "Hưng Yên", "Sơn La"]


def test_conflicts_are_recorded(con):
    assert obs(con, "ho-chi-minh", "grdp_growth", 2025, "actual")["has_conflict"]
    assert obs(con, "cao-bang", "growth_rank_region", 2025, "actual")["has_conflict"]
    assert not obs(con, "lang-son", "grdp_growth", 2025, "actual")["has_conflict"]
    text = con.execute("select description from v_conflicts where obs_id = 'ho-chi-minh:grdp_growth:2025:actual'").fetchone()[0]
    assert "8,03" in text


def test_estimates_are_marked(con):
    assert con.execute("select is_estimate from v_observations where obs_id = 'lao-cai:grdp_growth:2025:actual'").fetchone()[0]


def test_tasks_in_the_database(con):
    rows = con.execute("select unit_name, role from v_tasks where doc_id like 'lang-son%' "
                       "and unit_name = 'Sở Văn hóa, Thể thao và Du lịch' order by ordinal").fetchall()
    assert [r[1] for r in rows] == ["chủ trì", "chủ trì", "chủ trì", "chỉ đạo"]
    units = {r[0] for r in con.execute("select unit_name from v_tasks").fetchall()}
    assert {"Báo và Phát thanh, truyền hình Cao Bằng", "Ban Xây dựng Đảng"} <= units


def test_contract_views_have_their_columns(con):
    contract = {
        "v_areas": ["area_code", "name_vi", "kind", "region_vi", "merged_into"],
        "v_observations": ["obs_id", "area_code", "area_name", "indicator_code", "indicator_name", "unit", "year",
                           "kind", "operator", "value", "origin", "n_sources", "has_conflict", "value_upper"],
        "v_evidence": ["obs_id", "doc_id", "source_url", "quote"],
        "v_documents": ["doc_id", "file_name", "doc_type", "title", "issuer", "issuer_level", "area_code",
                        "issued_on", "signer"],
        "v_tasks": ["task_id", "doc_id", "area_code", "unit_name", "parent_unit", "role", "category", "task_text"],
    }
    for view, columns in contract.items():
        have = [r[0] for r in con.execute(f"describe {view}").fetchall()]
        assert set(columns) <= set(have), view
    kinds = {r[0] for r in con.execute("select distinct kind from v_observations").fetchall()}
    operators = {r[0] for r in con.execute("select distinct operator from v_observations").fetchall()}
    origins = {r[0] for r in con.execute("select distinct origin from v_observations").fetchall()}
    assert kinds == {"actual", "target"}
    assert operators <= {"=", ">", ">=", "<", "<=", "~", "range"}
    assert origins == {"curated", "extracted", "derived"}
    assert con.execute("select count(*) from v_observations where operator = 'range' and value_upper is null").fetchone()[0] == 0


def _content(path: Path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute("select table_name from information_schema.tables "
                                            "where table_type = 'BASE TABLE' order by 1").fetchall()]
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in tables}
    finally:
        con.close()


def test_same_inputs_give_the_same_database(built_db, tmp_path):
    again = tmp_path / "again.duckdb"
    build.run(again)
    assert _content(again) == _content(built_db)


@pytest.fixture()
def data_copy(tmp_path):
    return make_data_folder(tmp_path / "data")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True)


def test_bad_curated_row_fails_with_file_line_and_keeps_old_database(data_copy, tmp_path):
    out = tmp_path / "db.duckdb"
    assert _cli("build", "--data", str(data_copy), "--out", str(out)).returncode == 0
    before = hashlib.sha256(out.read_bytes()).hexdigest()
    with open(data_copy / "curated" / "document_figures.csv", "a", encoding="utf-8") as f:
        f.write("lang-son,grdp_growth,2024,actual,=,7,5,,,lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt,"
                "Tốc độ tăng trưởng GRDP đạt 8,06%,\n")       # line 5: unquoted "7,5" shifts the columns
        f.write("atlantis,grdp_growth,2025,actual,=,9,,,lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt,"
                "\"Tốc độ tăng trưởng GRDP đạt 8,06%\",\n")       # line 6: unknown area
        f.write("lang-son,grdp_growth,2023,actual,=,7.1,,,lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt,"
                "\"GRDP năm 2023 tăng 7,1%\",\n")                 # line 7: quote not in the document
    result = _cli("build", "--data", str(data_copy), "--out", str(out))
    assert result.returncode != 0
    assert "document_figures.csv:5:" in result.stderr and "nhiều cột hơn tiêu đề" in result.stderr
    assert "document_figures.csv:6: mã địa bàn 'atlantis'" in result.stderr
    assert "document_figures.csv:7: câu trích không có nguyên văn" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_check_validates_without_writing(data_copy, tmp_path):
    result = _cli("check", "--data", str(data_copy))
    assert result.returncode == 0 and "Dữ liệu hợp lệ" in result.stdout
    (data_copy / "curated" / "grdp_growth_2025_official.csv").write_text(
        (data_copy / "curated" / "grdp_growth_2025_official.csv").read_text(encoding="utf-8").replace(
            "lang-son,grdp_growth,2025,actual,=,8.06", "lang-son,grdp_growth,2025,actual,=,8.o6"), encoding="utf-8")
    result = _cli("check", "--data", str(data_copy))
    assert result.returncode == 1
    assert "grdp_growth_2025_official.csv:19: cột value: '8.o6' không phải số" in result.stderr


def test_staleness_follows_inputs(data_copy, tmp_path):
    inputs = build.Inputs.from_root(data_copy)
    out = tmp_path / "db.duckdb"
    assert build.is_stale(out, inputs)
    build.run(out, inputs)
    assert not build.is_stale(out, inputs)
    (data_copy / "raw" / "extra.txt").write_text("KẾ HOẠCH\n\nThử\n", encoding="utf-8")
    assert build.is_stale(out, inputs)
