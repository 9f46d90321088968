"""Corrected unit tasks and document metadata accepted on review: saved as curated files, used by the build."""
import datetime as dt

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl import build, corrections, intake
from etl.errors import InputErrors

from intake_support import NEW_TEXT, copy_data, data, reference, snapshot  # noqa: F401 (fixtures)




def query(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_corrected_tasks_and_metadata_reach_the_database(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("moi.txt", NEW_TEXT.encode(), inputs, reference)
    tasks = intake.tasks_frame(candidate)
    assert len(tasks) > 2
    tasks.loc[0, "role"] = "phối hợp"
    tasks.loc[0, "task_text"] = "Nhiệm vụ đã sửa khi duyệt."
    tasks = tasks.drop(index=1).reset_index(drop=True)
    tasks.loc[len(tasks)] = ["Sở Thử nghiệm", None, "thực hiện", "khac", "Nhiệm vụ thêm khi duyệt."]
    meta = intake.metadata_frame(candidate)
    meta.loc[0, "title"] = "Tiêu đề đã sửa"
    meta.loc[0, "issuer_level"] = "department"
    meta.loc[0, "issued_on"] = dt.date(2026, 1, 5)
    added, _ = intake.accept(candidate, intake.review_frame(candidate), inputs, db, reference=reference,
                             edited_tasks=tasks, edited_metadata=meta)
    assert added.tasks_reviewed and added.n_metadata == 3
    rows = query(db, "select ordinal, unit_name, role, category, task_text from v_tasks where doc_id = 'moi' "
                     "order by ordinal")
    assert len(rows) == len(tasks)
    assert rows[0][2:] == ("phối hợp", tasks.loc[0, "category"], "Nhiệm vụ đã sửa khi duyệt.")
    assert rows[-1][1:] == ("Sở Thử nghiệm", "thực hiện", "khac", "Nhiệm vụ thêm khi duyệt.")
    assert query(db, "select title, issuer_level, issued_on, issued_year, area_code from v_documents "
                     "where doc_id = 'moi'") == [("Tiêu đề đã sửa", "department", dt.date(2026, 1, 5), 2026,
                                                  candidate.extracted.meta.area_code)]
    saved = (inputs.curated / corrections.METADATA_FILE).read_text(encoding="utf-8")
    assert "moi.txt:" in saved and "issued_on: '2026-01-05'" in saved and "  doc_type" not in saved
    assert "doc_file: moi.txt" in (inputs.curated / corrections.TASKS_FILE).read_text(encoding="utf-8")
    # The next build (as `python -m etl build` runs it) reads the same files back.
    build.run(db, inputs)
    assert query(db, "select count(*) from v_tasks where doc_id = 'moi'") == [(len(tasks),)]


def test_unchanged_tables_write_no_curated_file(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("moi.txt", NEW_TEXT.encode(), inputs, reference)
    added, _ = intake.accept(candidate, intake.review_frame(candidate), inputs, db, reference=reference,
                             edited_tasks=intake.tasks_frame(candidate), edited_metadata=intake.metadata_frame(candidate))
    assert not added.tasks_reviewed and added.n_metadata == 0
    assert not (inputs.curated / corrections.TASKS_FILE).exists()
    assert not (inputs.curated / corrections.METADATA_FILE).exists()
    extracted = len(candidate.extracted.tasks)
    assert query(db, "select count(*) from v_tasks where doc_id = 'moi'") == [(extracted,)]


def test_invalid_review_tables_are_refused_before_anything_changes(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("moi.txt", NEW_TEXT.encode(), inputs, reference)
    tasks = intake.tasks_frame(candidate)
    tasks.loc[1, "role"] = "giám sát"
    meta = intake.metadata_frame(candidate)
    meta.loc[0, "area_code"] = "atlantis"
    before = snapshot(root, db)
    with pytest.raises(InputErrors) as exc:
        intake.accept(candidate, None, inputs, db, reference=reference, edited_tasks=tasks, edited_metadata=meta)
    message = str(exc.value)
    assert "Nhiệm vụ hàng 2: vai trò 'giám sát' không hợp lệ" in message
    assert "Thông tin văn bản: area_code: mã địa bàn 'atlantis'" in message
    assert snapshot(root, db) == before


def test_an_invalid_curated_task_fails_the_build_with_file_and_line(data, reference):
    inputs, db, root = data
    raw = sorted(p.name for p in inputs.raw.iterdir())[0]
    (inputs.curated / corrections.TASKS_FILE).write_text(
        corrections.TASKS_HEADER +
        f"- doc_file: {raw}\n"
        "  tasks:\n"
        "  - unit_name: Sở A\n"
        "    role: chủ trì\n"
        "    category: khac\n"
        "    task_text: Việc một.\n"
        "  - unit_name: Sở B\n"
        "    role: giám sát\n"
        "    category: khac\n"
        "    task_text: Việc hai.\n"
        "- doc_file: khong-co.txt\n"
        "  tasks: []\n", encoding="utf-8")
    (inputs.curated / corrections.METADATA_FILE).write_text(
        f"{raw}:\n  issuer_level: tinh\n  issued_on: 2026-13-40\n", encoding="utf-8")
    before = snapshot(root, db)
    with pytest.raises(InputErrors) as exc:
        build.run(db, inputs)
    errors = [str(e) for e in exc.value.errors]
    path = inputs.curated / corrections.TASKS_FILE
    meta_path = inputs.curated / corrections.METADATA_FILE
    assert f"{path}:{corrections.TASKS_HEADER.count(chr(10)) + 7}: vai trò 'giám sát' không hợp lệ" in errors[0]
    assert any(e.startswith(f"{path}:{corrections.TASKS_HEADER.count(chr(10)) + 11}: doc_file 'khong-co.txt'")
               for e in errors)
    assert any(e.startswith(f"{meta_path}:2: cấp 'tinh' không hợp lệ") for e in errors)
    assert any(e.startswith(f"{meta_path}:3: ngày '2026-13-40'") for e in errors)
    assert snapshot(root, db) == before


def test_the_page_saves_edited_tasks_and_metadata(tmp_path, monkeypatch, clear_streamlit_caches):
    inputs, db = copy_data(tmp_path / "data")
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    at = AppTest.from_file("../app_pages/data_entry.py", default_timeout=60)
    at.session_state["test_uploads"] = [("moi.txt", NEW_TEXT.encode())]
    at.run()
    assert not at.exception
    accept = [b.key for b in at.button if b.key.startswith("accept:")][0]
    at.button(key=accept).click().run()
    assert not at.exception
    assert "Đã thêm thành moi.txt" in at.success[0].value
    assert not (inputs.curated / corrections.TASKS_FILE).exists()
    assert not (inputs.curated / corrections.METADATA_FILE).exists()
