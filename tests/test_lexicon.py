"""The lexicon and the catalogue: every rule fires on its own example, and a mistake names file and line."""
import shutil
from pathlib import Path

import pytest

from etl.errors import InputErrors
from etl.extract import extract_text
from etl.lexicon import load_lexicon
from etl.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = load_reference()
LEXICON = REFERENCE.lexicon


def _doc(sentence: str):
    """A one-paragraph plan of a province, so a figure that names no area is the province's."""
    text = f"KẾ HOẠCH\n\nKết quả năm 2025 và mục tiêu năm 2026 của tỉnh Nghệ An\n\n{sentence}\n"
    return extract_text(text, REFERENCE, "nghe-an-lexicon", "nghe-an-lexicon.txt", "0")


@pytest.mark.parametrize("indicator", [i for i in REFERENCE.indicators.values()], ids=lambda i: i.code)
def test_every_indicator_is_found_in_its_example(indicator):
    assert indicator.example, f"{indicator.code}: thiếu câu ví dụ trong indicators.yaml"
    found = {o.indicator_code for o in _doc(indicator.example).observations}
    assert indicator.code in found, (indicator.example, found)


FIGURE_RULES = [e for c in ("kind_cues", "periods", "operators", "not_one_area") for e in LEXICON[c]]


@pytest.mark.parametrize("entry", FIGURE_RULES, ids=lambda e: e.id)
def test_figure_rules_decide_their_example(entry):
    """The rule is the one the extractor records for a figure of its example (or for the number it sets aside)."""
    doc = _doc(entry.example)
    used = [r for o in doc.observations for r in o.rules.values()] + [u.rule for u in doc.unrecognised]
    if entry.concern == "operators":
        symbols = {o.operator for o in doc.observations} | {u.rule for u in doc.unrecognised}
        assert entry.get("operator") in symbols or entry.id in symbols or (entry.get("operator") == "from_to" and "=" in symbols), symbols
    else:
        assert any(r and r.split(":")[0] == entry.id for r in used), (entry.example, used)


def test_kind_is_read_from_whole_words():
    doc = _doc("Thu ngân sách nhà nước đạt 9.000 tỷ đồng.")
    (o,) = [o for o in doc.observations if o.indicator_code == "budget_revenue"]
    assert o.operator == "="  # "nhà nước đạt" is not "ước đạt"


def test_period_average_is_a_period_not_a_year():
    doc = _doc("Phấn đấu tốc độ tăng trưởng GRDP bình quân giai đoạn 2026 - 2030 đạt 10%.")
    (o,) = [o for o in doc.observations if o.indicator_code == "grdp_growth"]
    assert (o.year, o.year_start, o.year_end, o.kind) == (None, 2026, 2030, "target")
    assert o.as_json()["year"] is None


def test_year_after_the_value_wins():
    doc = _doc("Tốc độ tăng trưởng kinh tế từ 5,1% năm 2022 lên 6,3% vào năm 2023 và năm 2024 đạt 7,2%.")
    got = sorted((o.year, o.value, o.operator) for o in doc.observations if o.indicator_code == "grdp_growth")
    assert got == [(2022, 5.1, "="), (2023, 6.3, "="), (2024, 7.2, "=")]


def test_named_province_beats_the_document_area():
    doc = _doc("Năm 2025, tăng trưởng GRDP của Thanh Hóa đạt 8,9%; tỉnh Hà Tĩnh đạt 7,1%.")
    got = {(o.area_code, o.value) for o in doc.observations if o.indicator_code == "grdp_growth"}
    assert got == {("thanh-hoa", 8.9), ("ha-tinh", 7.1)}


def test_group_threshold_and_plan_fulfilment_are_not_figures_of_the_area():
    doc = _doc("Năm 2025, cả vùng có 4 tỉnh tăng trưởng trên 9%. Kim ngạch xuất khẩu đạt 2 tỷ USD, bằng 105% kế "
               "hoạch. Thu ngân sách đạt 8.000 tỷ đồng, bằng 103% dự toán.")
    assert [(o.indicator_code, o.value) for o in doc.observations if o.unit == "%"] == \
        [("budget_revenue_vs_estimate", 103)]  # against the estimate: its own indicator, never growth
    assert {u.rule for u in doc.unrecognised} >= {"exclude.group_threshold", "exclude.plan_fulfilment"}


def test_ranges_and_dot_decimals():
    doc = _doc("Phấn đấu năm 2026 tốc độ tăng trưởng GRDP từ 9% đến 10%; tỷ lệ đô thị hóa đạt 45.5%.")
    growth = [o for o in doc.observations if o.indicator_code == "grdp_growth"][0]
    assert (growth.operator, growth.value, growth.value_upper) == ("range", 9, 10)
    urban = [o for o in doc.observations if o.indicator_code == "urbanisation_rate"][0]
    assert urban.value == 45.5


def test_commune_document_figures_wait_for_review():
    text = ("ĐẢNG ỦY PHƯỜNG AN BÌNH\n\nKẾ HOẠCH\n\nPhát triển kinh tế - xã hội năm 2026\n\n"
            "Thực hiện Kế hoạch số 5-KH/TU, ngày 10/01/2026 của Tỉnh ủy, Đảng ủy phường An Bình xây dựng kế hoạch như sau:\n\n"
            "Năm 2025, thu ngân sách trên địa bàn phường đạt 45 tỷ đồng.\n")
    doc = extract_text(text, REFERENCE, "can-tho-phuong", "can-tho-phuong.txt", "0")
    assert doc.meta.issuer_level == "ward"
    (o,) = [o for o in doc.observations if o.indicator_code == "budget_revenue"]
    assert o.status == "review" and "xã/phường" in o.review_reason


def _copy_lexicon(tmp_path) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(ROOT / "data" / "reference" / "lexicon", folder)
    return folder


@pytest.mark.parametrize("edit, message", [
    (lambda t: t + "\n- id: kind.target.strive\n  words: [phấn đấu]\n  kind: target\n  example: Phấn đấu đạt 9%.\n",
     "trùng"),
    (lambda t: t + "\n- id: kind.extra\n  words: [cam kết]\n  kind: target\n  example: Năm sau đạt 9%.\n",
     "không khớp với câu ví dụ"),
    (lambda t: t + "\n- id: kind.extra\n  words: [cam kết]\n  example: Cam kết đạt 9%.\n", "thiếu 'kind'"),
    (lambda t: t + "\n- id: [oops\n", "YAML không hợp lệ"),
])
def test_a_lexicon_mistake_names_file_and_line(tmp_path, edit, message):
    folder = _copy_lexicon(tmp_path)
    path = folder / "kind_cues.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(edit(original), encoding="utf-8")
    with pytest.raises(InputErrors) as info:
        load_lexicon(folder)
    (error,) = info.value.errors
    assert error.file == "data/reference/lexicon/kind_cues.yaml"
    assert error.line is not None and error.line > original.count("\n")
    assert message in error.message


def test_extract_json_keeps_the_contract_and_explain_names_the_files():
    import json
    import subprocess
    import sys
    path = ROOT / "data/raw/kien-giang_ke-hoach-tuyen-truyen-dai-hoi-xiv.txt"
    payload = json.loads(subprocess.run([sys.executable, "-m", "etl", "extract", str(path), "--json"], cwd=ROOT,
                                        capture_output=True, text=True, check=True).stdout)
    first = payload["observations"][0]
    assert {"year", "year_start", "year_end", "status", "review_reason", "rules"} <= set(first)
    assert {"area", "kind", "period", "indicator"} <= set(first["rules"])
    assert payload["unrecognised"] and {"value_text", "quote", "offset"} <= set(payload["unrecognised"][0])
    growth = sorted((o["year"], o["value"]) for o in payload["observations"] if o["indicator_code"] == "grdp_growth")
    assert growth == [(2021, 1.21), (2022, 7.7), (2023, 6.79)]
    explained = subprocess.run([sys.executable, "-m", "etl", "extract", str(path), "--explain"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout
    assert "data/reference/lexicon/periods.yaml:" in explained
    assert "Số có đơn vị không dùng (1)" in explained and "«100%»" in explained
