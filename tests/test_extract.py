"""Extraction checked against expectations written from reading the four documents (tests/expected/)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from etl.extract import extract_file, extract_text
from etl.reference import load_reference
from fixture_data import FIXTURE

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = sorted((ROOT / "tests" / "expected").glob("*.yaml"))
REFERENCE = load_reference()


def _extract(name):
    return extract_file(FIXTURE / "raw" / f"{name}.txt", REFERENCE)


def test_every_raw_document_has_expectations():
    raw = {p.stem for p in (FIXTURE / "raw").glob("*.txt")}
    assert raw == {p.stem for p in EXPECTED}


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.stem.split("_")[0])
def test_document_metadata(expected_file):
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    meta = _extract(expected_file.stem).meta
    for key, value in expected["document"].items():
        if key == "references":
            assert [r.ref_number for r in meta.references] == value
        else:
            assert getattr(meta, key) == value, key


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.stem.split("_")[0])
def test_observations(expected_file):
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    doc = _extract(expected_file.stem)
    found = {(o.area_code, o.indicator_code, o.year, o.kind): o for o in doc.observations if o.origin == "extracted"}
    for area, indicator, year, kind, operator, value in expected["observations"]:
        o = found.get((area, indicator, year, kind))
        assert o is not None, f"missing {area} {indicator} {year} {kind}"
        assert (o.operator, o.value) == (operator, pytest.approx(value)), (area, indicator)
    for area, indicator, year, kind, operator, value in expected.get("derived", []):
        derived = [o for o in doc.observations if o.origin == "derived"
                   and (o.area_code, o.indicator_code, o.year, o.kind) == (area, indicator, year, kind)]
        assert len(derived) == 1 and derived[0].value == pytest.approx(value)


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.stem.split("_")[0])
def test_quotes_and_offsets_point_into_the_text(expected_file):
    doc = _extract(expected_file.stem)
    for o in doc.observations:
        assert doc.text[o.quote_start:o.quote_start + len(o.quote)] == o.quote
        assert doc.text[o.value_start:o.value_start + len(o.value_text)] == o.value_text
        assert o.value_text in o.quote or o.origin == "derived"


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.stem.split("_")[0])
def test_tasks(expected_file):
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    doc = _extract(expected_file.stem)
    counts = {}
    for t in doc.tasks:
        counts[t.unit_name] = counts.get(t.unit_name, 0) + 1
    assert counts == expected["tasks"]
    for unit, ordinal, role in expected.get("roles", []):
        assert [t for t in doc.tasks if t.unit_name == unit][ordinal - 1].role == role, (unit, ordinal)
    for unit, parent in expected.get("parents", {}).items():
        assert {t.parent_unit for t in doc.tasks if t.unit_name == unit} == {parent}
    assert len(doc.channels) == expected["channels"]


def test_lang_son_vhttdl_tasks_are_the_four_bullets():
    doc = _extract("lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026")
    tasks = [t.task_text for t in doc.tasks if t.unit_name == "Sở Văn hóa, Thể thao và Du lịch"]
    assert tasks[1].startswith("Chủ trì chỉ đạo tổ chức triển lãm, trưng bày chuyên đề")
    assert all(not t.startswith("-") for t in tasks)


def test_page_breaks_are_repaired():
    doc = _extract("lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026")
    assert "mô hình chính quyền địa phương 02 cấp" in doc.text
    assert "chính\n\nquyền" not in doc.text
    cao_bang = _extract("cao-bang_huong-dan-tuyen-truyen-ktxh-2025-2026")
    # split by a page break with the footnotes of that page in between
    assert "cơ sở dữ liệu quốc gia được xây dựng, kết nối" in cao_bang.text
    assert "thu thuế xuất nhập khẩu 1.820 tỷ đồng" in cao_bang.text


def test_text_is_nfc_even_from_decomposed_input():
    import unicodedata
    text = (FIXTURE / "raw/lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt").read_text(encoding="utf-8")
    doc = extract_text(unicodedata.normalize("NFD", text), REFERENCE, "lang-son-nfd", "x.txt", "0")
    assert unicodedata.is_normalized("NFC", doc.text)
    assert any(o.indicator_code == "grdp_growth" and o.value == 8.06 for o in doc.observations)


def test_extractor_is_general_not_a_lookup():
    """A new plan written the same way, for another province, yields its own figures."""
    text = """KẾ HOẠCH

Tuyên truyền kết quả phát triển kinh tế - xã hội năm 2025; mục tiêu, nhiệm vụ, giải pháp năm 2026

Thực hiện Hướng dẫn số 10-HD/BTGDVTW, ngày 06/02/2026 của Ban Tuyên giáo và Dân vận Trung ương, Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn như sau:

I- NỘI DUNG TUYÊN TRUYỀN

1. Kết quả năm 2025 của tỉnh Nghệ An

Tốc độ tăng trưởng GRDP đạt 8,44%; thu ngân sách trên địa bàn đạt khoảng 25.000 tỷ đồng; tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%.

2. Mục tiêu năm 2026

Phấn đấu tốc độ tăng trưởng GRDP từ 10,5 - 11,5%.

II- TỔ CHỨC THỰC HIỆN

1. Sở Tài chính

- Chủ trì tổng hợp, cung cấp số liệu cho các cơ quan báo chí.

- Phối hợp với Báo Nghệ An đăng tải tin, bài.
"""
    doc = extract_text(text, REFERENCE, "nghe-an-test", "nghe-an-test.txt", "0")
    found = {(o.area_code, o.indicator_code, o.year, o.kind): (o.operator, o.value, o.value_upper) for o in doc.observations}
    assert doc.meta.area_code == "nghe-an"
    assert found[("nghe-an", "grdp_growth", 2025, "actual")] == ("=", 8.44, None)
    assert found[("nghe-an", "budget_revenue", 2025, "actual")] == ("~", 25000, None)
    assert found[("nghe-an", "health_insurance_coverage", 2025, "actual")] == (">", 95, None)
    assert found[("nghe-an", "grdp_growth", 2026, "target")] == ("range", 10.5, 11.5)
    assert [(t.unit_name, t.role) for t in doc.tasks] == [("Sở Tài chính", "chủ trì"), ("Sở Tài chính", "phối hợp")]


def test_extract_command_prints_json():
    path = FIXTURE / "raw/cao-bang_huong-dan-tuyen-truyen-ktxh-2025-2026.txt"
    out = subprocess.run([sys.executable, "-m", "etl", "extract", str(path), "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    payload = json.loads(out)
    assert set(payload) >= {"document", "observations", "tasks"}
    assert {"area_code", "indicator_code", "year", "kind", "operator", "value", "unit", "quote"} <= set(payload["observations"][0])
    assert {"unit_name", "parent_unit", "role", "category", "task_text"} <= set(payload["tasks"][0])
    assert any(o["indicator_code"] == "grdp_growth" and o["value"] == 7.22 for o in payload["observations"])
