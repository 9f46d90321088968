"""Marking extracted figures inside a sentence or a whole document, as HTML-escaped text (no Streamlit)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterable

from .formatting import is_missing, number

MARK_STYLE = "background:#fde68a;padding:0 2px;border-radius:3px;font-weight:600"
QUOTE_STYLE = "background:#eef2ff"


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of a text to mark; `title` shows on hover (what the figure is)."""
    start: int
    end: int
    title: str | None = None
    kind: str = "value"  # "value": the number itself (<mark>); "quote": the sentence it came from (lighter)


def _clip(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans inside the text, sorted; a span overlapping an earlier one is dropped (the first wins)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start is None or span.end is None or span.start < 0 or span.end > length or span.end <= span.start:
            continue
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def mark_spans(text: str, spans: Iterable[Span], *, newlines: bool = False) -> str:
    """`text` escaped for HTML with each span wrapped in <mark> (values) or a tinted <span> (quotes).

    Quote spans may contain value spans: the value is marked inside its tinted sentence.
    With `newlines`, line breaks become <br> so the result is one HTML line.
    """
    spans = list(spans)
    quotes = _clip([s for s in spans if s.kind == "quote"], len(text))
    values = _clip([s for s in spans if s.kind != "quote"], len(text))
    # Events at each offset: quotes open before values and close after them, so tags nest.
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for q in quotes:
        opens.setdefault(q.start, []).append(_open("span", QUOTE_STYLE, q.title))
        closes.setdefault(q.end, []).append("</span>")
    boundaries = {q.start for q in quotes} | {q.end for q in quotes}
    for v in values:
        # a value that crosses a quote boundary is cut at it, so tags never interleave
        cuts = sorted({v.start, v.end} | {b for b in boundaries if v.start < b < v.end})
        for a, b in zip(cuts, cuts[1:]):
            opens.setdefault(a, []).append(_open("mark", MARK_STYLE, v.title))
            closes.setdefault(b, []).insert(0, "</mark>")
    out: list[str] = []
    points = sorted({0, len(text)} | set(opens) | set(closes))
    for a, b in zip(points, points[1:]):
        out.extend(closes.get(a, []) if a != 0 else [])
        out.extend(opens.get(a, []))
        out.append(_escape(text[a:b], newlines))
    out.extend(closes.get(len(text), []))
    return "".join(out)


def _open(tag: str, style: str, title: str | None) -> str:
    attr = f' title="{html.escape(title, quote=True)}"' if title else ""
    return f'<{tag} style="{style}"{attr}>'


def _escape(text: str, newlines: bool) -> str:
    escaped = html.escape(text, quote=True)
    return escaped.replace("\n", "<br>") if newlines else escaped


def mark_value_in_quote(quote: str, quote_start, value_text, value_start, title: str | None = None) -> str:
    """The quote escaped, with the figure (value_text at value_start in the document) marked.

    Offsets index the document's text; the value's place in the quote is value_start - quote_start.
    If the offsets do not point at value_text inside the quote, nothing is marked rather than the wrong thing.
    """
    if not isinstance(quote, str):
        return ""
    spans = []
    if not is_missing(quote_start) and not is_missing(value_start) and isinstance(value_text, str) and value_text:
        offset = int(value_start) - int(quote_start)
        if quote[offset:offset + len(value_text)] == value_text and offset >= 0:
            spans.append(Span(offset, offset + len(value_text), title))
    return mark_spans(quote, spans)


def locate_number(text: str, value) -> Span | None:
    """Where a number is written in `text` the Vietnamese way (27,62; 7.188), not inside a longer number."""
    if is_missing(value) or not isinstance(text, str):
        return None
    for written in dict.fromkeys([number(value), number(value).replace(".", "")]):
        for match in re.finditer(re.escape(written), text):
            before = text[match.start() - 1] if match.start() > 0 else " "
            after = text[match.end()] if match.end() < len(text) else " "
            if before.isdigit() or after.isdigit() or (after in ",." and match.end() + 1 < len(text)
                                                        and text[match.end() + 1].isdigit()):
                continue
            return Span(match.start(), match.end())
    return None
