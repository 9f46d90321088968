"""The Excel template: round trip, code lists and validation, merge by key, and every bad workbook refused."""
import io
import unicodedata
import zipfile

import duckdb
import pytest
from openpyxl import Workbook, load_workbook

from etl import curated_template as ct
from etl.__main__ import main
from etl.errors import InputError, InputErrors

from intake_support import copy_data, snapshot

LANG_SON_2024 = ["", "lang-son", "grdp_growth", 2024, "actual", "=", 7.5, None, None, None, None,
                 "https://example.org/lang-son-2024", None, None, "thử nhập"]


@pytest.fixture()
def data(tmp_path):
    inputs, db = copy_data(tmp_path / "data")
    return inputs, db, tmp_path / "data"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    inputs, _ = copy_data(tmp_path_factory.mktemp("export"), build_db=False)
    return ct.export_template(inputs)


def edited(exported: bytes, change) -> bytes:
    wb = load_workbook(io.BytesIO(exported))
    change(wb, wb[ct.DATA_SHEET])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_export_holds_the_rows_the_codes_and_validation(exported):
    wb = load_workbook(io.BytesIO(exported))
    assert wb.sheetnames == [ct.DATA_SHEET, ct.CODES_SHEET, ct.HELP_SHEET]
    ws = wb[ct.DATA_SHEET]
    assert [c.value for c in ws[1]] == ct.COLUMNS
    assert ws.max_row - 1 == 176  # 32 + 32 + 3 curated rows, 66 published 2025 figures, 43 growth history rows
    lang_son = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == "lang-son" and r[2] == "grdp_growth")
    assert lang_son[:7] == ("grdp_growth_2025_official.csv", "lang-son", "grdp_growth", 2025, "actual", "=", 8.06)
    codes = wb[ct.CODES_SHEET]
    assert {c.value for c in codes["A"][1:]} >= {"vn", "lang-son", "cao-bang", "ha-noi"}
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"}
    assert lists["B"].startswith("=ma!$A$2:$A$") and lists["C"].startswith("=ma!$D$2:$D$")
    assert {"A", "B", "C", "E", "F"} <= set(lists)


def test_round_trip_changes_nothing(data, exported):
    inputs, db, root = data
    template = ct.read_template(exported, "mau.xlsx", inputs)
    files, counts = ct.merged_files(template, inputs.curated)
    assert files == {} and counts == {"updated": 0, "added": 0, "unchanged": 176}


def test_new_and_changed_rows_are_merged_and_built(data, exported):
    inputs, db, root = data

    def change(wb, ws):
        ws.append(LANG_SON_2024)
        ws.append(["", "cao-bang", "budget_revenue", 2024, "actual", "=", "4.018,5", None, None, None, None,
                   "https://example.org/cb"])
        for row in ws.iter_rows(min_row=2):
            if row[1].value == "quang-tri" and row[2].value == "grdp_growth" and row[3].value == 2025:
                row[6].value = "8,01"  # Vietnamese-written number as text

    template, counts = ct.import_template(edited(exported, change), "mau.xlsx", inputs, db)
    assert counts == {"updated": 1, "added": 2, "unchanged": 175}
    added = (inputs.curated / "analyst_figures.csv").read_text(encoding="utf-8").splitlines()
    assert added[1].startswith("lang-son,grdp_growth,2024,actual,=,7.5,")
    assert added[2].startswith("cao-bang,budget_revenue,2024,actual,=,4018.5,")
    assert "quang-tri,grdp_growth,2025,actual,=,8.01,20," in (inputs.curated / "grdp_growth_2025_official.csv").read_text()
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("select area_code || ':' || year, value from v_observations where indicator_code in "
                            "('grdp_growth', 'budget_revenue') and year = 2024 and kind = 'actual' and origin = 'curated' "
                            "and area_code in ('lang-son', 'cao-bang')"
                            ).fetchall())
    assert rows == {"lang-son:2024": 7.5, "cao-bang:2024": 4018.5}
    assert con.execute("select value from v_observations where obs_id = 'quang-tri:grdp_growth:2025:actual'"
                       ).fetchone() == (8.01,)
    con.close()


def test_decomposed_text_in_cells_is_normalised(data, exported):
    inputs, db, root = data
    row = list(LANG_SON_2024)
    row[-1] = unicodedata.normalize("NFD", "ghi chú có dấu")
    template = ct.read_template(edited(exported, lambda wb, ws: ws.append(row)), "mau.xlsx", inputs)
    assert template.rows[-1][1]["note"] == "ghi chú có dấu"


def _drop_column(wb, ws):
    ws.delete_cols(ct.COLUMNS.index("kind") + 1)


def _unknown_codes(wb, ws):
    ws.append(["", "sai-gon", "grdp_growth", 2024, "actual", "=", 7.5, None, None, None, None, "https://x.org"])
    ws.append(["", "lang-son", "gdp_khong_co", 2024, "actual", "=", 7.5, None, None, None, None, "https://x.org"])


def _text_in_number(wb, ws):
    ws.append(["", "lang-son", "grdp_growth", 2024, "actual", "=", "khoảng tám", None, None, None, None, "https://x.org"])


def _bad_vietnamese_number(wb, ws):
    ws.append(["", "lang-son", "grdp_growth", 2024, "actual", "=", "18.96,4", None, None, None, None, "https://x.org"])


def _merged(wb, ws):
    ws.append(LANG_SON_2024)
    ws.merge_cells(f"N{ws.max_row - 1}:N{ws.max_row}")


def _formula(wb, ws):
    row = list(LANG_SON_2024)
    row[6] = "=7+0.5"
    ws.append(row)


def _duplicate(wb, ws):
    ws.append(LANG_SON_2024)
    ws.append(LANG_SON_2024)


def _no_source(wb, ws):
    ws.append(LANG_SON_2024[:11])


def _wrong_file(wb, ws):
    ws.append(["khong-co.csv"] + LANG_SON_2024[1:])


def _no_data_sheet(wb, ws):
    ws.title = "Sheet1"
    ws.delete_cols(2, 3)


BAD = [
    (_drop_column, r"so_lieu, dòng 1: thiếu cột kind"),
    (_unknown_codes, r"so_lieu, dòng 178: mã địa bàn 'sai-gon' không có.*\nso_lieu, dòng 179: mã chỉ tiêu 'gdp_khong_co'"),
    (_text_in_number, r"so_lieu, dòng 178: cột value: 'khoảng tám' không phải số"),
    (_bad_vietnamese_number, r"so_lieu, dòng 178: cột value: '18.96,4' không phải số"),
    (_merged, r"so_lieu, dòng 177: ô gộp N177:N178: hãy bỏ gộp ô"),
    (_formula, r"so_lieu, dòng 178: ô G178 là công thức; hãy chép và dán dạng giá trị"),
    (_duplicate, r"so_lieu, dòng 179: trùng với dòng 178"),
    (_no_source, r"so_lieu, dòng 178: dòng không có nguồn"),
    (_wrong_file, r"so_lieu, dòng 178: cột curated_file: 'khong-co.csv' không phải tệp"),
    (_no_data_sheet, r"không có trang tính 'so_lieu'"),
]


@pytest.mark.parametrize("change, message", BAD, ids=[b[0].__name__.strip("_") for b in BAD])
def test_bad_templates_are_refused_row_by_row_and_change_nothing(data, exported, change, message):
    inputs, db, root = data
    before = snapshot(root, db)
    with pytest.raises((InputError, InputErrors), match=message):
        ct.import_template(edited(exported, change), "mau.xlsx", inputs, db)
    assert snapshot(root, db) == before


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"\0" * (101 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize("blob, message", [
    (b"", "tệp rỗng"),
    (b"area_code,indicator_code\n", r"không phải tệp Excel \.xlsx"),
    (b"PK\x03\x04" + b"\0" * 50, r"\.xlsx bị hỏng|không mở được"),
    (b"PK" + b"\0" * (20 * 1024 * 1024), r"quá lớn .*giới hạn 20 MB"),
    (_bomb(), r"giải nén ra quá lớn.*zip bomb"),
])
def test_files_that_are_not_workbooks(data, blob, message):
    inputs, db, root = data
    before = snapshot(root, db)
    with pytest.raises(InputError, match=message):
        ct.import_template(blob, "mau.xlsx", inputs, db)
    assert snapshot(root, db) == before


def test_extra_sheets_and_columns_are_named_and_ignored(data, exported):
    inputs, db, root = data

    def change(wb, ws):
        wb.create_sheet("Ghi chép")
        ws.cell(1, len(ct.COLUMNS) + 1, "cot_rieng")
        ws.append(LANG_SON_2024 + ["bỏ qua"])

    template = ct.read_template(edited(exported, change), "mau.xlsx", inputs)
    assert "Bỏ qua các trang tính khác: Ghi chép." in template.notes
    assert "Bỏ qua cột không dùng: cot_rieng." in template.notes


def test_a_renamed_data_sheet_is_found_by_its_header(data, exported):
    inputs, db, root = data
    template = ct.read_template(edited(exported, lambda wb, ws: setattr(ws, "title", "Trang tính 1")), "mau.xlsx", inputs)
    assert len(template.rows) == 176
    assert "đọc trang 'Trang tính 1'" in template.notes[0]


def test_cli_export_and_import(data, tmp_path, capsys):
    inputs, db, root = data
    path = tmp_path / "mau.xlsx"
    assert main(["export-template", str(path), "--data", str(root)]) == 0
    path.write_bytes(edited(path.read_bytes(), lambda wb, ws: ws.append(LANG_SON_2024)))
    assert main(["import-curated", str(path), "--data", str(root), "--out", str(db)]) == 0
    assert "1 dòng mới, 0 dòng sửa, 176 dòng không đổi" in capsys.readouterr().out
    bad = tmp_path / "hong.xlsx"
    path.write_bytes(edited(path.read_bytes(), _text_in_number))
    before = snapshot(root, db)
    assert main(["import-curated", str(path), "--data", str(root), "--out", str(db)]) == 1
    err = capsys.readouterr().err
    assert "so_lieu, dòng 179: cột value: 'khoảng tám' không phải số" in err and "Traceback" not in err
    assert snapshot(root, db) == before
    assert not bad.exists()
