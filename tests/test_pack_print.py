"""The briefing on paper and in Word: read back what the workbook's page setup, the Word report and the PDF say."""
import datetime as dt
import io
import re

import openpyxl
import pandas as pd
import pytest
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from dashboard import briefing, pack
from dashboard.pack import content

DAY = dt.date(2026, 3, 20)


@pytest.fixture(scope="module")
def pack_files(built_db):
    b = briefing.load(["lang-son", "cao-bang"], made_on=DAY)
    return b, {kind: pack.build(kind, b) for kind in pack.FORMATS}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_sheet_prints_on_a4_landscape_one_page_wide_with_its_header_row_repeated(pack_files):
    _, files = pack_files
    wb = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9"), ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        header_row = ws.freeze_panes and int(ws.freeze_panes[1:]) - 1
        assert ws.print_title_rows == f"${header_row}:${header_row}", ws.title
        assert ws.oddHeader.center.text == ws["A1"].value
        assert ws.oddFooter.center.text == "Trang &P/&N"


def test_word_report_follows_the_administrative_layout(pack_files):
    b, files = pack_files
    document = Document(io.BytesIO(files["docx"]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(13))
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml  # the page number field, from page 2
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and content.title(b) in texts
    assert "……, ngày 20 tháng 3 năm 2026" in document.tables[0].rows[0].cells[1].text
    # real Word tables, the header row repeated on every page; the charts as pictures
    tables = document.tables[1:]
    assert len(tables) >= 3
    assert all("w:tblHeader" in t.rows[0]._tr.xml for t in tables)
    assert tables[0].rows[0].cells[1].text == "Tỉnh, thành phố"
    assert len(document.inline_shapes) >= 2
    # every source, in full, in the closing list
    for n, line in enumerate(content.sources(b), start=1):
        assert f"{n}. {line}" in texts


def test_targets_keep_their_operator_in_the_report_and_the_handout(pack_files):
    b, files = pack_files
    document = Document(io.BytesIO(files["docx"]))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    pdf_text = _squeeze(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages))
    lang_son = b.targets[(b.targets["area_code"] == "lang-son") & (b.targets["indicator_code"] == "grdp_growth")].iloc[0]
    assert lang_son["target_operator"] == ">="
    assert "≥ 10%" in cells and "≥ 10%" in pdf_text
    assert "8,06%" in cells and "8,06%" in pdf_text


def test_pdf_handout_is_a4_with_numbered_pages_and_every_source(pack_files):
    b, files = pack_files
    reader = PdfReader(io.BytesIO(files["pdf"]))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = _squeeze(" ".join(p.extract_text() for p in reader.pages))
    assert f"Trang 1/{len(reader.pages)}" in text and f"Trang {len(reader.pages)}/{len(reader.pages)}" in text
    assert _squeeze(content.title(b)) in text
    assert "lập ngày 20/03/2026" in text
    for line in content.sources(b):
        assert _squeeze(line) in text, line


def _label_texts(slide) -> list[str]:
    """The text of every data label written on the slide's charts (python-pptx keeps them as rich text)."""
    from pptx.oxml.ns import qn

    texts = []
    for shape in slide.shapes:
        if shape.has_chart:
            for label in shape.chart._chartSpace.iter(qn("c:dLbl")):
                texts.append("".join(t.text or "" for t in label.iter(qn("a:t"))))
    return texts


def test_deck_labels_keep_every_operator_and_read_the_vietnamese_way(pack_files):
    from pptx import Presentation

    from dashboard.briefing import percent_targets
    from dashboard.formatting import stated

    b, files = pack_files
    deck = Presentation(io.BytesIO(files["pptx"]))
    slides = {s.shapes.title.text.split(":")[0]: s for s in deck.slides}
    growth_labels = _label_texts(deck.slides[1])
    assert "8,06" in growth_labels and "7,22" in growth_labels  # the highlighted provinces, decimal comma
    for code in b.provinces:
        labels = _label_texts(slides[b.province_names[code]])
        rates = percent_targets(b, code)
        rows = list(rates.itertuples())
        expected = [stated(r.actual_operator, r.actual_value, "%") for r in rows if pd.notna(r.actual_value)]
        expected += [stated(r.target_operator, r.target_value, "%", r.target_value_upper)
                     for r in rows if pd.notna(r.target_value)]
        assert sorted(labels) == sorted(expected), code
        assert "0" not in labels
    assert "≥ 10%" in _label_texts(slides["Lạng Sơn"])
