"""Unit–task assignments of "Tổ chức thực hiện" and the channels of "Hình thức tuyên truyền"."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from .reference import Category, Reference
from .text import Document, Paragraph

SECTION_END = re.compile(r"^(Nơi nhận|Trên đây là|T/M|TM\.|K/T|KT\.)", re.IGNORECASE)
ROLES = [  # leading words of a task -> role
    (r"chủ trì", "chủ trì"),
    (r"(?:chủ động )?phối hợp", "phối hợp"),
    (r"(?:lãnh đạo, )?chỉ đạo|lãnh đạo", "chỉ đạo"),
    (r"(?:chủ động )?tham mưu", "tham mưu"),
    (r"hướng dẫn", "hướng dẫn"),
]
UNIT_START = re.compile(r"^(?:Các |Đội ngũ )?(?:Ban|Sở|Ủy ban|Uỷ ban|UBND|Đảng ủy|Đảng uỷ|Mặt trận|Báo|Đài|Hội|Đoàn|"
                        r"phòng|chi bộ|đảng ủy|đảng uỷ|sở|tổ chức|cơ quan|đơn vị|Trung tâm|Văn phòng|Phòng)", re.IGNORECASE)
UNIT_VERB = re.compile(r"\s(?:căn cứ|chủ động|xây dựng|tổ chức|có trách nhiệm|thực hiện|phối hợp|chủ trì|tham mưu|"
                       r"chỉ đạo|triển khai|tăng cường)\b")
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


def _section(doc: Document, title: str) -> list[Paragraph]:
    """Paragraphs of the roman-numbered section with this title, up to the next section or the signature."""
    inside = False
    found = []
    for p in doc.paragraphs:
        if p.level == 0:
            if inside:
                break
            inside = title in p.body.lower()
            continue
        if inside:
            if SECTION_END.match(p.text):
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


def role_of(task: str) -> str:
    low = task.lower()
    for pattern, role in ROLES:
        if re.match(pattern, low):
            return role
    return "thực hiện"


def _clean_unit(text: str) -> str:
    text = re.sub(r"^(?:Đề nghị|Giao|Yêu cầu)\s+", "", text.strip().rstrip(":.").strip())
    return modern_tone(" ".join(text.split()))


def _is_unit_heading(p: Paragraph) -> bool:
    body = p.body.strip()
    return bool(p.numbering) and len(body) <= 120 and body[-1:] not in ".;" and ":" not in body[:-1]


def extract_tasks(doc: Document, reference: Reference) -> list[ExtractedTask]:
    tasks: list[ExtractedTask] = []
    units: dict[int, str] = {}  # heading level -> unit name
    current: str | None = None
    parent: str | None = None
    for p in _section(doc, "tổ chức thực hiện"):
        if _is_unit_heading(p):
            name = _clean_unit(p.body)
            units = {lvl: u for lvl, u in units.items() if lvl < p.level}
            parent = units[max(units)] if units else None
            units[p.level] = name
            current = name
            continue
        text = p.body.strip() if p.numbering else p.text.strip()
        text = re.sub(r"^[-–+•]\s*", "", text)
        if current is None and UNIT_START.match(text):
            # No numbered unit headings (as in a department's short plan): "Các phòng ... chủ động xây dựng ..."
            verb = UNIT_VERB.search(text)
            if verb and verb.start() <= 120:
                current, parent = _clean_unit(text[:verb.start()]), None
                text = text[verb.start():].strip()
                text = text[0].upper() + text[1:]
        unit, task_parent = current, parent
        if unit is None:
            continue
        start = doc.text.find(text, p.start)
        tasks.append(ExtractedTask(unit, task_parent, role_of(text), categorise(text, reference.task_categories),
                                   text, start))
    return tasks


def extract_channels(doc: Document, reference: Reference) -> list[Channel]:
    channels = []
    for p in _section(doc, "hình thức tuyên truyền"):
        text = p.body.strip() if p.numbering else re.sub(r"^[-–+•]\s*", "", p.text.strip())
        if not text:
            continue
        label = text.split(":", 1)[0] if ":" in text[:80] else None
        category = categorise(label or "", reference.channel_categories, default="")
        category = category or categorise(text, reference.channel_categories, earliest=True)
        names = {c.code: c.name_vi for c in reference.channel_categories}
        channels.append(Channel(len(channels) + 1, label or names.get(category, "Khác"), category, text,
                                doc.text.find(text, p.start)))
    return channels
