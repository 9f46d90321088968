"""The briefing as a Word report (.docx) laid out as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP):
A4, Times New Roman 13 pt, margins 20/20/30/15 mm, page numbers at the top centre from page 2, real Word tables,
the charts as images and the sources as a closing list — ready to paste into a Báo cáo."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..briefing import Briefing
from . import content, images

FONT = "Times New Roman"
BODY_PT, TABLE_PT = 13, 11
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]


def _font(style, size: int) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    # Word picks the font by script: name it for every script, or Vietnamese letters may fall back to another face
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _page_number(paragraph) -> None:
    """A PAGE field: Word fills in the number of each page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.different_first_page_header_footer = True  # the first page carries no number
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(number)
    _font(document.styles["Normal"], BODY_PT)
    document.styles["Normal"].paragraph_format.space_after = Pt(6)
    document.styles["Normal"].paragraph_format.line_spacing = 1.15
    for name, size in (("Heading 1", 13), ("Heading 2", 13), ("Caption", 11), ("Table Grid", TABLE_PT)):
        _font(document.styles[name], size)
        if name.startswith("Heading"):
            document.styles[name].font.bold = True
            document.styles[name].font.color.rgb = None
    document.styles["Heading 2"].font.italic = False


def _heading_block(document, b: Briefing) -> None:
    """Agency and national motto side by side, then the date line and the title, as the decree lays them out."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("TÊN CƠ QUAN, TỔ CHỨC").bold = True
    left.add_paragraph("Số:      /BC-")
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    right.add_paragraph().add_run(f"……, ngày {b.made_on.day} tháng {b.made_on.month} năm {b.made_on.year}").italic = True
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    run = title.add_run("BÁO CÁO")
    run.bold, run.font.size = True, Pt(14)
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.add_run(content.title(b)).bold = True
    if b.highlighted_names:
        scope = document.add_paragraph(f"(Các tỉnh, thành phố được so sánh: {', '.join(b.highlighted_names)})")
        scope.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _repeat_header(row) -> None:
    """The table's header row repeats at the top of each page it runs onto."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _table(document, table: content.TextTable) -> None:
    word = document.add_table(rows=1, cols=len(table.header))
    word.style = document.styles["Table Grid"]
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(table.widths)
    widths = [Mm(TEXT_WIDTH_MM * w / total) for w in table.widths]
    for cell, text, width in zip(word.rows[0].cells, table.header, widths):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(word.rows[0])
    for values in table.rows:
        cells = word.add_row().cells
        for i, (cell, text, width) in enumerate(zip(cells, values, widths)):
            cell.width = width
            cell.text = text
            if i > 0 and (text[:1].isdigit() or text[:1] in "≥≤<>≈—+−±"):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in word.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(TABLE_PT)


def _figure(document, png: bytes | None, caption: str) -> None:
    if png is None:
        return
    document.add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM - 10))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(caption, style="Caption").alignment = WD_ALIGN_PARAGRAPH.CENTER


def build(b: Briefing) -> bytes:
    document = Document()
    _setup(document)
    document.core_properties.title = content.title(b)
    document.core_properties.language = "vi-VN"
    _heading_block(document, b)

    document.add_heading(f"I. TĂNG TRƯỞNG GRDP NĂM {b.actual_year}", level=1)
    for line in content.growth_summary(b):
        document.add_paragraph(line)
    _figure(document, images.growth_bars(b), f"Biểu đồ 1. Tăng trưởng GRDP năm {b.actual_year} các tỉnh, thành phố (%)")
    _table(document, content.growth_table(b))
    document.add_paragraph("Dấu * là số ước tính trước khi công bố chính thức; dấu † là số có bất nhất giữa các nguồn.")

    document.add_heading(f"II. MỤC TIÊU NĂM {b.target_year} SO VỚI THỰC HIỆN NĂM {b.actual_year}", level=1)
    figure = 2
    for i, code in enumerate(b.provinces, start=1):
        table = content.target_table(b, code)
        if table is None:
            continue
        document.add_heading(f"{i}. {b.province_names[code]}", level=2)
        png = images.target_bars(b, code)
        if png is not None:
            _figure(document, png, f"Biểu đồ {figure}. {b.province_names[code]}: các chỉ tiêu tỷ lệ (%)")
            figure += 1
        _table(document, table)

    units = content.units_table(b)
    if units is not None:
        document.add_heading("III. ĐƠN VỊ ĐẢM NHẬN NHIỀU NHIỆM VỤ NHẤT", level=1)
        _table(document, units)

    document.add_heading("NGUỒN SỐ LIỆU", level=1)
    for n, line in enumerate(content.sources(b), start=1):
        document.add_paragraph(f"{n}. {line}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
