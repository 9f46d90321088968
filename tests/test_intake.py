"""Adding documents: safe names, duplicates, review, rollback, the command line, concurrent adds and readers."""
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest

from etl import build, intake
from etl.__main__ import main
from etl.errors import InputError, InputErrors
from etl.readers import encode_tcvn3

from intake_support import NEW_TEXT, ROOT, data, make_docx, make_pdf, reference, snapshot, source_text  # noqa: F401 (fixtures)




def value(db, area, indicator, year, kind):
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("select value from v_observations where area_code = ? and indicator_code = ? and year = ? "
                          "and kind = ?", [area, indicator, year, kind]).fetchone()
        return row[0] if row else None
    finally:
        con.close()


@pytest.mark.parametrize("name, safe", [
    ("Kế hoạch 2026.txt", "ke-hoach-2026.txt"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\system32\\x.PDF", "x.pdf"),
    ("C:\\Users\\an\\Báo cáo: Đắk Lắk?.docx", "bao-cao-dak-lak.docx"),
    ('a<b>c|d*"e.pdf', "a-b-c-d-e.pdf"),
    ("CON.txt", "van-ban-con.txt"),
    ("..txt", "van-ban.txt"),
    ("   .pdf", "van-ban.pdf"),
    ("x" * 300 + ".txt", "x" * 100 + ".txt"),
])
def test_safe_file_names(name, safe):
    assert intake.safe_file_name(name) == safe


def test_a_name_without_a_known_suffix_is_refused():
    with pytest.raises(InputError, match=r"'\.exe' chưa nhận: chỉ nhận \.txt, \.docx, \.pdf"):
        intake.safe_file_name("setup.exe")


def test_a_path_in_the_upload_name_never_leaves_raw(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("../../../curated/evil.txt", NEW_TEXT.encode(), inputs, reference)
    added, _ = intake.accept(candidate, None, inputs, db, reference=reference)
    assert added.file_name == "evil.txt"
    assert (inputs.raw / "evil.txt").read_bytes() == NEW_TEXT.encode()
    assert not (inputs.curated / "evil.txt").exists() and not (root.parent / "curated").exists()


def test_the_same_content_is_recognised_whatever_its_name_or_format(data, reference):
    inputs, db, root = data
    original = source_text().encode()
    assert intake.prepare("copy.txt", original, inputs, reference).duplicate_of.startswith("lang-son_")
    for name, blob in [("ls.docx", make_docx(source_text())), ("ls.pdf", make_pdf(source_text()))]:
        assert intake.prepare(name, blob, inputs, reference).duplicate_of == \
            "lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt", name
    before = snapshot(root, db)
    with pytest.raises(InputError, match="đã có trong dữ liệu"):
        intake.accept(intake.prepare("copy.txt", original, inputs, reference), None, inputs, db, reference=reference)
    assert snapshot(root, db) == before


def test_adding_twice_is_refused_the_second_time(data, reference):
    inputs, db, root = data
    intake.accept(intake.prepare("moi.txt", NEW_TEXT.encode(), inputs, reference), None, inputs, db, reference=reference)
    again = intake.prepare("khac-ten.docx", make_docx(NEW_TEXT), inputs, reference)
    assert again.duplicate_of == "moi.txt"


def test_an_added_document_is_in_the_database_at_once(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("Kế hoạch mới.pdf", make_pdf(NEW_TEXT), inputs, reference)
    assert candidate.duplicate_of is None
    added, result = intake.accept(candidate, intake.review_frame(candidate), inputs, db, reference=reference)
    assert (added.file_name, added.n_rows, added.n_rejected) == ("ke-hoach-moi.pdf", 0, 0)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from v_documents where file_name = 'ke-hoach-moi.pdf'").fetchone() == (1,)
    assert con.execute("select count(*) from v_evidence where doc_id = 'ke-hoach-moi' and value_text = '72 triệu đồng'"
                       ).fetchone() == (1,)
    con.close()


def test_corrections_become_curated_rows_and_deletions_rejections(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("moi.txt", NEW_TEXT.encode(), inputs, reference)
    frame = intake.review_frame(candidate)
    per_capita = frame.index[(frame.indicator_code == "grdp_per_capita") & (frame.area_code == "lang-son")][0]
    tourists = frame.index[frame.indicator_code == "tourists"][0]
    frame.loc[per_capita, "value"] = 72.5
    edited = frame.drop(index=tourists)
    added, _ = intake.accept(candidate, edited, inputs, db, reference=reference)
    assert (added.n_rows, added.n_rejected) == (1, 2)
    reviewed = (inputs.curated / "reviewed_documents.csv").read_text(encoding="utf-8").splitlines()
    assert reviewed[0] == ",".join(intake.REVIEWED_COLUMNS)
    assert reviewed[1].startswith("lang-son,grdp_per_capita,2025,actual,=,72.5,,triệu đồng,moi.txt,")
    rejected = (inputs.curated / "rejected_extractions.yaml").read_text(encoding="utf-8")
    assert "indicator_code: tourists" in rejected and "indicator_code: grdp_per_capita" in rejected
    assert value(db, "lang-son", "grdp_per_capita", 2025, "actual") == 72.5
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from v_evidence where doc_id = 'moi' and quote like '%lượt khách%'"
                       ).fetchone() == (0,)
    con.close()


def test_an_added_row_needs_a_quote_from_the_document(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("moi.txt", NEW_TEXT.encode(), inputs, reference)
    frame = intake.review_frame(candidate)
    frame.loc[len(frame)] = [None, "ocop_products", "lang-son", 2025, "actual", "=", 50.0, None, "sản phẩm",
                             "câu này không có trong văn bản", ""]
    before = snapshot(root, db)
    with pytest.raises(InputErrors, match=rf"Hàng {len(frame)}: câu trích không có nguyên văn trong văn bản"):
        intake.accept(candidate, frame, inputs, db, reference=reference)
    assert snapshot(root, db) == before


def test_correcting_a_figure_a_published_table_holds_says_where_to_edit(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("moi.txt", NEW_TEXT.encode(), inputs, reference)
    frame = intake.review_frame(candidate)
    frame.loc[frame.index[(frame.indicator_code == "grdp_growth") & (frame.area_code == "vn")][0], "value"] = 9.0
    before = snapshot(root, db)
    with pytest.raises(InputErrors, match=r"Hàng 1: số liệu vn/grdp_growth/2025/actual đã có .*grdp_growth_2025_official"):
        intake.accept(candidate, frame, inputs, db, reference=reference)
    assert snapshot(root, db) == before


def test_a_failed_rebuild_puts_every_file_back(data, reference, monkeypatch):
    inputs, db, root = data
    candidate = intake.prepare("moi.txt", NEW_TEXT.encode(), inputs, reference)
    frame = intake.review_frame(candidate)
    frame.loc[frame.index[frame.indicator_code == "tourists"][0], "value"] = 5.0
    before = snapshot(root, db)

    def broken(result, out):
        raise OSError("đĩa đầy")

    monkeypatch.setattr(build, "write", broken)
    with pytest.raises(OSError, match="đĩa đầy"):
        intake.accept(candidate, frame, inputs, db, reference=reference)
    assert snapshot(root, db) == before


BAD_UPLOADS = [
    ("rong.txt", b"", "tệp rỗng"),
    ("pdf-doi-ten.docx", make_pdf("Văn bản thử nghiệm " * 20), "nội dung là một tệp PDF"),
    ("scan.pdf", b"%PDF-1.4\n%%EOF", "PDF bị hỏng|không có lớp chữ"),
    ("vni.txt", "Keá hoaïch naêm 2026".encode("cp1252") + bytes(range(0x80, 0x90)), "không đọc được bảng mã"),
    ("setup.exe", b"MZ", "chỉ nhận"),
]


@pytest.mark.parametrize("name, blob, message", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_bad_uploads_change_nothing(data, reference, name, blob, message):
    inputs, db, root = data
    before = snapshot(root, db)
    with pytest.raises(InputError, match=message):
        intake.prepare(name, blob, inputs, reference)
    assert snapshot(root, db) == before


def test_a_tcvn3_document_is_added_as_unicode_text(data, reference):
    inputs, db, root = data
    candidate = intake.prepare("tcvn3.txt", encode_tcvn3(NEW_TEXT), inputs, reference)
    assert candidate.document.encoding == "tcvn3"
    intake.accept(candidate, None, inputs, db, reference=reference)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from v_evidence where doc_id = 'tcvn3' and value_text = '72 triệu đồng'"
                       ).fetchone() == (1,)
    con.close()


# -- the command line ---------------------------------------------------------------------------------
def test_cli_add_stores_and_rebuilds(data, tmp_path, capsys):
    inputs, db, root = data
    upload = tmp_path / "Báo cáo mới.docx"
    upload.write_bytes(make_docx(NEW_TEXT))
    assert main(["add", str(upload), "--data", str(root), "--out", str(db)]) == 0
    assert "thành bao-cao-moi.docx" in capsys.readouterr().out
    assert value(db, "lang-son", "grdp_per_capita", 2025, "actual") in (71, 72)  # both documents are evidence
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from v_documents where file_name = 'bao-cao-moi.docx'").fetchone() == (1,)
    con.close()


def test_cli_add_bad_and_duplicate_files_changes_nothing(data, tmp_path, capsys):
    inputs, db, root = data
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"PK\x03\x04 not a pdf")
    duplicate = tmp_path / "trung.txt"
    duplicate.write_bytes(source_text().encode())
    before = snapshot(root, db)
    assert main(["add", str(bad), str(duplicate), str(tmp_path / "khong-co.txt"), "--data", str(root),
                 "--out", str(db)]) == 1
    err = capsys.readouterr().err
    assert "hong.pdf: tệp có đuôi .pdf nhưng nội dung là một tệp nén" in err
    assert "trung.txt: văn bản này đã có trong dữ liệu" in err
    assert "khong-co.txt: không tìm thấy tệp" in err
    assert "Traceback" not in err
    assert snapshot(root, db) == before


# -- at the same time ---------------------------------------------------------------------------------
def test_two_analysts_adding_at_once_both_succeed(data, reference):
    inputs, db, root = data
    texts = {"an.txt": NEW_TEXT, "binh.txt": NEW_TEXT.replace("8,07%", "8,08%").replace("72 triệu", "73 triệu")}
    candidates = {n: intake.prepare(n, t.encode(), inputs, reference) for n, t in texts.items()}
    errors = []

    def add(name):
        try:
            intake.accept(candidates[name], None, inputs, db, reference=reference)
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(n,)) for n in candidates]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from v_documents where file_name in ('an.txt', 'binh.txt')").fetchone() == (2,)
    con.close()


def test_the_same_document_added_twice_at_once_is_stored_once(data, reference):
    inputs, db, root = data
    first = intake.prepare("mot.txt", NEW_TEXT.encode(), inputs, reference)
    second = intake.prepare("hai.txt", NEW_TEXT.encode(), inputs, reference)
    outcomes = []

    def add(candidate):
        try:
            outcomes.append(intake.accept(candidate, None, inputs, db, reference=reference)[0].file_name)
        except InputError as exc:
            outcomes.append(exc.message)

    threads = [threading.Thread(target=add, args=(c,)) for c in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.endswith(".txt") for o in outcomes) == [False, True]
    assert any("đã có trong dữ liệu" in o for o in outcomes)


READER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from dashboard.db import Database
    db = Database(Path(sys.argv[1]))
    deadline = time.monotonic() + float(sys.argv[2])
    reads = 0
    while time.monotonic() < deadline:
        con = db._current().cursor()
        con.execute("use dash")
        info = con.execute("select n_documents, n_observations from build_info").fetchone()
        counts = con.execute("select (select count(*) from documents), (select count(*) from observations)").fetchone()
        con.close()
        assert info == counts, (info, counts)
        reads += 1
    print(reads)
""")


def test_rebuilds_while_another_process_reads(data, tmp_path, reference):
    """Readers keep a consistent view (what build_info says matches the tables) while documents are added."""
    inputs, db, root = data
    script = tmp_path / "reader.py"
    script.write_text(READER, encoding="utf-8")
    reader = subprocess.Popen([sys.executable, str(script), str(db), "6"], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    for i in range(4):
        text = NEW_TEXT.replace("8,07%", f"8,1{i}%").replace("72 triệu", f"7{i} triệu")
        intake.accept(intake.prepare(f"doc-{i}.txt", text.encode(), inputs, reference), None, inputs, db,
                      reference=reference)
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert int(out.strip()) > 10
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from v_documents").fetchone() == (len(list((root / "raw").iterdir())),)
    con.close()


def test_pages_checking_freshness_during_adds_and_rollbacks_never_fail(data, reference, monkeypatch):
    """What app.py does on every rerun (fingerprint the inputs) while files are written and put back."""
    inputs, db, root = data
    stop, failures = threading.Event(), []

    def browse():
        while not stop.is_set():
            try:
                build.fingerprint(inputs)
                build.stored_fingerprint(db)
            except Exception as exc:  # collected for the assertion below
                failures.append(exc)

    watcher = threading.Thread(target=browse)
    watcher.start()
    try:
        real_write = build.write
        for i in range(3):
            candidate = intake.prepare(f"lan-{i}.txt", NEW_TEXT.replace("72 triệu", f"8{i} triệu").encode(), inputs,
                                       reference)
            monkeypatch.setattr(build, "write", lambda result, out: (_ for _ in ()).throw(OSError("hỏng")))
            with pytest.raises(OSError):
                intake.accept(candidate, None, inputs, db, reference=reference)
            monkeypatch.setattr(build, "write", real_write)
            intake.accept(candidate, None, inputs, db, reference=reference)
    finally:
        stop.set()
        watcher.join()
    assert failures == []
