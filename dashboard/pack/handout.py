"""The briefing as a printable A4 handout (.pdf): the charts, the tables and the full list of sources.

fpdf2: pure Python (installs anywhere, no browser or system library), embeds a Unicode TrueType font, draws real
tables that break across pages with their header repeated, and is actively maintained.
"""
from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from ..briefing import Briefing
from . import content, images

FONT = "DejaVu"
MARGIN_MM = 15


class _Handout(FPDF):
    def __init__(self, heading: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.heading = heading
        self.add_font(FONT, fname=images.FONT_FILE)
        self.add_font(FONT, style="B", fname=images.FONT_BOLD_FILE)
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM + 3)

    def header(self):
        if self.page_no() > 1:
            self.set_font(FONT, size=8)
            self.set_text_color(107, 114, 128)
            self.cell(0, 5, self.heading, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def footer(self):
        self.set_y(-MARGIN_MM)
        self.set_font(FONT, size=8)
        self.set_text_color(107, 114, 128)
        self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")


def _heading(pdf: _Handout, text: str, size: int = 12) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(31, 41, 55)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _text(pdf: _Handout, text: str, size: int = 10) -> None:
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(31, 41, 55)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


def _table(pdf: _Handout, table: content.TextTable) -> None:
    pdf.set_font(FONT, size=8.5)
    pdf.set_text_color(31, 41, 55)
    headings = FontFace(emphasis="BOLD", fill_color=(229, 231, 235))
    aligns = ["LEFT"] + ["RIGHT" if any(r[i][:1].isdigit() or r[i][:1] in "≥≤<>≈—+−±" for r in table.rows) else "LEFT"
                         for i in range(1, len(table.header))]
    with pdf.table(col_widths=tuple(table.widths), text_align=tuple(aligns), headings_style=headings,
                   line_height=4.5, repeat_headings=1) as grid:
        for values in [table.header, *table.rows]:
            row = grid.row()
            for value in values:
                row.cell(value)
    pdf.ln(2)


def _image(pdf: _Handout, png: bytes | None) -> None:
    if png is not None:
        pdf.image(io.BytesIO(png), w=pdf.epw)
        pdf.ln(2)


def build(b: Briefing) -> bytes:
    pdf = _Handout(content.title(b))
    pdf.set_title(content.title(b))
    pdf.set_lang("vi")
    pdf.add_page()
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, content.title(b), align="C", new_x="LMARGIN", new_y="NEXT")
    made = f"Tài liệu họp giao ban, lập ngày {b.made_on:%d/%m/%Y}"
    if b.highlighted_names:
        made += f" · Các tỉnh, thành phố được so sánh: {', '.join(b.highlighted_names)}"
    _text(pdf, made, 9)

    _heading(pdf, f"1. Tăng trưởng GRDP năm {b.actual_year}")
    for line in content.growth_summary(b):
        _text(pdf, "• " + line)
    _image(pdf, images.growth_bars(b))
    _table(pdf, content.growth_table(b))
    _text(pdf, "Dấu * là số ước tính trước khi công bố chính thức; dấu † là số có bất nhất giữa các nguồn.", 8)

    _heading(pdf, f"2. Mục tiêu năm {b.target_year} so với thực hiện năm {b.actual_year}")
    for code in b.provinces:
        table = content.target_table(b, code)
        if table is None:
            continue
        if pdf.will_page_break(70):  # a province's heading never sits alone at the foot of a page
            pdf.add_page()
        _heading(pdf, b.province_names[code], 11)
        _image(pdf, images.target_bars(b, code))
        _table(pdf, table)

    units = content.units_table(b)
    if units is not None:
        _heading(pdf, "3. Đơn vị đảm nhận nhiều nhiệm vụ nhất")
        _table(pdf, units)

    _heading(pdf, "Nguồn số liệu")
    for n, line in enumerate(content.sources(b), start=1):
        _text(pdf, f"{n}. {line}", 8.5)
    return bytes(pdf.output())
