"""What one document yields: metadata, observations, tasks, channels."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .documents import DocumentMeta, extract_metadata
from .readers import read_document
from .observations import DocumentContext, ExtractedObservation, ObservationExtractor, UnusedNumber
from .reference import Reference
from .tasks import Channel, ExtractedTask, extract_channels, extract_tasks
from .text import Document, parse_document


@dataclass
class ExtractedDocument:
    doc_id: str
    file_name: str
    sha256: str
    text: str
    repairs: int
    meta: DocumentMeta
    observations: list[ExtractedObservation]
    tasks: list[ExtractedTask]
    channels: list[Channel]
    unrecognised: list[UnusedNumber] = field(default_factory=list)

    def as_json(self) -> dict:
        document = {"doc_id": self.doc_id, "file_name": self.file_name, "sha256": self.sha256,
                    "page_breaks_repaired": self.repairs, **self.meta.as_json()}
        return {"document": document,
                "observations": [o.as_json() for o in self.observations],
                "tasks": [t.as_json() for t in self.tasks],
                "channels": [{"label": c.label, "category": c.category, "text": c.channel_text} for c in self.channels],
                "unrecognised": [u.as_json() for u in self.unrecognised]}


def extract_text(text: str, reference: Reference, doc_id: str, file_name: str, sha256: str,
                 extractor: ObservationExtractor | None = None) -> ExtractedDocument:
    doc: Document = parse_document(text)
    meta = extract_metadata(doc, reference, doc_id)
    extractor = extractor or ObservationExtractor(reference)
    context = DocumentContext(meta.area_code, meta.results_year, meta.plan_year, meta.issuer_level,
                              meta.area_source, meta.years_source)
    unrecognised: list[UnusedNumber] = []
    observations = extractor.extract(doc, context, unused=unrecognised)
    return ExtractedDocument(doc_id, file_name, sha256, doc.text, doc.repairs, meta, observations,
                             extract_tasks(doc, reference), extract_channels(doc, reference), unrecognised)


def extract_file(path: Path, reference: Reference, extractor: ObservationExtractor | None = None) -> ExtractedDocument:
    text = read_document(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return extract_text(text, reference, path.stem, path.name, sha, extractor)


FACTS_VI = {"indicator": "chỉ tiêu", "area": "địa bàn", "period": "năm", "kind": "loại", "value": "giá trị"}
KIND_VI = {"actual": "thực hiện", "target": "mục tiêu"}


def rule_source(rule: str, reference: Reference) -> str:
    """The file to edit for a rule id: a lexicon entry's file:line, the catalogue, the areas or units list."""
    base = rule
    while base.startswith(("series.", "list.")) and ":" in base:
        base = base.split(":", 1)[1]
    base = base.split(":", 1)[0] if not base.startswith("indicators.yaml") else base
    if base.startswith("indicators.yaml"):
        return "data/reference/indicators.yaml"
    if base.startswith("unit") or base == "numbers":
        return "data/reference/units.csv"
    if base == "operators.yaml":
        return "data/reference/lexicon/operators.yaml"
    if base == "area.name":
        return "data/reference/areas.csv"
    if base == "area.document":
        return "đầu văn bản (nơi ban hành, cơ quan ban hành): data/reference/lexicon/issuers.yaml"
    if base == "period.document":
        return "năm của văn bản (tiêu đề, ngày ban hành)"
    if reference.lexicon is not None:
        for e in reference.lexicon.entries:
            if e.id == base:
                return e.source
    return "etl/observations.py (quy tắc trong mã)"


def explain(extracted: ExtractedDocument, reference: Reference) -> str:
    """Each figure with the rule behind each fact and the file to edit, then the numbers left unused."""
    m = extracted.meta
    lines = [f"{m.doc_type or 'Văn bản'}: {m.title or extracted.file_name}",
             f"Cơ quan: {m.issuer or '—'} (cấp {m.issuer_level or '—'}), địa bàn: {m.area_code or '—'}, "
             f"năm kết quả/kế hoạch: {m.results_year}/{m.plan_year} (theo {m.years_source or 'không rõ'})", ""]
    for i, o in enumerate(extracted.observations, start=1):
        period = str(o.year) if o.year is not None else f"{o.year_start}–{o.year_end}"
        name = reference.indicators[o.indicator_code].name_vi if o.indicator_code in reference.indicators else o.indicator_code
        status = "đã xác định" if o.status == "established" else f"CẦN DUYỆT ({o.review_reason})"
        lines.append(f"{i}. «{o.value_text}» → {name} | {o.area_code} | {period} | {KIND_VI.get(o.kind, o.kind)} | "
                     f"{o.operator} {o.value:g}{'' if o.value_upper is None else f'–{o.value_upper:g}'} {o.unit} | {status}")
        lines.append(f"   câu: {o.quote}")
        for fact, rule in o.rules.items():
            lines.append(f"   {FACTS_VI.get(fact, fact)}: {rule}  [sửa: {rule_source(rule, reference)}]")
    lines.append("")
    lines.append(f"Số có đơn vị không dùng ({len(extracted.unrecognised)}):")
    for u in extracted.unrecognised:
        where = rule_source(u.rule, reference) if u.rule else "data/reference/indicators.yaml (thêm cách gọi chỉ tiêu)"
        lines.append(f"  «{u.value_text}» tại {u.offset}: {u.reason}  [sửa: {where}]")
        lines.append(f"     câu: {u.quote}")
    return "\n".join(lines)
