"""python -m bench [--scales today,national,x4] [--out bench/results/latest.json] [--quick]"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .run import run
from .table import render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scales", default="today,national,x4",
                        help="comma-separated: today (data/ as is), small (CI), national, x4")
    parser.add_argument("--out", type=Path, default=Path("bench/results/latest.json"))
    parser.add_argument("--quick", action="store_true", help="one or two runs of everything (smoke test)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--work", type=Path, default=None, help="keep generated data and databases here")
    parser.add_argument("--table", action=argparse.BooleanOptionalAction, default=True,
                        help="time the import of a published 63 × 10 table (on a copy of data/)")
    parser.add_argument("--extraction", default="",
                        help="also time extraction of texts of one figure per line, e.g. 40K,1M,20M (issue 12)")
    args = parser.parse_args(argv)
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    report = run(scales, args.out, seed=args.seed, quick=args.quick, work=args.work,
                 log=lambda m: print(m, file=sys.stderr, flush=True), table=args.table,
                 extraction=[s.strip() for s in args.extraction.split(",") if s.strip()])
    print(render(report))
    for name, entry in report["scales"].items():
        if "extraction_score" in entry:
            print(f"Trích xuất so với manifest ({name}): {entry['extraction_score']}")
    for row in report.get("extraction", []):
        print(f"Trích xuất {row['size']} ({row['bytes']} byte, {row['figures']} số liệu): {row['seconds']} s")
    print(f"\nJSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
