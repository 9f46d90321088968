"""The words the extractor looks for: `data/reference/lexicon/*.yaml`, one file per concern.

Each entry has an `id` (the rule id recorded with every fact it decides), its `words` (whole words,
case-insensitive unless `case: exact`) or a regular expression `pattern`, an `example` sentence in which
it must fire, and the fields its concern needs (`kind`, `operator`, `role` ...). A mistake stops the
build with `file:line: what`, naming the entry to edit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError, InputErrors
from .paths import REFERENCE, ROOT
from .strict_yaml import StrictLoader

PROJECT_LEXICON = ROOT / "data" / "reference" / "lexicon"

# concern (file stem) -> fields every entry of it must have, with the values allowed (None: any text)
CONCERNS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "kind_cues": {"kind": ("actual", "target")},
    "scope_cues": {"scope": ("national", "local", "neutral")},
    "operators": {"operator": (">", ">=", "<", "<=", "~", "times", "from_to")},
    "periods": {"period": ("span", "until", "year")},
    "not_one_area": {"reason": None},
    "series": {},
    "predicates": {},
    "area_spellings": {"area_code": None},
    "doc_types": {"name": None},
    "issuers": {},
    "issuer_verbs": {},
    "issuer_levels": {"level": ("ward", "department", "central")},
    "sections": {"section": ("tasks", "channels", "end")},
    "roles": {"role": None},
    "unit_starts": {},
    "unit_verbs": {},
}


@dataclass(frozen=True)
class Entry:
    concern: str
    id: str
    example: str
    words: tuple[str, ...] = ()
    pattern: str | None = None
    is_exact_case: bool = False
    fields: dict = field(default_factory=dict, hash=False, compare=False)
    file: str = ""
    line: int = 0

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}"

    def regex(self) -> re.Pattern:
        """The entry as one compiled expression (words become a whole-word alternation)."""
        flags = 0 if self.is_exact_case else re.IGNORECASE
        if self.pattern:
            return re.compile(self.pattern, flags)
        alternatives = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)

    def get(self, name: str, default=None):
        return self.fields.get(name, default)

    def scan_regex(self) -> tuple[re.Pattern, bool]:
        """The pattern for scanning long texts (already lower-cased unless `case: exact`), and whether a match
        must be checked for a word boundary before it. Python's re skips ahead fast only for patterns that
        start with a literal or a set of characters: a leading `(?<!\\w)` is checked after the match instead."""
        if self.pattern:
            body, boundary = self.pattern, False
            if body.startswith(_LEADING_BOUNDARY):
                body, boundary = body[len(_LEADING_BOUNDARY):], True
            # the text scanned is lower-cased already: IGNORECASE would only cost the fast skip-ahead
            return re.compile(body), boundary
        words = sorted({w if self.is_exact_case else w.lower() for w in self.words}, key=len, reverse=True)
        return re.compile("(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)"), True


_LEADING_BOUNDARY = "(?<!\\w)"


def scan(pattern: re.Pattern, text: str, boundary: bool):
    """finditer, keeping only matches not preceded by a letter or digit when `boundary`."""
    pos = 0
    search = pattern.search
    while True:
        m = search(text, pos)
        if m is None:
            return
        start = m.start()
        if boundary and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


class Lexicon:
    def __init__(self, entries: list[Entry], folder: Path):
        self.folder = folder
        self.entries = entries
        self._cache: dict = {}
        self.by_concern: dict[str, list[Entry]] = {c: [] for c in CONCERNS}
        for e in entries:
            self.by_concern[e.concern].append(e)

    def __getitem__(self, concern: str) -> list[Entry]:
        return self.by_concern[concern]

    def scanner(self, concern: str) -> "Scanner":
        key = ("scanner", concern)
        if key not in self._cache:
            self._cache[key] = Scanner(self[concern])
        return self._cache[key]


class Scanner:
    """Every match of a concern's entries in a long text, in one fast pass per pattern.

    Word entries share one flat alternation (looked up by the matched words); pattern entries run alone.
    Texts are lower-cased by the caller, except for entries with `case: exact`, which read `original`.
    """

    def __init__(self, entries: list[Entry]):
        self.word_entries: dict[tuple[bool, str], Entry] = {}
        self.patterns: list[tuple[Entry, re.Pattern, bool]] = []
        for e in entries:
            if e.pattern:
                self.patterns.append((e, *e.scan_regex()))
            else:
                for w in e.words:
                    self.word_entries.setdefault((e.is_exact_case, w if e.is_exact_case else w.lower()), e)
        self.words = {}
        for exact in (False, True):
            words = sorted((w for (x, w) in self.word_entries if x == exact), key=len, reverse=True)
            if words:
                self.words[exact] = re.compile("(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")

    def matches(self, lower: str, original: str | None = None) -> list[tuple[int, int, Entry, re.Match]]:
        found = []
        for exact, pattern in self.words.items():
            text = original if exact else lower
            for m in scan(pattern, text, True):
                found.append((m.start(), m.end(), self.word_entries[(exact, m.group(0))], m))
        for e, pattern, boundary in self.patterns:
            for m in scan(pattern, original if e.is_exact_case else lower, boundary):
                found.append((m.start(), m.end(), e, m))
        found.sort(key=lambda x: (x[0], -x[1]))
        return found


class _LineLoader(StrictLoader):
    """The strict loader (no aliases, anchors or tags) that also remembers each mapping's line, so errors name it."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def lexicon_folder(reference: Path = REFERENCE) -> Path:
    """The lexicon is the extractor's rule book: a data folder may bring its own, else the project's applies (a folder
    of test areas or published tables needs no copy of the words the extractor looks for)."""
    own = Path(reference) / "lexicon"
    return own if own.is_dir() else PROJECT_LEXICON


def load_lexicon(folder: Path | None = None) -> Lexicon:
    folder = lexicon_folder() if folder is None else folder
    errors: list[InputError] = []
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for concern, required in CONCERNS.items():
        path = folder / f"{concern}.yaml"
        shown = f"data/reference/lexicon/{concern}.yaml"
        if not path.is_file():
            errors.append(InputError("thiếu tệp từ vựng", shown))
            continue
        try:
            items = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or []
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            errors.append(InputError(f"YAML không hợp lệ: {getattr(exc, 'problem', exc)}", shown,
                                     mark.line + 1 if mark else None))
            continue
        if not isinstance(items, list):
            errors.append(InputError("tệp từ vựng phải là một danh sách mục", shown, 1))
            continue
        for item in items:
            line = item.get("__line__") if isinstance(item, dict) else None
            entry, problem = _entry(concern, item, required, shown)
            if problem:
                errors.append(InputError(problem, shown, line))
                continue
            if entry.id in seen:
                errors.append(InputError(f"mã quy tắc '{entry.id}' trùng với {seen[entry.id]}", shown, line))
                continue
            seen[entry.id] = entry.source
            if not entry.regex().search(entry.example):
                errors.append(InputError(f"quy tắc '{entry.id}' không khớp với câu ví dụ của nó", shown, line))
                continue
            entries.append(entry)
    if errors:
        raise InputErrors(errors)
    return Lexicon(entries, folder)


def _entry(concern: str, item, required: dict, shown: str) -> tuple[Entry | None, str | None]:
    if not isinstance(item, dict):
        return None, "mỗi mục phải là một bảng (id, words hoặc pattern, example)"
    for name in ("id", "example"):
        if not isinstance(item.get(name), str) or not item[name].strip():
            return None, f"thiếu '{name}'"
    words, pattern = item.get("words"), item.get("pattern")
    if (words is None) == (pattern is None):
        return None, f"quy tắc '{item['id']}': cần đúng một trong 'words' hoặc 'pattern'"
    if words is not None and (not isinstance(words, list) or not words or
                              not all(isinstance(w, str) and w.strip() for w in words)):
        return None, f"quy tắc '{item['id']}': 'words' phải là danh sách chữ không rỗng"
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            return None, f"quy tắc '{item['id']}': biểu thức 'pattern' sai: {exc}"
    extra = {k: v for k, v in item.items() if k not in ("id", "example", "words", "pattern", "case", "__line__")}
    for name, allowed in required.items():
        if name not in extra:
            return None, f"quy tắc '{item['id']}': thiếu '{name}'"
        if allowed is not None and extra[name] not in allowed:
            return None, f"quy tắc '{item['id']}': '{name}' phải là một trong {', '.join(allowed)}"
    return Entry(concern, item["id"], item["example"], tuple(words or ()), pattern, item.get("case") == "exact",
                 extra, shown, item["__line__"]), None
