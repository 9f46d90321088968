"""Figures in a document: which indicator, area, period, actual or target, operator, value, quote.

Each fact of a figure is decided by a rule of the lexicon (`data/reference/lexicon/`) or the catalogue,
and the rule's id is kept with the figure. A fact with no evidence in the text leaves the figure in
review (`status = "review"`, with the reason in Vietnamese) instead of guessing.

Cost is linear in the length of the text: every cue, area, period and boundary of a paragraph is found
in one pass, and each figure looks up the nearest ones by bisection; windows are bounded.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .numbers import Quantity, parse_number, quantity_from_match, quantity_pattern
from .lexicon import scan
from .reference import Indicator, Reference
from .text import Document, Paragraph, sentences

# Where a figure's own statement starts: a clause boundary before it.
_BOUNDARY = re.compile(r";|:|\n|\(\d{1,2}\)|, trong đó|\.\s")
_QUOTE_END = re.compile(r";|\n|\.\s|\(\d{1,2}\)")
WINDOW = 400  # the farthest (in characters) an indicator phrase may stand before its figure
_RANK = re.compile(r"(?:xếp|đứng)\s+(?:thứ|hạng)\s+(?P<rank>\d{1,3})(?:\s*/\s*(?P<of>\d{1,3}))?")
_REGION_RANK = re.compile(r"^[^;.]*?,\s*(?P<rank>\d{1,2})\s*/\s*(?P<of>\d{1,2})\s+tỉnh(?:, thành phố)?\s+(?:vùng|khu vực)")
_REGION_WORDS = re.compile(r"^[^;.]{0,40}?(?:trong\s+)?(?:vùng|khu vực)\b")
_DIFFERENCE = re.compile(
    r"(?P<dir>cao|thấp) hơn (?:năm )?(?P<year>20\d\d)\s+(?:là\s+)?(?P<num>\d+(?:,\d+)?)\s*(?:điểm\s*%|điểm phần trăm)")
_NUMBER_START = re.compile(r"\d+")
_NOT_BEFORE_NUMBER = set("0123456789.,/")
_YEAR_WORD = re.compile(r"(?:năm|giai đoạn)\s*\Z")
_LABEL_GAP = re.compile(r"\s*:\s*")
_WORD = re.compile(r"(?<!\w)\w+")
_AFTER_VALUE_GAP = re.compile(r"\s*\(?\s*(?:trong\s+)?")

REVIEW = "review"
ESTABLISHED = "established"


@dataclass
class ExtractedObservation:
    area_code: str
    indicator_code: str
    year: int | None  # None for a period; see year_start/year_end
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
    year_start: int | None = None
    year_end: int | None = None
    status: str = ESTABLISHED
    review_reason: str | None = None
    rules: dict = field(default_factory=dict)  # fact -> rule id

    def __post_init__(self):
        if self.year_start is None and self.year is not None:
            self.year_start = self.year_end = self.year

    @property
    def period_year(self) -> int:
        """The year the figure is filed under: the year itself, or a period's last year."""
        return self.year if self.year is not None else self.year_end

    def as_json(self) -> dict:
        return {"area_code": self.area_code, "indicator_code": self.indicator_code, "year": self.year,
                "year_start": self.year_start, "year_end": self.year_end,
                "kind": self.kind, "operator": self.operator, "value": self.value,
                "value_upper": self.value_upper, "unit": self.unit, "origin": self.origin,
                "quote": self.quote, "quote_start": self.quote_start, "value_text": self.value_text,
                "value_start": self.value_start, "status": self.status, "review_reason": self.review_reason,
                "rules": dict(self.rules), "note": self.note}


@dataclass
class UnusedNumber:
    """A number with a unit that gave no figure: no indicator named it, or it belongs to no single area."""
    value_text: str
    quote: str
    offset: int
    reason: str
    rule: str | None = None

    def as_json(self) -> dict:
        return {"value_text": self.value_text, "quote": self.quote, "offset": self.offset, "reason": self.reason,
                "rule": self.rule}


@dataclass
class DocumentContext:
    """What the document says about itself, for figures that name nothing else."""
    area_code: str | None
    results_year: int | None
    plan_year: int | None
    issuer_level: str | None = None
    area_source: str | None = None
    years_source: str | None = None


class _Marks:
    """Positions of one kind of mark in a paragraph, sorted, for 'the nearest one before'."""

    def __init__(self, items: list[tuple[int, int, object]]):
        self.items = sorted(items, key=lambda x: x[0])
        self.starts = [s for s, _, _ in self.items]

    def last_before(self, lo: int, hi: int, accept=None):
        """The last mark starting in [lo, hi) (and ending by hi) that `accept` takes."""
        i = bisect_left(self.starts, hi) - 1
        while i >= 0 and self.items[i][0] >= lo:
            item = self.items[i]
            if item[1] <= hi and (accept is None or accept(item[2])):
                return item
            i -= 1
        return None

    def first_from(self, lo: int, hi: int):
        i = bisect_left(self.starts, lo)
        if i < len(self.items) and self.items[i][0] < hi:
            return self.items[i]
        return None

    def covering(self, position: int):
        """A mark whose span holds the position (marks of one kind seldom overlap: a few are looked at)."""
        i = bisect_right(self.starts, position) - 1
        for item in self.items[max(0, i - 3):i + 1][::-1]:
            if item[0] <= position < item[1]:
                return item
        return None


def _plain(text: str) -> str:
    """Without diacritics ('Hà Nội' -> 'Ha Noi'), for texts typed without them."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


class ObservationExtractor:
    def __init__(self, reference: Reference):
        self.reference = reference
        lex = reference.lexicon
        self.lexicon = lex
        self.quantity = quantity_pattern(reference.units)
        qualifiers = "|".join(re.escape(q) for q, _ in reference.units.operators)
        self.qualifier_before = re.compile(rf"(?:{qualifiers.lower()})\s+(?:mức\s+)?\Z")  # on lower-cased text
        phrases = []  # (phrase, indicator, is_national)
        for ind in reference.indicators.values():
            phrases += [(p, ind, False) for p in ind.phrases]
            phrases += [(p, ind, True) for p in ind.national_phrases]
        self.phrases = sorted(phrases, key=lambda x: len(x[0]), reverse=True)
        verbs = sorted((w for e in lex["predicates"] if e.id != "predicate.gap_words" for w in e.words),
                       key=len, reverse=True)
        gap_words = [w for e in lex["predicates"] if e.id == "predicate.gap_words" for w in e.words]
        gap_words += [a.name_vi.lower() for a in reference.areas.values() if a.area_code != "vn"]
        gap = "|".join(re.escape(w) for w in sorted(gap_words, key=len, reverse=True))
        gap = rf"(?:\s+(?:{gap}|20\d\d)(?!\w)){{0,5}}?" if gap else ""
        # compiled on first use: a phrase with a verb carries the gap alternation, costly to compile for all
        self.phrase_patterns = [(_LazyPattern(p, verbs, gap), p, ind, nat) for p, ind, nat in self.phrases]
        # Phrases by their first word: a window is read word by word, each word trying only its own phrases.
        # Keyed by the first two words ("tỷ lệ" begins fifty phrases), or the one word of a one-word phrase.
        self.by_first_words: dict[tuple, list] = {}
        for pattern, phrase, ind, nat in self.phrase_patterns:
            words = _WORD.findall(phrase)[:2]
            # the literal start of the pattern: a C-level startswith test before the regex
            self.by_first_words.setdefault(tuple(words), []).append((pattern, phrase, ind, nat, pattern.prefix))
        # "1,2 triệu lượt khách quốc tế": words right after the unit name a narrower indicator
        after = sorted(((p, ind) for ind in reference.indicators.values() for p in ind.after_phrases),
                       key=lambda x: len(x[0]), reverse=True)
        self.after_phrases = after
        self.after_pattern = re.compile(r"\s*(?:" + "|".join(re.escape(p) for p, _ in after) + r")(?!\w)"
                                        if after else r"(?!x)x")
        self.kind_cues = lex.scanner("kind_cues")
        self.scope_cues = lex.scanner("scope_cues")
        # Period patterns capture years by name, so each runs alone; earlier entries win where they overlap.
        self.periods = [(e, *e.scan_regex()) for e in lex["periods"]]
        self.exclusions = lex.scanner("not_one_area")
        self.series = [(e, e.regex()) for e in lex["series"]]
        change = "|".join(re.escape(w) for e in lex["operators"] if e.get("operator") == "from_to"
                          for w in sorted(e.words, key=len, reverse=True)) or r"(?!x)x"
        # "từ X năm N lên Y": the words after the first value say it is a starting point, not a floor
        self.change_after = re.compile(rf"\s*(?:(?:vào\s+)?năm\s+20\d\d\s*)?(?:{change})(?!\w)", re.IGNORECASE)
        # level -> (change indicator, words): "tỷ lệ hộ nghèo giảm 1,2%" is a reduction, "giảm còn 1,2%" a level
        self.changes = {}
        for ind in reference.indicators.values():
            if ind.change_of and ind.change_words:
                words = "|".join(re.escape(w) for w in sorted(ind.change_words, key=len, reverse=True))
                self.changes[ind.change_of] = (ind, re.compile(rf"(?<!\w)(?:{words})(?!\w)(?!\s+(?:còn|xuống))"))
        self.rank_indicators = [i for i in reference.indicators.values() if i.unit == "hạng"]
        self.area_mentions, self.area_codes = self._area_pattern(reference)
        self.n_provinces = len([a for a in reference.areas.values() if a.is_current_province])

    # -- areas named in the text -----------------------------------------------------------------
    def _area_pattern(self, reference: Reference):
        """One alternation of every spelling of every area; case matters ('Hòa Bình' the province, 'hòa bình' peace)."""
        spellings: dict[str, tuple[str, str]] = {}  # spelling -> (area_code, rule id)
        for a in reference.areas.values():
            if a.area_code == "vn":
                continue
            for name in {a.name_vi, _plain(a.name_vi)}:
                spellings.setdefault(name, (a.area_code, "area.name"))
        for e in self.lexicon["area_spellings"]:
            for w in e.words:
                spellings[w] = (e.get("area_code"), e.id)
        alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        return re.compile(rf"(?:{alternatives})(?!\w)"), spellings  # the boundary before: see lexicon.scan

    # -- the document -----------------------------------------------------------------------------
    def extract(self, doc: Document, context: DocumentContext | str | None, results_year: int | None = None,
                plan_year: int | None = None, unused: list[UnusedNumber] | None = None) -> list[ExtractedObservation]:
        if not isinstance(context, DocumentContext):  # the older call: (doc, area_code, results_year, plan_year)
            context = DocumentContext(context, results_year, plan_year, years_source="tiêu đề")
        found: list[ExtractedObservation] = []
        unused = unused if unused is not None else []
        heading_cache: dict[int, _ParagraphMarks] = {}
        for paragraph in doc.paragraphs:
            text = paragraph.text
            if not self.quantity.search(text) and "xếp" not in text and "đứng" not in text:
                continue
            marks = self._marks(paragraph)
            headings = []
            for h in reversed(paragraph.headings):
                if id(h) not in heading_cache:
                    heading_cache[id(h)] = self._marks(h)
                headings.append(heading_cache[id(h)])
            found += self._paragraph(paragraph, marks, headings, context, unused)
        return found

    def _marks(self, paragraph: Paragraph) -> "_ParagraphMarks":
        text = paragraph.text
        lower = text.lower()
        neutral, scopes = [], []
        for start, end, e, m in self.scope_cues.matches(lower, text):
            (neutral if e.get("scope") == "neutral" else scopes).append((m.start(), m.end(), e))
        neutral_marks = _Marks(neutral)

        def is_masked(start: int, end: int) -> bool:
            n = neutral_marks.covering(start)
            return n is not None and n[1] >= end

        kinds = [(start, end, e) for start, end, e, _ in self.kind_cues.matches(lower, text)]
        kinds = [k for k in kinds if not is_masked(k[0], k[1])]
        periods = []
        taken = bytearray(len(text) + 1)
        for e, pattern, boundary in self.periods:
            for m in scan(pattern, lower, boundary):
                if taken[m.start()] or taken[m.end() - 1]:
                    continue
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
                g = {k: v for k, v in m.groupdict().items() if v and k in ("start", "end", "year")}
                if "year" in g:
                    span = (int(g["year"]), int(g["year"]))
                else:
                    span = (int(g["start"]), int(g["end"]))
                    if span[0] > span[1]:
                        continue
                periods.append((m.start(), m.end(), (e, span)))
        areas = []
        for m in scan(self.area_mentions, text, True):
            code, rule = self.area_codes[m.group(0)]
            if code == "none":
                continue
            areas.append((m.start(), m.end(), (code, rule)))
        exclusions = [(start, end, e) for start, end, e, _ in self.exclusions.matches(lower, text)]
        boundaries = [b.end() for b in _BOUNDARY.finditer(text)]
        starts = sorted({o - paragraph.start for o, _ in sentences(paragraph)} | {i + 1 for i in _newlines(text)})
        return _ParagraphMarks(text, lower, _Marks(kinds), _Marks(scopes), _Marks(periods), _Marks(areas),
                               _Marks(exclusions), boundaries, starts)

    # -- one paragraph ----------------------------------------------------------------------------
    def _paragraph(self, paragraph, marks, headings, context, unused):
        result: list[ExtractedObservation] = []
        consumed: set[int] = set()  # phrase positions already used by an earlier figure
        text, lower = marks.text, marks.lower
        by_sentence: dict[int, list[ExtractedObservation]] = {}
        previous = None  # (end, phrase position, indicator) of the last figure, for series
        for m in self._quantities(text, lower):
            try:
                quantity = quantity_from_match(m, self.reference.units)
            except ValueError:
                continue
            if quantity.operator == "times":
                unused.append(self._unused(paragraph, text, marks.window_start(marks.sentence_start(m.start()), m.start()),
                                           m, "gấp N lần: so với một mức gốc, không phải giá trị của chỉ tiêu", "op.times"))
                continue
            if m.group("qual") and quantity.operator == ">=" and self.change_after.match(text, m.end()):
                quantity = Quantity("=", quantity.value, quantity.unit, None, quantity.indicator_code)
            value_start = m.start("num") if not m.group("qual") else m.start()
            sentence_start = marks.sentence_start(m.start())
            window_start = marks.window_start(sentence_start, m.start())
            excluded = marks.exclusions.covering(m.start("num"))
            fulfilment = None
            if excluded is not None and excluded[2].get("indicator") in self.reference.indicators:
                fulfilment = self.reference.indicators[excluded[2].get("indicator")]
                excluded = None if fulfilment.unit == quantity.unit else excluded
            if excluded is not None:
                unused.append(self._unused(paragraph, text, window_start, m, excluded[2].get("reason"), excluded[2].id))
                continue
            # "…: Hà Nội: 9,2%; Hải Phòng: 8,1%": an area written as the label of its figure
            self.last_span = None
            label = marks.areas.last_before(max(0, window_start - 60), window_start)
            list_head = None
            if label is not None and _LABEL_GAP.fullmatch(text, label[1], m.start()):
                list_head, window_start = label[0], label[0]
            choice = (fulfilment, None, False, f"{marks.exclusions.covering(m.start('num'))[2].id}") \
                if fulfilment is not None and fulfilment.unit == quantity.unit else None
            choice = choice or self._indicator_after(quantity, lower, m.end()) or \
                self._indicator_for(quantity, lower, window_start, m.start(), consumed) or \
                self._series_member(quantity, text, previous, m.start()) or \
                self._list_member(quantity, marks, previous, window_start, m.start()) or \
                (self._indicator_for(quantity, lower, max(sentence_start, list_head - WINDOW), list_head, set())
                 if list_head is not None else None)
            if choice is None:
                unused.append(self._unused(paragraph, text, window_start, m,
                                           "không có chỉ tiêu nào trong danh mục gọi tên số này "
                                           "(sửa data/reference/indicators.yaml)", None))
                continue
            indicator, phrase_pos, is_national, indicator_rule = choice
            if phrase_pos is not None:
                consumed.add(phrase_pos)
            figure = self._facts(indicator, is_national, indicator_rule, marks, headings, context,
                                 sentence_start, window_start, m.start("num"), m.end(), self.last_span)
            if figure is None:
                unused.append(self._unused(paragraph, text, window_start, m, "không rõ địa bàn hay năm", None))
                continue
            obs = self._make(figure, quantity, text, paragraph.start, window_start, value_start, m.end(), "extracted")
            base_rule = indicator_rule
            while base_rule.startswith(("series.", "list.")):
                base_rule = base_rule.split(":", 1)[1]
            area_rule = figure[3].get("area", "")
            named_area = area_rule.startswith("area.") and not area_rule.startswith("area.document")
            previous = (m.end(), phrase_pos, indicator, is_national, base_rule, named_area)
            result.append(obs)
            by_sentence.setdefault(sentence_start, []).append(obs)
        result += self._ranks(paragraph, marks, headings, context, by_sentence)
        result += self._differences(paragraph, marks, by_sentence)
        return result

    def _quantities(self, text: str, lower: str):
        """The quantity pattern's matches, tried only where a number starts (a full scan with the pattern's
        optional qualifier in front costs a regex attempt at every character)."""
        last_end = 0
        for d in _NUMBER_START.finditer(text):
            s = d.start()
            if s < last_end or (s > 0 and text[s - 1] in _NOT_BEFORE_NUMBER):
                continue
            if _YEAR_WORD.search(lower, max(0, s - 12), s):
                continue  # "năm 2026 doanh nghiệp thành lập mới": a year, not 2026 enterprises
            q = self.qualifier_before.search(lower, max(0, s - 32), s) if text[s - 1:s] == " " else None
            if q is not None and q.start() > 0 and text[q.start() - 1].isalnum():
                q = None  # "nước đạt" is not "ước đạt"
            m = None
            if q is not None:
                m = self.quantity.match(text, q.start())
                if m is not None and m.start("num") != s:
                    m = None
            if m is None:
                m = self.quantity.match(text, s)
                if m is not None and m.group("qual"):
                    m = None
            if m is not None:
                last_end = m.end()
                yield m

    def _unused(self, paragraph, text, window_start, m, reason, rule) -> UnusedNumber:
        start, end = _quote_span(text, window_start, m.end())
        return UnusedNumber(text[m.start():m.end()], text[start:end], paragraph.start + m.start(), reason, rule)

    def _phrases_in(self, text: str, start: int, end: int):
        """Every indicator phrase in text[start:end], including phrases inside longer ones."""
        words = list(_WORD.finditer(text, start, end))
        table = self.by_first_words
        for i, word in enumerate(words):
            first = word.group(0)
            keys = [(first,)]
            if i + 1 < len(words):
                keys.append((first, words[i + 1].group(0)))
            at = word.start()
            for key in keys:
                for pattern, phrase, indicator, is_national, prefix in table.get(key, ()):
                    if not text.startswith(prefix, at):
                        continue
                    m = pattern.match(text, at, end)
                    if m:
                        yield phrase, m.start(), m.end(), indicator, is_national

    def _series_member(self, quantity: Quantity, text: str, previous, start: int):
        """A figure right after another of the same unit, joined only by years and connectives (series.yaml)."""
        if previous is None or previous[2].unit != quantity.unit or start - previous[0] > 60:
            return None
        for e, pattern in self.series:
            if pattern.fullmatch(text, previous[0], start):
                return previous[2], None, previous[3], f"{e.id}:{previous[4]}"
        return None

    def _list_member(self, quantity: Quantity, marks, previous, window_start: int, start: int):
        """"A: 11%; B: 9,5%" or "…; tỉnh B đạt 9,5%": a clause that names an area and no indicator takes the
        previous figure's indicator, when that figure also named its area (a list of areas)."""
        if previous is None or previous[2].unit != quantity.unit or start - previous[0] > 200:
            return None
        if not previous[5] or marks.areas.last_before(window_start, start) is None:
            return None
        return previous[2], None, False, f"list.areas:{previous[4]}"

    def _indicator_after(self, quantity: Quantity, lower: str, end: int):
        m = self.after_pattern.match(lower, end)
        if not m:
            return None
        words = m.group(0).strip()
        for phrase, indicator in self.after_phrases:
            if phrase == words and indicator.unit == quantity.unit:
                return indicator, None, False, f"indicators.yaml:{indicator.code}«…{phrase}»"
        return None

    def _indicator_for(self, quantity: Quantity, lower: str, start: int, end: int, consumed: set[int]):
        if quantity.indicator_code:
            return self.reference.indicators[quantity.indicator_code], None, False, "unit:" + quantity.indicator_code
        best = None
        for phrase, pos, stop, indicator, is_national in self._phrases_in(lower, start, end):
            if indicator.unit != quantity.unit or pos in consumed:
                continue
            key = (stop, len(phrase))
            if best is None or key > best[0]:
                best = (key, indicator, pos, is_national, phrase)
        if best is None:
            return None
        self.last_span = (best[2], best[0][0])
        indicator, rule = best[1], f"indicators.yaml:{best[1].code}«{best[4]}»"
        change = self.changes.get(indicator.code)
        if change and change[1].search(lower, best[0][0], end):
            indicator, rule = change[0], f"indicators.yaml:{change[0].code}:change_words"
        return indicator, best[2], best[3], rule

    # -- the facts of one figure ------------------------------------------------------------------
    def _facts(self, indicator: Indicator, is_national: bool, indicator_rule: str, marks, headings,
               context: DocumentContext, sentence_start: int, window_start: int, start: int, end: int,
               phrase_span: tuple[int, int] | None = None):
        rules = {"indicator": indicator_rule, "_indicator_code": indicator.code}
        reasons: list[str] = []
        area = self._area(indicator, is_national, marks, headings, context, sentence_start, window_start, start,
                          rules, reasons, phrase_span)
        if area is None:
            return None
        kind, kind_is_weak = self._kind(marks, headings, window_start, start, rules, phrase_span)
        span = self._period(marks, headings, sentence_start, window_start, start, end, rules)
        if span is None:
            year = context.plan_year if kind == "target" else context.results_year
            if kind is None and context.results_year is not None:
                year = context.results_year
            if year is None:
                return None
            span = (year, year)
            rules["period"] = "period.document"
            if context.years_source != "tiêu đề":
                reasons.append("năm không nêu trong câu, lấy theo năm của văn bản")
        if kind is None and context.results_year is not None and span[1] <= context.results_year \
                and rules.get("period") != "period.document":
            # a figure of a year the document reports on, with no word of a goal: a result
            kind = "actual"
            rules["kind"] = "kind.past_year"
        if kind is None:
            kind = "target" if context.results_year is not None and span[1] > context.results_year else "actual"
            rules["kind"] = "kind.by_year"
            reasons.append("không có từ chỉ kết quả hay mục tiêu")
        elif kind_is_weak and context.results_year is not None and span[1] > context.results_year:
            reasons.append("năm sau năm báo cáo mà chỉ có động từ 'đạt/tăng', chưa rõ kết quả hay mục tiêu")
        elif context.results_year is not None:
            # The kind or the year read from beyond the figure's own clause, and the two disagree (a goal for a
            # year already reported on, a result for a year still to come): one of them is not this figure's.
            from_afar = rules.get("kind", "").endswith(":context") or \
                rules.get("period", "").endswith((":sentence", ":paragraph"))
            if from_afar and (kind == "target") == (span[1] <= context.results_year):
                reasons.append("loại và năm lấy từ ngoài mệnh đề của số liệu và không khớp nhau")
        return area, span, kind, rules, reasons

    def _area(self, indicator, is_national, marks, headings, context, sentence_start, window_start, start,
              rules, reasons, phrase_span=None):
        if is_national:
            rules["area"] = "indicators.yaml:national_phrases"
            return "vn"
        for lo in (window_start, sentence_start, 0):
            verdict = self._nearest_area(marks, lo, start, context, phrase_span)
            if verdict:
                return self._settle(verdict, context, rules, reasons, "" if lo == window_start else
                                    (":sentence" if lo == sentence_start else ":paragraph"))
        for h in headings:
            verdict = self._nearest_area(h, 0, len(h.text), context)
            if verdict:
                return self._settle(verdict, context, rules, reasons, ":heading")
        if indicator.scope == "national":
            rules["area"] = "indicators.yaml:scope"
            return "vn"
        if context.area_code is None:
            return None
        return self._settle(("own", "area.document", None), context, rules, reasons, "")

    def _nearest_area(self, marks, lo: int, hi: int, context, phrase_span=None):
        named = marks.areas.last_before(lo, hi)
        cue = marks.scopes.last_before(lo, hi)
        # words inside the indicator's own name ("năng lực cạnh tranh cấp tỉnh") say nothing of whose figure it is
        while cue is not None and phrase_span and phrase_span[0] <= cue[0] < phrase_span[1]:
            cue = marks.scopes.last_before(lo, cue[0])
        if named is None and cue is None:
            return None
        if named is not None and (cue is None or named[1] >= cue[1]):
            code, rule = named[2]
            return ("named", rule, code)
        e = cue[2]
        if e.get("scope") == "national":
            return ("named", e.id, "vn")
        if e.id == "scope.local.commune":
            return ("commune", e.id, None)
        return ("own", e.id, None)

    def _settle(self, verdict, context, rules, reasons, where: str):
        how, rule, code = verdict
        rules["area"] = rule + where
        if how == "named":
            return code
        if context.area_code is None:
            return None
        # A commune's document speaks of the commune when it says "its own" (trên địa bàn, or nothing):
        # never of its province, which it must name ("tỉnh", "thành phố") to be read as such.
        if how == "commune" or (context.issuer_level == "ward" and rule != "scope.local.province"):
            reasons.append("số liệu của xã/phường ban hành văn bản, chưa có mã địa bàn cấp xã")
        if context.area_source == "tên tệp":
            reasons.append("địa bàn của văn bản chỉ lấy được từ tên tệp")
        return context.area_code

    def _kind(self, marks, headings, window_start, start, rules, phrase_span=None):
        def is_strong(e):
            return e.get("strength") != "weak"
        strong = marks.kinds.last_before(0, start, accept=is_strong)
        # words inside the indicator's own name ("kết quả giải quyết thủ tục hành chính") are not cues
        while strong is not None and phrase_span and phrase_span[0] <= strong[0] < phrase_span[1]:
            strong = marks.kinds.last_before(0, strong[0], accept=is_strong)
        if strong is not None:
            rules["kind"] = strong[2].id + ("" if strong[0] >= window_start else ":context")
            return strong[2].get("kind"), False
        for h in headings:
            found = {e.get("kind"): e for _, _, e in h.kinds.items if e.get("strength") != "weak"}
            if len(found) == 1:
                e = next(iter(found.values()))
                rules["kind"] = e.id + ":heading"
                return e.get("kind"), False
        weak = marks.kinds.last_before(window_start, start)
        if weak is not None:
            rules["kind"] = weak[2].id
            return weak[2].get("kind"), True
        return None, False

    def _period(self, marks, headings, sentence_start, window_start, start, end, rules):
        after = marks.periods.first_from(end, end + 30)
        if after is not None:
            gap = _AFTER_VALUE_GAP.match(marks.text, end, after[0])
            if gap and gap.end() == after[0]:
                rules["period"] = after[2][0].id + ":after_value"
                return after[2][1]
        # A year inside the clause but after a later figure belongs to that figure, not this one.
        for lo, where in ((window_start, ""), (sentence_start, ":sentence"), (0, ":paragraph")):
            before = marks.periods.last_before(lo, start)
            if before is not None:
                rules["period"] = before[2][0].id + where
                return before[2][1]
        for h in headings:
            spans = {span: e for _, _, (e, span) in h.periods.items}
            if len(spans) == 1:
                span, e = next(iter(spans.items()))
                rules["period"] = e.id + ":heading"
                return span
        return None

    def _make(self, figure, quantity: Quantity, text, offset, window_start, value_start, value_end, origin,
              note=None):
        area, span, kind, rules, reasons = figure
        quote_start, quote_end = _quote_span(text, window_start, value_end)
        rules = dict(rules)
        rules["value"] = "operators.yaml" if quantity.operator not in ("=", "range") else "numbers"
        year = span[0] if span[0] == span[1] else None
        return ExtractedObservation(
            area, rules.pop("_indicator_code", None) or "", year, kind, quantity.operator, quantity.value,
            quantity.value_upper, quantity.unit, origin, text[quote_start:quote_end], offset + quote_start,
            text[value_start:value_end], offset + value_start, note, span[0], span[1],
            REVIEW if reasons else ESTABLISHED, "; ".join(dict.fromkeys(reasons)) or None, rules)

    # -- ranks and differences --------------------------------------------------------------------
    def _ranks(self, paragraph, marks, headings, context, by_sentence):
        result = []
        text, lower = marks.text, marks.lower
        for m in _RANK.finditer(lower):
            sentence_start = marks.sentence_start(m.start())
            window_start = marks.window_start(sentence_start, m.start())
            named = None
            for phrase, pos, stop, ind, _ in self._phrases_in(lower, window_start, m.start()):
                if ind in self.rank_indicators and (named is None or stop > named[1]):
                    named = (ind, stop, phrase)
            growth = [o for o in by_sentence.get(sentence_start, [])
                      if o.indicator_code == "grdp_growth" and o.value_start < paragraph.start + m.start()]
            rank = Quantity("=", float(m.group("rank")), "hạng")
            tail = lower[m.end():m.end() + 200]
            if named:
                indicator = self._rank_scope(named[0], m, tail)
                figure = self._facts(indicator, False, f"indicators.yaml:{indicator.code}«{named[2]}»", marks,
                                     headings, context, sentence_start, window_start, m.start(), m.end())
                if figure is None:
                    continue
            elif growth:
                of = m.group("of")
                national = (of and int(of) == self.n_provinces) or bool(re.match(r"[^;.]*?cả nước", tail))
                if not national:
                    continue
                indicator = self.reference.indicators["growth_rank_national"]
                g = growth[-1]
                figure = (g.area_code, (g.year_start, g.year_end), g.kind,
                          {**g.rules, "indicator": "rank.after_growth"}, [g.review_reason] if g.review_reason else [])
            else:
                continue
            figure[3]["_indicator_code"] = indicator.code
            result.append(self._make(figure, rank, text, paragraph.start, window_start, m.start(), m.end(), "extracted"))
            region = _REGION_RANK.match(tail)
            if growth and not named and region and "growth_rank_region" in self.reference.indicators:
                r = Quantity("=", float(region.group("rank")), "hạng")
                stop = m.end() + region.end()
                rules = dict(figure[3])
                rules["_indicator_code"] = "growth_rank_region"
                rules["indicator"] = "rank.after_growth:region"
                result.append(self._make((figure[0], figure[1], figure[2], rules, figure[4]), r, text,
                                         paragraph.start, window_start, m.end() + region.start("rank"), stop,
                                         "extracted", note=f"{region.group('rank')}/{region.group('of')} tỉnh trong vùng"))
        return result

    def _rank_scope(self, indicator: Indicator, m: re.Match, tail: str) -> Indicator:
        """A rank 'N/13 tỉnh trong vùng' is the region's ranking of the same measure, '/34' the nation's."""
        code = indicator.code
        in_region = bool(_REGION_WORDS.match(tail)) or (m.group("of") and int(m.group("of")) < self.n_provinces
                                                        and int(m.group("of")) > 1)
        for suffix_from, suffix_to in (("_rank_national", "_rank_region"), ("_rank_region", "_rank_national")):
            if code.endswith(suffix_from):
                other = code[:-len(suffix_from)] + suffix_to
                wants_region = suffix_to == "_rank_region"
                if other in self.reference.indicators and in_region == wants_region:
                    return self.reference.indicators[other]
        return indicator

    def _differences(self, paragraph, marks, by_sentence):
        """`cao hơn năm 2024 0,48 điểm%` after a rate gives that year's rate, marked as derived."""
        result = []
        text, lower = marks.text, marks.lower
        for m in _DIFFERENCE.finditer(lower):
            sentence_start = marks.sentence_start(m.start())
            base = [o for o in by_sentence.get(sentence_start, [])
                    if o.unit == "%" and o.origin == "extracted" and o.value_start < paragraph.start + m.start()]
            if not base:
                continue
            b = base[-1]
            diff = parse_number(m.group("num"))
            value = b.value - diff if m.group("dir") == "cao" else b.value + diff
            quote_start = b.quote_start - paragraph.start
            year = int(m.group("year"))
            result.append(ExtractedObservation(
                b.area_code, b.indicator_code, year, b.kind, b.operator, round(value, 6), None,
                b.unit, "derived", text[quote_start:m.end()], b.quote_start,
                text[m.start():m.end()], paragraph.start + m.start(),
                note=f"Suy ra: {b.value_text} {'trừ' if m.group('dir') == 'cao' else 'cộng'} {m.group('num')} điểm %",
                status=b.status, review_reason=b.review_reason,
                rules={**b.rules, "period": "difference.year", "value": "difference"}))
        return result


@dataclass
class _ParagraphMarks:
    text: str
    lower: str
    kinds: _Marks
    scopes: _Marks
    periods: _Marks
    areas: _Marks
    exclusions: _Marks
    boundaries: list[int]
    sentence_starts: list[int]

    def sentence_start(self, position: int) -> int:
        i = bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[i] if i >= 0 else 0

    def window_start(self, sentence_start: int, position: int) -> int:
        """The start of the figure's clause: the last boundary before it, within the sentence and the window."""
        i = bisect_right(self.boundaries, position) - 1
        start = max(sentence_start, self.boundaries[i] if i >= 0 else 0, position - WINDOW)
        # A figure inside brackets speaks of what is in the brackets only.
        opening = self.text.rfind("(", start, position)
        if opening != -1 and self.text.find(")", opening, position) == -1:
            start = opening + 1
        return start


class _LazyPattern:
    """A catalogue phrase's pattern, compiled the first time a window holds the phrase's first words."""

    def __init__(self, phrase: str, verbs: list[str], gap: str):
        self.phrase, self.verbs, self.gap = phrase, verbs, gap
        self.compiled = None
        stem = next((phrase[:-len(v) - 1] for v in verbs if gap and phrase.endswith(" " + v)
                     and len(phrase) > len(v) + 1), phrase)
        self.prefix = stem  # the plain text every match starts with

    def match(self, text: str, pos: int, endpos: int):
        if self.compiled is None:
            self.compiled = _phrase_pattern(self.phrase, self.verbs, self.gap)
        return self.compiled.match(text, pos, endpos)


def _phrase_pattern(phrase: str, verbs: list[str], gap: str) -> re.Pattern:
    """A catalogue phrase as a pattern; one ending in a verb of predicates.yaml lets area and time words stand
    before the verb (the text is lower-cased, so capitalised names are found in it as lower-case words too)."""
    for verb in verbs:
        if gap and phrase.endswith(" " + verb) and len(phrase) > len(verb) + 1:
            stem = phrase[:-len(verb) - 1]
            return re.compile(rf"(?<!\w){re.escape(stem)}{gap}\s+{re.escape(verb)}(?!\w)")
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _newlines(text: str):
    i = text.find("\n")
    while i != -1:
        yield i
        i = text.find("\n", i + 1)


def _quote_span(text: str, window_start: int, value_end: int) -> tuple[int, int]:
    """From the figure's clause start to the end of its clause, without list marks."""
    start = window_start
    while start < len(text) and text[start] in " -–+•\t":
        start += 1
    b = _QUOTE_END.search(text, value_end, value_end + WINDOW)
    stop = b.start() if b else min(len(text), value_end + WINDOW)
    while stop > start and text[stop - 1] in " ,.":
        stop -= 1
    return start, max(stop, value_end)
