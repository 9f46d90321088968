"""Dữ liệu: add documents (upload, review the extracted figures, accept), curated figures (Excel template) and
published statistics tables (read, preview, give the source, import)."""
import functools
import hashlib
import os
from pathlib import Path

import streamlit as st

from dashboard.widgets import require_write_access
from dashboard.safe_text import literal
from etl import build, corrections, curated_template, intake, paths
from etl.errors import InputError, InputErrors
from etl.numbers import OPERATOR_SYMBOLS
from etl.reference import current_reference

require_write_access()  # over the office network, only with the administrator's password

# DASHBOARD_DATA points the page at another data folder (tests); the app uses data/.
inputs = build.Inputs.from_root(Path(os.environ["DASHBOARD_DATA"])) if os.environ.get("DASHBOARD_DATA") else build.Inputs()
reference = current_reference(inputs.reference)
state = st.session_state.setdefault("data_entry", {"prepared": {}, "accepted": {}})


def show_problems(exc: Exception, what: str) -> None:
    problems = exc.errors if isinstance(exc, InputErrors) else [exc]
    st.error(f"{what}\n\n" + "\n".join(f"- {literal(p)}" for p in problems))


def progress_bar():
    bar = st.progress(0.0, text="Bắt đầu…")
    return lambda fraction, message: bar.progress(fraction, text=message)


def prepared(name: str, data: bytes):
    """The upload read and extracted once per session (Candidate or the InputError that refused it)."""
    key = f"{name}:{hashlib.sha256(data).hexdigest()}"
    if key not in state["prepared"]:
        try:
            state["prepared"][key] = intake.prepare(name, data, inputs, reference)
        except (InputError, InputErrors) as exc:
            state["prepared"][key] = exc
        except Exception as exc:  # a bug in the extractor must not cost the analyst the page
            state["prepared"][key] = InputError(f"lỗi khi trích ({type(exc).__name__}: {exc}); hãy gửi tệp này cho "
                                                "người quản trị", name)
    return key, state["prepared"][key]


def unexpected(exc: Exception) -> None:
    st.error(f"Lỗi hệ thống ({type(exc).__name__}: {literal(exc)}). Các tệp dữ liệu đã được đặt lại như trước; hãy thử lại, "
             "nếu vẫn lỗi hãy báo người quản trị.")


COLUMNS = {
    "row_id": None,
    "indicator_code": st.column_config.SelectboxColumn("Chỉ tiêu", options=sorted(reference.indicators), required=True),
    "area_code": st.column_config.SelectboxColumn("Địa bàn", options=sorted(reference.areas), required=True),
    "year": st.column_config.NumberColumn("Năm", min_value=1990, max_value=2100, step=1, format="%d", required=True),
    "kind": st.column_config.SelectboxColumn("Loại", options=["actual", "target"], required=True,
                                             help="actual: kết quả; target: chỉ tiêu, kế hoạch"),
    "operator": st.column_config.SelectboxColumn("Dấu", options=list(OPERATOR_SYMBOLS), required=True),
    "value": st.column_config.NumberColumn("Giá trị", required=True),
    "value_upper": st.column_config.NumberColumn("Giá trị trên", help="chỉ dùng với dấu range"),
    "unit": st.column_config.TextColumn("Đơn vị"),
    "quote": st.column_config.TextColumn("Câu trích", width="large", help="chép nguyên văn một đoạn của văn bản"),
    "review": st.column_config.TextColumn("Cần duyệt", disabled=True,
                                          help="số liệu chưa rõ địa bàn, năm hay loại: giữ nguyên dòng là xác nhận, "
                                               "sửa dòng là đính chính, xóa dòng là bỏ"),
}

META_COLUMNS = {
    "doc_type": st.column_config.SelectboxColumn("Loại văn bản", options=corrections.DOC_TYPE_NAMES),
    "title": st.column_config.TextColumn("Tiêu đề", width="large"),
    "issuer": st.column_config.TextColumn("Cơ quan ban hành"),
    "issuer_level": st.column_config.SelectboxColumn("Cấp", options=corrections.LEVELS),
    "area_code": st.column_config.SelectboxColumn("Địa bàn", options=sorted(reference.areas)),
    "issued_on": st.column_config.DateColumn("Ngày ban hành", format="YYYY-MM-DD"),
    "signer": st.column_config.TextColumn("Người ký"),
}
TASK_COLUMNS = {
    "unit_name": st.column_config.TextColumn("Đơn vị", required=True),
    "parent_unit": st.column_config.TextColumn("Đơn vị cấp trên"),
    "role": st.column_config.SelectboxColumn("Vai trò", options=corrections.ROLES, required=True),
    "category": st.column_config.SelectboxColumn("Nhóm", options=corrections.category_codes(reference), required=True),
    "task_text": st.column_config.TextColumn("Nhiệm vụ", width="large", required=True),
}

st.title("Thêm dữ liệu")
documents_tab, template_tab, published_tab = st.tabs(["Văn bản", "Bảng số liệu (Excel)", "Bảng đã công bố"])

with documents_tab:
    # Files up to the widget's limit reach our own check, which explains the 20 MB limit in Vietnamese.
    files = st.file_uploader("Tải lên văn bản (.txt, .docx, .pdf; tối đa 20 MB mỗi tệp; có thể chọn nhiều tệp)",
                             type=["txt", "docx", "pdf"], accept_multiple_files=True, key="documents", max_upload_size=50)
    # AppTest cannot drive st.file_uploader: tests put (name, bytes) pairs in session_state["test_uploads"].
    uploads = [(f.name, f.getvalue()) for f in files or []] + list(st.session_state.get("test_uploads", []))
    if not uploads:
        st.info("Chọn một hay nhiều văn bản. Mỗi văn bản được trích tự động; hãy soát, sửa hoặc xóa số liệu rồi bấm Thêm.")
    for name, data in uploads:
        key, candidate = prepared(name, data)
        with st.container(border=True):
            st.subheader(literal(name))
            if isinstance(candidate, (InputError, InputErrors)):
                show_problems(candidate, "Không đọc được văn bản này; dữ liệu không thay đổi.")
                continue
            if key in state["accepted"]:
                added = state["accepted"][key]
                st.success(f"Đã thêm thành {literal(added.file_name)}: {added.n_rows} số liệu sửa/thêm, {added.n_rejected} số "
                           f"liệu bỏ{', danh sách nhiệm vụ đã sửa' if added.tasks_reviewed else ''}"
                           f"{f', {added.n_metadata} mục thông tin đã sửa' if added.n_metadata else ''}. "
                           "Các trang khác đã dùng dữ liệu mới.")
                continue
            if candidate.duplicate_of:
                st.warning(f"Văn bản này đã có trong dữ liệu (tệp {literal(candidate.duplicate_of)}); không thêm lần nữa.")
                continue
            for note in candidate.notes:
                st.caption(literal(note))
            st.caption("Thông tin văn bản: bảng dưới sửa được nếu trích sai (số hiệu, nơi ban hành… chỉ để xem).")
            st.dataframe([{"Mục": k, "Giá trị": str(v) if v is not None else "—"} for k, v in intake.metadata(candidate).items()],
                         hide_index=True, width="stretch")
            edited_meta = st.data_editor(intake.metadata_frame(candidate), column_config=META_COLUMNS, num_rows="fixed",
                                         hide_index=True, width="stretch", key=f"meta:{key}")
            st.markdown(f"**Số liệu trích được** ({len(candidate.extracted.observations)}): sửa trực tiếp, xóa hoặc thêm dòng.")
            edited = st.data_editor(intake.review_frame(candidate), column_config=COLUMNS, num_rows="dynamic",
                                    hide_index=True, width="stretch", key=f"edit:{key}")
            tasks = intake.tasks_frame(candidate)
            with st.expander(f"Nhiệm vụ giao cho đơn vị ({len(tasks)})"):
                st.caption("Sửa, xóa hoặc thêm dòng; nếu bảng khác với bản trích, danh sách này được lưu và dùng thay.")
                edited_tasks = st.data_editor(tasks, column_config=TASK_COLUMNS, num_rows="dynamic", hide_index=True,
                                              width="stretch", key=f"tasks:{key}")
            if st.button("Thêm văn bản và số liệu đã duyệt", key=f"accept:{key}", type="primary"):
                try:
                    added, _ = intake.accept(candidate, edited, inputs, paths.default_database(), progress_bar(), reference,
                                             edited_tasks=edited_tasks, edited_metadata=edited_meta)
                except (InputError, InputErrors) as exc:
                    show_problems(exc, "Chưa thêm: hãy sửa các lỗi sau (dữ liệu và cơ sở dữ liệu không thay đổi).")
                except Exception as exc:  # disk full, permissions…: apply_change has put the files back
                    unexpected(exc)
                else:
                    state["accepted"][key] = added
                    st.rerun()

with template_tab:
    st.markdown("Tải mẫu Excel (có sẵn các số liệu đã duyệt và danh sách mã), điền thêm hoặc sửa, rồi tải lên lại. "
                "Mọi dòng được kiểm tra; chỉ nhập khi không còn lỗi.")
    st.download_button("Tải mẫu Excel", data=functools.partial(curated_template.export_template, inputs, reference),
                       file_name="mau-so-lieu-da-duyet.xlsx", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    workbook = st.file_uploader("Tải lên mẫu đã điền (.xlsx)", type=["xlsx"], key="template", max_upload_size=50)
    filled = (workbook.name, workbook.getvalue()) if workbook else st.session_state.get("test_template")
    if filled:
        try:
            template = curated_template.read_template(filled[1], filled[0], inputs, reference)
        except (InputError, InputErrors) as exc:
            show_problems(exc, "Mẫu có lỗi, chưa nhập gì. Hãy sửa các dòng sau rồi tải lên lại:")
        else:
            for note in template.notes:
                st.caption(literal(note))
            st.success(f"Mẫu hợp lệ: {len(template.rows)} dòng số liệu.")
            if st.button("Nhập vào dữ liệu", key="import", type="primary"):
                try:
                    _, counts = curated_template.import_template(filled[1], filled[0], inputs, paths.default_database(),
                                                                 progress_bar())
                except (InputError, InputErrors) as exc:
                    show_problems(exc, "Chưa nhập: hãy sửa các lỗi sau (dữ liệu và cơ sở dữ liệu không thay đổi).")
                except Exception as exc:  # disk full, permissions…: apply_change has put the files back
                    unexpected(exc)
                else:
                    st.success(f"Đã nhập: {counts['added']} dòng mới, {counts['updated']} dòng sửa, "
                               f"{counts['unchanged']} dòng không đổi. Các trang khác đã dùng dữ liệu mới.")

with published_tab:  # a published statistics table: read, preview, source, import (etl/table_import.py)
    from dashboard.table_import_view import table_preview
    from etl import table_import
    from etl.readers import document_files

    st.markdown("Tải lên bảng số liệu đã công bố (.xlsx hoặc .csv, ví dụ bảng của Cục Thống kê): tỉnh, thành phố "
                "theo dòng, năm hoặc chỉ tiêu theo cột. Xem cách đọc, ghi nguồn rồi nhập; bảng có lỗi không được nhập.")
    published = st.file_uploader("Bảng số liệu (.xlsx, .csv)", type=["xlsx", "csv"], key="published-table",
                                 max_upload_size=50)
    table = (published.name, published.getvalue()) if published else st.session_state.get("test_table")
    if table:
        with st.expander("Cách đọc bảng (khi tiêu đề bảng không nói rõ)"):
            indicator = st.selectbox("Chỉ tiêu", [None, *reference.indicators], key="table-indicator",
                                     format_func=lambda c: "Nhận từ tiêu đề bảng" if c is None
                                     else reference.indicators[c].name_vi)
            kind = st.radio("Loại số liệu", ["actual", "target"], horizontal=True, key="table-kind",
                            format_func={"actual": "Thực hiện", "target": "Chỉ tiêu, kế hoạch"}.get)
            year = st.number_input("Năm (bảng có chỉ tiêu theo cột)", min_value=1990, max_value=2100, value=None,
                                   step=1, key="table-year")
            unit = st.text_input("Đơn vị tính (khi bảng không ghi)", key="table-unit")
        options = table_import.Options(indicator, kind, int(year) if year else None, unit.strip() or None)
        try:
            reading = table_import.read_table(table[1], table[0], options, inputs, reference)
        except (InputError, InputErrors) as exc:
            show_problems(exc, "Bảng chưa đọc được, chưa nhập gì. Hãy sửa bảng (hoặc chọn cách đọc ở trên):")
        else:
            preview = table_preview(reading, reference)
            st.success(preview.summary)
            for note in preview.notes:
                st.caption(note)
            st.markdown("**Các cột số liệu**")
            st.dataframe(preview.columns, hide_index=True, width="stretch")
            st.markdown("**Các dòng và địa bàn**")
            st.dataframe(preview.rows, hide_index=True, width="stretch")
            with st.expander(f"Số liệu sẽ nhập ({len(preview.figures)})"):
                st.dataframe(preview.figures, hide_index=True, width="stretch")
            st.markdown("**Nguồn của bảng** (bắt buộc)")
            publisher = st.text_input("Cơ quan công bố", key="table-publisher", placeholder="Cục Thống kê")
            title = st.text_input("Tên bảng như khi công bố", key="table-title")
            published_on = st.text_input("Ngày công bố", key="table-date", placeholder="05/01/2026")
            url = st.text_input("Địa chỉ (URL) của bảng", key="table-url", placeholder="https://…")
            doc = st.selectbox("hoặc văn bản trong dữ liệu chứa bảng", ["", *(p.name for p in document_files(inputs.raw))],
                               key="table-doc", format_func=lambda name: name or "(không)")
            if st.button("Nhập bảng vào dữ liệu", key="table-import", type="primary"):
                try:
                    source = table_import.Source(publisher, title, table_import.parse_date(published_on), url, doc)
                    name, count = table_import.import_table(reading, source, inputs, paths.default_database(),
                                                            progress_bar())
                except (InputError, InputErrors) as exc:
                    show_problems(exc, "Chưa nhập: hãy sửa các lỗi sau (dữ liệu và cơ sở dữ liệu không thay đổi).")
                except Exception as exc:  # disk full, permissions…: apply_change has put the files back
                    unexpected(exc)
                else:
                    st.success(f"Đã nhập {count} số liệu của bảng “{title.strip()}”. Các trang khác đã dùng dữ liệu mới.")
