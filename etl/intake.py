"""Adding documents as analysts do: read and extract without writing, review, then store and rebuild in one step.

Documents are stored as uploaded under data/raw/ (.txt, .docx or .pdf, under a safe name) and read again by every
build; an analyst's corrections go to data/curated/reviewed_documents.csv (with their quotes) and the figures they
reject to data/curated/rejected_extractions.yaml; corrected task lists and metadata fields go to
data/curated/reviewed_tasks.yaml and reviewed_metadata.yaml (see etl/corrections.py). Every change to data/ is made under the database's rebuild lock,
then the database is rebuilt; if the build finds a problem, the files are put back as they were.
"""
from __future__ import annotations

import csv
import hashlib
import io
import math
from numbers import Number
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import build, corrections, journal, paths
from .curated import load_curated, parse_row
from .errors import InputError, InputErrors
from .extract import ExtractedDocument, extract_text
from .locking import rebuild_lock
from .readers import DOCUMENT_SUFFIXES, MAX_FILE_BYTES, DocumentText, decode_document, document_files, read_document_info
from .reference import Reference, load_reference
from .review import CONFIRMATIONS_FILE, CONFIRMATIONS_HEADER, REJECTIONS_FILE, Rejection, rejections_text

REVIEWED_FILE = "reviewed_documents.csv"
REVIEWED_COLUMNS = ["area_code", "indicator_code", "year", "kind", "operator", "value", "value_upper", "unit",
                    "doc_file", "quote", "note"]
# The columns of the review table; row_id ties a row to the extracted figure it came from (empty for added rows).
REVIEW_COLUMNS = ["row_id", "indicator_code", "area_code", "year", "kind", "operator", "value", "value_upper", "unit",
                  "quote", "review"]  # review: why a figure waits for an analyst (cần duyệt), read only
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_NAME_LIMIT = 100


# -- names and duplicates -------------------------------------------------------------------------------
def safe_file_name(name: str) -> str:
    """A name that is safe on every system: the last path part, ASCII letters, digits, '-' and '_', a known suffix.

    `../../etc/Kế hoạch: 2026?.PDF` -> `ke-hoach-2026.pdf`; the stored name never comes from a path in the upload.
    """
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower().strip()}" if dot else ""
    if suffix not in DOCUMENT_SUFFIXES:
        raise InputError(f"loại tệp '{suffix or '(không có đuôi)'}' chưa nhận: chỉ nhận {', '.join(DOCUMENT_SUFFIXES)}",
                         base or name)
    folded = unicodedata.normalize("NFD", stem.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9_]+", "-", folded)
    slug = re.sub(r"-{2,}", "-", slug)[:_NAME_LIMIT].strip("-_")
    if not slug or slug in _WINDOWS_RESERVED:
        slug = f"van-ban-{slug}" if slug else "van-ban"
    return slug + suffix


def unique_name(name: str, raw: Path) -> str:
    """`name`, or `name-2`, `name-3`… so that no two documents in raw/ share a stem (the stem is the doc_id)."""
    stems = {p.stem for p in raw.iterdir()} if raw.exists() else set()
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = stem, 1
    while candidate in stems:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate + suffix


def text_digest(text: str) -> str:
    """The same document as .txt, .docx or .pdf gives the same digest: NFC text with whitespace collapsed."""
    return hashlib.sha256(" ".join(unicodedata.normalize("NFC", text).split()).encode()).hexdigest()


_known: dict[tuple, tuple[str, str | None]] = {}


def known_documents(raw: Path) -> dict[str, str]:
    """Digest (of the bytes, and of the text) -> the raw/ file that has it."""
    found = {}
    for path in document_files(raw) if raw.exists() else []:
        st = path.stat()
        key = (str(path), st.st_size, st.st_mtime_ns)
        if key not in _known:
            data = path.read_bytes()
            try:
                text = text_digest(read_document_info(path).text)
            except InputError:
                text = None
            _known[key] = (hashlib.sha256(data).hexdigest(), text)
        byte_digest, text_hash = _known[key]
        found.setdefault(byte_digest, path.name)
        if text_hash:
            found.setdefault(text_hash, path.name)
    return found


# -- reading an upload, writing nothing ------------------------------------------------------------------
@dataclass
class Candidate:
    """An uploaded document, read and extracted, not yet stored."""
    original_name: str
    file_name: str  # the safe name it will be stored under (final name chosen on accept)
    data: bytes
    sha256: str
    text_sha256: str
    document: DocumentText
    extracted: ExtractedDocument
    duplicate_of: str | None = None
    notes: list[str] = field(default_factory=list)


def prepare(name: str, data: bytes, inputs: build.Inputs = build.Inputs(), reference: Reference | None = None) -> Candidate:
    """Read and extract an upload; raises InputError with what is wrong and what to do. Writes nothing."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB, giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB); "
                         "hãy tách văn bản hoặc bỏ ảnh trước khi tải lên", name)
    file_name = safe_file_name(name)
    document = decode_document(data, file_name, name)
    reference = reference or load_reference(inputs.reference)
    sha = hashlib.sha256(data).hexdigest()
    extracted = extract_text(document.text, reference, Path(file_name).stem, file_name, sha)
    notes = list(document.notes)
    base = re.split(r"[\\/]", name)[-1]
    if file_name != base:
        notes.append(f"Tên tệp sẽ lưu là {file_name} (tên gốc '{name}' có dấu, khoảng trắng hoặc ký tự không dùng được).")
    known = known_documents(inputs.raw)
    text_sha = text_digest(document.text)
    duplicate = known.get(sha) or known.get(text_sha)
    return Candidate(name, file_name, data, sha, text_sha, document, extracted, duplicate, notes)


def review_frame(candidate: Candidate) -> pd.DataFrame:
    """The extracted figures as the review table shows them (one row per figure)."""
    rows = [{"row_id": f"x{i}", "indicator_code": o.indicator_code, "area_code": o.area_code, "year": o.period_year,
             "kind": o.kind, "operator": o.operator, "value": o.value, "value_upper": o.value_upper, "unit": o.unit,
             "quote": o.quote, "review": (f"cần duyệt: {o.review_reason}" if o.status == "review" else "")}
            for i, o in enumerate(candidate.extracted.observations)]
    frame = pd.DataFrame(rows, columns=REVIEW_COLUMNS)
    return frame.astype({"year": "Int64", "value": "Float64", "value_upper": "Float64"})


def tasks_frame(candidate: Candidate) -> pd.DataFrame:
    return pd.DataFrame([{"unit_name": t.unit_name, "parent_unit": t.parent_unit, "role": t.role,
                          "category": t.category, "task_text": t.task_text} for t in candidate.extracted.tasks],
                        columns=["unit_name", "parent_unit", "role", "category", "task_text"])


def metadata_frame(candidate: Candidate) -> pd.DataFrame:
    """The editable metadata fields as a one-row table (issued_on a date or empty)."""
    m = candidate.extracted.meta
    return pd.DataFrame([{f: getattr(m, f) for f in corrections.META_FIELDS}], columns=corrections.META_FIELDS)


def metadata(candidate: Candidate) -> dict:
    m = candidate.extracted.meta
    return {"Loại văn bản": m.doc_type, "Tiêu đề": m.title, "Số hiệu": m.doc_number, "Cơ quan ban hành": m.issuer,
            "Cấp": m.issuer_level, "Địa bàn": m.area_code, "Nơi ban hành": m.place,
            "Ngày ban hành": m.issued_on.isoformat() if m.issued_on else None, "Người ký": m.signer,
            "Năm kết quả": m.results_year, "Năm kế hoạch": m.plan_year}


# -- the analyst's review -> curated rows and rejections -----------------------------------------------
def _blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or \
        (isinstance(value, str) and not value.strip())


def _cell(value) -> str:
    if _blank(value):
        return ""
    if isinstance(value, Number) and not isinstance(value, bool):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return unicodedata.normalize("NFC", str(value).strip())


@dataclass
class Review:
    """What accepting a document will write: curated rows (CSV cells) and rejected extractions."""
    rows: list[dict[str, str]]
    rejections: list[Rejection]
    confirmations: list[Rejection] = field(default_factory=list)  # figures in review kept as extracted


def curated_keys(inputs: build.Inputs, reference: Reference) -> dict[tuple, str]:
    """(area, indicator, year, kind) -> `file:line` of the curated row that already states it."""
    raw_names = {p.name for p in document_files(inputs.raw)} if inputs.raw.exists() else set()
    rows, _ = load_curated(inputs.curated, reference, raw_names)
    return {r.key: f"{r.file}:{r.line}" for r in rows}


def review_changes(candidate: Candidate, edited: pd.DataFrame, reference: Reference, file_name: str | None = None,
                   note: str = "", existing: dict[tuple, str] | None = None) -> Review:
    """Compare the edited table with what was extracted.

    Unchanged rows need nothing (the build finds them again), except a figure waiting for review (cần duyệt),
    which the analyst thereby confirms; a changed row becomes a curated row and its extraction is rejected; a
    deleted row is rejected; an added row becomes a curated row. Every curated row is
    checked as the build will check it; errors are `Hàng N: …` for the review table's row N.
    """
    file_name = file_name or candidate.file_name
    original = {f"x{i}": o for i, o in enumerate(candidate.extracted.observations)}
    seen_ids = set()
    rows, rejections, errors, confirmations = [], [], [], []
    for n, (_, r) in enumerate(edited.iterrows(), start=1):
        row_id = None if _blank(r.get("row_id")) else str(r.get("row_id"))
        o = original.get(row_id) if row_id else None
        if o is not None:
            seen_ids.add(row_id)
            same = (_cell(r.get("indicator_code")) == o.indicator_code and _cell(r.get("area_code")) == o.area_code
                    and _cell(r.get("year")) == str(o.period_year) and _cell(r.get("kind")) == o.kind
                    and _cell(r.get("operator")) == o.operator and _cell(r.get("value")) == _cell(o.value)
                    and _cell(r.get("value_upper")) == _cell(o.value_upper) and _cell(r.get("unit")) == o.unit
                    and _cell(r.get("quote")) == o.quote)
            if same:
                if o.status == "review":
                    confirmations.append(Rejection(file_name, o.area_code, o.indicator_code, o.period_year, o.kind,
                                                   o.value_text, "xác nhận khi duyệt văn bản"))
                continue
        if all(_blank(r.get(c)) for c in REVIEW_COLUMNS[1:]):
            continue  # an empty row the editor added
        row = {"area_code": _cell(r.get("area_code")), "indicator_code": _cell(r.get("indicator_code")),
               "year": _cell(r.get("year")), "kind": _cell(r.get("kind")), "operator": _cell(r.get("operator")),
               "value": _cell(r.get("value")), "value_upper": _cell(r.get("value_upper")),
               "unit": _cell(r.get("unit")), "doc_file": file_name, "quote": _cell(r.get("quote")),
               "note": note or ("sửa khi duyệt văn bản" if o is not None else "thêm khi duyệt văn bản")}
        try:
            for obs in parse_row(row, Path(REVIEWED_FILE), n, reference, {file_name}, None):
                if existing and obs.key in existing:
                    raise InputError(f"số liệu {'/'.join(map(str, obs.key))} đã có trong bảng đã duyệt "
                                     f"({existing[obs.key]}), bảng đó được dùng; hãy sửa ở đó, hoặc xóa hàng này "
                                     f"nếu văn bản ghi sai")
            if row["quote"] not in candidate.extracted.text:
                raise InputError("câu trích không có nguyên văn trong văn bản; hãy chép đúng một đoạn của văn bản")
        except InputError as exc:
            errors.append(InputError(exc.message, f"Hàng {n}"))
            continue
        rows.append(row)
        if o is not None:
            rejections.append(Rejection(file_name, o.area_code, o.indicator_code, o.period_year, o.kind, o.value_text,
                                        "sửa khi duyệt: xem reviewed_documents.csv"))
    for row_id, o in original.items():
        if row_id not in seen_ids:
            rejections.append(Rejection(file_name, o.area_code, o.indicator_code, o.period_year, o.kind, o.value_text,
                                        "xóa khi duyệt văn bản"))
    if errors:
        raise InputErrors(errors)
    unique, keys = [], set()
    for r in rejections:
        if r.key not in keys:
            keys.add(r.key)
            unique.append(r)
    return Review(rows, unique, [c for c in confirmations if c.key not in keys])


def _first_row(edited) -> dict:
    if isinstance(edited, pd.DataFrame):
        return edited.iloc[0].to_dict() if len(edited) else {}
    return dict(edited)


def metadata_changes(candidate: Candidate, edited, reference: Reference) -> dict:
    """The metadata fields the analyst changed -> their checked values ({} when nothing changed).

    `edited` is the one-row table of metadata_frame (or a dict of the same fields); errors are `Thông tin văn bản: …`.
    """
    row, m = _first_row(edited), candidate.extracted.meta
    changed, errors = {}, []
    for name in corrections.META_FIELDS:
        if name not in row:
            continue
        value = row[name]
        try:
            if name == "issued_on":
                value = None if _blank(value) or (not isinstance(value, str) and pd.isna(value)) else value
                if isinstance(value, pd.Timestamp):
                    value = value.date()
            else:
                value = _cell(value)
            value = corrections.check_metadata(name, value, reference)
        except InputError as exc:
            errors.append(InputError(f"{name}: {exc.message}", "Thông tin văn bản"))
            continue
        original = getattr(m, name)
        if isinstance(original, str):
            original = _cell(original) or None
        if value != original:
            changed[name] = value
    if errors:
        raise InputErrors(errors)
    return changed


def task_changes(candidate: Candidate, edited: pd.DataFrame, reference: Reference) -> list | None:
    """The full corrected task list if the analyst changed the tasks, else None; errors are `Nhiệm vụ hàng N: …`."""
    tasks, errors = [], []
    for n, (_, r) in enumerate(edited.iterrows(), start=1):
        if all(_blank(r.get(c)) for c in corrections.TASK_FIELDS):
            continue  # an empty row the editor added
        task = corrections.ReviewedTask(_cell(r.get("unit_name")), _cell(r.get("parent_unit")) or None,
                                        _cell(r.get("role")), _cell(r.get("category")), _cell(r.get("task_text")))
        try:
            corrections.check_task(task, reference)
        except InputError as exc:
            errors.append(InputError(exc.message, f"Nhiệm vụ hàng {n}"))
            continue
        tasks.append(task)
    if errors:
        raise InputErrors(errors)
    extracted = [corrections.ReviewedTask(t.unit_name, t.parent_unit or None, t.role, t.category, t.task_text)
                 for t in candidate.extracted.tasks]
    return None if tasks == extracted else tasks


# -- changing data/ safely -------------------------------------------------------------------------------
def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the input folder, then swap in: a reader listing raw/ or curated/ never meets a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def apply_change(writes, inputs: build.Inputs, db: Path | None = None, progress=None) -> build.BuildResult:
    """Under the rebuild lock: `writes()` -> {path: new bytes}; write them, rebuild; on any error put them back.

    Killed at any point (kill -9), the next holder of the lock finishes or undoes it (etl/journal.py).

    `writes` is called once the lock is held, so it sees what others committed before us.
    `progress(fraction, message)` reports the steps.
    """
    db = Path(db or paths.default_database())
    say = progress or (lambda fraction, message: None)
    with rebuild_lock(db, on_wait=lambda: say(0.05, "Đang chờ người khác cập nhật xong…")):
        journal.recover(db)  # a change killed half-way is finished or undone before ours
        build.remove_leftovers(db)
        say(0.1, "Đang lưu tệp…")
        changes: dict[Path, bytes] = writes()
        journal.begin(db, list(changes))
        try:
            for path, data in changes.items():
                _write_atomic(path, data)
            say(0.4, "Đang trích và kiểm tra toàn bộ dữ liệu…")
            result = build.process(inputs)
            journal.expect(db, result.fingerprint)
            say(0.8, "Đang ghi cơ sở dữ liệu mới…")
            build.write(result, db)
        except BaseException:
            journal.recover(db)  # the database was not replaced: every input goes back as it was
            raise
        journal.finish(db)
        say(1.0, "Xong.")
        return result


def _csv_with_rows(path: Path, rows: list[dict[str, str]], columns: list[str]) -> bytes:
    existing = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    out = io.StringIO()
    if existing:
        out.write(existing if existing.endswith("\n") else existing + "\n")
        header = next(csv.reader([existing.splitlines()[0]]))
    else:
        header = columns
        csv.writer(out, lineterminator="\n").writerow(header)
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    return out.getvalue().encode("utf-8")


def _declared(curated: Path, name: str, publisher: str, title: str) -> dict[Path, bytes]:
    """sources.yaml with `name` declared, if it is not yet (a data folder copied before this feature)."""
    path = curated / "sources.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if re.search(rf"(?m)^{re.escape(name)}:", text):
        return {}
    if text and not text.endswith("\n"):
        text += "\n"
    text += f"{name}:\n  publisher: {publisher}\n  title: {title}\n  published_on:\n"
    return {path: text.encode("utf-8")}


@dataclass
class Added:
    file_name: str
    original_name: str
    n_rows: int
    n_rejected: int
    tasks_reviewed: bool = False
    n_metadata: int = 0


def accept(candidate: Candidate, edited: pd.DataFrame | None = None, inputs: build.Inputs = build.Inputs(),
           db: Path | None = None, progress=None, reference: Reference | None = None,
           edited_tasks: pd.DataFrame | None = None, edited_metadata=None) -> tuple[Added, build.BuildResult]:
    """Store the document under a safe, unused name, save the review, rebuild; nothing changes if anything fails.

    `edited_tasks` (the tasks_frame table as edited) and `edited_metadata` (metadata_frame as edited): when they
    differ from what was extracted, the full task list / the changed fields are saved as curated corrections.
    """
    reference = reference or load_reference(inputs.reference)
    # checked before waiting for the lock: errors in the tables need no turn
    problems = []
    for check in (lambda: edited is not None and review_changes(candidate, edited, reference,
                                                                existing=curated_keys(inputs, reference)),
                  lambda: edited_tasks is not None and task_changes(candidate, edited_tasks, reference),
                  lambda: edited_metadata is not None and metadata_changes(candidate, edited_metadata, reference)):
        try:
            check()
        except InputErrors as exc:
            problems += exc.errors
        except InputError as exc:
            problems.append(exc)
    if problems:
        raise InputErrors(problems)
    tasks = task_changes(candidate, edited_tasks, reference) if edited_tasks is not None else None
    meta = metadata_changes(candidate, edited_metadata, reference) if edited_metadata is not None else {}
    added: list[Added] = []

    def writes() -> dict[Path, bytes]:
        duplicate = known_documents(inputs.raw)
        other = duplicate.get(candidate.sha256) or duplicate.get(candidate.text_sha256)
        if other:
            raise InputError(f"văn bản này đã có trong dữ liệu (tệp {other}); không thêm lần nữa", candidate.original_name)
        name = unique_name(candidate.file_name, inputs.raw)
        review = (review_changes(candidate, edited, reference, name, existing=curated_keys(inputs, reference))
                  if edited is not None else Review([], []))
        changes = {inputs.raw / name: candidate.data}
        if review.rows:
            path = inputs.curated / REVIEWED_FILE
            changes[path] = _csv_with_rows(path, review.rows, REVIEWED_COLUMNS)
            changes.update(_declared(inputs.curated, REVIEWED_FILE, "Biên tập viên dự án (duyệt văn bản khi thêm vào)",
                                     "Số liệu sửa hoặc bổ sung khi duyệt văn bản mới, kèm câu trích nguyên văn"))
        if review.rejections:
            path = inputs.curated / REJECTIONS_FILE
            existing = path.read_text(encoding="utf-8") if path.exists() else None
            changes[path] = rejections_text(existing, review.rejections).encode("utf-8")
        if review.confirmations:
            path = inputs.curated / CONFIRMATIONS_FILE
            existing = path.read_text(encoding="utf-8") if path.exists() else None
            changes[path] = rejections_text(existing, review.confirmations, CONFIRMATIONS_HEADER).encode("utf-8")
        if tasks is not None:
            path = inputs.curated / corrections.TASKS_FILE
            existing = path.read_text(encoding="utf-8") if path.exists() else None
            changes[path] = corrections.tasks_text(existing, name, tasks).encode("utf-8")
        if meta:
            path = inputs.curated / corrections.METADATA_FILE
            existing = path.read_text(encoding="utf-8") if path.exists() else None
            changes[path] = corrections.metadata_text(existing, name, meta).encode("utf-8")
        added.append(Added(name, candidate.original_name, len(review.rows), len(review.rejections),
                           tasks is not None, len(meta)))
        return changes

    result = apply_change(writes, inputs, db, progress)
    return added[0], result


def add_files(files: list[Path], inputs: build.Inputs = build.Inputs(), db: Path | None = None,
              progress=None) -> list[tuple[Path, Added | None, str | None]]:
    """The command line's `add`: each file as extracted, unreviewed; (file, what was added, or why not)."""
    reference = load_reference(inputs.reference)
    outcome = []
    for path in files:
        try:
            if not path.is_file():
                raise InputError("không tìm thấy tệp", path)
            if path.stat().st_size > MAX_FILE_BYTES:
                raise InputError(f"tệp quá lớn (giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB)", path)
            candidate = prepare(path.name, path.read_bytes(), inputs, reference)
            if candidate.duplicate_of:
                raise InputError(f"văn bản này đã có trong dữ liệu (tệp {candidate.duplicate_of}); không thêm lần nữa",
                                 path)
            added, _ = accept(candidate, None, inputs, db, progress, reference)
            outcome.append((path, added, None))
        except InputErrors as exc:
            outcome.append((path, None, "\n".join(str(e) for e in exc.errors)))
        except InputError as exc:
            outcome.append((path, None, str(exc)))
    return outcome
