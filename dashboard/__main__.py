"""Command line: `python -m dashboard briefing --out-dir DIR [--provinces lang-son,cao-bang]` (no Streamlit)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from etl.errors import InputError, InputErrors

from . import db, pack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Tài liệu xuất từ bảng điều khiển.")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser(
        "briefing", help="sổ số liệu (.xlsx), bài trình chiếu (.pptx), báo cáo (.docx) và tài liệu phát tay (.pdf) cho họp giao ban")
    command.add_argument("--out-dir", type=Path, required=True, help="thư mục ghi các tệp")
    command.add_argument("--provinces", default="",
                      help="mã tỉnh làm nổi bật, cách nhau bằng dấu phẩy (mặc định: các tỉnh có văn bản)")
    commands.add_parser("password", help="đặt mật khẩu cho trang Dữ liệu khi mở ứng dụng cho mạng nội bộ")
    args = parser.parse_args(argv)
    if args.command == "password":
        return _password()

    started = time.perf_counter()
    try:
        if db.ensure_database():
            print(f"Đã xây cơ sở dữ liệu {db.paths.default_database()}", file=sys.stderr)
    except (InputError, InputErrors) as exc:
        print(f"Dữ liệu đầu vào có lỗi, chưa xây được cơ sở dữ liệu:\n{exc}", file=sys.stderr)
        return 1
    provinces = [p.strip() for p in args.provinces.split(",") if p.strip()] or None
    try:
        written = pack.write(args.out_dir, provinces)
    except ValueError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    print(f"Xong sau {time.perf_counter() - started:.2f} s.", file=sys.stderr)
    return 0


def _password() -> int:
    """Ask for the password twice and print the line for .streamlit/secrets.toml (the password is kept nowhere)."""
    import getpass

    from .access import SECRET_NAME, password_hash

    password = getpass.getpass("Mật khẩu mới cho trang Dữ liệu: ")
    if len(password) < 10:
        print("Mật khẩu cần ít nhất 10 ký tự.", file=sys.stderr)
        return 1
    if getpass.getpass("Nhập lại: ") != password:
        print("Hai lần nhập không giống nhau.", file=sys.stderr)
        return 1
    print("Ghi dòng sau vào .streamlit/secrets.toml (tệp này không đưa vào git):", file=sys.stderr)
    print(f'{SECRET_NAME} = "{password_hash(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
