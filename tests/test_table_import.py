"""Published statistics tables: six layouts of the statistics office through `python -m etl import-table` and the
Dữ liệu page, and bad tables that change nothing (tests/table_shapes.py builds the tables)."""
import io
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

import table_shapes
from etl import build, table_import
from etl.__main__ import main
from intake_support import snapshot

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "next_year"
PAGE = "../app_pages/data_entry.py"
SOURCE = ["--publisher", "Cục Thống kê", "--date", "30/06/2025", "--url", "https://example.invalid/bang"]

# (shape, figures imported, some figures: (area, indicator, year) -> (value, is_estimate), areas never imported)
EXPECTED = {
    "wide_by_year": (22, {("vn", "grdp_growth", 2020): (2.87, False), ("ha-noi", "grdp_growth", 2024): (6.52, True),
                          ("lang-son", "grdp_growth", 2022): (8.1, False),
                          ("hai-phong", "grdp_growth", 2023): (10.34, False)},
                     {("lang-son", "grdp_growth", 2021), ("lang-son", "grdp_growth", 2023),
                      ("cao-bang", "grdp_growth", 2020)}),
    "wide_by_indicator": (5, {("ho-chi-minh", "budget_revenue", 2023): (480122.5, False),
                              ("hue", "grdp_growth", 2023): (8.15, False),
                              ("khanh-hoa", "grdp_growth", 2023): (2.15, False)},
                          {("khanh-hoa", "budget_revenue", 2023)}),
    "two_header_rows": (8, {("da-nang", "grdp_growth", 2021): (4.1, False), ("gia-lai", "grdp_growth", 2023): (6.6, True),
                            ("gia-lai", "grdp_growth", 2024): (8.1, True)}, set()),
    "merged_cells": (6, {("dak-lak", "grdp_growth", 2022): (6.66, False), ("lam-dong", "grdp_growth", 2023): (6.08, False)},
                     set()),
    "region_grouped_csv": (8, {("vn", "grdp_growth", 2023): (5.05, False), ("can-tho", "grdp_growth", 2022): (9.8, False),
                               ("dong-nai", "grdp_growth", 2023): (5.9, False)}, set()),
    "former_provinces": (8, {("ha-giang", "grdp_growth", 2022): (6.4, False), ("yen-bai", "grdp_growth", 2023): (6.5, False),
                             ("cao-bang", "grdp_growth", 2022): (5.1, False),
                             ("ba-ria-vung-tau", "grdp_growth", 2023): (4.7, False)},
                         {("tuyen-quang", "grdp_growth", 2022), ("tuyen-quang", "grdp_growth", 2023)}),
    "with_codes": (4, {("ha-noi", "grdp_growth", 2022): (8.89, False), ("cao-bang", "grdp_growth", 2023): (5.02, False)},
                   {("lang-son", "grdp_growth", 2022), ("quang-ninh", "grdp_growth", 2022)}),
}


@pytest.fixture()
def data(tmp_path, monkeypatch, clear_streamlit_caches):
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    db = root / "build" / "dashboard.duckdb"
    build.run(db, build.Inputs.from_root(root))
    monkeypatch.setenv("DASHBOARD_DATA", str(root))
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return root, db


def _write(tmp: Path, shape: str) -> Path:
    name, content = table_shapes.SHAPES[shape]()
    path = tmp / name
    path.write_bytes(content)
    return path


def _imported(db: Path, title_file: str) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select o.area_code, o.indicator_code, o.year, o.value, o.is_estimate from observations o "
            "join evidence e using (obs_id) where e.curated_file = ? and e.publisher = 'Cục Thống kê' "
            "and e.source_url = 'https://example.invalid/bang'", [title_file]).fetchall()
    finally:
        con.close()
    return {(a, i, y): (v, est) for a, i, y, v, est in rows}


@pytest.mark.parametrize("shape", list(EXPECTED))
def test_each_shape_imports_through_the_command(data, tmp_path, shape, capsys):
    root, db = data
    table = _write(tmp_path, shape)
    title = f"Bảng kiểm thử {shape}"
    code = main(["import-table", str(table), "--data", str(root), "--out", str(db), "--title", title, *SOURCE])
    out = capsys.readouterr()
    assert code == 0, out.err
    count, figures, absent = EXPECTED[shape]
    name = table_import.curated_name(table_import.Source("Cục Thống kê", title, table_import.parse_date("30/06/2025")))
    assert f"Đã nhập {count} số liệu vào data/curated/{name}" in out.out
    found = _imported(db, name)
    assert len(found) == count
    for key, (value, estimate) in figures.items():
        assert found[key] == (pytest.approx(value), estimate), key
    assert not absent & set(found)
    assert f"{name}:\n  publisher: \"Cục Thống kê\"" in (root / "curated" / "sources.yaml").read_text(encoding="utf-8")


def test_the_reading_says_which_column_is_which_year_and_why_rows_were_left_out(data, tmp_path, capsys):
    root, db = data
    before = snapshot(root, db)
    table = _write(tmp_path, "wide_by_year")
    assert main(["import-table", str(table), "--data", str(root), "--out", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "cột F: Tốc độ tăng trưởng GRDP năm 2024 (thực hiện, ước tính/sơ bộ; %)  «Sơ bộ 2024»" in out
    assert "dòng 6 «Đồng bằng sông Hồng»: bỏ qua — dòng tổng của vùng Đồng bằng sông Hồng" in out
    assert "dòng 7 «Hà Nội¹» → Hà Nội" in out
    assert "dòng 13 «Nguồn: Cục Thống kê, Niên giám thống kê 2024 (bảng giả lập)»: bỏ qua — dòng ghi chú" in out
    assert snapshot(root, db) == before


def test_a_former_province_table_leaves_the_namesake_of_a_merged_province_out(data):
    root, _ = data
    name, content = table_shapes.former_provinces()
    reading = table_import.read_table(content, name, inputs=build.Inputs.from_root(root))
    reasons = {r.label: r.reason for r in reading.rows}
    assert reasons["Tuyên Quang"].startswith("bảng theo 63 tỉnh cũ: dòng này là tỉnh Tuyên Quang trước sáp nhập")
    assert reasons["Cao Bằng"] == "" and reasons["Hà Giang"] == ""


def _bad_cell() -> tuple[str, bytes]:
    name, content = table_shapes.wide_by_year()
    wb = load_workbook(io.BytesIO(content))
    wb["Biểu 01"]["D8"] = "12,3a"
    out = io.BytesIO()
    wb.save(out)
    return name, out.getvalue()


def _duplicate_row() -> tuple[str, bytes]:
    lines = ["Tỉnh, thành phố;2022;2023", "Lạng Sơn;8;7", "Lang Son;8,1;7", "Đơn vị tính: %;;"]
    return "trung.csv", ("Tốc độ tăng GRDP\nĐơn vị tính: %\n" + "\n".join(lines[:3]) + "\n").encode("utf-8")


def _merged_number() -> tuple[str, bytes]:
    name, content = table_shapes.two_header_rows()
    wb = load_workbook(io.BytesIO(content))
    wb["GRDP"].merge_cells("B4:C4")
    out = io.BytesIO()
    wb.save(out)
    return name, out.getvalue()


BAD = {
    "text_in_a_figure": (_bad_cell, r"trang Biểu 01, dòng 8, cột D: '12,3a' không phải số"),
    "one_province_twice": (_duplicate_row, r"trang trung, dòng 5: 'Lang Son' trùng địa bàn với dòng 4"),
    "merged_figure": (_merged_number, r"trang GRDP, dòng 4: ô gộp B4:C4 chứa số 4.1"),
    "no_header": (lambda: ("rong.csv", "Ghi chú\nkhông có bảng\n".encode("utf-8")), r"không tìm thấy dòng tiêu đề"),
    "no_unit": (lambda: ("khong-don-vi.csv", "Tốc độ tăng GRDP\nTỉnh;2022;2023\nHà Nội;8;7\n".encode("utf-8")),
                r"không thấy đơn vị tính"),
    "not_a_table": (lambda: ("bang.xlsx", b"%PDF-1.4 not a workbook"), r"không phải tệp .xlsx hay .csv"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_table_is_named_by_sheet_row_and_column_and_changes_nothing(data, tmp_path, case, capsys):
    root, db = data
    before = snapshot(root, db)
    build_, pattern = BAD[case]
    name, content = build_()
    (tmp_path / name).write_bytes(content)
    code = main(["import-table", str(tmp_path / name), "--data", str(root), "--out", str(db), "--title", "Bảng lỗi",
                 *SOURCE])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(pattern, err), err
    assert "chưa ghi gì" in err
    assert snapshot(root, db) == before


def test_missing_source_and_a_clash_with_curated_figures_change_nothing(data, tmp_path, capsys):
    root, db = data
    before = snapshot(root, db)
    table = _write(tmp_path, "wide_by_year")
    assert main(["import-table", str(table), "--data", str(root), "--out", str(db), "--title", "Bảng"]) == 1
    assert "nguồn của bảng chưa đủ: thiếu cơ quan công bố; thiếu ngày công bố; cần địa chỉ (URL)" in capsys.readouterr().err
    clash = tmp_path / "trung-2025.csv"  # the fixture already holds Lạng Sơn's 2025 growth
    clash.write_text("Tốc độ tăng GRDP\nĐơn vị tính: %\nTỉnh, thành phố;2025\nLạng Sơn;8,1\n", encoding="utf-8")
    assert main(["import-table", str(clash), "--data", str(root), "--out", str(db), "--title", "Bảng trùng",
                 *SOURCE]) == 1
    assert "figures.csv:9: trùng với bang-trung-2025-06-30.csv:2 (lang-son/grdp_growth/2025/actual)" in capsys.readouterr().err
    assert snapshot(root, db) == before


# ---------- the Dữ liệu page ----------

def _page(table: tuple[str, bytes]) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["test_table"] = table
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("shape", ["wide_by_year", "wide_by_indicator", "two_header_rows", "merged_cells",
                                   "region_grouped_csv", "former_provinces", "with_codes"])
def test_each_shape_imports_through_the_page(data, shape):
    root, db = data
    at = _page(table_shapes.SHAPES[shape]())
    count = EXPECTED[shape][0]
    assert any(s.value.endswith("dòng bỏ qua.") and f"{count} số liệu" in s.value for s in at.success)
    frames = [d.value for d in at.dataframe]
    columns, rows = frames[0], frames[1]
    assert "Năm" in columns.columns and "Kết quả" in rows.columns
    at.text_input(key="table-publisher").input("Cục Thống kê")
    at.text_input(key="table-title").input(f"Bảng trang {shape}")
    at.text_input(key="table-date").input("30/06/2025")
    at.text_input(key="table-url").input("https://example.invalid/bang")
    at.button(key="table-import").click().run()
    assert not at.exception
    assert any(s.value.startswith(f"Đã nhập {count} số liệu") for s in at.success), [e.value for e in at.error]
    name = table_import.curated_name(table_import.Source("", f"Bảng trang {shape}", table_import.parse_date("30/06/2025")))
    found = _imported(db, name)
    for key, (value, estimate) in EXPECTED[shape][1].items():
        assert found[key] == (pytest.approx(value), estimate)


def test_the_page_shows_which_row_matched_which_area(data):
    at = _page(table_shapes.wide_by_year())
    rows = at.dataframe[1].value
    assert rows.loc[rows["Tên trong bảng"] == "TP. Hải Phòng", "Địa bàn"].item() == "Hải Phòng"
    assert rows.loc[rows["Tên trong bảng"] == "Đồng bằng sông Hồng", "Kết quả"].item() == (
        "bỏ qua: dòng tổng của vùng Đồng bằng sông Hồng")
    columns = at.dataframe[0].value
    assert list(columns["Năm"]) == ["2020", "2021", "2022", "2023", "2024"]
    assert list(columns["Sơ bộ, ước tính"]) == ["", "", "", "", "có"]


def test_a_bad_table_on_the_page_is_explained_and_changes_nothing(data):
    root, db = data
    before = snapshot(root, db)
    at = _page(_bad_cell())
    assert "Bảng chưa đọc được, chưa nhập gì" in at.error[0].value
    assert "trang Biểu 01, dòng 8, cột D: '12,3a' không phải số" in at.error[0].value
    assert all(b.key != "table-import" for b in at.button)
    assert snapshot(root, db) == before


def test_the_page_refuses_to_import_without_a_source(data):
    root, db = data
    before = snapshot(root, db)
    at = _page(table_shapes.merged_cells())
    at.button(key="table-import").click().run()
    assert "nguồn của bảng chưa đủ: thiếu cơ quan công bố; thiếu tên bảng; thiếu ngày công bố" in at.error[0].value
    assert snapshot(root, db) == before


def test_the_benchmark_case_reads_63_former_provinces_and_leaves_the_data_as_it_was(tmp_path):
    from bench import table_import as bench_case

    before = snapshot(FIXTURE)
    result = bench_case.measure(FIXTURE, tmp_path, runs=1)
    # 63 names: 11 provinces unchanged by the merger and 29 merged ones are read; 23 namesakes are left out
    assert (result["rows"], result["years"], result["rows_matched"], result["figures"]) == (63, 10, 40, 400)
    assert result["import_median_s"] > result["read_median_s"] > 0
    assert sorted(p.name for p in (tmp_path / "table-import" / "data" / "curated").iterdir()) == [
        "figures.csv", "sources.yaml"]
    assert snapshot(FIXTURE) == before
