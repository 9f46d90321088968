"""The briefing pack as files: a workbook (.xlsx), a deck (.pptx), a Word report (.docx) and a PDF handout.

Each format has its own module; all of them show one Briefing (dashboard/briefing.py), read once.
"""
from __future__ import annotations

from pathlib import Path

from ..briefing import Briefing, load
from ..exports import XLSX_MIME, file_name
from . import deck, handout, report, workbook

# kind -> (file name prefix, builder, MIME type); the order is the order of the sidebar buttons and the CLI output
FORMATS = {
    "xlsx": ("so-lieu", workbook.build, XLSX_MIME),
    "pptx": ("trinh-chieu", deck.build, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "docx": ("bao-cao", report.build, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("tai-lieu-phat-tay", handout.build, "application/pdf"),
}


def file_names(actual_year: int, target_year: int) -> dict[str, str]:
    stem = f"hop-giao-ban-ktxh-{actual_year}-{target_year}"
    return {kind: file_name(f"{prefix}-{stem}", kind) for kind, (prefix, _, _) in FORMATS.items()}


def build(kind: str, b: Briefing) -> bytes:
    return FORMATS[kind][1](b)


def build_for(kind: str, provinces: list[str] | None = None) -> bytes:
    """One file of the pack for the provinces the URL names (unknown codes dropped: the page said so already)."""
    return build(kind, load(provinces, drop_unknown=True))


def write(out_dir: Path, provinces: list[str] | None = None) -> list[Path]:
    """Write every file of the pack into out_dir; returns their paths."""
    b = load(provinces)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = file_names(b.actual_year, b.target_year)
    written = []
    for kind in FORMATS:
        path = out_dir / names[kind]
        path.write_bytes(build(kind, b))
        written.append(path)
    return written
