"""Hostile inputs made in the test: archives that lie about their sizes, huge workbooks, payloads for text sinks."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

ATTACKER = "attacker.invalid"  # a host that never resolves: any request to it, or link or image naming it, is a leak
MARKDOWN_PAYLOAD = f"![x](http://{ATTACKER}/t.png) [bấm vào đây](http://{ATTACKER}/) <img src=http://{ATTACKER}/i.png>"


def deflated_zeros(size: int) -> bytes:
    """`size` zero bytes, deflated (raw stream) without holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = []
    for _ in range(size // len(block)):
        parts.append(packer.compress(block))
    parts.append(packer.compress(bytes(size % len(block))))
    parts.append(packer.flush())
    return b"".join(parts)


def lying_zip(name: str, compressed: bytes, stated_size: int, stated_crc: int, others: dict[str, bytes] = {}) -> bytes:
    """A zip whose member `name` holds the raw deflate stream `compressed` but states `stated_size` and `stated_crc`
    (in its local header and its central directory alike); `others` are honest members written first."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for other, data in others.items():
            z.writestr(other, data)
    honest = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    entries = [(i.filename, i.header_offset, i.CRC, i.compress_size, i.file_size) for i in honest.infolist()]
    body = out.getvalue()[:honest.start_dir]
    offset = len(body)
    encoded = name.encode()
    body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, stated_crc, len(compressed), stated_size,
                        len(encoded), 0) + encoded + compressed
    entries.append((name, offset, stated_crc, len(compressed), stated_size))
    directory = b""
    for member, at, crc, packed, size in entries:
        raw = member.encode()
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, packed, size,
                                 len(raw), 0, 0, 0, 0, 0, at) + raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    return body + directory + end


def docx_bomb(inflated: int) -> bytes:
    """A real .docx whose document.xml is ~inflated/1000 bytes of deflate saying it holds 1 KB (with the checksum of
    that 1 KB): Word's other parts are genuine, so a reader trusting the stated sizes goes on to inflate it."""
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    genuine = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    others = {i.filename: genuine.read(i) for i in genuine.infolist() if i.filename != "word/document.xml"}
    return lying_zip("word/document.xml", deflated_zeros(inflated), 1024, zlib.crc32(bytes(1024)), others)


def workbook_with_rows(template: bytes, n_rows: int) -> bytes:
    """`template` (an exported .xlsx) with its data sheet replaced by `n_rows` filled rows (streamed, deflated)."""
    source = zipfile.ZipFile(io.BytesIO(template))
    sheet = "xl/worksheets/sheet1.xml"
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    from etl.curated_template import COLUMNS

    header = b"".join(b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (bytes([65 + i]), name.encode())
                      for i, name in enumerate(COLUMNS))
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData><row r="1">' + header + b'</row>')
    parts, crc, size = [packer.compress(head)], zlib.crc32(head), len(head)
    for start in range(2, n_rows + 2, 10000):
        block = b"".join(b'<row r="%d"><c r="G%d"><v>8.06</v></c></row>' % (r, r)
                         for r in range(start, min(start + 10000, n_rows + 2)))
        parts.append(packer.compress(block))
        crc, size = zlib.crc32(block, crc), size + len(block)
    tail = b"</sheetData></worksheet>"
    parts += [packer.compress(tail), packer.flush()]
    crc, size = zlib.crc32(tail, crc), size + len(tail)
    others = {i.filename: source.read(i) for i in source.infolist() if i.filename != sheet}
    return lying_zip(sheet, b"".join(parts), size, crc, others)  # honest sizes: only the row count is hostile


def hostile_data(root):
    """A copy of data/ whose document title, issuer, signer, unit name, curated note and published-table title
    carry Markdown image and link payloads, as a document or a curated file could."""
    import shutil
    from pathlib import Path

    import yaml

    source = Path(__file__).resolve().parent.parent / "data"
    for part in ("raw", "curated", "reference"):
        shutil.copytree(source / part, root / part)
    document = "lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt"
    image = f"![x](http://{ATTACKER}/%s.png)"
    link = f"[bấm vào đây](http://{ATTACKER}/%s)"
    (root / "curated" / "reviewed_metadata.yaml").write_text(yaml.safe_dump({document: {
        "title": f"Kế hoạch {image % 'title'} {link % 'title'}", "issuer": f"UBND {image % 'issuer'}",
        "signer": f"Người ký {link % 'signer'} <img src=http://{ATTACKER}/raw.png>"}}, allow_unicode=True),
        encoding="utf-8")
    (root / "curated" / "reviewed_tasks.yaml").write_text(yaml.safe_dump([{"doc_file": document, "tasks": [{
        "unit_name": f"Sở {image % 'unit'} <a href=\"http://{ATTACKER}/plotly\">liên kết</a>", "parent_unit": None, "role": "chủ trì", "category": "bao_chi_truyen_thong",
        "task_text": f"Tuyên truyền trên báo chí {link % 'task'}"}]}], allow_unicode=True), encoding="utf-8")
    figures = root / "curated" / "document_figures.csv"
    lines = figures.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].rsplit(",", 1)[0] + f',"Ghi chú {image % "note"} {link % "note"}"'
    figures.write_text("\n".join(lines), encoding="utf-8")
    sources = root / "curated" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace("  title: Tốc độ tăng GRDP năm 2025", f"  title: >-\n    {image % 'source'} Tốc độ tăng GRDP năm 2025", 1)
    sources.write_text(text, encoding="utf-8")
    return document
