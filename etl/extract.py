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
