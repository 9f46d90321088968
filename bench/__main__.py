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
    args = parser.parse_args(argv)
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    report = run(scales, args.out, seed=args.seed, quick=args.quick, work=args.work,
                 log=lambda m: print(m, file=sys.stderr, flush=True), table=args.table)
    print(render(report))
    print(f"\nJSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
