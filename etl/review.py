"""Analysts' review of extracted figures: the ones they rejected (data/curated/rejected_extractions.yaml) and
the ones waiting for review (cần duyệt) they confirmed as read (data/curated/confirmed_extractions.yaml)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .curated import KINDS
from .errors import InputError
from .extract import ExtractedDocument
from .reference import read_yaml

REJECTIONS_FILE = "rejected_extractions.yaml"
CONFIRMATIONS_FILE = "confirmed_extractions.yaml"
CONFIRMATIONS_HEADER = (
    "# Figures the extractor could not establish alone (area, year or kind without explicit evidence: cần duyệt)\n"
    "# that an analyst confirmed as extracted (python -m etl add, page \"Dữ liệu\"). One entry per document and\n"
    "# (area, indicator, year, kind); the build marks these 'confirmed', and charts may use them.\n")
HEADER = ("# Figures the extractor finds in a document that an analyst rejected on review (python -m etl add, page\n"
          "# \"Dữ liệu\"): wrong, or replaced by a corrected row in reviewed_documents.csv. One entry per document\n"
          "# and (area, indicator, year, kind); the build leaves these out of the extracted figures.\n")


@dataclass(frozen=True)
class Rejection:
    doc_file: str
    area_code: str
    indicator_code: str
    year: int
    kind: str
    value_text: str | None = None
    reason: str | None = None

    @property
    def key(self) -> tuple[str, str, str, int, str]:
        return (self.doc_file, self.area_code, self.indicator_code, self.year, self.kind)

    def as_yaml(self) -> dict:
        item = {"doc_file": self.doc_file, "area_code": self.area_code, "indicator_code": self.indicator_code,
                "year": self.year, "kind": self.kind}
        if self.value_text:
            item["value_text"] = self.value_text
        if self.reason:
            item["reason"] = self.reason
        return item


def load_confirmations(folder: Path, raw_files: set[str]) -> tuple[list[Rejection], list[InputError]]:
    """Same entries as rejections (document and figure key), in CONFIRMATIONS_FILE."""
    return load_rejections(folder, raw_files, CONFIRMATIONS_FILE)


def apply_confirmations(documents: list[ExtractedDocument], confirmations: list[Rejection]) -> list[ExtractedDocument]:
    """Figures in review that an analyst confirmed become 'confirmed'."""
    confirmed = {c.key for c in confirmations}
    if not confirmed:
        return documents
    for d in documents:
        for o in d.observations:
            if o.status == "review" and (d.file_name, o.area_code, o.indicator_code, o.period_year, o.kind) in confirmed:
                o.status = "confirmed"
    return documents


def load_rejections(folder: Path, raw_files: set[str],
                    file_name: str = REJECTIONS_FILE) -> tuple[list[Rejection], list[InputError]]:
    path = folder / file_name
    if not path.exists():
        return [], []
    try:
        items = read_yaml(path) or []
    except InputError as exc:
        return [], [exc]
    if not isinstance(items, list):
        return [], [InputError("phải là một danh sách (mỗi mục bắt đầu bằng '- doc_file: …')", path)]
    rejections, errors = [], []
    for i, item in enumerate(items, start=1):
        try:
            if not isinstance(item, dict):
                raise ValueError("không phải một mục doc_file/area_code/…")
            r = Rejection(str(item["doc_file"]), str(item["area_code"]), str(item["indicator_code"]),
                          int(item["year"]), str(item["kind"]), item.get("value_text"), item.get("reason"))
            if r.kind not in KINDS:
                raise ValueError(f"kind '{r.kind}' phải là actual hoặc target")
            if r.doc_file not in raw_files:
                raise ValueError(f"doc_file '{r.doc_file}' không có trong data/raw/")
            rejections.append(r)
        except (KeyError, ValueError, TypeError) as exc:
            errors.append(InputError(f"mục thứ {i}: {exc}", path, getattr(item, "line", None)))
    return rejections, errors


def apply_rejections(documents: list[ExtractedDocument], rejections: list[Rejection]) -> list[ExtractedDocument]:
    """The documents without the figures an analyst rejected."""
    rejected = {r.key for r in rejections}
    if not rejected:
        return documents
    return [replace(d, observations=[o for o in d.observations
                                     if (d.file_name, o.area_code, o.indicator_code, o.period_year, o.kind) not in rejected])
            for d in documents]


def rejections_text(existing: str | None, new: list[Rejection], header: str = HEADER) -> str:
    """The rejections (or confirmations) file with `new` appended (existing entries and comments kept)."""
    text = existing if existing is not None else header
    if text and not text.endswith("\n"):
        text += "\n"
    if new:
        text += yaml.safe_dump([r.as_yaml() for r in new], allow_unicode=True, sort_keys=False)
    return text
