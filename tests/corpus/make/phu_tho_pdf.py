"""Write tests/corpus/phu-tho_bao-cao-nhanh-ktxh-2025.pdf: a short report as a PDF with real text (not a scan).

Run from the repository root: python tests/corpus/make/phu_tho_pdf.py [FONT.ttf]. It needs fpdf2
(requirements-test.txt) and a TrueType font with Vietnamese letters: by default DejaVu Sans from Debian's
fonts-dejavu-core. The generated file is committed; its expected file is in tests/corpus/expected/.
"""
import sys
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "phu-tho_bao-cao-nhanh-ktxh-2025.pdf"
DEBIAN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

LINES = [
    ("center", "UBND TỈNH PHÚ THỌ"),
    ("center", "SỞ TÀI CHÍNH"),
    ("center", "Số: 58/BC-STC"),
    ("center", "Phú Thọ, ngày 14 tháng 01 năm 2026"),
    ("center", ""),
    ("center", "BÁO CÁO NHANH"),
    ("center", "Tình hình kinh tế - xã hội năm 2025 và kịch bản tăng trưởng năm 2026"),
    ("left", ""),
    ("left", "1. Tăng trưởng kinh tế"),
    ("left", "Theo số liệu chính thức của Cục Thống kê công bố ngày 05/01/2026, tổng sản phẩm trên địa bàn tỉnh "
             "năm 2025 tăng 10,52%, xếp thứ 4/34 tỉnh, thành phố và đứng đầu vùng Trung du và miền núi phía Bắc. "
             "Số liệu này cao hơn mức ước tính 10,3% đã báo cáo tại kỳ họp Hội đồng nhân dân tỉnh tháng 12/2025."),
    ("left", "GRDP bình quân đầu người năm 2025 đạt 95,2 triệu đồng. Tổng thu ngân sách nhà nước trên địa bàn đạt "
             "23.150 tỷ đồng, vượt 8,4% dự toán. Vốn đầu tư trực tiếp nước ngoài thu hút trong năm đạt 1,35 tỷ USD."),
    ("left", "2. Kịch bản tăng trưởng năm 2026"),
    ("left", "Căn cứ mục tiêu Chính phủ giao, tỉnh xây dựng kịch bản tăng trưởng GRDP năm 2026 ở mức khoảng 11%; "
             "thu ngân sách nhà nước trên địa bàn phấn đấu đạt 24.000 tỷ đồng."),
    ("left", "3. Kiến nghị"),
    ("left", "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành, địa phương rà soát kịch bản tăng trưởng theo "
             "từng quý, gửi Sở Tài chính tổng hợp trước ngày 25/01/2026."),
    ("left", ""),
    ("right", "GIÁM ĐỐC"),
]


def build(font: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 14, tzinfo=timezone.utc))  # the same bytes on every run
    pdf.add_page()
    pdf.add_font("DejaVu", fname=font)
    pdf.set_font("DejaVu", size=12)
    for align, text in LINES:
        pdf.multi_cell(0, 7, text, align={"center": "C", "left": "J", "right": "R"}[align],
                       new_x="LMARGIN", new_y="NEXT")
    return pdf


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else DEBIAN_FONT).output(str(OUT))
    print(f"wrote {OUT}")
