"""Extraction time against input length: texts of one figure per line, 40 KB to 20 MB (issue 12, defect 1)."""
from __future__ import annotations

import time

from etl.extract import extract_text
from etl.observations import ObservationExtractor
from etl.reference import load_reference

# Lines in the styles documents use; the figure changes on every line so no two lines are the same.
LINES = [
    "Tốc độ tăng trưởng GRDP năm 2025 đạt {a},{b}%, cao hơn bình quân cả nước",
    "- Thu ngân sách nhà nước trên địa bàn ước đạt {a}.{b:03d} tỷ đồng",
    "Phấn đấu kim ngạch xuất khẩu năm 2026 đạt {a},{b} tỷ USD",
    "Tỷ lệ hộ nghèo đa chiều giảm còn {a},{b}%; tỷ lệ lao động qua đào tạo đạt {b}%",
    "Tổng vốn đầu tư toàn xã hội giai đoạn 2021 - 2025 đạt {a}.{b:03d} tỷ đồng",
]
SIZES = {"40K": 40_000, "160K": 160_000, "1M": 1_000_000, "5M": 5_000_000, "20M": 20_000_000}


def text_of_size(size: int) -> str:
    header = "KẾ HOẠCH\n\nKết quả năm 2025 và mục tiêu năm 2026 của tỉnh Lào Cai\n\n"
    parts, length, i = [header], len(header), 0
    while length < size:
        line = LINES[i % len(LINES)].format(a=1 + i % 97, b=i % 1000) + "\n"
        parts.append(line)
        length += len(line.encode("utf-8"))
        i += 1
    return "".join(parts)


def measure(sizes: list[str], log=print) -> list[dict]:
    reference = load_reference()
    extractor = ObservationExtractor(reference)
    rows = []
    for name in sizes:
        text = text_of_size(SIZES[name])
        started, cpu = time.perf_counter(), time.process_time()
        doc = extract_text(text, reference, "bench-extraction", "bench-extraction.txt", "0", extractor)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        # cpu_seconds: this process's own time, the fairer figure on a shared machine
        rows.append({"size": name, "bytes": len(text.encode("utf-8")), "seconds": round(seconds, 3),
                     "cpu_seconds": round(cpu, 3),
                     "figures": len(doc.observations), "unrecognised": len(doc.unrecognised),
                     "us_per_kb": round(seconds * 1e6 / (len(text.encode("utf-8")) / 1000), 1)})
        log(f"[extraction] {name}: {seconds:.2f} s ({cpu:.2f} s CPU), {len(doc.observations)} figures")
    return rows
