"""Unit–task assignments of "Tổ chức thực hiện" and the channels of "Hình thức tuyên truyền"."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from .reference import Category, Reference
from .text import NUMBERING, Document, Paragraph

from .lexicon import load_lexicon


class _Words:
    """The words of lexicon/sections.yaml, roles.yaml, unit_starts.yaml and unit_verbs.yaml, compiled once."""

    def __init__(self, lexicon):
        self.section_titles = {e.get("section"): [w.lower() for w in e.words] for e in lexicon["sections"] if e.words}
        self.section_end = re.compile("|".join(e.pattern for e in lexicon["sections"] if e.get("section") == "end"),
                                      re.IGNORECASE)
        self.roles = [(re.compile(e.pattern, re.IGNORECASE), e.get("role")) for e in lexicon["roles"]]
        self.unit_start = re.compile(next(e.pattern for e in lexicon["unit_starts"] if e.id == "unit.start"),
                                     re.IGNORECASE)
        self.assigned = re.compile(next(e.pattern for e in lexicon["unit_starts"] if e.id == "unit.assigned"))
        verbs = "|".join(re.escape(w) for e in lexicon["unit_verbs"] for w in sorted(e.words, key=len, reverse=True))
        self.unit_verb = re.compile(rf"\s(?:{verbs})\b")


@lru_cache(maxsize=4)
def _words(folder=None) -> _Words:
    return _Words(load_lexicon() if folder is None else load_lexicon(folder))


def _words_of(reference: Reference | None) -> _Words:
    lexicon = reference.lexicon if reference is not None else None
    if lexicon is None:
        return _words()
    if getattr(lexicon, "task_words", None) is None:
        lexicon.task_words = _Words(lexicon)  # compiled once per loaded lexicon
    return lexicon.task_words


# Old-style tone placement (uỷ, hoá) -> the style used in the units' modern names (ủy, hóa).
_TONE = {"uỷ": "ủy", "uý": "úy", "uỳ": "ùy", "uỹ": "ũy", "uỵ": "ụy", "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa",
         "oạ": "ọa", "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe"}
_TONE_PATTERN = re.compile(r"(?<![qQ])(" + "|".join(_TONE) + r")(?!\w)")


def modern_tone(text: str) -> str:
    return _TONE_PATTERN.sub(lambda m: _TONE[m.group(1)], text)


@dataclass
class ExtractedTask:
    unit_name: str
    parent_unit: str | None
    role: str
    category: str
    task_text: str
    text_start: int

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class Channel:
    ordinal: int
    label: str
    category: str
    channel_text: str
    text_start: int


def _section(doc: Document, section: str, words: _Words) -> list[Paragraph]:
    """Paragraphs of the roman-numbered section with this title, up to the next section or the signature."""
    titles = words.section_titles.get(section, [])
    inside = False
    found = []
    for p in doc.paragraphs:
        if p.level == 0:
            if inside:
                break
            inside = any(t in p.body.lower() for t in titles)
            continue
        if inside:
            if words.section_end.match(p.text):
                break
            if not p.is_footnote:
                found.append(p)
    return found


@lru_cache(maxsize=None)
def _keywords_pattern(keywords: tuple[str, ...]) -> re.Pattern:
    """One compiled pattern per category (compiling a regex per keyword per task was a hot spot at scale)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keywords) + r")(?!\w)")


def categorise(text: str, categories: list[Category], default: str = "khac", earliest: bool = False) -> str:
    """The first category in the list's order, or with `earliest` the one named first in the text."""
    low = text.lower()
    best = None
    for rank, c in enumerate(categories):
        # The leftmost match of the alternation is the earliest position of any keyword.
        m = _keywords_pattern(c.keywords).search(low)
        if m:
            key = (m.start(), rank) if earliest else (rank, 0)
            if best is None or key < best[0]:
                best = (key, c.code)
    return best[1] if best else default


def role_of(task: str, words: _Words | None = None) -> str:
    low = task.lower()
    for pattern, role in (words or _words()).roles:
        if pattern.match(low):
            return role
    return "thực hiện"


def _clean_unit(text: str) -> str:
    text = re.sub(r"^(?:Đề nghị|Giao|Yêu cầu)\s+", "", text.strip().rstrip(":.").strip())
    return modern_tone(" ".join(text.split()))


def _is_unit_heading(p: Paragraph) -> bool:
    body = p.body.strip()
    return bool(p.numbering) and len(body) <= 120 and body[-1:] not in ".;" and ":" not in body[:-1]


def extract_tasks(doc: Document, reference: Reference) -> list[ExtractedTask]:
    words = _words_of(reference)
    tasks: list[ExtractedTask] = []
    units: dict[int, str] = {}  # heading level -> unit name
    current: str | None = None
    parent: str | None = None
    known: list[str] = []  # units named so far, for a closing "Giao <unit> theo dõi…"
    for p in _section(doc, "tasks", words):
        if _is_unit_heading(p):
            name = _clean_unit(p.body)
            units = {lvl: u for lvl, u in units.items() if lvl < p.level}
            parent = units[max(units)] if units else None
            units[p.level] = name
            current = name
            known.append(name)
            continue
        text = p.body.strip() if p.numbering else p.text.strip()
        is_bullet = bool(re.match(r"^[-–+•]", text))
        text = re.sub(r"^[-–+•]\s*", "", text)
        assigned = words.assigned.match(text) if not p.numbering and not is_bullet else None
        if assigned:
            # A closing paragraph "Giao <unit> theo dõi, đôn đốc…" is that unit's task, not the last unit's.
            rest = text[assigned.end():]
            named = max((u for u in known if rest.startswith(u)), key=len, default=None)
            verb = words.unit_verb.search(rest)
            if named or (verb and verb.start() <= 120):
                unit = named or _clean_unit(rest[:verb.start()])
                task = rest[len(named):].strip() if named else rest[verb.start():].strip()
                task = task[:1].upper() + task[1:]
                tasks.append(ExtractedTask(unit, None, role_of(task, words),
                                           categorise(task, reference.task_categories), task,
                                           doc.text.find(task, p.start)))
                continue
        if current is None and words.unit_start.match(text):
            # No numbered unit headings (as in a department's short plan): "Các phòng ... chủ động xây dựng ..."
            verb = words.unit_verb.search(text)
            if verb and verb.start() <= 120:
                current, parent = _clean_unit(text[:verb.start()]), None
                text = text[verb.start():].strip()
                text = text[0].upper() + text[1:]
        unit, task_parent = current, parent
        if unit is None:
            continue
        start = doc.text.find(text, p.start)
        tasks.append(ExtractedTask(unit, task_parent, role_of(text, words), categorise(text, reference.task_categories),
                                   text, start))
    return tasks


def _list_items(p: Paragraph) -> list[Paragraph]:
    """The paragraph, or its lines when every line is numbered ("1. …\n2. …"): one list item per line."""
    lines = p.text.split("\n")
    if len(lines) < 2 or not all(NUMBERING.match(line.strip()) for line in lines if line.strip()):
        return [p]
    items, offset = [], p.start
    for line in lines:
        if line.strip():
            n = NUMBERING.match(line.strip())
            items.append(Paragraph(line, offset, numbering=n.group("num") if n else None))
        offset += len(line) + 1
    return items


def extract_channels(doc: Document, reference: Reference) -> list[Channel]:
    channels = []
    names = {c.code: c.name_vi for c in reference.channel_categories}
    for p in _section(doc, "channels", _words_of(reference)):
        # A numbered list written line by line, without blank lines, is one item per line.
        for item in _list_items(p):
            text = item.body.strip() if item.numbering else re.sub(r"^[-–+•]\s*", "", item.text.strip())
            if not text:
                continue
            label = text.split(":", 1)[0] if ":" in text[:80] else None
            category = categorise(label or "", reference.channel_categories, default="")
            category = category or categorise(text, reference.channel_categories, earliest=True)
            channels.append(Channel(len(channels) + 1, label or names.get(category, "Khác"), category, text,
                                    doc.text.find(text, item.start)))
    return channels
