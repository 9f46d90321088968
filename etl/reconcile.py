"""One observation per (area, indicator, year, kind), with every piece of evidence and every disagreement."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .curated import Conflict, CuratedObservation
from .errors import InputError
from .extract import ExtractedDocument
from .numbers import OPERATOR_SYMBOLS
from .observations import ExtractedObservation


@dataclass
class Evidence:
    origin: str  # curated | extracted | derived
    doc_id: str | None = None
    source_url: str | None = None
    publisher: str | None = None
    source_title: str | None = None
    published_on: object = None
    quote: str | None = None
    quote_start: int | None = None
    value_text: str | None = None
    value_start: int | None = None
    stated_operator: str | None = None
    stated_value: float | None = None
    stated_value_upper: float | None = None
    curated_file: str | None = None
    curated_line: int | None = None


@dataclass
class ConflictRow:
    alt_value: float | None
    alt_source: str
    description: str


@dataclass
class Observation:
    obs_id: str
    area_code: str
    indicator_code: str
    year: int
    kind: str
    operator: str
    value: float
    value_upper: float | None
    unit: str
    origin: str
    is_estimate: bool
    note: str | None
    evidence: list[Evidence] = field(default_factory=list)
    conflicts: list[ConflictRow] = field(default_factory=list)
    year_start: int | None = None  # a period's first year (= year for one year; year is then the last)
    status: str = "established"  # established | confirmed | review
    review_reason: str | None = None

    def __post_init__(self):
        if self.year_start is None:
            self.year_start = self.year


def obs_id(key: tuple) -> str:
    """area:indicator:year:kind, or area:indicator:first-last:kind for a period."""
    area, indicator, year, kind, *rest = key
    first = rest[0] if rest else year
    return ":".join([area, indicator, str(year) if first == year else f"{first}-{year}", kind])


def _key(o: ExtractedObservation) -> tuple:
    """(area, indicator, last year, kind, first year): a period never merges with one of its years."""
    return (o.area_code, o.indicator_code, o.period_year, o.kind, o.year_start)


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _shown(op: str, value: float, upper: float | None = None) -> str:
    number = f"{value:g}".replace(".", ",")
    if op == "range":
        return f"{number}–{f'{upper:g}'.replace('.', ',')}"
    return number if op == "=" else f"{OPERATOR_SYMBOLS[op]} {number}"


def _evidence_from(doc_id: str, o: ExtractedObservation) -> Evidence:
    return Evidence(o.origin, doc_id=doc_id, quote=o.quote, quote_start=o.quote_start, value_text=o.value_text,
                    value_start=o.value_start, stated_operator=o.operator, stated_value=o.value,
                    stated_value_upper=o.value_upper)


def reconcile(documents: list[ExtractedDocument], curated: list[CuratedObservation],
              conflicts: list[Conflict]) -> tuple[list[Observation], list[InputError]]:
    errors: list[InputError] = []
    by_file = {d.file_name: d for d in documents}
    extracted: dict[tuple, list[tuple[str, ExtractedObservation]]] = {}
    for d in sorted(documents, key=lambda d: d.doc_id):
        seen_in_doc = set()
        for o in d.observations:
            key = _key(o)
            # one piece of evidence per document and value: the same figure stated twice with different
            # values keeps both, and the difference shows as a conflict
            if (key, o.origin, o.value, o.value_upper) in seen_in_doc:
                continue
            seen_in_doc.add((key, o.origin, o.value, o.value_upper))
            extracted.setdefault(key, []).append((d.doc_id, o))
    curated_by_key = {(*c.key, c.key[2]): c for c in curated}

    observations = []
    for key in sorted(set(extracted) | set(curated_by_key), key=lambda k: (*k[:4], k[4] or 0)):
        found = extracted.get(key, [])
        c = curated_by_key.get(key)
        evidence: list[Evidence] = []
        if c is not None:
            op, value, upper, origin = c.operator, c.value, c.value_upper, "curated"
            docs_with_evidence = set()
            for e in c.evidence:
                if e.doc_file and e.quote:
                    doc = by_file[e.doc_file]
                    start = doc.text.find(e.quote)
                    if start < 0:
                        errors.append(InputError(f"câu trích không có nguyên văn trong {e.doc_file}: «{e.quote[:80]}»",
                                                 f"data/curated/{c.file}", c.line))
                        continue
                    evidence.append(Evidence("curated", doc_id=doc.doc_id, quote=e.quote, quote_start=start,
                                             stated_operator=c.operator, stated_value=c.value,
                                             stated_value_upper=c.value_upper, curated_file=c.file, curated_line=c.line))
                    docs_with_evidence.add(doc.doc_id)
                elif e.doc_file:
                    doc_id = by_file[e.doc_file].doc_id
                    if not any(d == doc_id for d, _ in found):
                        errors.append(InputError(
                            f"nguồn doc:{e.doc_file} không nêu số liệu này ({'/'.join(map(str, key))}); "
                            f"sửa nguồn hoặc thêm doc_file và quote", f"data/curated/{c.file}", c.line))
                else:
                    evidence.append(Evidence("curated", source_url=e.source_url, quote=e.quote, publisher=e.publisher,
                                             source_title=e.source_title, published_on=e.published_on,
                                             stated_operator=c.operator, stated_value=c.value,
                                             stated_value_upper=c.value_upper, curated_file=c.file, curated_line=c.line))
            evidence += [_evidence_from(d, o) for d, o in found if d not in docs_with_evidence]
            is_estimate, note = c.is_estimate, c.note
        else:
            stated = [o for _, o in found if o.origin == "extracted"] or [o for _, o in found]
            votes = Counter((o.operator, o.value, o.value_upper) for o in stated)
            # Counter.most_common keeps first-seen order among ties, so the choice is deterministic.
            op, value, upper = votes.most_common(1)[0][0]
            origin = stated[0].origin
            evidence = [_evidence_from(d, o) for d, o in found]
            is_estimate = False
            note = next((o.note for o in stated if o.note), None)
        status, reason = "established", None
        if c is None:
            trusted = [o for _, o in found if o.status in ("established", "confirmed")]
            if trusted:
                status = "confirmed" if all(o.status == "confirmed" for o in trusted) else "established"
            else:
                status = "review"
                reason = "; ".join(dict.fromkeys(o.review_reason for _, o in found if o.review_reason)) or None
        observation = Observation(obs_id(key), *key[:4], op, value, upper, found[0][1].unit if not c else c.unit,
                                  origin, is_estimate, note, evidence, year_start=key[4], status=status,
                                  review_reason=reason)
        for e in evidence:
            if e.stated_value is not None and not same_value(e.stated_value, value):
                source = e.doc_id or e.source_url or ""
                observation.conflicts.append(ConflictRow(
                    e.stated_value, source,
                    f"{source} ghi {_shown(e.stated_operator, e.stated_value, e.stated_value_upper)}, "
                    f"khác giá trị đang dùng {_shown(op, value, upper)}"))
        observations.append(observation)

    by_key = {(o.area_code, o.indicator_code, o.year, o.kind, o.year_start): o for o in observations}
    for conflict in conflicts:
        key = (conflict.area_code, conflict.indicator_code, conflict.year, conflict.kind, conflict.year)
        if key not in by_key:
            errors.append(InputError(f"không có số liệu {'/'.join(map(str, key))} để ghi bất nhất",
                                     f"data/curated/{conflict.file}", conflict.line))
            continue
        by_key[key].conflicts.append(ConflictRow(conflict.alt_value, conflict.alt_source, conflict.description))
    return observations, errors
