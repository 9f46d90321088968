"""Document text: NFC, repaired page breaks, paragraphs with their headings, sentences."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
FOOTNOTE_START = re.compile(rf"^([{SUPERSCRIPTS}]+)\s*")
FOOTNOTE_ANCHOR = re.compile(rf"(?<=\S)([{SUPERSCRIPTS}]+)")
# "I- MỤC ĐÍCH", "II. Nội dung", "2.6.2. Chỉ tiêu", "1. Ủy ban nhân dân tỉnh"
NUMBERING = re.compile(r"^(?P<num>(?:[IVXLC]+)(?=[-.]\s)|\d+(?:\.\d+)*)[-.]\s*(?=\S)")
TERMINAL = ".:;!?…\"”)"


def normalise(text: str) -> str:
    """NFC, Unix newlines, no markdown emphasis left over from conversion, no trailing blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\u00a0", " ").replace("**", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


@dataclass
class Paragraph:
    text: str
    start: int  # offset in Document.text
    is_footnote: bool = False
    footnote_no: str | None = None
    numbering: str | None = None  # "IV", "1", "1.1" ...
    level: int | None = None  # 0 for roman sections, then 1, 2, ... by depth
    headings: list["Paragraph"] = field(default_factory=list)  # enclosing numbered paragraphs, outermost first

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def body(self) -> str:
        """The text without its numbering."""
        if self.numbering:
            m = NUMBERING.match(self.text)
            return self.text[m.end():] if m else self.text
        return self.text


@dataclass
class Document:
    text: str
    paragraphs: list[Paragraph]
    repairs: int  # page breaks joined


def _split_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def _is_footnote(block: str) -> bool:
    return bool(FOOTNOTE_START.match(block))


def _continues(previous: str, following: str) -> bool:
    """A block broken by a page break: no sentence end before it, a lower-case word after it.

    A line in capitals ("KẾ HOẠCH") is a header, never the first half of a sentence.
    """
    return previous[-1] not in TERMINAL and following[0].islower() and not previous.isupper()


def parse_document(raw: str) -> Document:
    """Repair page breaks and index paragraphs; offsets refer to the returned text."""
    blocks = _split_blocks(normalise(raw))
    merged: list[tuple[str, list[str]]] = []  # (body block, footnotes that interrupted it)
    repairs = 0
    pending_notes: list[str] = []
    for block in blocks:
        if _is_footnote(block):
            pending_notes.append(block)
            continue
        if merged and _continues(merged[-1][0], block):
            body, notes = merged[-1]
            merged[-1] = (body + " " + block, notes + pending_notes)
            repairs += 1
        else:
            if merged:
                merged[-1] = (merged[-1][0], merged[-1][1] + pending_notes)
            elif pending_notes:
                merged.append((pending_notes[0], pending_notes[1:]))
            merged.append((block, []))
        pending_notes = []
    if pending_notes and merged:
        merged[-1] = (merged[-1][0], merged[-1][1] + pending_notes)

    paragraphs: list[Paragraph] = []
    parts: list[str] = []
    offset = 0
    for body, notes in merged:
        for block in [body, *notes]:
            if parts:
                offset += 2
            paragraphs.append(Paragraph(block, offset))
            parts.append(block)
            offset += len(block)
    text = "\n\n".join(parts)
    _index(paragraphs)
    return Document(text, paragraphs, repairs)


def _level(numbering: str) -> int:
    return 0 if re.fullmatch(r"[IVXLC]+", numbering) else numbering.count(".") + 1


def _index(paragraphs: list[Paragraph]) -> None:
    """Numbering, levels, footnotes and the chain of headings each paragraph sits under."""
    stack: list[Paragraph] = []
    anchors: dict[str, list[Paragraph]] = {}
    for p in paragraphs:
        m = FOOTNOTE_START.match(p.text)
        if m:
            p.is_footnote = True
            p.footnote_no = m.group(1).translate(_SUPER_TO_DIGIT)
            continue
        for a in FOOTNOTE_ANCHOR.finditer(p.text):
            anchors.setdefault(a.group(1).translate(_SUPER_TO_DIGIT), list(stack) + [p])
        n = NUMBERING.match(p.text)
        if n:
            p.numbering = n.group("num")
            p.level = _level(p.numbering)
            while stack and stack[-1].level >= p.level:
                stack.pop()
            p.headings = list(stack)
            stack.append(p)
        else:
            p.headings = list(stack)
    # A footnote belongs where its mark stands, not where the page break left it.
    for p in paragraphs:
        if p.is_footnote:
            p.headings = anchors.get(p.footnote_no, p.headings)


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(\-–+]?\s*[A-ZĐÀ-Ỹ(])")


_ABBREVIATION = re.compile(r"(?:\bTP|\bTS|\bThS|\bPGS|\bGS|\bSố)\.$")


def sentences(paragraph: Paragraph) -> list[tuple[int, str]]:
    """(offset in document, sentence) for each sentence of the paragraph."""
    result = []
    start = 0
    text = paragraph.text
    for m in _SENTENCE_END.finditer(text):
        # "TP. Hồ Chí Minh", "Số: 10-HD/TW." are not sentence ends worth splitting on (only the tail is read,
        # so a paragraph of many such marks stays linear)
        if _ABBREVIATION.search(text, max(start, m.start() - 6), m.start()):
            continue
        candidate = text[start:m.start()]
        result.append((paragraph.start + start, candidate))
        start = m.end()
    result.append((paragraph.start + start, text[start:]))
    return [(o, s) for o, s in result if s.strip()]
