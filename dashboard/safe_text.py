"""Text that comes from data, file names or the address bar, made safe to put inside Streamlit Markdown.

Streamlit renders Markdown in titles, captions, alerts and `st.markdown`: a document title holding
`![x](http://host/t.png)` would make the offline app fetch that host, and `[bấm vào đây](http://…)` would put a
stranger's link inside the app's own message. Every such piece of text goes through `literal` before it joins
the app's own Markdown, so that it is shown exactly as written.
"""
from __future__ import annotations

import re

# Backslash escapes (CommonMark allows one before any ASCII punctuation) for what starts emphasis, code, links,
# images, raw HTML, tables, LaTeX (`$`), autolinks (`http:`, `a@b`) and Streamlit's `:red[…]`/`:material/…:`.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~$&@]|:(?=\S))")  # ":" ends sentences too: only "http:/", ":icon"
# GFM turns "http://…", "www.…" and "a@b.c" into links after escapes are resolved, so a backslash cannot stop it:
# an invisible WORD JOINER (U+2060) inside the pattern does, and the reader sees the same characters.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
_LIST_START = re.compile(r"^([-+=]|\d+(?=[.)]))")  # a list item or heading when it starts the text


def literal(text: object) -> str:
    """`text` as Markdown that shows these very characters, on one line."""
    if text is None:
        return ""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    escaped = _AUTOLINK.sub("\u2060", escaped)
    return _LIST_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), escaped)


def literal_frame(frame):
    """A table for `st.table`, which renders its headers and cells as Markdown: every text made literal."""
    shown = frame.rename(columns=literal, index=lambda v: literal(v) if isinstance(v, str) else v)
    if shown.index.name:
        shown.index.name = literal(shown.index.name)
    return shown.apply(lambda column: column.map(lambda v: literal(v) if isinstance(v, str) else v))
