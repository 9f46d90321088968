"""Score the extractor against a corpus of documents with expected files (`python -m etl evaluate DIR`).

Layout and expected-file format: tests/corpus/README.md. The score is information, not a verdict:
the command exits 0 after printing it and fails only when an input cannot be read.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError, InputErrors
from .readers import DOCUMENT_SUFFIXES

META_FIELDS = ("doc_type", "issuer_level", "area_code", "results_year", "plan_year")
KINDS = ("actual", "target")
OPERATORS = ("=", ">", ">=", "<", "<=", "~", "range")
PERIOD = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


@dataclass(frozen=True)
class Figure:
    """One figure, expected or produced, in the terms the score compares."""
    area: str | None
    indicator: str | None
    year_start: int | None
    year_end: int | None
    kind: str | None
    operator: str | None
    value: float | None
    upper: float | None = None
    unit: str | None = None
    review: bool = False
    line: int | None = None  # line in the expected file, for messages
    written: tuple[str, ...] = ()  # the value as the text writes it, when it is not the plain number

    def period(self) -> str:
        if self.year_start is None and self.year_end is None:
            return "?"
        if self.year_start == self.year_end:
            return str(self.year_start)
        return f"{self.year_start}–{self.year_end}"

    def label(self) -> str:
        value = _number(self.value) + (f"–{_number(self.upper)}" if self.upper is not None else "")
        return (f"{self.area} {self.indicator} {self.period()} {self.kind} {self.operator} {value}"
                f"{' ' + self.unit if self.unit else ''}{' [cần duyệt]' if self.review else ''}")


@dataclass(frozen=True)
class Ignored:
    indicator: str
    value: float
    area: str | None
    reason: str


@dataclass
class Expected:
    path: Path
    meta: dict
    figures: list[Figure]
    ignored: list[Ignored]
    tasks: dict[str, int]
    roles: list[tuple[str, int, str]]
    channels: int | None


@dataclass
class DocumentScore:
    name: str
    correct: int = 0
    wrong: int = 0
    expected: int = 0
    misattributed: int = 0
    ignored: int = 0
    repeated: int = 0
    review_produced: int = 0
    review_matched: int = 0
    review_expected: int = 0
    meta_right: int = 0
    meta_expected: int = 0
    units_found: int = 0
    units_expected: int = 0
    task_counts_right: int = 0
    roles_right: int = 0
    roles_expected: int = 0
    channels_found: int | None = None
    channels_expected: int | None = None
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    misattributed_rows: list[str] = field(default_factory=list)
    meta_wrong: list[str] = field(default_factory=list)
    units_missing: list[str] = field(default_factory=list)
    task_counts_wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        produced = self.correct + self.wrong
        return self.correct / produced if produced else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None

    def as_json(self) -> dict:
        return {"document": self.name, "precision": _round(self.precision), "recall": _round(self.recall),
                "correct": self.correct, "wrong": self.wrong, "expected": self.expected,
                "misattributed": self.misattributed, "ignored": self.ignored, "repeated": self.repeated,
                "review_produced": self.review_produced, "review_matched": self.review_matched,
                "review_expected": self.review_expected,
                "metadata_right": self.meta_right, "metadata_expected": self.meta_expected,
                "units_found": self.units_found, "units_expected": self.units_expected,
                "task_counts_right": self.task_counts_right,
                "roles_right": self.roles_right, "roles_expected": self.roles_expected,
                "channels_found": self.channels_found, "channels_expected": self.channels_expected,
                "missing": self.missing, "extra": self.extra, "misattributed_rows": self.misattributed_rows,
                "metadata_wrong": self.meta_wrong, "units_missing": self.units_missing,
                "task_counts_wrong": self.task_counts_wrong}


SUMMED = ("correct", "wrong", "expected", "misattributed", "ignored", "repeated", "review_produced", "review_matched",
          "review_expected", "meta_right", "meta_expected", "units_found", "units_expected",
          "task_counts_right", "roles_right", "roles_expected")


@dataclass
class CorpusScore:
    documents: list[DocumentScore]

    def total(self) -> DocumentScore:
        total = DocumentScore("tổng")
        for d in self.documents:
            for name in SUMMED:
                setattr(total, name, getattr(total, name) + getattr(d, name))
        with_channels = [d for d in self.documents if d.channels_expected is not None]
        total.channels_expected = len(with_channels)
        total.channels_found = sum(1 for d in with_channels if d.channels_found == d.channels_expected)
        return total

    def as_json(self) -> dict:
        total = self.total().as_json()
        for name in ("document", "missing", "extra", "misattributed_rows", "metadata_wrong", "units_missing",
                     "task_counts_wrong", "channels_found", "channels_expected"):
            total.pop(name)
        total["channels_right"] = self.total().channels_found
        total["channels_documents"] = self.total().channels_expected
        return {**total, "documents": [d.as_json() for d in self.documents]}


# ---------- reading the expected files ----------

def _line_of(node) -> int:
    return node.start_mark.line + 1


def _mapping_lines(node) -> dict[str, yaml.Node]:
    return {k.value: v for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def _parse_period(raw, where: Path, line: int) -> tuple[int | None, int | None]:
    if raw is None:
        return None, None
    if isinstance(raw, int):
        return raw, raw
    match = PERIOD.match(str(raw).strip())
    if not match:
        raise InputError(f"kỳ «{raw}» không hợp lệ: viết một năm (2025) hoặc một giai đoạn (2026-2030)", where, line)
    start, end = int(match.group(1)), int(match.group(2))
    if end < start:
        raise InputError(f"giai đoạn «{raw}» có năm cuối trước năm đầu", where, line)
    return start, end


def _parse_figure(raw, where: Path, line: int) -> Figure:
    if not isinstance(raw, list) or len(raw) not in (7, 8):
        raise InputError("mỗi số liệu là [địa bàn, chỉ tiêu, kỳ, loại, phép so sánh, giá trị, đơn vị] "
                         "và tùy chọn {review: true}", where, line)
    area, indicator, period, kind, operator, value, unit = raw[:7]
    options = raw[7] if len(raw) == 8 else {}
    if not isinstance(options, dict) or set(options) - {"review", "written", "note"}:
        raise InputError("phần tùy chọn chỉ nhận review, written và note", where, line)
    if not isinstance(area, str) or not isinstance(indicator, str):
        raise InputError("địa bàn và chỉ tiêu phải là mã (chuỗi)", where, line)
    if kind not in KINDS:
        raise InputError(f"loại «{kind}» không hợp lệ: actual hoặc target", where, line)
    if operator not in OPERATORS:
        raise InputError(f"phép so sánh «{operator}» không hợp lệ: {' '.join(OPERATORS)}", where, line)
    upper = None
    if operator == "range":
        if not (isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)):
            raise InputError("khoảng (range) ghi giá trị là [cận dưới, cận trên]", where, line)
        value, upper = value
    elif not _is_number(value):
        raise InputError(f"giá trị «{value}» không phải là số", where, line)
    start, end = _parse_period(period, where, line)
    return Figure(area, indicator, start, end, kind, operator, float(value),
                  float(upper) if upper is not None else None, str(unit) if unit is not None else None,
                  bool(options.get("review", False)), line, _written(options.get("written")))


def _written(raw) -> tuple[str, ...]:
    if raw is None:
        return ()
    return tuple(str(w) for w in raw) if isinstance(raw, list) else (str(raw),)


def load_expected(path: Path) -> Expected:
    """Read one expected file; every problem is reported as `file:line: what`."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"YAML hỏng: {getattr(exc, 'problem', exc)}", path, mark.line + 1 if mark else None)
    if not isinstance(data, dict):
        raise InputError("tệp kỳ vọng phải là một bảng (document, figures, ...)", path, 1)
    nodes = _mapping_lines(root)
    errors: list[InputError] = []
    unknown = set(data) - {"document", "figures", "ignored", "tasks", "roles", "parents", "channels"}
    for key in sorted(unknown):
        errors.append(InputError(f"khóa «{key}» không được biết", path, _line_of(nodes[key])))
    meta = data.get("document") or {}
    if not isinstance(meta, dict):
        raise InputError("document phải là một bảng", path, _line_of(nodes["document"]))
    figures: list[Figure] = []
    fig_node = nodes.get("figures")
    for i, raw in enumerate(data.get("figures") or []):
        line = _line_of(fig_node.value[i])
        try:
            figures.append(_parse_figure(raw, path, line))
        except InputError as exc:
            errors.append(exc)
    ignored: list[Ignored] = []
    ign_node = nodes.get("ignored")
    for i, raw in enumerate(data.get("ignored") or []):
        line = _line_of(ign_node.value[i])
        if not (isinstance(raw, dict) and isinstance(raw.get("indicator"), str) and _is_number(raw.get("value"))
                and isinstance(raw.get("reason"), str) and raw["reason"].strip()):
            errors.append(InputError("mỗi mục ignored cần indicator, value và reason (lý do)", path, line))
            continue
        ignored.append(Ignored(raw["indicator"], float(raw["value"]), raw.get("area"), raw["reason"]))
    tasks = data.get("tasks") or {}
    if not isinstance(tasks, dict) or not all(isinstance(v, int) for v in tasks.values()):
        errors.append(InputError("tasks là bảng: tên đơn vị → số nhiệm vụ", path,
                                 _line_of(nodes["tasks"]) if "tasks" in nodes else None))
        tasks = {}
    roles = []
    for i, raw in enumerate(data.get("roles") or []):
        if not (isinstance(raw, list) and len(raw) == 3 and isinstance(raw[1], int)):
            errors.append(InputError("mỗi vai trò là [đơn vị, thứ tự nhiệm vụ, vai trò]", path,
                                     _line_of(nodes["roles"].value[i])))
            continue
        roles.append((str(raw[0]), raw[1], str(raw[2])))
    channels = data.get("channels")
    if channels is not None and not isinstance(channels, int):
        errors.append(InputError("channels là số hình thức tuyên truyền", path, _line_of(nodes["channels"])))
    if errors:
        raise InputErrors(errors)
    return Expected(path, meta, figures, ignored, {str(k): v for k, v in tasks.items()}, roles, channels)


# ---------- reading the extractor's output ----------

def produced_figure(o: dict) -> Figure:
    """An observation of `extract --json`; keys the extractor does not give yet fall back to today's."""
    year = o.get("year")
    start = o.get("year_start", year)
    end = o.get("year_end", year)
    if start is None and end is not None:
        start = end
    if end is None and start is not None:
        end = start
    status = o.get("status") or "established"
    return Figure(o.get("area_code"), o.get("indicator_code"), start, end, o.get("kind"), o.get("operator"),
                  _float(o.get("value")), _float(o.get("value_upper")), o.get("unit"), status != "established")


# ---------- the score ----------

def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _same_unit(expected: str | None, produced: str | None) -> bool:
    return expected is None or produced is None or _norm(expected) == _norm(produced)


def _exact(e: Figure, p: Figure) -> bool:
    return (e.area == p.area and e.indicator == p.indicator and e.year_start == p.year_start
            and e.year_end == p.year_end and e.kind == p.kind and e.operator == p.operator
            and _same_value(e.value, p.value) and _same_value(e.upper, p.upper) and _same_unit(e.unit, p.unit))


def _same_figure_elsewhere(e: Figure, p: Figure) -> bool:
    """Indicator and value agree but area, period or kind differ: the number was read and put in the wrong place."""
    return (e.indicator == p.indicator and _same_value(e.value, p.value)
            and (e.area, e.year_start, e.year_end, e.kind) != (p.area, p.year_start, p.year_end, p.kind))


def score_figures(expected: list[Figure], produced: list[Figure], ignored: list[Ignored],
                  score: DocumentScore) -> None:
    established = [p for p in produced if not p.review]
    in_review = [p for p in produced if p.review]
    firm = [e for e in expected if not e.review]
    doubtful = [e for e in expected if e.review]
    score.expected += len(firm)
    score.review_expected += len(doubtful)
    score.review_produced += len(in_review)

    open_firm = list(firm)
    unmatched: list[Figure] = []
    for p in established:
        hit = next((e for e in open_firm if _exact(e, p)), None)
        if hit:
            open_firm.remove(hit)
            score.correct += 1
        elif any(_exact(e, p) for e in firm):
            score.repeated += 1  # a figure the text states twice (text and table): right, counted once
        else:
            unmatched.append(p)

    open_doubtful = list(doubtful)
    for p in in_review:
        hit = next((e for e in open_doubtful if _exact(e, p)), None)
        if hit:
            open_doubtful.remove(hit)
            score.review_matched += 1

    for p in unmatched:
        # A figure the text leaves uncertain, or a known figure on the wrong area/period/kind,
        # stated as established: both put a wrong row on a chart.
        hit = (next((e for e in doubtful if _exact(e, p) or _same_figure_elsewhere(e, p)), None)
               or next((e for e in firm if _same_figure_elsewhere(e, p)), None))
        if hit:
            score.wrong += 1
            score.misattributed += 1
            score.misattributed_rows.append(f"{p.label()} (kỳ vọng: {hit.label()}, dòng {hit.line})")
            continue
        if any(i.indicator == p.indicator and _same_value(i.value, p.value)
               and (i.area is None or i.area == p.area) for i in ignored):
            score.ignored += 1
            continue
        score.wrong += 1
        near = next((e for e in firm if e.indicator == p.indicator and _same_value(e.value, p.value)), None)
        score.extra.append(p.label() + (f" (kỳ vọng: {near.label()}, dòng {near.line})" if near else ""))
    score.missing.extend(f"{e.label()} (dòng {e.line})" for e in open_firm)


def _norm(text) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).lower().split())


def score_document(name: str, expected: Expected, produced: dict) -> DocumentScore:
    score = DocumentScore(name)
    doc = produced.get("document", {})
    for key in META_FIELDS:
        if key not in expected.meta:
            continue
        score.meta_expected += 1
        if doc.get(key) == expected.meta[key]:
            score.meta_right += 1
        else:
            score.meta_wrong.append(f"{key}: {doc.get(key)!r}, kỳ vọng {expected.meta[key]!r}")
    score_figures(expected.figures, [produced_figure(o) for o in produced.get("observations", [])],
                  expected.ignored, score)

    by_unit: dict[str, list[dict]] = {}
    for t in produced.get("tasks", []):
        by_unit.setdefault(_norm(t.get("unit_name")), []).append(t)
    score.units_expected = len(expected.tasks)
    for unit, count in expected.tasks.items():
        found = by_unit.get(_norm(unit))
        if not found:
            score.units_missing.append(unit)
            continue
        score.units_found += 1
        if len(found) == count:
            score.task_counts_right += 1
        else:
            score.task_counts_wrong.append(f"{unit}: {len(found)} nhiệm vụ, kỳ vọng {count}")
    score.roles_expected = len(expected.roles)
    for unit, ordinal, role in expected.roles:
        found = by_unit.get(_norm(unit), [])
        if 0 < ordinal <= len(found) and _norm(found[ordinal - 1].get("role")) == _norm(role):
            score.roles_right += 1
    if expected.channels is not None:
        score.channels_expected = expected.channels
        score.channels_found = len(produced.get("channels", []))
    return score


def corpus_files(folder: Path) -> list[tuple[Path, Path]]:
    """Each document of the folder with its expected file; a document without one is an input error."""
    if not folder.is_dir():
        raise InputError("không phải thư mục", folder)
    docs = sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in DOCUMENT_SUFFIXES)
    expected_dir = folder / "expected"
    errors = [InputError(f"thiếu tệp kỳ vọng expected/{d.stem}.yaml", d, 1)
              for d in docs if not (expected_dir / f"{d.stem}.yaml").is_file()]
    stems = {d.stem for d in docs}
    if expected_dir.is_dir():
        errors += [InputError("tệp kỳ vọng không có văn bản cùng tên", e, 1)
                   for e in sorted(expected_dir.glob("*.yaml")) if e.stem not in stems]
    if errors:
        raise InputErrors(errors)
    if not docs:
        raise InputError("không có văn bản .txt, .docx hay .pdf nào", folder)
    return [(d, expected_dir / f"{d.stem}.yaml") for d in docs]


def evaluate(folder: Path) -> CorpusScore:
    from .extract import extract_file
    from .reference import load_reference

    pairs = corpus_files(folder)
    errors: list[InputError] = []
    expectations = {}
    for doc, exp in pairs:
        try:
            expectations[doc] = load_expected(exp)
        except InputErrors as exc:
            errors += exc.errors
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise InputErrors(errors)
    reference = load_reference()
    scores = []
    for doc, _ in pairs:
        try:
            scores.append(score_document(doc.name, expectations[doc], extract_file(doc, reference).as_json()))
        except InputError as exc:  # an unreadable document: say which, after trying every other one
            errors.append(exc)
    if errors:
        raise InputErrors(errors)
    return CorpusScore(scores)


# ---------- printing ----------

def _round(x: float | None) -> float | None:
    return round(x, 4) if x is not None else None


def _percent(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%".replace(".", ",")


def _number(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:g}"


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _float(x) -> float | None:
    return float(x) if _is_number(x) else None


def summary_lines(score: CorpusScore, details: bool = True) -> list[str]:
    lines = []
    for d in score.documents:
        lines.append(f"{d.name}: chính xác {_percent(d.precision)}, đầy đủ {_percent(d.recall)} "
                     f"({d.correct}/{d.expected} đúng, {d.wrong} sai, {d.misattributed} gán nhầm, "
                     f"{d.review_produced} cần duyệt), thông tin văn bản {d.meta_right}/{d.meta_expected}, "
                     f"đơn vị {d.units_found}/{d.units_expected}, số nhiệm vụ đúng {d.task_counts_right}"
                     f"/{d.units_expected}, vai trò {d.roles_right}/{d.roles_expected}"
                     + (f", hình thức {d.channels_found}/{d.channels_expected}" if d.channels_expected is not None
                        else ""))
        if details:
            lines += [f"    gán nhầm: {row}" for row in d.misattributed_rows]
            lines += [f"    thừa: {row}" for row in d.extra]
            lines += [f"    thiếu: {row}" for row in d.missing]
            lines += [f"    văn bản: {row}" for row in d.meta_wrong]
            lines += [f"    thiếu đơn vị: {row}" for row in d.units_missing]
            lines += [f"    số nhiệm vụ: {row}" for row in d.task_counts_wrong]
    t = score.total()
    lines.append(f"Tổng {len(score.documents)} văn bản: chính xác {_percent(t.precision)}, "
                 f"đầy đủ {_percent(t.recall)}, gán nhầm {t.misattributed} dòng "
                 f"({t.correct}/{t.expected} số liệu đúng, {t.wrong} sai, {t.ignored} bỏ qua có lý do, "
                 f"{t.review_produced} cần duyệt, {t.review_matched}/{t.review_expected} cần duyệt đúng); "
                 f"thông tin văn bản {t.meta_right}/{t.meta_expected}; đơn vị {t.units_found}/{t.units_expected}, "
                 f"số nhiệm vụ đúng {t.task_counts_right}/{t.units_expected}, vai trò {t.roles_right}/{t.roles_expected}; "
                 f"hình thức tuyên truyền đúng ở {t.channels_found}/{t.channels_expected} văn bản.")
    return lines
