"""Turning a source file into text: .txt (UTF-8, UTF-16, Windows-1258, TCVN3), .docx and .pdf, within size limits."""
from __future__ import annotations

import io
import re
import statistics
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf")
MAX_FILE_BYTES = 20 * 1024 * 1024  # one document as uploaded
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # everything inside a .docx once unzipped (zip bombs)
MAX_ZIP_MEMBERS = 5000
MAX_RATIO = 200  # inflated / compressed bytes of one member: Office XML rarely passes 50, a zip bomb reaches 1.000+
RATIO_FREE_BYTES = 1024 * 1024  # a small member may be as repetitive as it likes
_CHUNK = 64 * 1024
MAX_PDF_PAGES = 500
MIN_LETTERS = 40  # fewer letters than this in a PDF: it is a scan, not text

_SAVE_AS_UTF8 = "hãy mở tệp, lưu lại dạng văn bản UTF-8 (Unicode) rồi tải lên lại"


@dataclass
class DocumentText:
    """A document's text with how it was read: the format, the encoding, and notes for the analyst."""
    text: str
    format: str  # txt | docx | pdf
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


def document_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in DOCUMENT_SUFFIXES)


def read_document(path: Path) -> str:
    return read_document_info(path).text


def read_document_info(path: Path) -> DocumentText:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(_too_big(size), path)
    return decode_document(path.read_bytes(), path.name, path)


def decode_document(data: bytes, name: str, where: str | Path | None = None) -> DocumentText:
    """The text of a document given as bytes; `name` decides the format by its suffix."""
    where = where if where is not None else name
    if len(data) > MAX_FILE_BYTES:
        raise InputError(_too_big(len(data)), where)
    if not data.strip():
        raise InputError("tệp rỗng: không có nội dung để trích", where)
    suffix = Path(name).suffix.lower()
    actual = sniff(data)
    if suffix == ".txt":
        if actual not in ("text",):
            raise InputError(f"tệp có đuôi .txt nhưng nội dung là {_KIND_VI[actual]}; {_rename_hint(actual)}", where)
        text, encoding, notes = decode_text(data, where)
        result = DocumentText(text, "txt", encoding, notes)
    elif suffix == ".docx":
        if actual != "zip":
            raise InputError(f"tệp có đuôi .docx nhưng nội dung là {_KIND_VI[actual]}; {_rename_hint(actual)}", where)
        result = DocumentText(_docx_text(data, where), "docx")
    elif suffix == ".pdf":
        if actual != "pdf":
            raise InputError(f"tệp có đuôi .pdf nhưng nội dung là {_KIND_VI[actual]}; {_rename_hint(actual)}", where)
        result = DocumentText(*_pdf_text(data, where))
    else:
        raise InputError(f"chưa đọc được loại tệp '{suffix or '(không có đuôi)'}': chỉ nhận .txt, .docx, .pdf", where)
    result.text = unicodedata.normalize("NFC", result.text)
    if not result.text.strip():
        raise InputError("tệp không có chữ nào để trích", where)
    return result


def _too_big(size: int) -> str:
    return (f"tệp quá lớn ({size / 1024 / 1024:.1f} MB, giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB); "
            "hãy tách văn bản hoặc bỏ ảnh trước khi tải lên")


# -- what a file really is ---------------------------------------------------------------------------
_KIND_VI = {"pdf": "một tệp PDF", "zip": "một tệp nén (ZIP, Word .docx hoặc Excel .xlsx)",
            "ole": "một tệp Office cũ (.doc/.xls) hoặc tệp Word có mật khẩu", "image": "một ảnh",
            "binary": "dữ liệu nhị phân, không phải văn bản", "text": "văn bản thuần"}


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the file name says."""
    head = data[:8]
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with its byte-order mark
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


def _rename_hint(kind: str) -> str:
    return {"pdf": "hãy đổi đuôi tệp thành .pdf",
            "zip": "nếu là văn bản Word, hãy đổi đuôi thành .docx; bảng Excel thì dùng mục nhập bảng số liệu",
            "ole": "hãy mở bằng Word, bỏ mật khẩu nếu có và lưu lại dạng .docx",
            "image": "ảnh chụp/quét cần nhận dạng chữ (OCR) trước, rồi tải lên bản .docx hoặc .pdf có chữ",
            "binary": "hãy tải lên bản .txt, .docx hoặc .pdf của văn bản",
            "text": "hãy đổi đuôi thành .txt"}[kind]


# -- plain text and its encodings ------------------------------------------------------------------
# TCVN3 (ABC, TCVN 5712 VN3): the ".Vn" fonts' code page. Upper-case toned letters live in a separate font
# (.VnTimeH) with the same codes, so they come out lower-case; the analyst is told so.
_TCVN3 = dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ"))
_TCVN3.update({0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ",
               0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ",
               0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ",
               0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ",
               0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
               0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ",
               0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ"})


def decode_tcvn3(data: bytes) -> str:
    return "".join(_TCVN3.get(b) or bytes([b]).decode("cp1252", errors="replace") for b in data)


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3 (used by the tests to make legacy files)."""
    reverse = {v: k for k, v in _TCVN3.items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse:
            out.append(reverse[ch.lower()])
        else:
            out += ch.encode("cp1252", errors="replace")
    return bytes(out)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VIET_BASES = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐ")
_PUNCTUATION = set("“”‘’–—…•°§€«»±×·")


def _is_viet_letter(ch: str) -> bool:
    decomposed = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return base.isascii() and base.isalpha() or base in _VIET_BASES


def _has_tone(ch: str) -> bool:
    return any(c in _TONES for c in unicodedata.normalize("NFD", ch))


def vietnamese_score(text: str) -> float:
    """Share of words with non-ASCII letters that are well-formed Vietnamese (one tone mark at most)."""
    good = bad = 0
    for word in re.findall(r"[^\s\d.,;:!?()\[\]\"'/\-–+*=%<>]+", text):
        if word.isascii():
            continue
        if all(c in _PUNCTUATION for c in word):
            continue
        if all(_is_viet_letter(c) for c in word) and sum(_has_tone(c) for c in word) <= 1:
            good += 1
        else:
            bad += 1
    return good / (good + bad) if good + bad else 1.0


def decode_text(data: bytes, where: str | Path) -> tuple[str, str, list[str]]:
    """(text, encoding, notes); legacy Vietnamese encodings are recognised and converted, or refused by name."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", ["Tệp mã UTF-16; đã đọc thành Unicode."]
        except UnicodeDecodeError:
            raise InputError(f"tệp đánh dấu UTF-16 nhưng có byte lỗi; {_SAVE_AS_UTF8}", where) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        notes = []
        if unicodedata.normalize("NFC", text) != text:
            notes.append("Chữ có dấu ở dạng tổ hợp (NFD); đã chuẩn hóa về dạng dựng sẵn (NFC).")
        return text, "utf-8", notes
    candidates = {"windows-1258": data.decode("cp1258", errors="replace"), "tcvn3": decode_tcvn3(data)}
    scores = {name: vietnamese_score(unicodedata.normalize("NFC", text)) for name, text in candidates.items()}
    best = max(scores, key=scores.get)
    if scores[best] >= 0.9 and "\ufffd" not in candidates[best]:
        label = {"windows-1258": "Windows-1258 (CP1258)", "tcvn3": "TCVN3 (ABC)"}[best]
        note = f"Tệp viết bằng bảng mã {label}; đã chuyển sang Unicode."
        if best == "tcvn3":
            note += " Chữ in hoa có dấu của TCVN3 nằm ở phông riêng nên có thể thành chữ thường: hãy soát tiêu đề."
        return candidates[best], best, [note]
    raise InputError(
        f"không đọc được bảng mã: không phải UTF-8 (byte lỗi ở vị trí {utf8_error.start}), đọc theo Windows-1258 "
        f"hay TCVN3 (ABC) cũng không ra chữ Việt (có thể là VNI hoặc bảng mã khác); hãy chuyển mã sang Unicode "
        f"(ví dụ bằng Unikey) và {_SAVE_AS_UTF8}", where)


# -- archives (.docx, .xlsx) -----------------------------------------------------------------------------
def check_archive(data: bytes, where, kind: str, max_rows: int | None = None) -> set[str]:
    """The member names of a zip archive whose every member was inflated here, in bounded steps, within limits.

    The sizes an archive states can be false, and zipfile inflates a member's whole stream in one call when a
    parser asks for all of it: so the stated sizes are not trusted. Each member's compressed bytes are inflated
    64 KB at a time, and the bytes actually produced are counted against the total and ratio limits, then must
    equal the stated size and checksum, before any parser sees the file. With `max_rows`, the rows of each
    worksheet (`xl/worksheets/*.xml`) are counted as they are inflated, and a sheet with more is refused at once.
    """
    damaged = f"tệp {kind} bị hỏng (không mở được như tệp nén); hãy mở bằng chương trình đã tạo ra nó và lưu lại"
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError(damaged, where) from None
    stated = sum(m.file_size for m in members)
    if len(members) > MAX_ZIP_MEMBERS or stated > MAX_UNPACKED_BYTES:
        raise InputError(_bomb(kind, f"giải nén ra quá lớn ({stated / 1024 / 1024:.0f} MB, giới hạn "
                                     f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB)"), where)
    inflated = 0
    for member in members:
        rows = _RowCounter() if max_rows is not None and _is_worksheet(member.filename) else None
        size, crc = 0, 0
        try:
            for chunk in _inflate(data, member):
                size += len(chunk)
                inflated += len(chunk)
                if inflated > MAX_UNPACKED_BYTES:
                    raise InputError(_bomb(kind, f"giải nén ra quá lớn (hơn {MAX_UNPACKED_BYTES // 1024 // 1024} MB)"),
                                     where)
                if size > max(RATIO_FREE_BYTES, MAX_RATIO * member.compress_size):
                    raise InputError(_bomb(kind, f"có phần nén chặt bất thường (tỉ lệ nén hơn {MAX_RATIO} lần)"), where)
                crc = zlib.crc32(chunk, crc)
                if rows is not None and rows.feed(chunk) > max_rows + 1:  # + the header row
                    limit = f"{max_rows:,}".replace(",", ".")
                    raise InputError(f"trang tính có hơn {limit} dòng (giới hạn {limit}); hãy tách thành nhiều tệp",
                                     where)
        except (zlib.error, ValueError):
            raise InputError(damaged, where) from None
        if size != member.file_size or crc != member.CRC:
            raise InputError(f"tệp {kind} bị hỏng hoặc bị sửa (kích thước hay mã kiểm tra ghi trong tệp nén sai); "
                             "không đọc", where)
    return {m.filename for m in members}


def _inflate(data: bytes, member: zipfile.ZipInfo):
    """The member's content in pieces of at most 64 KB, from its compressed bytes (stated sizes are not used)."""
    start = member.header_offset
    header = data[start:start + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ValueError("local header")
    body = start + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    compressed = memoryview(data)[body:body + member.compress_size]
    if member.flag_bits & 0x1:
        raise ValueError("encrypted member")
    if member.compress_type == zipfile.ZIP_STORED:
        for i in range(0, len(compressed), _CHUNK):
            yield bytes(compressed[i:i + _CHUNK])
        return
    if member.compress_type != zipfile.ZIP_DEFLATED:
        raise ValueError("compression method")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    for i in range(0, len(compressed), _CHUNK):
        pending = bytes(compressed[i:i + _CHUNK])
        while pending:
            chunk = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            if chunk:
                yield chunk
    if tail := inflater.flush():
        yield tail


def _bomb(kind: str, what: str) -> str:
    return f"tệp {kind} {what}: có thể là tệp độc hại (zip bomb); không đọc"


def _is_worksheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")  # a worksheet row's start tag; text holds no raw "<"


class _RowCounter:
    """`<row>` start tags of a worksheet counted while its XML arrives (a byte search: an XML parser was 20× slower)."""

    def __init__(self):
        self.rows = 0
        self.tail = b""  # the end of the previous chunk, for a tag cut in two

    def feed(self, chunk: bytes) -> int:
        data = self.tail + chunk
        self.rows += sum(1 for m in _ROW_TAG.finditer(data) if m.end() > len(self.tail))
        self.tail = data[-32:]
        return self.rows


# -- Word ---------------------------------------------------------------------------------------------
def _docx_text(data: bytes, where) -> str:
    names = check_archive(data, where, ".docx")
    if "word/document.xml" not in names:
        kind = "bảng Excel (.xlsx)" if "xl/workbook.xml" in names else "tệp nén khác"
        raise InputError(f"tệp có đuôi .docx nhưng là {kind}, không phải văn bản Word", where)
    try:
        import docx  # python-docx, imported here so that reading .txt needs nothing more

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise InputError(f"tệp .docx bị hỏng ({type(exc).__name__}); hãy mở bằng Word và lưu lại", where) from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                blocks.append(" | ".join(cells))
    return "\n\n".join(b.strip() for b in blocks if b.strip())


# -- PDF ----------------------------------------------------------------------------------------------
_LINE_START = re.compile(r"^(?:[IVXLC]+[-.]\s|\d+(?:\.\d+)*[-.)]\s|[a-zđ]\)\s|[-–+•]\s)")


def _pdf_text(data: bytes, where) -> tuple[str, str, None, list[str]]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # permission-locked PDFs open with an empty user password
            except Exception as exc:
                if type(exc).__name__ == "DependencyError":
                    raise InputError("PDF được mã hóa AES mà máy chủ thiếu gói cryptography (xem requirements.txt); "
                                     "hãy báo người quản trị, hoặc tải lên bản .docx", where) from None
                opened = 0
            if not opened:
                raise InputError("tệp PDF có mật khẩu; hãy mở bằng mật khẩu, in/lưu lại bản không mật khẩu rồi "
                                 "tải lên", where)
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise InputError(f"PDF có {len(pages)} trang, quá giới hạn {MAX_PDF_PAGES} trang; hãy tách văn bản", where)
        page_texts = []
        for page in pages:
            runs: list[tuple[float, float, str]] = []

            def visit(text, cm, tm, font, size, runs=runs):
                if text and text.strip():
                    # where the text starts on the page: the text matrix through the current transformation
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                    runs.append((y, x, text))

            page.extract_text(visitor_text=visit)
            page_texts.append(_paragraphs_from_runs(runs))
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise InputError(f"tệp PDF bị hỏng, không đọc được ({type(exc).__name__}); hãy xuất lại PDF từ bản gốc "
                         "hoặc tải lên bản .docx", where) from None
    text = "\n\n".join(t for t in page_texts if t)
    if len(re.findall(r"\w", text)) < MIN_LETTERS:
        raise InputError("PDF không có lớp chữ (có vẻ là bản quét/ảnh chụp): cần nhận dạng chữ (OCR) trước, "
                         "hoặc tải lên bản .docx/.pdf xuất từ Word", where)
    notes = ["Đọc từ PDF: các dòng được nối lại thành đoạn; hãy soát câu trích nếu bố cục phức tạp."]
    return text, "pdf", None, notes


def _paragraphs_from_runs(runs: list[tuple[float, float, str]]) -> str:
    """Lines from positioned text, then paragraphs: a wider gap, or a short line ending a sentence, starts one."""
    lines: list[list] = []  # [y, x, text]
    for y, x, text in runs:
        if lines and abs(lines[-1][0] - y) < 1.0:
            lines[-1][2] += text
        else:
            lines.append([y, x, text])
    lines = [[y, x, " ".join(t.split())] for y, x, t in lines]
    lines = [line for line in lines if line[2] and not re.fullmatch(r"[-–\s]*\d{1,4}[-–\s]*", line[2])]  # page numbers
    if not lines:
        return ""
    gaps = [lines[i - 1][0] - lines[i][0] for i in range(1, len(lines)) if lines[i - 1][0] - lines[i][0] > 0]
    spacing = statistics.median(gaps) if gaps else 0
    if gaps:
        spacing = min(g for g in gaps if g >= spacing * 0.8)  # the tightest common spacing: lines inside a paragraph
    widest = max(len(t) for _, _, t in lines)
    spaced = any(g > spacing * 1.3 for g in gaps)  # paragraphs set apart by space: trust the gaps alone
    paragraphs = [lines[0][2]]
    for (py, px, previous), (y, x, text) in zip(lines, lines[1:]):
        gap = py - y
        wider = spacing and (gap > spacing * 1.3 or gap < 0)
        ends = previous[-1] in ".:;!?…\"”)"
        short = len(previous) < widest * 0.8
        if wider or (not spaced and ends and (short or _LINE_START.match(text))):
            paragraphs.append(text)
        else:
            paragraphs[-1] += " " + text
    return "\n\n".join(paragraphs)
