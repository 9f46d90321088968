"""Figures in a document: which indicator, area, year, actual or target, operator, value, quote."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import Quantity, parse_number, quantity_from_match, quantity_pattern
from .reference import Indicator, Reference
from .text import Document, Paragraph, sentences

# Where a figure's own statement starts: a clause boundary before it.
_BOUNDARY = re.compile(r";|:|\(\d{1,2}\)|, trong đó|\.\s")
_TARGET_CUES = ["phấn đấu", "phần đầu đạt", "chỉ tiêu", "mục tiêu", "kế hoạch năm", "dự kiến", "định hướng"]
_ACTUAL_CUES = ["hoàn thành chỉ tiêu", "vượt chỉ tiêu", "đạt chỉ tiêu", "vượt kế hoạch", "vượt mục tiêu",
                "hoàn thành mục tiêu", "kết quả", "đã đạt", "đạt được", "ước đạt", "ước tính"]
_CUES = re.compile("|".join(re.escape(c) for c in sorted(_TARGET_CUES + _ACTUAL_CUES, key=len, reverse=True)))
_NATIONAL_CUES = re.compile(r"\bgdp\b|cả nước|việt nam|đất nước|quốc gia|toàn quốc|nhà nước đạt kỷ lục")
_LOCAL_CUES = re.compile(r"\bgrdp\b|địa bàn|\btỉnh\b|toàn tỉnh|thành phố|phường|\bxã\b(?! hội)")
# Set phrases that carry a cue word without its meaning ("chương trình mục tiêu quốc gia" runs in every province).
_NEUTRAL_PHRASES = re.compile(r"chương trình mục tiêu quốc gia|mục tiêu quốc gia|cơ sở dữ liệu quốc gia|dữ liệu quốc gia|"
                              r"an ninh quốc gia|chuyển đổi số quốc gia")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_RANK = re.compile(r"xếp (?:thứ|hạng)\s+(?P<rank>\d{1,3})(?:\s*/\s*(?P<of>\d{1,3}))?")
_REGION_RANK = re.compile(r"^[^;.]*?,\s*(?P<rank>\d{1,2})\s*/\s*(?P<of>\d{1,2})\s+tỉnh(?:, thành phố)?\s+(?:vùng|khu vực)")
_DIFFERENCE = re.compile(
    r"(?P<dir>cao|thấp) hơn (?:năm )?(?P<year>20\d\d)\s+(?:là\s+)?(?P<num>\d+(?:,\d+)?)\s*(?:điểm\s*%|điểm phần trăm)")


@dataclass
class ExtractedObservation:
    area_code: str
    indicator_code: str
    year: int
    kind: str  # actual | target
    operator: str
    value: float
    value_upper: float | None
    unit: str
    origin: str  # extracted | derived
    quote: str
    quote_start: int
    value_text: str
    value_start: int
    note: str | None = None

    def as_json(self) -> dict:
        return {"area_code": self.area_code, "indicator_code": self.indicator_code, "year": self.year,
                "kind": self.kind, "operator": self.operator, "value": self.value,
                "value_upper": self.value_upper, "unit": self.unit, "origin": self.origin,
                "quote": self.quote, "quote_start": self.quote_start, "value_text": self.value_text,
                "value_start": self.value_start}


class ObservationExtractor:
    def __init__(self, reference: Reference):
        self.reference = reference
        self.quantity = quantity_pattern(reference.units)
        phrases = []  # (phrase, indicator, is_national)
        for ind in reference.indicators.values():
            phrases += [(p, ind, False) for p in ind.phrases]
            phrases += [(p, ind, True) for p in ind.national_phrases]
        self.phrases = sorted(phrases, key=lambda x: len(x[0]), reverse=True)
        self.phrase_patterns = [(re.compile(rf"(?<!\w){re.escape(p)}(?!\w)"), p, ind, nat) for p, ind, nat in self.phrases]

    def extract(self, doc: Document, area_code: str | None, results_year: int, plan_year: int) -> list[ExtractedObservation]:
        found: list[ExtractedObservation] = []
        for paragraph in doc.paragraphs:
            for offset, sentence in sentences(paragraph):
                if not self.quantity.search(sentence) and "xếp" not in sentence:
                    continue
                found += self._sentence(doc, paragraph, offset, sentence, area_code, results_year, plan_year)
        return found

    # -- one sentence ---------------------------------------------------------------------------
    def _sentence(self, doc, paragraph, offset, sentence, doc_area, results_year, plan_year):
        lower = _mask_neutral(sentence.lower())
        result: list[ExtractedObservation] = []
        consumed: set[int] = set()  # phrase positions already used by an earlier figure
        for m in self.quantity.finditer(sentence):
            try:
                quantity = quantity_from_match(m, self.reference.units)
            except ValueError:
                continue
            window_start = self._window_start(sentence, m.start())
            choice = self._indicator_for(quantity, lower, window_start, m.start(), consumed)
            if choice is None:
                continue
            indicator, phrase_pos, is_national = choice
            if phrase_pos is not None:
                consumed.add(phrase_pos)
            area = self._area(indicator, is_national, lower, window_start, m.start(), paragraph, doc_area)
            if area is None:
                continue
            kind, year = self._kind_and_year(lower, window_start, m.start(), paragraph, doc, offset,
                                             results_year, plan_year)
            result.append(self._make(indicator, area, year, kind, quantity, sentence, offset, window_start,
                                     m.start("num") if not m.group("qual") else m.start(), m.end(), "extracted"))
        result += self._ranks(sentence, lower, offset, paragraph, doc, doc_area, result, results_year, plan_year)
        result += self._differences(sentence, lower, offset, result)
        return result

    def _phrases_in(self, text: str, start: int, end: int):
        """Every indicator phrase in text[start:end], including phrases inside longer ones."""
        window = text[start:end]
        for pattern, phrase, indicator, is_national in self.phrase_patterns:
            # A plain substring test first: most of the catalogue's phrases are absent from any one window,
            # and running every phrase's regex on every figure was the ETL's hot spot at national scale.
            if phrase not in window:
                continue
            for m in pattern.finditer(text, start, end):
                yield phrase, m.start(), m.end(), indicator, is_national

    @staticmethod
    def _window_start(sentence: str, position: int) -> int:
        start = 0
        for b in _BOUNDARY.finditer(sentence, 0, position):
            start = b.end()
        # A figure inside brackets speaks of what is in the brackets only.
        opening = sentence.rfind("(", start, position)
        if opening != -1 and sentence.find(")", opening, position) == -1:
            start = opening + 1
        return start

    def _indicator_for(self, quantity: Quantity, lower: str, start: int, end: int, consumed: set[int]):
        if quantity.indicator_code:
            return self.reference.indicators[quantity.indicator_code], None, False
        best = None
        for phrase, pos, stop, indicator, is_national in self._phrases_in(lower, start, end):
            if indicator.unit != quantity.unit or pos in consumed:
                continue
            key = (stop, len(phrase))
            if best is None or key > best[0]:
                best = (key, indicator, pos, is_national)
        if best is None:
            return None
        return best[1], best[2], best[3]

    def _area(self, indicator: Indicator, is_national: bool, lower: str, start: int, end: int,
              paragraph: Paragraph, doc_area: str | None) -> str | None:
        if is_national:
            return "vn"
        for text in (lower[start:end], lower[:end]):
            verdict = _nearest_scope(text)
            if verdict:
                return "vn" if verdict == "national" else doc_area
        for heading in reversed(paragraph.headings):
            verdict = _nearest_scope(_mask_neutral(heading.text.lower()))
            if verdict:
                return "vn" if verdict == "national" else doc_area
        return "vn" if indicator.scope == "national" else doc_area

    def _kind_and_year(self, lower, start, end, paragraph, doc, offset, results_year, plan_year):
        para_prefix = _mask_neutral(doc.text[paragraph.start:offset].lower()) + lower[:end]
        kind = None
        for text in (lower[start:end], para_prefix):
            cues = list(_CUES.finditer(text))
            if cues:
                kind = "target" if cues[-1].group(0) in _TARGET_CUES else "actual"
                break
        if kind is None:
            # A heading decides only when it speaks of one thing ("Chỉ tiêu chủ yếu"), not of
            # "kết quả năm 2025 và mục tiêu năm 2026" together.
            for heading in reversed(paragraph.headings):
                found = {("target" if c.group(0) in _TARGET_CUES else "actual")
                         for c in _CUES.finditer(_mask_neutral(heading.text.lower()))}
                if len(found) == 1:
                    kind = found.pop()
                    break
        kind = kind or "actual"
        year = None
        for text in (lower[start:end], para_prefix):
            years = [int(y) for y in _YEAR.findall(text)]
            if years:
                year = years[-1]
                break
        if year is None:
            for heading in reversed(paragraph.headings):
                years = set(int(y) for y in _YEAR.findall(heading.text))
                if len(years) == 1:
                    year = years.pop()
                    break
        if year is None:
            year = plan_year if kind == "target" else results_year
        return kind, year

    def _make(self, indicator, area, year, kind, quantity: Quantity, sentence, offset, window_start,
              value_start, value_end, origin, note=None):
        quote_start, quote_end = _quote_span(sentence, window_start, value_end)
        return ExtractedObservation(
            area, indicator.code, year, kind, quantity.operator, quantity.value, quantity.value_upper,
            quantity.unit, origin, sentence[quote_start:quote_end], offset + quote_start,
            sentence[value_start:value_end], offset + value_start, note)

    def _ranks(self, sentence, lower, offset, paragraph, doc, doc_area, found, results_year, plan_year):
        result = []
        rank_indicators = [i for i in self.reference.indicators.values() if i.unit == "hạng"]
        for m in _RANK.finditer(lower):
            window_start = self._window_start(sentence, m.start())
            named = None
            for phrase, pos, stop, ind, _ in self._phrases_in(lower, window_start, m.start()):
                if ind in rank_indicators and (named is None or stop > named[1]):
                    named = (ind, stop)
            growth = [o for o in found if o.indicator_code == "grdp_growth" and o.value_start < offset + m.start()]
            rank = Quantity("=", float(m.group("rank")), "hạng")
            tail = lower[m.end():]
            if named:
                indicator = named[0]
                area = self._area(indicator, False, lower, window_start, m.start(), paragraph, doc_area)
                kind, year = self._kind_and_year(lower, window_start, m.start(), paragraph, doc, offset,
                                                 results_year, plan_year)
            elif growth:
                of = m.group("of")
                national = (of and int(of) == len([a for a in self.reference.areas.values() if a.is_current_province])) \
                    or bool(re.match(r"[^;.]*?cả nước", tail))
                if not national:
                    continue
                indicator = self.reference.indicators["growth_rank_national"]
                area, kind, year = growth[-1].area_code, growth[-1].kind, growth[-1].year
            else:
                continue
            if area is None:
                continue
            result.append(self._make(indicator, area, year, kind, rank, sentence, offset, window_start,
                                     m.start(), m.end(), "extracted"))
            region = _REGION_RANK.match(tail)
            if growth and region and "growth_rank_region" in self.reference.indicators:
                r = Quantity("=", float(region.group("rank")), "hạng")
                end = m.end() + region.end()
                result.append(self._make(self.reference.indicators["growth_rank_region"], area, year, kind, r,
                                         sentence, offset, window_start, m.end() + region.start("rank"), end,
                                         "extracted", note=f"{region.group('rank')}/{region.group('of')} tỉnh trong vùng"))
        return result

    def _differences(self, sentence, lower, offset, found):
        """`cao hơn năm 2024 0,48 điểm%` after a rate gives that year's rate, marked as derived."""
        result = []
        for m in _DIFFERENCE.finditer(lower):
            base = [o for o in found if o.unit == "%" and o.origin == "extracted" and o.value_start < offset + m.start()]
            if not base:
                continue
            b = base[-1]
            diff = parse_number(m.group("num"))
            value = b.value - diff if m.group("dir") == "cao" else b.value + diff
            quote_start = b.quote_start - offset
            result.append(ExtractedObservation(
                b.area_code, b.indicator_code, int(m.group("year")), b.kind, b.operator, round(value, 6), None,
                b.unit, "derived", sentence[quote_start:m.end()], b.quote_start,
                sentence[m.start():m.end()], offset + m.start(),
                note=f"Suy ra: {b.value_text} {'trừ' if m.group('dir') == 'cao' else 'cộng'} {m.group('num')} điểm %"))
        return result


def _mask_neutral(text: str) -> str:
    return _NEUTRAL_PHRASES.sub(lambda m: " " * len(m.group(0)), text)


def _nearest_scope(text: str) -> str | None:
    national = [m.end() for m in _NATIONAL_CUES.finditer(text)]
    local = [m.end() for m in _LOCAL_CUES.finditer(text)]
    if not national and not local:
        return None
    return "national" if max(national, default=-1) > max(local, default=-1) else "local"


def _quote_span(sentence: str, window_start: int, value_end: int) -> tuple[int, int]:
    """From the figure's clause start to the end of its clause, without list marks."""
    start = window_start
    while start < len(sentence) and sentence[start] in " -–+•\t":
        start += 1
    stop = len(sentence)
    for b in re.finditer(r";|\.\s|\(\d{1,2}\)", sentence[value_end:]):
        stop = value_end + b.start()
        break
    return start, len(sentence[:stop].rstrip(" ,."))
