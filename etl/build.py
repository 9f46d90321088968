"""Build the database: load inputs, extract, reconcile, validate, write atomically."""
from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import journal, paths
from .corrections import apply_corrections, load_corrections
from .curated import Gap, load_conflicts, load_curated, load_gaps
from .errors import InputError, InputErrors
from .extract import ExtractedDocument, extract_file
from .locking import rebuild_lock
from .observations import ObservationExtractor
from .readers import document_files
from .reconcile import Observation, reconcile
from .review import apply_confirmations, apply_rejections, load_confirmations, load_rejections
from .reference import Reference, load_reference


@dataclass
class Inputs:
    raw: Path = paths.RAW
    curated: Path = paths.CURATED
    reference: Path = paths.REFERENCE

    @classmethod
    def from_root(cls, root: Path) -> "Inputs":
        """A data folder laid out like the repo's data/ (raw/, curated/, reference/)."""
        return cls(root / "raw", root / "curated", root / "reference")


@dataclass
class BuildResult:
    reference: Reference
    documents: list[ExtractedDocument]
    observations: list[Observation]
    fingerprint: str
    gaps: list[Gap] = field(default_factory=list)


def _files_under(folder: Path, suffixes: tuple[str, ...] = ()) -> list[str]:
    """Paths of the files below a folder (os.scandir: the app checks them on every rerun, 1.000+ at national scale)."""
    found, folders = [], [str(folder)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir():
                folders.append(entry.path)
            elif entry.is_file() and (not suffixes or entry.name.endswith(suffixes)):
                found.append(entry.path)
    return found


def _input_paths(inputs: Inputs) -> list[str]:
    files = []
    for folder in (inputs.raw, inputs.curated, inputs.reference):
        files += _files_under(folder)
    files += _files_under(Path(__file__).resolve().parent, (".py", ".sql"))
    return sorted(files)


_file_digests: dict[tuple, bytes] = {}
_fingerprints: dict[tuple, str] = {}


def _file_digest(path: str, size: int, mtime_ns: int) -> bytes:
    """A file's content hash, remembered while its size and modification time stay the same."""
    key = (path, size, mtime_ns)
    if key not in _file_digests:
        with open(path, "rb") as handle:
            _file_digests[key] = hashlib.sha256(handle.read()).digest()
    return _file_digests[key]


def fingerprint(inputs: Inputs = Inputs()) -> str:
    """Changes whenever an input file or the ETL's code changes (content, not dates).

    Files are read again only when their size or modification time changed; while none did, the
    fingerprint is the one computed last (a stat per file, no hashing).
    """
    stamps = []
    for path in _input_paths(inputs):
        try:
            st = os.stat(path)
        except FileNotFoundError:  # removed while we listed (a rolled-back add): it is not an input any more
            continue
        stamps.append((path, st.st_size, st.st_mtime_ns))
    key = tuple(stamps)
    if key not in _fingerprints:
        digest = hashlib.sha256()
        for path, size, mtime_ns in stamps:
            try:
                file_digest = _file_digest(path, size, mtime_ns)
            except FileNotFoundError:
                continue
            digest.update(os.path.basename(path).encode())
            digest.update(file_digest)
        _fingerprints.clear()  # only the latest state is asked for again
        _fingerprints[key] = digest.hexdigest()
    return _fingerprints[key]


def process(inputs: Inputs = Inputs()) -> BuildResult:
    """Everything but writing: the shared path of `build` and `check`."""
    reference = load_reference(inputs.reference)
    errors: list[InputError] = []
    extractor = ObservationExtractor(reference)
    documents = []
    for path in document_files(inputs.raw):
        try:
            documents.append(extract_file(path, reference, extractor))
        except InputError as exc:
            errors.append(exc)
    raw_names = {d.file_name for d in documents}
    rejections, rejection_errors = load_rejections(inputs.curated, raw_names)
    documents = apply_rejections(documents, rejections)
    errors += rejection_errors
    confirmations, confirmation_errors = load_confirmations(inputs.curated, raw_names)
    documents = apply_confirmations(documents, confirmations)
    errors += confirmation_errors
    reviewed_tasks, reviewed_metadata, correction_errors = load_corrections(inputs.curated, reference, raw_names)
    documents = apply_corrections(documents, reviewed_tasks, reviewed_metadata)
    errors += correction_errors
    curated, curated_errors = load_curated(inputs.curated, reference, raw_names)
    conflicts, conflict_errors = load_conflicts(inputs.curated, reference)
    gaps, gap_errors = load_gaps(inputs.curated, reference)
    errors += curated_errors + conflict_errors + gap_errors
    observations, reconcile_errors = reconcile(documents, curated, conflicts)
    errors += reconcile_errors
    errors += validate(documents, observations, reference)
    if errors:
        raise InputErrors(errors)
    return BuildResult(reference, documents, observations, fingerprint(inputs), gaps)


def validate(documents: list[ExtractedDocument], observations: list[Observation], reference: Reference) -> list[InputError]:
    """Invariants of what is about to be written; a failure here names the input to fix."""
    errors = []
    texts = {d.doc_id: d for d in documents}
    for o in observations:
        if not reference.has_area(o.area_code):
            errors.append(InputError(f"{o.obs_id}: mã địa bàn không có trong areas.csv"))
        indicator = reference.indicators.get(o.indicator_code)
        if indicator is None or indicator.unit != o.unit:
            errors.append(InputError(f"{o.obs_id}: chỉ tiêu hoặc đơn vị không khớp danh mục"))
        if not o.evidence:
            errors.append(InputError(f"{o.obs_id}: số liệu không có nguồn"))
        for e in o.evidence:
            if e.doc_id is not None:
                doc = texts[e.doc_id]
                if not e.quote or doc.text[e.quote_start:e.quote_start + len(e.quote)] != e.quote:
                    errors.append(InputError(f"{o.obs_id}: câu trích không khớp vị trí trong văn bản", doc.file_name))
    return errors


def _frames(result: BuildResult) -> dict[str, pd.DataFrame]:
    ref = result.reference
    areas = pd.DataFrame([{"area_code": a.area_code, "name_vi": a.name_vi, "kind": a.kind, "region_vi": a.region_vi,
                           "merged_into": a.merged_into, "merged_from": "; ".join(a.merged_from) or None,
                           "geo_name": a.geo_name, "official_code": a.official_code, "former_code": a.former_code,
                           "parent_code": a.parent_code} for a in [*ref.areas.values(), *ref.communes.values()]])
    indicators = pd.DataFrame([{"indicator_code": i.code, "name_vi": i.name_vi, "unit": i.unit,
                                "higher_is_better": i.higher_is_better, "is_rate": i.is_rate, "scope": i.scope}
                               for i in ref.indicators.values()])
    docs, refs, channels, tasks = [], [], [], []
    for d in sorted(result.documents, key=lambda d: d.doc_id):
        m = d.meta
        docs.append({"doc_id": d.doc_id, "file_name": d.file_name, "sha256": d.sha256, "doc_type": m.doc_type,
                     "title": m.title, "doc_number": m.doc_number, "issuer": m.issuer, "issuer_level": m.issuer_level,
                     "area_code": m.area_code, "area_source": m.area_source, "place": m.place,
                     "issued_on": m.issued_on, "issued_year": m.issued_year, "signer": m.signer,
                     "signer_title": m.signer_title, "results_year": m.results_year, "plan_year": m.plan_year,
                     "page_breaks_repaired": d.repairs, "text": d.text})
        refs += [{"doc_id": d.doc_id, "ordinal": i + 1, "ref_type": r.ref_type, "ref_number": r.ref_number,
                  "ref_date": r.ref_date, "ref_issuer": r.ref_issuer, "quote": r.quote}
                 for i, r in enumerate(m.references)]
        channels += [{"doc_id": d.doc_id, "ordinal": c.ordinal, "label": c.label, "category": c.category,
                      "channel_text": c.channel_text, "text_start": c.text_start} for c in d.channels]
        tasks += [{"task_id": f"{d.doc_id}:{i + 1}", "doc_id": d.doc_id, "ordinal": i + 1, "unit_name": t.unit_name,
                   "parent_unit": t.parent_unit, "role": t.role, "category": t.category, "task_text": t.task_text,
                   "text_start": t.text_start} for i, t in enumerate(d.tasks)]
    unrecognised = [{"doc_id": d.doc_id, "ordinal": i + 1, "value_text": u.value_text, "quote": u.quote,
                     "text_start": u.offset, "reason": u.reason, "rule_id": u.rule}
                    for d in result.documents for i, u in enumerate(d.unrecognised)]
    observations, evidence, conflicts = [], [], []
    for o in result.observations:
        observations.append({"obs_id": o.obs_id, "area_code": o.area_code, "indicator_code": o.indicator_code,
                             "year": o.year, "year_start": o.year_start, "status": o.status,
                             "review_reason": o.review_reason, "kind": o.kind, "operator": o.operator, "value": o.value,
                             "value_upper": o.value_upper, "unit": o.unit, "origin": o.origin,
                             "is_estimate": o.is_estimate, "note": o.note, "n_sources": len(o.evidence),
                             "n_documents": len({e.doc_id for e in o.evidence if e.doc_id is not None}),
                             "n_conflicts": len(o.conflicts)})
        evidence += [{"obs_id": o.obs_id, "evidence_no": i + 1, "origin": e.origin, "doc_id": e.doc_id,
                      "source_url": e.source_url, "publisher": e.publisher, "source_title": e.source_title,
                      "published_on": e.published_on, "quote": e.quote, "quote_start": e.quote_start,
                      "value_text": e.value_text, "value_start": e.value_start, "stated_operator": e.stated_operator,
                      "stated_value": e.stated_value, "stated_value_upper": e.stated_value_upper,
                      "curated_file": e.curated_file, "curated_line": e.curated_line} for i, e in enumerate(o.evidence)]
        conflicts += [{"obs_id": o.obs_id, "ordinal": i + 1, "alt_value": c.alt_value, "alt_source": c.alt_source,
                       "description": c.description} for i, c in enumerate(o.conflicts)]
    task_categories = pd.DataFrame([{"category": c.code, "name_vi": c.name_vi, "ordinal": i + 1}
                                    for i, c in enumerate(ref.task_categories)] +
                                   [{"category": "khac", "name_vi": "Khác", "ordinal": len(ref.task_categories) + 1}])
    channel_categories = pd.DataFrame([{"category": c.code, "name_vi": c.name_vi, "ordinal": i + 1}
                                       for i, c in enumerate(ref.channel_categories)] +
                                      [{"category": "khac", "name_vi": "Khác", "ordinal": len(ref.channel_categories) + 1}])
    build_info = pd.DataFrame([{"inputs_fingerprint": result.fingerprint, "n_documents": len(docs),
                                "n_observations": len(observations), "n_tasks": len(tasks)}])
    return {"areas": areas, "indicators": indicators, "documents": pd.DataFrame(docs),
            "document_references": pd.DataFrame(refs), "channels": pd.DataFrame(channels),
            "task_categories": task_categories, "channel_categories": channel_categories,
            "tasks": pd.DataFrame(tasks), "observations": pd.DataFrame(observations),
            "evidence": pd.DataFrame(evidence), "conflicts": pd.DataFrame(conflicts), "build_info": build_info,
            "gaps": pd.DataFrame([{"area_code": g.area_code, "indicator_code": g.indicator_code, "year": g.year,
                                   "kind": g.kind, "searched": g.searched, "searched_on": g.searched_on,
                                   "note": g.note, "curated_file": g.file, "curated_line": g.line}
                                  for g in result.gaps]),
            "unrecognised": pd.DataFrame(unrecognised)}


def write(result: BuildResult, out: Path) -> None:
    """Write into a temporary file beside `out`, then swap it in: readers never see a half-built file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".duckdb.tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # duckdb creates the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute((paths.SQL / "schema.sql").read_text(encoding="utf-8"))
            for table, frame in _frames(result).items():
                if frame.empty:
                    continue
                columns = ", ".join(frame.columns)
                con.register("frame", frame)
                con.execute(f"insert into {table} ({columns}) select {columns} from frame")
                con.unregister("frame")
            for view in sorted((paths.SQL / "views").glob("*.sql")):
                con.execute(view.read_text(encoding="utf-8"))
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, out)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()


def run(out: Path | None = None, inputs: Inputs = Inputs()) -> BuildResult:
    """Process and write, one build at a time per database (see etl/locking.py)."""
    out = out or paths.default_database()
    with rebuild_lock(out):
        journal.recover(out)
        remove_leftovers(out)
        result = process(inputs)
        write(result, out)
    return result


_DUCKDB_HEADERS = 3 * 4096  # a DuckDB file: its main header and two database headers, then its blocks


def stored_fingerprint(db: Path) -> str | None:
    """The fingerprint a built database was made from, or None if it is missing, unreadable or cut short.

    A truncated file still opens and answers from its first blocks: the file must hold every block it lists.
    """
    if not db.is_file():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            block_size, blocks = con.execute("select block_size, total_blocks from pragma_database_size()").fetchone()
            if os.path.getsize(db) < _DUCKDB_HEADERS + block_size * blocks:
                return None
            return con.execute("select inputs_fingerprint from build_info").fetchone()[0]
        finally:
            con.close()
    except (duckdb.Error, OSError, TypeError):
        return None


def failure_text(exc: BaseException, db: Path) -> str:
    """Why a build could not write the database, in Vietnamese, naming what to fix."""
    if isinstance(exc, IsADirectoryError) or Path(db).is_dir():
        return f"đường dẫn cơ sở dữ liệu {db} là một thư mục: hãy xóa hoặc đổi tên thư mục đó"
    number = getattr(exc, "errno", None)
    text = str(exc).lower()
    if number == errno.ENOSPC or "no space left" in text:
        return f"ổ đĩa chứa {Path(db).parent} đã đầy: hãy giải phóng chỗ trống rồi thử lại"
    if number in (errno.EACCES, errno.EPERM, errno.EROFS) or "permission denied" in text or "read-only" in text:
        return f"không có quyền ghi vào thư mục {Path(db).parent} (chỉ đọc?): hãy cấp quyền ghi hoặc chọn thư mục khác"
    return f"lỗi khi ghi cơ sở dữ liệu {db} ({type(exc).__name__}: {exc})"


def remove_leftovers(out: Path) -> None:
    """Temporary databases of builds that were killed; called with the lock held, so none is being written."""
    for leftover in Path(out).parent.glob(f".{Path(out).stem}-*.duckdb.tmp*"):
        leftover.unlink(missing_ok=True)


def is_stale(db: Path | None = None, inputs: Inputs = Inputs()) -> bool:
    db = db or paths.default_database()
    return stored_fingerprint(db) != fingerprint(inputs)
