"""Write tests/corpus/tay-ninh_bao-cao-chi-tieu-2025-2026.docx: a report whose indicators are in a Word table.

Run from the repository root: python tests/corpus/make/tay_ninh_docx.py (python-docx, from requirements.txt).
The generated file is committed; its expected file is tests/corpus/expected/ with the same stem.
"""
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

OUT = Path(__file__).resolve().parent.parent / "tay-ninh_bao-cao-chi-tieu-2025-2026.docx"

HEADER = [("ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH", True), ("Số: 35/BC-UBND", False),
          ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", True),
          ("Tây Ninh, ngày 20 tháng 01 năm 2026", False)]
TITLE = ("BÁO CÁO", "Kết quả thực hiện các chỉ tiêu chủ yếu năm 2025 và kế hoạch năm 2026")
BODY = [
    "Năm 2025 là năm đầu tiên tỉnh Tây Ninh (mới) hoạt động sau khi hợp nhất tỉnh Long An và tỉnh Tây Ninh. "
    "Vượt qua nhiều khó khăn trong giai đoạn sắp xếp bộ máy, kinh tế của tỉnh tăng trưởng cao: tốc độ tăng "
    "tổng sản phẩm trên địa bàn đạt 9,52%, xếp thứ 8/34 tỉnh, thành phố và thứ 2 vùng Đông Nam Bộ.",
    "Ủy ban nhân dân tỉnh báo cáo kết quả thực hiện các chỉ tiêu chủ yếu năm 2025 và kế hoạch năm 2026 theo "
    "biểu dưới đây:",
]
TABLE = [
    ("STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Kế hoạch năm 2026"),
    ("1", "Tốc độ tăng trưởng GRDP", "%", "9,52", "10 - 10,5"),
    ("2", "GRDP bình quân đầu người", "triệu đồng", "118,6", "130"),
    ("3", "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "38.450", "40.000"),
    ("4", "Kim ngạch xuất khẩu hàng hóa", "tỷ USD", "23,4", "25,5"),
    ("5", "Vốn đầu tư trực tiếp nước ngoài (FDI) đăng ký", "tỷ USD", "2,1", "2"),
    ("6", "Tỷ lệ đô thị hóa", "%", "42,5", "44"),
    ("7", "Tỷ lệ lao động qua đào tạo", "%", "72", "74"),
    ("8", "Tỷ lệ hộ nghèo theo chuẩn đa chiều", "%", "0,52", "Dưới 0,5"),
    ("9", "Tỷ lệ che phủ rừng", "%", "16", "16"),
]
CLOSING = ["Trên đây là báo cáo kết quả thực hiện các chỉ tiêu chủ yếu năm 2025 và kế hoạch năm 2026 của "
           "Ủy ban nhân dân tỉnh Tây Ninh./.", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"]


def build() -> docx.Document:
    document = docx.Document()
    for text, bold in HEADER:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    for text in TITLE:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    for text in BODY:
        document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, TABLE):
        for cell, value in zip(row.cells, values):
            cell.text = value
    for text in CLOSING:
        document.add_paragraph(text)
    return document


if __name__ == "__main__":
    build().save(OUT)
    print(f"wrote {OUT}")
