"""The page Dữ liệu in AppTest: uploads are injected through session state (AppTest cannot drive st.file_uploader)."""
import io
import re

import duckdb
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from etl import curated_template

from intake_support import NEW_TEXT, copy_data, make_docx, snapshot, source_text


def shown(markdown: str) -> str:
    """Markdown as the reader sees it: data text in messages is backslash-escaped (dashboard/safe_text.py)."""
    return re.sub(r"\\(.)", r"\1", markdown)

PAGE = "../app_pages/data_entry.py"


@pytest.fixture()
def data(tmp_path, monkeypatch, clear_streamlit_caches):
    inputs, db = copy_data(tmp_path / "data")
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return inputs, db, tmp_path / "data"


def page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def test_empty_page_says_what_to_do(data):
    at = page()
    assert not at.exception
    assert at.title[0].value == "Thêm dữ liệu"
    assert "Chọn một hay nhiều văn bản" in at.info[0].value
    assert [b.label for b in at.get("download_button")] == ["Tải mẫu Excel"]


def test_bad_uploads_are_explained_and_change_nothing(data):
    inputs, db, root = data
    before = snapshot(root, db)
    at = page(test_uploads=[("rong.txt", b""), ("Báo cáo.pdf", make_docx(NEW_TEXT)),
                            ("bom.docx", b"PK\x03\x04" + b"\x01" * 100)])
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 3
    assert "rong.txt: tệp rỗng" in errors[0]
    assert "tệp có đuôi .pdf nhưng nội dung là một tệp nén" in errors[1]
    assert ".docx bị hỏng" in errors[2]
    assert all("dữ liệu không thay đổi" in e for e in errors)
    assert snapshot(root, db) == before


def test_a_duplicate_is_recognised(data):
    at = page(test_uploads=[("ban-sao.docx", make_docx(source_text()))])
    assert "đã có trong dữ liệu (tệp lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt)" in shown(at.warning[0].value)
    assert not [b for b in at.button if b.label.startswith("Thêm")]


def test_upload_review_accept(data):
    inputs, db, root = data
    at = page(test_uploads=[("Kế hoạch mới.txt", NEW_TEXT.encode())])
    assert not at.exception
    assert any("ke-hoach-moi.txt" in c.value for c in at.caption)
    assert at.markdown[0].value.startswith("**Số liệu trích được** (12)")
    at.button(key=[b.key for b in at.button if b.key.startswith("accept:")][0]).click().run()
    assert not at.exception
    assert "Đã thêm thành ke-hoach-moi.txt" in at.success[0].value
    assert (inputs.raw / "ke-hoach-moi.txt").read_bytes() == NEW_TEXT.encode()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from v_documents where file_name = 'ke-hoach-moi.txt'").fetchone() == (1,)
    con.close()


def test_template_with_errors_lists_rows(data):
    inputs, db, root = data
    wb = load_workbook(io.BytesIO(curated_template.export_template(inputs)))
    wb["so_lieu"].append(["", "sai-gon", "grdp_growth", 2024, "actual", "=", "tám", None])
    out = io.BytesIO()
    wb.save(out)
    before = snapshot(root, db)
    at = page(test_template=("mau.xlsx", out.getvalue()))
    assert not at.exception
    assert "so_lieu, dòng 69: cột value: 'tám' không phải số" in shown(at.error[0].value)
    assert not [b for b in at.button if b.key == "import"]
    assert snapshot(root, db) == before


def test_clean_template_is_imported(data):
    inputs, db, root = data
    wb = load_workbook(io.BytesIO(curated_template.export_template(inputs)))
    wb["so_lieu"].append(["", "lang-son", "grdp_growth", 2024, "actual", "=", "7,5", None, None, None, None,
                          "https://example.org/ls"])
    out = io.BytesIO()
    wb.save(out)
    at = page(test_template=("mau.xlsx", out.getvalue()))
    assert "Mẫu hợp lệ: 68 dòng số liệu." in at.success[0].value
    at.button(key="import").click().run()
    assert not at.exception
    assert "1 dòng mới, 0 dòng sửa, 67 dòng không đổi" in at.success[-1].value
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select value from v_observations where obs_id = 'lang-son:grdp_growth:2024:actual'"
                       ).fetchone() == (7.5,)
    con.close()


def test_a_system_error_on_accept_is_explained_and_undone(data, monkeypatch):
    inputs, db, root = data
    before = snapshot(root, db)
    at = page(test_uploads=[("moi.txt", NEW_TEXT.encode())])

    def broken(result, out):
        raise OSError("đĩa đầy")

    monkeypatch.setattr("etl.build.write", broken)
    at.button(key=[b.key for b in at.button if b.key.startswith("accept:")][0]).click().run()
    assert not at.exception
    assert "Lỗi hệ thống (OSError: đĩa đầy)" in at.error[0].value
    assert snapshot(root, db) == before
