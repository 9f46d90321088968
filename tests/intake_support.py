"""Builders shared by the data-entry tests: a private copy of the test data folder, its hash, documents made in the test."""
from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from pathlib import Path

import pytest

from etl import build
from etl.reference import load_reference
from fixture_data import FIXTURE, ROOT, make_data_folder  # noqa: F401 (ROOT: used by the intake tests)

SOURCE = FIXTURE / "raw" / "lang-son_ke-hoach-tuyen-truyen-ktxh-2025-2026.txt"
# A font with every Vietnamese letter: Debian's DejaVu Sans (test.sh installs it), or Arial on Windows.
FONT = next((f for f in (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), Path("C:/Windows/Fonts/arial.ttf"))
             if f.exists()), Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))


def copy_data(tmp: Path, build_db: bool = True) -> tuple[build.Inputs, Path]:
    """The test data folder copied under tmp (the tests never write into the repo)."""
    make_data_folder(tmp)
    inputs = build.Inputs.from_root(tmp)
    db = tmp / "build" / "dashboard.duckdb"
    if build_db:
        build.run(db, inputs)
    return inputs, db


def snapshot(root: Path, db: Path | None = None) -> dict[str, str]:
    """Every file under root (and the database) -> its content hash; lock files are not data."""
    files = {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(root.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}
    if db is not None and db.exists():
        files["<db>"] = hashlib.sha256(db.read_bytes()).hexdigest()
    return files


def source_text(path: Path = SOURCE) -> str:
    return path.read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def make_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs(text):
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(text: str) -> bytes:
    """A PDF with a real text layer (fpdf2 with DejaVu Sans, which has every Vietnamese letter)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    for p in paragraphs(text):
        pdf.multi_cell(0, 6, p, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """A page with only a picture-like drawing and no text: what a scanner produces."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for i in range(20):
        pdf.rect(10 + i * 5, 10 + i * 5, 50, 30, style="F")
    return bytes(pdf.output())


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed, tone marks combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        try:
            encoded = ch.encode("cp1258")
        except UnicodeEncodeError:
            encoded = (base + "".join(c for c in decomposed if c in tones)).encode("cp1258")
        out.append(encoded)
    return b"".join(out)


# A new version of Lạng Sơn's plan: same text, two figures changed, so it is not a duplicate.
NEW_TEXT = source_text().replace("8,06%", "8,07%").replace("71 triệu đồng", "72 triệu đồng")


@pytest.fixture()
def data(tmp_path):
    """A private copy of data/ with its database: (inputs, database path, data folder)."""
    inputs, db = copy_data(tmp_path / "data")
    return inputs, db, tmp_path / "data"


@pytest.fixture(scope="module")
def reference():
    return load_reference()
