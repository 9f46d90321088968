"""Broken curated and reference files: `file:line: what`, exit 1, no traceback, the old database untouched.

One case per hostile input found by the attack run; each case changes one file of a private copy of data/.
"""
import hashlib
import re
import shutil
import time

import pytest

from etl import __main__ as cli

from intake_support import copy_data

SOURCE = "lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt"
GOOD_ROW = f'lang-son,grdp_growth,2025,actual,=,8.06,,,{SOURCE},"Tốc độ tăng trưởng GRDP đạt 8,06%",\n'
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def _append(text):
    return lambda old: old + text


def _replace(text):
    return lambda old: text


CASES = {
    # curated CSV: an unclosed quote used to swallow every row after it (build exit 0, rows lost)
    "unclosed-quote": ("curated/document_figures.csv", _append(
        f'lang-son,grdp_growth,2024,actual,=,7.5,,,{SOURCE},"Tốc độ tăng trưởng GRDP đạt 8,06%,\n' + GOOD_ROW * 3),
        r"document_figures\.csv:5: dấu ngoặc kép mở ở dòng 5 chưa đóng"),
    "value-over-two-lines": ("curated/document_figures.csv", _append(
        f'lang-son,grdp_growth,2024,actual,=,7.5,,,{SOURCE},"Tốc độ tăng\ntrưởng",\n'),
        r"document_figures\.csv:5: giá trị kéo dài từ dòng 5 đến dòng 6"),
    "too-few-fields": ("curated/document_figures.csv", _append("lang-son,grdp_growth,2024,actual\n"),
                       r"document_figures\.csv:5: dòng có ít cột hơn tiêu đề \(4 so với 11\)"),
    "value-inf": ("curated/document_figures.csv", _append(GOOD_ROW.replace("8.06", "inf")),
                  r"document_figures\.csv:5: cột value: 'inf' không phải số hữu hạn"),
    "value-nan": ("curated/document_figures.csv", _append(GOOD_ROW.replace("8.06", "nan")),
                  r"document_figures\.csv:5: cột value: 'nan' không phải số hữu hạn"),
    "unit-factor-inf": ("reference/units.csv", _append("vô cùng,%,inf,,\n"),
                        r"units\.csv:\d+: factor: 'inf' không phải số hữu hạn"),
    "duplicate-header": ("reference/areas.csv", lambda old: old.replace("region_vi", "kind", 1),
                         r"areas\.csv:1: dòng tiêu đề: cột 'kind' lặp lại"),
    "missing-column": ("reference/issuer_codes.csv", lambda old: "ma," + old.split("\n", 1)[0].split(",", 1)[1] + "\n",
                       r"issuer_codes\.csv:1: dòng tiêu đề: thiếu cột code"),
    # YAML: aliases took 3 GB and 50–120 s; tags could name Python objects
    "alias-bomb-curated": ("curated/sources.yaml", _append(ALIAS_BOMB),
                           r"sources\.yaml:\d+: YAML không hợp lệ: không dùng neo và bí danh"),
    "alias-bomb-reference": ("reference/task_categories.yaml", _replace(ALIAS_BOMB),
                             r"task_categories\.yaml:1: YAML không hợp lệ: không dùng neo và bí danh"),
    "alias-in-review-file": ("curated/rejected_extractions.yaml", _replace(
        "- &x\n  doc_file: a.txt\n- *x\n"), r"rejected_extractions\.yaml:1: YAML không hợp lệ: không dùng neo"),
    "alias-in-reviewed-tasks": ("curated/reviewed_tasks.yaml", _replace("- &x {doc_file: a.txt}\n- *x\n"),
                                r"reviewed_tasks\.yaml:1: YAML không hợp lệ: không dùng neo"),
    "python-tag": ("reference/indicators.yaml", _append('- !!python/object/apply:os.system ["echo pwned"]\n'),
                   r"indicators\.yaml:\d+: YAML không hợp lệ: không dùng thẻ YAML"),
    # structure: tracebacks before
    "sources-as-list": ("curated/sources.yaml", _replace("- grdp_growth_2025_official.csv\n"),
                        r"sources\.yaml:1: phải là các mục 'tên_tệp\.csv:'"),
    "source-entry-as-list": ("curated/sources.yaml", lambda old: old.replace(
        "targets_2026_published.csv:\n", "targets_2026_published.csv:\n  - publisher\n", 1).split("targets_2026_published.csv:\n  - publisher\n")[0]
        + "targets_2026_published.csv:\n  - publisher\n", r"sources\.yaml:\d+: phải là mục targets_2026_published\.csv"),
    "indicator-as-text": ("reference/indicators.yaml", _append("- chỉ tiêu mới\n"),
                          r"indicators\.yaml:\d+: phải là một chỉ tiêu"),
    "indicator-without-unit": ("reference/indicators.yaml", _append("- code: moi\n  name_vi: Mới\n"),
                               r"indicators\.yaml:\d+: một chỉ tiêu: thiếu hoặc sai unit"),
    "categories-as-mapping": ("reference/channel_categories.yaml", _replace("bao_chi: Báo chí\n"),
                              r"channel_categories\.yaml:1: phải là một danh sách"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("built")
    inputs, db = copy_data(root)
    return root


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_input_is_named_by_file_and_line_and_changes_nothing(case, built, tmp_path, capsys):
    relative, change, expected = CASES[case]
    root = tmp_path / "data"
    shutil.copytree(built, root)
    db = root / "build" / "dashboard.duckdb"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    path = root / relative
    path.write_text(change(path.read_text(encoding="utf-8") if path.exists() else ""), encoding="utf-8")
    started = time.perf_counter()
    code = cli.main(["build", "--data", str(root), "--out", str(db)])  # an unexpected exception fails the test
    elapsed = time.perf_counter() - started
    printed = capsys.readouterr().err
    assert code == 1
    assert re.search(expected, printed), printed
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    print(f"{case}: refused in {elapsed:.2f} s")
