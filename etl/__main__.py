"""Command line: python -m etl build|check|extract|evaluate."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import duckdb

from . import build, paths
from .errors import InputError, InputErrors
from .extract import explain, extract_file
from .reference import load_reference


def _report(errors: list[InputError]) -> int:
    for e in errors:
        print(str(e), file=sys.stderr)
    print(f"{len(errors)} lỗi: chưa ghi gì, cơ sở dữ liệu cũ (nếu có) giữ nguyên.", file=sys.stderr)
    return 1


def _inputs(data: Path | None) -> build.Inputs:
    return build.Inputs.from_root(data) if data else build.Inputs()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Xây cơ sở dữ liệu từ văn bản và bảng số liệu.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="trích, kiểm tra và ghi cơ sở dữ liệu DuckDB")
    b.add_argument("--out", type=Path, default=None, help="đường dẫn tệp .duckdb (mặc định data/build/dashboard.duckdb)")
    b.add_argument("--data", type=Path, default=None, help="thư mục dữ liệu có raw/, curated/, reference/ (mặc định data/)")
    c = sub.add_parser("check", help="kiểm tra dữ liệu đầu vào, không ghi gì")
    c.add_argument("--data", type=Path, default=None, help="thư mục dữ liệu (mặc định data/)")
    e = sub.add_parser("extract", help="xem những gì trích được từ một văn bản, không ghi gì")
    e.add_argument("file", type=Path)
    e.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    e.add_argument("--explain", action="store_true",
                   help="in từng số liệu với quy tắc quyết định từng yếu tố và tệp từ vựng cần sửa, cùng các số không dùng")
    v = sub.add_parser("evaluate", help="chấm kết quả trích của mọi văn bản trong DIR so với DIR/expected/")
    v.add_argument("dir", type=Path)
    v.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    v.add_argument("--brief", action="store_true", help="chỉ một dòng mỗi văn bản và dòng tổng, không liệt kê chi tiết")
    a = sub.add_parser("add", help="thêm văn bản (.txt, .docx, .pdf) vào data/raw/ rồi xây lại cơ sở dữ liệu")
    a.add_argument("files", type=Path, nargs="+")
    a.add_argument("--out", type=Path, default=None, help="tệp .duckdb (mặc định data/build/dashboard.duckdb)")
    a.add_argument("--data", type=Path, default=None, help="thư mục dữ liệu (mặc định data/)")
    i = sub.add_parser("import-curated", help="nhập mẫu Excel số liệu đã duyệt vào data/curated/ rồi xây lại")
    i.add_argument("file", type=Path)
    i.add_argument("--out", type=Path, default=None, help="tệp .duckdb (mặc định data/build/dashboard.duckdb)")
    i.add_argument("--data", type=Path, default=None, help="thư mục dữ liệu (mặc định data/)")
    t = sub.add_parser("export-template", help="ghi mẫu Excel số liệu đã duyệt (kèm các dòng hiện có)")
    t.add_argument("file", type=Path)
    t.add_argument("--data", type=Path, default=None, help="thư mục dữ liệu (mặc định data/)")
    u = sub.add_parser("update-areas", help="chép mã đơn vị hành chính (gói vietnam-provinces) vào data/reference/")
    u.add_argument("divisions", type=Path, help="tệp nested-divisions.json của gói vietnam-provinces")
    u.add_argument("--package-version", default="2025.10.1")
    u.add_argument("--data-version", default="2025-10-18", help="vietnam_provinces.__data_version__")
    u.add_argument("--data", type=Path, default=None, help="thư mục dữ liệu (mặc định data/)")
    m = sub.add_parser("import-table", help="nhập bảng số liệu đã công bố (.xlsx, .csv) vào data/curated/ rồi xây lại")
    m.add_argument("file", type=Path, help="bảng .xlsx hoặc .csv")
    m.add_argument("--publisher", default="", help="cơ quan công bố, ví dụ 'Cục Thống kê'")
    m.add_argument("--title", default="", help="tên bảng như khi công bố")
    m.add_argument("--date", default="", help="ngày công bố, ví dụ 05/01/2026 hoặc 2026-01-05")
    m.add_argument("--url", default="", help="địa chỉ của bảng")
    m.add_argument("--doc", default="", help="hoặc: tên văn bản trong data/raw/ chứa bảng")
    m.add_argument("--indicator", default=None, help="mã chỉ tiêu khi tiêu đề bảng không nói rõ")
    m.add_argument("--kind", default="actual", choices=["actual", "target"], help="thực hiện hay chỉ tiêu")
    m.add_argument("--year", type=int, default=None, help="năm, cho bảng có chỉ tiêu theo cột")
    m.add_argument("--unit", default=None, help="đơn vị tính khi bảng không ghi")
    m.add_argument("--sheet", default=None, help="trang tính (mặc định trang đầu có bảng)")
    m.add_argument("--dry-run", action="store_true", help="chỉ xem cách đọc, không ghi gì")
    m.add_argument("--out", type=Path, default=None, help="tệp .duckdb (mặc định data/build/dashboard.duckdb)")
    m.add_argument("--data", type=Path, default=None, help="thư mục dữ liệu (mặc định data/)")
    args = parser.parse_args(argv)

    try:
        if args.command == "build":
            started = time.perf_counter()
            out = args.out or paths.default_database()
            result = build.run(out, _inputs(args.data))
            print(f"Đã ghi {out}: {len(result.documents)} văn bản, {len(result.observations)} số liệu, "
                  f"{sum(len(d.tasks) for d in result.documents)} nhiệm vụ "
                  f"({time.perf_counter() - started:.2f} s).")
        elif args.command == "check":
            result = build.process(_inputs(args.data))
            conflicts = sum(1 for o in result.observations if o.conflicts)
            print(f"Dữ liệu hợp lệ: {len(result.documents)} văn bản, {len(result.observations)} số liệu "
                  f"({conflicts} có bất nhất giữa các nguồn), {sum(len(d.tasks) for d in result.documents)} nhiệm vụ.")
        elif args.command == "evaluate":
            _evaluate(args)
        elif args.command == "update-areas":
            from .admin_units import read_divisions, updated_files
            files = updated_files(read_divisions(args.divisions), _inputs(args.data).reference,
                                  package_version=args.package_version, data_version=args.data_version)
            from .admin_units import coded_map
            for path, data in files.items():
                path.write_bytes(data)
                print(f"Đã ghi {path}.")
            geojson = paths.ROOT / "data" / "geo" / "provinces_simplified.geojson"
            geojson.write_text(coded_map(geojson.read_text(encoding="utf-8"), _inputs(args.data).reference),
                               encoding="utf-8")
            print(f"Đã ghi mã tỉnh vào {geojson}.")
        elif args.command == "import-table":
            from . import table_import  # openpyxl: imported only for this command
            return table_import.command(args, _inputs(args.data))
        elif args.command in ("add", "import-curated", "export-template"):
            return _data_entry(args)
        elif args.command == "extract":
            if not args.file.exists():
                raise InputError("không tìm thấy tệp", args.file)
            reference = load_reference()
            extracted = extract_file(args.file, reference)
            payload = extracted.as_json()
            if args.explain:
                print(explain(extracted, reference))
            elif args.json:
                json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
                print()
            else:
                doc = payload["document"]
                print(f"{doc['doc_type']}: {doc['title']}\nCơ quan: {doc['issuer']} ({doc['issuer_level']}), "
                      f"địa bàn: {doc['area_code']}")
                for o in payload["observations"]:
                    print(f"  {o['area_code']} {o['indicator_code']} {o['year']} {o['kind']} {o['operator']} "
                          f"{o['value']} {o['unit']}  «{o['value_text']}»")
                for t in payload["tasks"]:
                    print(f"  [{t['role']}] {t['unit_name']}: {t['task_text'][:70]}")
    except InputErrors as exc:
        return _report(exc.errors)
    except InputError as exc:
        return _report([exc])
    except (OSError, duckdb.Error) as exc:  # disk full, read-only folder…: said plainly, never a traceback
        out = getattr(args, "out", None) or paths.default_database()
        print(f"{build.failure_text(exc, out)}. Chưa ghi gì, cơ sở dữ liệu cũ (nếu có) giữ nguyên.", file=sys.stderr)
        return 2
    return 0


def _evaluate(args) -> None:
    """evaluate: the score is information, so it exits 0 whatever the figures."""
    from . import evaluate

    score = evaluate.evaluate(args.dir)
    if args.json:
        json.dump(score.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(evaluate.summary_lines(score, details=not args.brief)))


def _data_entry(args) -> int:
    """add | import-curated | export-template: the command-line side of the page "Dữ liệu"."""
    from . import curated_template, intake

    inputs = _inputs(args.data)
    if args.command == "export-template":
        args.file.write_bytes(curated_template.export_template(inputs))
        print(f"Đã ghi mẫu {args.file}.")
        return 0
    out = args.out or paths.default_database()
    if args.command == "add":
        failed = 0
        for path, added, problem in intake.add_files(args.files, inputs, out):
            if added:
                print(f"Đã thêm {path} thành {added.file_name}.")
            else:
                failed += 1
                print(problem, file=sys.stderr)
        print(f"{len(args.files) - failed} văn bản đã thêm, {failed} không thêm; cơ sở dữ liệu: {out}.",
              file=sys.stderr if failed else sys.stdout)
        return 1 if failed else 0
    if not args.file.is_file():
        raise InputError("không tìm thấy tệp", args.file)
    template, counts = curated_template.import_template(args.file.read_bytes(), str(args.file), inputs, out)
    for note in template.notes:
        print(note)
    print(f"Đã nhập {args.file}: {counts.get('added', 0)} dòng mới, {counts.get('updated', 0)} dòng sửa, "
          f"{counts.get('unchanged', 0)} dòng không đổi; cơ sở dữ liệu: {out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
