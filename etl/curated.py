"""Hand-curated observations: published tables and quotes typed from documents, each with its source."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .numbers import OPERATOR_SYMBOLS
from .reference import LineDict, Reference, finite_number, read_csv_rows, read_yaml, yaml_fields

REQUIRED = ["area_code", "indicator_code", "year", "kind", "operator", "value"]
KINDS = {"actual", "target"}
ESTIMATE_STATUSES = {"province_estimate_pre_release", "estimate", "uoc_tinh"}
# Per-row kind of source (optional `status` column); shown to readers in place of the file's title.
SOURCE_KINDS = {
    "official_release": "Số liệu công bố của cơ quan thống kê",
    "province_report": "Báo cáo của tỉnh, thành phố",
    "press": "Báo chí đưa tin",
}
# Files in the curated folder that are not observations.
NOT_OBSERVATIONS = {"conflicts.csv", "gaps.csv"}


@dataclass
class SourceTable:
    file_name: str
    publisher: str | None
    title: str | None
    published_on: dt.date | None


@dataclass
class CuratedEvidence:
    doc_file: str | None = None
    source_url: str | None = None
    quote: str | None = None
    publisher: str | None = None
    source_title: str | None = None
    published_on: dt.date | None = None


@dataclass
class Gap:
    """A figure searched for and not found (or not yet published): shown as "chưa công bố / chưa tìm thấy"."""
    area_code: str
    indicator_code: str
    year: int
    kind: str
    searched: str
    searched_on: dt.date
    note: str | None
    file: str
    line: int


@dataclass
class CuratedObservation:
    area_code: str
    indicator_code: str
    year: int
    kind: str
    operator: str
    value: float
    value_upper: float | None
    unit: str
    is_estimate: bool
    status: str | None
    note: str | None
    file: str
    line: int
    evidence: list[CuratedEvidence] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.area_code, self.indicator_code, self.year, self.kind)


@dataclass
class Conflict:
    area_code: str
    indicator_code: str
    year: int
    kind: str
    alt_value: float | None
    alt_source: str
    description: str
    file: str
    line: int


def load_sources(folder: Path) -> dict[str, SourceTable]:
    path = folder / "sources.yaml"
    tables = {}
    declared = read_yaml(path) or {}
    if not isinstance(declared, dict):
        raise InputError("phải là các mục 'tên_tệp.csv:' kèm publisher, title, published_on", path,
                         getattr(declared, "line", 1))
    for name, meta in declared.items():
        meta = yaml_fields(meta if meta is not None else LineDict(), path, f"mục {name}", line=declared.line)
        published = meta.get("published_on")
        if isinstance(published, str):
            try:
                published = dt.date.fromisoformat(published)
            except ValueError:
                raise InputError(f"{name}: published_on '{published}' không phải ngày YYYY-MM-DD", path,
                                 meta.line) from None
        elif published is not None and not isinstance(published, dt.date):
            raise InputError(f"{name}: published_on '{published}' không phải ngày YYYY-MM-DD", path, meta.line)
        tables[name] = SourceTable(name, meta.get("publisher"), meta.get("title"), published)
    return tables


def _number(text: str, column: str, path: Path, line: int) -> float:
    return finite_number(text, f"cột {column}", path, line)


def _date(text: str, column: str, path: Path, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"cột {column}: '{text}' không phải ngày YYYY-MM-DD", path, line) from None


def parse_row(row: dict[str, str], path: Path, line: int, reference: Reference, raw_files: set[str],
              table: SourceTable | None) -> list[CuratedObservation]:
    """One curated row -> its observation (and a rank observation when the row states one)."""
    missing = [c for c in REQUIRED if not row.get(c)]
    if missing:
        raise InputError(f"thiếu giá trị ở cột {', '.join(missing)}", path, line)
    area = row["area_code"]
    if not reference.has_area(area):
        raise InputError(f"mã địa bàn '{area}' không có trong data/reference/areas.csv (hay communes.csv)", path, line)
    indicator = reference.indicators.get(row["indicator_code"])
    if indicator is None:
        raise InputError(f"mã chỉ tiêu '{row['indicator_code']}' không có trong data/reference/indicators.yaml", path, line)
    try:
        year = int(row["year"])
    except ValueError:
        raise InputError(f"cột year: '{row['year']}' không phải năm", path, line) from None
    if not 1990 <= year <= 2100:
        raise InputError(f"cột year: {year} nằm ngoài khoảng 1990–2100", path, line)
    kind = row["kind"]
    if kind not in KINDS:
        raise InputError(f"cột kind: '{kind}' phải là actual hoặc target", path, line)
    operator = row["operator"]
    if operator not in OPERATOR_SYMBOLS:
        raise InputError(f"cột operator: '{operator}' phải là một trong {' '.join(OPERATOR_SYMBOLS)}", path, line)
    value = _number(row["value"], "value", path, line)
    upper = _number(row["value_upper"], "value_upper", path, line) if row.get("value_upper") else None
    if operator == "range" and (upper is None or upper < value):
        raise InputError("operator 'range' cần value_upper lớn hơn hoặc bằng value", path, line)
    if operator != "range" and upper is not None:
        raise InputError("value_upper chỉ dùng với operator 'range'", path, line)
    unit = row.get("unit") or indicator.unit
    if unit != indicator.unit:
        try:
            alias = reference.units.lookup(unit)
        except ValueError:
            raise InputError(f"đơn vị '{unit}' không có trong data/reference/units.csv", path, line) from None
        if alias.unit != indicator.unit:
            raise InputError(f"đơn vị '{unit}' không quy đổi được sang '{indicator.unit}' của {indicator.code}", path, line)
        value *= alias.factor
        upper = upper * alias.factor if upper is not None else None
        unit = alias.unit

    evidence = []
    publisher = row.get("publisher") or (table.publisher if table else None)
    title = SOURCE_KINDS.get(row.get("status") or "") or (table.title if table else None)
    published = _date(row["published_on"], "published_on", path, line) if row.get("published_on") else (
        table.published_on if table else None)
    page_quote = row.get("source_quote") or None
    doc_file, quote = row.get("doc_file") or None, row.get("quote") or None
    if doc_file:
        if doc_file not in raw_files:
            raise InputError(f"doc_file '{doc_file}' không có trong data/raw/", path, line)
        if not quote:
            raise InputError("có doc_file nhưng thiếu quote (câu trích nguyên văn)", path, line)
        evidence.append(CuratedEvidence(doc_file=doc_file, quote=quote))
    elif quote:
        raise InputError("có quote nhưng thiếu doc_file (văn bản chứa câu trích)", path, line)
    for source in [s.strip() for s in (row.get("source_urls") or "").split(";") if s.strip()]:
        if source.startswith("doc:"):
            name = source[4:]
            if name not in raw_files:
                raise InputError(f"nguồn '{source}' không có trong data/raw/", path, line)
            evidence.append(CuratedEvidence(doc_file=name))
        elif source.startswith(("http://", "https://")):
            evidence.append(CuratedEvidence(source_url=source, quote=page_quote, publisher=publisher,
                                            source_title=title, published_on=published))
        else:
            raise InputError(f"nguồn '{source}' phải là địa chỉ http(s)://… hoặc doc:TÊN_TỆP", path, line)
    if not evidence:
        raise InputError("dòng không có nguồn: cần doc_file và quote, hoặc source_urls", path, line)

    status = row.get("status") or None
    observation = CuratedObservation(area, indicator.code, year, kind, operator, value, upper, unit,
                                     status in ESTIMATE_STATUSES, status, row.get("note") or None,
                                     path.name, line, evidence)
    result = [observation]
    if row.get("rank_national"):
        rank = _number(row["rank_national"], "rank_national", path, line)
        result.append(CuratedObservation(area, "growth_rank_national", year, kind, "=", rank, None, "hạng",
                                         observation.is_estimate, status, None, path.name, line, list(evidence)))
    return result


def load_curated(folder: Path, reference: Reference, raw_files: set[str]) -> tuple[list[CuratedObservation], list[InputError]]:
    """All curated rows; errors are collected so that one run lists every bad row."""
    tables = load_sources(folder)
    observations: list[CuratedObservation] = []
    errors: list[InputError] = []
    seen: dict[tuple, CuratedObservation] = {}
    for path in sorted(folder.glob("*.csv")):
        if path.name in NOT_OBSERVATIONS:
            continue
        if path.name not in tables:
            errors.append(InputError("tệp chưa được khai báo trong data/curated/sources.yaml (ai công bố, tiêu đề, ngày)", path))
            continue
        try:
            rows = read_csv_rows(path, errors)
        except InputError as exc:
            errors.append(exc)
            continue
        for line, row in rows:
            try:
                for obs in parse_row(row, path, line, reference, raw_files, tables[path.name]):
                    if obs.key in seen:
                        first = seen[obs.key]
                        raise InputError(f"trùng với {first.file}:{first.line} ({'/'.join(map(str, obs.key))})", path, line)
                    seen[obs.key] = obs
                    observations.append(obs)
            except InputError as exc:
                errors.append(exc)
    return observations, errors


def load_conflicts(folder: Path, reference: Reference) -> tuple[list[Conflict], list[InputError]]:
    path = folder / "conflicts.csv"
    if not path.exists():
        return [], []
    conflicts, errors = [], []
    try:
        rows = read_csv_rows(path, errors, required=("area_code", "indicator_code", "year", "kind", "description"))
    except InputError as exc:
        return [], [exc]
    for line, row in rows:
        try:
            _check_keys(row, reference, path, line)
            if not row.get("description"):
                raise InputError("thiếu description (mô tả bất nhất giữa các nguồn)", path, line)
            alt = _number(row["alt_value"], "alt_value", path, line) if row.get("alt_value") else None
            conflicts.append(Conflict(row["area_code"], row["indicator_code"], int(row["year"]), row["kind"], alt,
                                      row.get("alt_source", ""), row["description"], path.name, line))
        except (InputError, ValueError) as exc:
            errors.append(exc if isinstance(exc, InputError) else InputError(str(exc), path, line))
    return conflicts, errors


def _check_keys(row: dict, reference: Reference, path: Path, line: int) -> None:
    """The area, indicator and kind of a conflicts or gaps row name what the catalogue knows."""
    if row.get("area_code") not in reference.areas:
        raise InputError(f"mã địa bàn '{row.get('area_code')}' không có trong areas.csv", path, line)
    if row.get("indicator_code") not in reference.indicators:
        raise InputError(f"mã chỉ tiêu '{row.get('indicator_code')}' không có trong indicators.yaml", path, line)
    if row.get("kind") not in KINDS:
        raise InputError(f"cột kind: '{row.get('kind')}' phải là actual hoặc target", path, line)


def load_gaps(folder: Path, reference: Reference) -> tuple[list[Gap], list[InputError]]:
    """data/curated/gaps.csv: what was searched for and not found, with when and how."""
    path = folder / "gaps.csv"
    if not path.exists():
        return [], []
    gaps, errors = [], []
    for line, row in read_csv_rows(path):
        try:
            _check_keys(row, reference, path, line)
            if not row.get("searched"):
                raise InputError("thiếu searched (đã tìm gì, ở đâu)", path, line)
            try:
                year = int(row.get("year") or "")
            except ValueError:
                raise InputError(f"cột year: '{row.get('year')}' không phải năm", path, line) from None
            gaps.append(Gap(row["area_code"], row["indicator_code"], year, row["kind"], row["searched"],
                            _date(row.get("searched_on") or "", "searched_on", path, line), row.get("note") or None,
                            path.name, line))
        except InputError as exc:
            errors.append(exc)
    return gaps, errors
