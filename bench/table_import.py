"""Benchmark case: a published table of the 63 former provinces × 10 years, read and imported as on the Dữ liệu page.

Timed in-process, as the page runs it: reading (and checking) the table, then the whole import, which writes the
curated CSV and rebuilds the database. The table is laid out as the statistics office's yearbook: the 63 names of
the provinces before 01/7/2025, so rows named like a province that absorbed others are read and left out.
"""
from __future__ import annotations

import io
import shutil
import statistics
import time
from pathlib import Path

from openpyxl import Workbook

from etl import build, table_import
from etl.reference import load_reference

YEARS = range(2010, 2020)  # years no curated table or document of the benchmark's data holds
SOURCE = table_import.Source("Cục Thống kê", "Tốc độ tăng GRDP 63 tỉnh (bảng đo thời gian)",
                             table_import.parse_date("30/06/2020"), "https://example.invalid/bang-63-tinh")


def former_layout_names(reference) -> list[str]:
    """The 63 province names of the list before 01/7/2025: today's 34 (each kept a former name) and the 29 merged."""
    names = [a.name_vi for a in reference.areas.values() if a.is_current_province or a.kind == "tỉnh cũ"]
    assert len(names) == 63, len(names)
    return names


def table_bytes(names: list[str], years: range = YEARS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu"
    ws.append(["Tốc độ tăng GRDP của các tỉnh, thành phố"])
    ws.append(["Đơn vị tính: %"])
    ws.append(["Tỉnh, thành phố", *years])
    for i, name in enumerate(names):
        ws.append([name, *[round(3 + (i * 7 + y) % 90 / 10, 2) for y in years]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def measure(root: Path, work: Path, runs: int = 3) -> dict:
    """Median seconds to read the table and to import it (read + write + rebuild), on a copy of `root`."""
    data = work / "table-import" / "data"
    if data.exists():
        shutil.rmtree(data)
    for part in ("raw", "curated", "reference"):
        shutil.copytree(root / part, data / part)
    inputs = build.Inputs.from_root(data)
    db = data.parent / "dashboard.duckdb"
    build.run(db, inputs)
    content = table_bytes(former_layout_names(load_reference(inputs.reference)))
    sources = (inputs.curated / "sources.yaml").read_bytes()
    reads, imports, cpu, figures = [], [], [], 0
    for _ in range(runs):
        started = time.perf_counter()
        reading = table_import.read_table(content, "bang-63-tinh.xlsx", inputs=inputs)
        reads.append(time.perf_counter() - started)
        started, started_cpu = time.perf_counter(), time.process_time()
        reading = table_import.read_table(content, "bang-63-tinh.xlsx", inputs=inputs)
        name, figures = table_import.import_table(reading, SOURCE, inputs, db)
        imports.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)  # this process's CPU: what a shared machine does not inflate
        (inputs.curated / name).unlink()  # back to the data as it was, for the next run
        (inputs.curated / "sources.yaml").write_bytes(sources)
    return {"rows": 63, "years": len(YEARS), "figures": figures, "rows_matched": len(reading.matched),
            "read_median_s": statistics.median(reads), "import_median_s": statistics.median(imports),
            "import_all_s": [round(s, 3) for s in imports], "import_cpu_median_s": statistics.median(cpu),
            "runs": runs}


def main() -> None:
    """python -m bench.table_import: this case alone, on a copy of data/ (python -m bench runs it too)."""
    import json
    import tempfile

    from etl import paths

    with tempfile.TemporaryDirectory(prefix="dashboard-bench-table-") as work:
        print(json.dumps(measure(paths.DATA, Path(work), runs=5), ensure_ascii=False))


if __name__ == "__main__":
    main()
