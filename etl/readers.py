"""Turning a source file into text; the formats the ETL accepts."""
from __future__ import annotations

from pathlib import Path

from .errors import InputError

DOCUMENT_SUFFIXES = (".txt",)


def document_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)


def read_document(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise InputError("tệp rỗng: không có nội dung để trích", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"không phải UTF-8 (byte lỗi ở vị trí {exc.start}); hãy lưu lại tệp với mã UTF-8", path) from exc
