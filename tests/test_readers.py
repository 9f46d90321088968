"""Reading documents: the same figures from .txt, .docx and .pdf; legacy encodings; every bad file refused clearly."""
import io
import unicodedata
import zipfile

import pytest

from etl import readers
from etl.errors import InputError
from etl.extract import extract_text
from etl.readers import decode_document, encode_tcvn3
from etl.reference import load_reference

from intake_support import encode_cp1258, make_docx, make_pdf, make_scanned_pdf, source_text


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def figures(text, reference):
    doc = extract_text(text, reference, "x", "x", "0")
    return [o.as_json() for o in doc.observations], [t.as_json() for t in doc.tasks]


@pytest.fixture(scope="module")
def from_txt(reference):
    return figures(decode_document(source_text().encode("utf-8"), "a.txt").text, reference)


@pytest.mark.parametrize("maker, name", [(make_docx, "a.docx"), (make_pdf, "a.pdf")], ids=["docx", "pdf"])
def test_docx_and_pdf_give_the_figures_of_the_txt(maker, name, reference, from_txt):
    document = decode_document(maker(source_text()), name)
    observations, tasks = figures(document.text, reference)
    assert len(from_txt[0]) == 12
    assert observations == from_txt[0]  # same indicator, area, year, kind, operator, value, quote and offsets
    assert tasks == from_txt[1]


@pytest.mark.parametrize("encode, encoding, label", [
    (encode_cp1258, "windows-1258", "Windows-1258"),
    (encode_tcvn3, "tcvn3", "TCVN3"),
])
def test_legacy_vietnamese_encodings_are_converted(encode, encoding, label, reference, from_txt):
    document = decode_document(encode(source_text()), "a.txt")
    assert document.encoding == encoding
    assert any(label in note for note in document.notes)
    assert [(o["indicator_code"], o["value"]) for o in figures(document.text, reference)[0]] == \
        [(o["indicator_code"], o["value"]) for o in from_txt[0]]


def test_windows_1258_text_is_exactly_the_unicode_text():
    text = source_text()
    assert decode_document(encode_cp1258(text), "a.txt").text == unicodedata.normalize("NFC", text)


def test_decomposed_unicode_is_normalised():
    text = "Tăng trưởng GRDP năm 2025 đạt 8,06%."
    document = decode_document(unicodedata.normalize("NFD", text).encode("utf-8"), "a.txt")
    assert document.text == text
    assert "NFD" in document.notes[0]


def test_utf16_with_bom_is_read():
    assert decode_document("Kế hoạch năm 2026".encode("utf-16"), "a.txt").text == "Kế hoạch năm 2026"


def test_an_unknown_legacy_encoding_is_refused_by_name():
    vni = "Keá hoaïch phaùt trieån kinh teá xaõ hoäi naêm 2026".encode("cp1252")  # VNI-Windows bytes
    with pytest.raises(InputError, match=r"không phải UTF-8.*Windows-1258.*TCVN3.*VNI.*UTF-8"):
        decode_document(vni + bytes(range(0x80, 0xA0)), "a.txt")


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (readers.MAX_UNPACKED_BYTES + 1024 * 1024))
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Tăng trưởng GRDP năm 2025 đạt 8,06%. " * 20))))
    writer.encrypt("mat-khau", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_permission_locked_pdf_is_read():
    """Many published PDFs forbid copying with an owner password but open without one (AES, needs cryptography)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(source_text()))))
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    assert "Tốc độ tăng trưởng GRDP đạt 8,06%" in decode_document(out.getvalue(), "khoa-quyen.pdf").text


BAD = [
    ("empty.txt", lambda: b"", r"tệp rỗng"),
    ("blank.docx", lambda: b"   \n", r"tệp rỗng"),
    ("pdf-named.docx", lambda: make_pdf("Văn bản thử " * 20), r"đuôi \.docx nhưng nội dung là một tệp PDF; hãy đổi đuôi tệp thành \.pdf"),
    ("text-named.pdf", lambda: "Kế hoạch năm 2026".encode(), r"đuôi \.pdf nhưng nội dung là văn bản thuần; hãy đổi đuôi thành \.txt"),
    ("image-named.pdf", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100, r"nội dung là một ảnh.*OCR"),
    ("old-word.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, r"Office cũ.*lưu lại dạng \.docx"),
    ("xlsx-named.docx", lambda: _xlsx(), r"là bảng Excel \(\.xlsx\), không phải văn bản Word"),
    ("broken.docx", lambda: b"PK\x03\x04" + b"\x01" * 200, r"\.docx bị hỏng"),
    ("bomb.docx", zip_bomb, r"giải nén ra quá lớn.*zip bomb"),
    ("broken.pdf", lambda: b"%PDF-1.7\n1 0 obj <<< garbage >>\n%%EOF", r"PDF bị hỏng|PDF không có lớp chữ"),
    ("truncated.pdf", lambda: make_pdf("Văn bản thử " * 50)[:400], r"PDF bị hỏng|PDF không có lớp chữ"),
    ("locked.pdf", encrypted_pdf, r"PDF có mật khẩu"),
    ("scanned.pdf", make_scanned_pdf, r"không có lớp chữ.*OCR"),
    ("huge.txt", lambda: b"a" * (readers.MAX_FILE_BYTES + 1), r"quá lớn .*giới hạn 20 MB"),
    ("binary.txt", lambda: b"\x00\x01\x02" * 100, r"nhị phân"),
    ("notes.odt", lambda: b"PK\x03\x04", r"chỉ nhận \.txt, \.docx, \.pdf"),
]


def _xlsx() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize("name, make, message", BAD, ids=[b[0] for b in BAD])
def test_bad_documents_are_refused_with_what_to_do(name, make, message):
    with pytest.raises(InputError, match=message) as caught:
        decode_document(make(), name)
    assert caught.value.file == name


def test_a_file_over_the_limit_is_not_even_read(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1024)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    with pytest.raises(InputError, match="quá lớn"):
        readers.read_document(path)


def test_document_files_lists_the_three_formats(tmp_path):
    for name in ["a.txt", "b.docx", "c.pdf", "d.xlsx", ".hidden.txt", "e.PDF"]:
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in readers.document_files(tmp_path)] == ["a.txt", "b.docx", "c.pdf", "e.PDF"]
