"""Document metadata: type, title, issuer and level, area, place and date, references, signer."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from .reference import Reference
from .text import Document

from .lexicon import load_lexicon, scan

# Header word in capitals -> the type as shown (lexicon/doc_types.yaml).
DOC_TYPES = {w: e.get("name") for e in load_lexicon()["doc_types"] for w in e.words}
_REF_TYPES = "|".join(sorted({v for v in DOC_TYPES.values()}, key=len, reverse=True))
REFERENCE_PATTERN = re.compile(
    rf"(?P<type>{_REF_TYPES}) số\s+(?P<number>\d+[\w\-/Đđ]*)"
    r"(?:,?\s*ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?"
    r"(?:\s+(?:của|do)\s+(?P<issuer>.+?))?(?=\s+(?:về|theo)\s|\s*[;:,]|\.\s|\.$|$)", re.IGNORECASE)
PLACE_DATE = re.compile(r"^(?P<place>[^\d,\n]{2,40}),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})",
                        re.MULTILINE)
DOC_NUMBER = re.compile(r"^Số:\s*(?P<number>[^\n]*)$", re.MULTILINE)


def _issuer_pattern(lexicon) -> re.Pattern:
    """`…, <issuing body> <verb>`: the bodies and verbs are lexicon/issuers.yaml and issuer_verbs.yaml."""
    bodies = "|".join(re.escape(w) for e in lexicon["issuers"] for w in sorted(e.words, key=len, reverse=True))
    verbs = "|".join(re.escape(w) for e in lexicon["issuer_verbs"] for w in sorted(e.words, key=len, reverse=True))
    return re.compile(rf"(?:,|;)\s*(?P<issuer>(?:{bodies})[^,;:]{{2,120}}?)\s+(?:{verbs})\b")
SIGNATURE_MARK = re.compile(r"^(?:T/M|TM\.|K/T|KT\.|Q\.|TL\.|T/L|TUQ\.)", re.MULTILINE)
PERSON_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")


@dataclass
class DocumentReference:
    ref_type: str
    ref_number: str
    ref_date: dt.date | None
    ref_issuer: str | None
    quote: str


@dataclass
class DocumentMeta:
    doc_type: str | None
    title: str | None
    doc_number: str | None
    issuer: str | None
    issuer_level: str | None
    area_code: str | None
    area_source: str | None  # how the area was found: "nội dung" or "tên tệp"
    place: str | None
    issued_on: dt.date | None
    issued_year: int | None
    signer: str | None
    signer_title: str | None
    results_year: int | None
    plan_year: int | None
    references: list[DocumentReference] = field(default_factory=list)
    years_source: str | None = None  # "tiêu đề", "ngày ban hành", "ngày văn bản được căn cứ"

    def as_json(self) -> dict:
        d = asdict(self)
        d["issued_on"] = self.issued_on.isoformat() if self.issued_on else None
        for r in d["references"]:
            r["ref_date"] = r["ref_date"].isoformat() if r["ref_date"] else None
        return d


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    d, m, y = (int(x) for x in text.split("/"))
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def extract_metadata(doc: Document, reference: Reference, file_stem: str) -> DocumentMeta:
    lexicon = reference.lexicon or load_lexicon()
    doc_types = {w: e.get("name") for e in lexicon["doc_types"] for w in e.words}
    paragraphs = [p.text for p in doc.paragraphs]
    doc_type = title = None
    for i, text in enumerate(paragraphs[:8]):
        if text.strip().upper() in doc_types and text.strip().isupper():
            doc_type = doc_types[text.strip().upper()]
            title = " ".join(paragraphs[i + 1].split()) if i + 1 < len(paragraphs) else None
            # "KẾ HOẠCH / đẩy mạnh tuyên truyền…": the title continues the type's line
            title = title[:1].upper() + title[1:] if title else title
            break
    head = "\n\n".join(paragraphs[:12])
    number = DOC_NUMBER.search(head)
    doc_number = number.group("number").strip() if number else None

    place = issued_on = issued_year = None
    pd = PLACE_DATE.search(head)
    if pd:
        place = pd.group("place").strip()
        issued_year = int(pd.group("y"))
        if pd.group("d") and pd.group("m"):
            issued_on = _date(f"{pd.group('d')}/{pd.group('m')}/{pd.group('y')}")

    area_code, area_source = _area(doc.text, reference, file_stem, place)
    area_name = reference.areas[area_code].name_vi if area_code else None
    issuer, level = _issuer(head, doc_number, reference, area_name, doc.text, lexicon)

    references = []
    seen = set()
    for text in [title or "", *paragraphs[:12]]:
        for m in REFERENCE_PATTERN.finditer(text):
            key = m.group("number")
            if key in seen:
                continue
            seen.add(key)
            references.append(DocumentReference(m.group("type").capitalize(), key, _date(m.group("date")),
                                                (m.group("issuer") or "").strip() or None, m.group(0).strip()))

    signer, signer_title = _signature(paragraphs)
    results_year, plan_year, years_source = _years(title, issued_year, references)
    return DocumentMeta(doc_type, title, doc_number, issuer, level, area_code, area_source, place, issued_on,
                        issued_year, signer, signer_title, results_year, plan_year, references, years_source)


def _years(title: str | None, issued_year: int | None, references: list[DocumentReference]):
    """The year reported on and the year planned for, from the text only (never today's date).

    The title's years first ("kết quả năm 2025 … năm 2026"); else the document's own date, else the date of
    the latest document it answers (it was written after it): a document of year Y reports on Y-1, plans Y.
    """
    years = sorted({int(y) for y in re.findall(r"năm (20\d\d)", title or "")})
    if years:
        results_year = years[0]
        return results_year, years[-1] if len(years) > 1 else results_year + 1, "tiêu đề"
    if issued_year:
        return issued_year - 1, issued_year, "ngày ban hành"
    dated = [r.ref_date.year for r in references if r.ref_date]
    if dated:
        return max(dated) - 1, max(dated), "ngày văn bản được căn cứ"
    return None, None, None


def _area(text: str, reference: Reference, file_stem: str, place: str | None) -> tuple[str | None, str | None]:
    """The province a document speaks for: its place line, else the province it names most."""
    # A former province stays itself: its documents predate the merger and speak of it alone.
    names = {a.name_vi.lower(): a.area_code for a in reference.areas.values() if a.area_code != "vn"}
    if place and place.lower() in names:
        return names[place.lower()], "nơi ban hành"
    by_name = {a.name_vi: a.area_code for a in reference.areas.values() if a.area_code != "vn"}
    # Case matters: "Hòa Bình" is a former province, "hòa bình" is peace. One pass over the text.
    pattern = re.compile(r"(?:" + "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True)) + r")(?!\w)")
    counts: dict[str, int] = {}
    for m in scan(pattern, text, True):
        code = by_name[m.group(0)]
        counts[code] = counts.get(code, 0) + 1
    if counts:
        best = max(sorted(counts), key=lambda c: counts[c])
        return best, "nội dung"
    for code, area in reference.areas.items():
        if code != "vn" and (file_stem == code or file_stem.startswith(code + "_") or file_stem.startswith(code + "-")):
            return area.merged_into or code, "tên tệp"
    return None, None


def _level(issuer: str, lexicon) -> str:
    """ward, department or central by the words of lexicon/issuer_levels.yaml (in its order), else province."""
    low = issuer.lower()
    for e in lexicon["issuer_levels"]:
        if e.regex().search(low):
            return e.get("level")
    return "province"


def _issuer(head: str, doc_number: str | None, reference: Reference, area_name: str | None, text: str, lexicon):
    m = _issuer_pattern(lexicon).search(head)
    if m:
        issuer = " ".join(m.group("issuer").split())
        level = _level(issuer, lexicon)
        if level == "ward":
            ward = re.search(r"phường ([A-ZĐÀ-Ỹ][\wà-ỹ]*(?: [A-ZĐÀ-Ỹ][\wà-ỹ]*){0,3})", text)
            if ward and issuer.lower().endswith("phường"):
                issuer = f"{issuer} {ward.group(1)}"
        elif area_name and re.search(r"\b(tỉnh|thành phố)$", issuer):
            issuer = f"{issuer} {area_name}"
        elif area_name and re.search(r"(Tỉnh|Thành) [uủ]ỷ?$", issuer):
            issuer = f"{issuer} {area_name}"
        return issuer, level
    if doc_number:
        code = doc_number.rsplit("-", 1)[-1].strip().upper()
        if code in reference.issuer_codes:
            name, level = reference.issuer_codes[code]
            if area_name and level in ("department", "province"):
                name = f"{name} {area_name}"
            return name, level
    return None, None


def _signature(paragraphs: list[str]) -> tuple[str | None, str | None]:
    title = None
    for text in paragraphs:
        if SIGNATURE_MARK.match(text) and text.isupper():
            title = ", ".join(line.strip() for line in text.splitlines() if line.strip())
    signer = None
    for text in reversed(paragraphs[-4:]):
        if PERSON_NAME.match(text.strip()):
            signer = text.strip()
            break
    return signer, title
