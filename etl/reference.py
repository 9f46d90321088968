"""Reference data: areas, indicator catalogue, units, task categories, issuer codes."""
from __future__ import annotations

import csv
import os
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError
from .lexicon import Lexicon, load_lexicon
from .numbers import UnitAlias, UnitTable
from .paths import REFERENCE


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_csv_rows(path: Path, errors: list[InputError] | None = None) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers in the file (the header is line 1).

    A malformed row raises, or with `errors` given is reported there and skipped, so one run lists them all.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"không phải UTF-8 ({exc.reason}); hãy lưu lại tệp với mã UTF-8", path) from exc
    reader = csv.DictReader(nfc(text).splitlines())
    rows = []
    for row in reader:
        if None in row:
            error = InputError("dòng có nhiều cột hơn tiêu đề (thiếu dấu ngoặc kép quanh một giá trị có dấu phẩy?)",
                               path, reader.line_num)
            if errors is None:
                raise error
            errors.append(error)
            continue
        rows.append((reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items()}))
    return rows


def read_yaml(path: Path):
    try:
        # libyaml's parser when installed: the catalogue is read on every build (pure-Python parsing cost ~0.5 s)
        return yaml.load(nfc(path.read_text(encoding="utf-8")), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(f"YAML không hợp lệ: {exc}", path, line + 1 if line is not None else None) from exc


@dataclass(frozen=True)
class Area:
    area_code: str
    name_vi: str
    kind: str
    region_vi: str | None
    merged_into: str | None
    merged_from: tuple[str, ...]
    geo_name: str | None

    @property
    def is_current_province(self) -> bool:
        return self.kind in ("tỉnh", "thành phố")


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    unit: str
    higher_is_better: bool
    is_rate: bool
    scope: str  # "local" or "national"
    phrases: tuple[str, ...]
    national_phrases: tuple[str, ...]
    after_phrases: tuple[str, ...] = ()  # words right after the unit ("triệu lượt khách quốc tế")
    example: str | None = None  # a sentence in which the extractor must find it (tests/test_lexicon.py)
    change_of: str | None = None  # the level this indicator is the change of ("tỷ lệ hộ nghèo … giảm 1,2%")
    change_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    code: str
    name_vi: str
    keywords: tuple[str, ...]


@dataclass
class Reference:
    areas: dict[str, Area]
    indicators: dict[str, Indicator]
    units: UnitTable
    task_categories: list[Category]
    channel_categories: list[Category]
    issuer_codes: dict[str, tuple[str, str]]
    files: list[Path] = field(default_factory=list)
    lexicon: Lexicon | None = None

    def area_by_name(self) -> dict[str, str]:
        """Lower-case area names (current and former provinces) -> the area in force today."""
        names = {}
        for a in self.areas.values():
            if a.area_code == "vn":
                continue
            names[a.name_vi.lower()] = a.merged_into or a.area_code
        return names


_read: dict[str, tuple[tuple, Reference]] = {}
_read_lock = threading.Lock()


def current_reference(folder: Path = REFERENCE) -> Reference:
    """load_reference, read again only when a file in the folder changed (its size or date).

    For the Data page, which needs the catalogue on every rerun (parsing the YAML takes ~40 ms). The result
    is shared: callers must not change it. A folder with errors raises each time, like load_reference.
    """
    stamps = []
    for sub in (Path(folder), Path(folder) / "lexicon"):
        if sub.is_dir():
            with os.scandir(sub) as entries:
                stamps += [(e.path, e.stat().st_size, e.stat().st_mtime_ns) for e in entries if e.is_file()]
    stamps = tuple(sorted(stamps))
    key = str(Path(folder).resolve())
    with _read_lock:
        known = _read.get(key)
        if known and known[0] == stamps:
            return known[1]
    reference = load_reference(folder)
    with _read_lock:
        _read[key] = (stamps, reference)
    return reference


def load_reference(folder: Path = REFERENCE) -> Reference:
    areas_path = folder / "areas.csv"
    areas = {}
    for line, row in read_csv_rows(areas_path):
        code = row.get("area_code", "")
        if not code:
            raise InputError("thiếu area_code", areas_path, line)
        areas[code] = Area(code, row["name_vi"], row["kind"], row.get("region_vi") or None,
                           row.get("merged_into") or None,
                           tuple(x.strip() for x in row.get("merged_from", "").split(";") if x.strip()),
                           row.get("geo_name") or None)
    for a in areas.values():
        if a.merged_into and a.merged_into not in areas:
            raise InputError(f"merged_into '{a.merged_into}' không có trong danh sách", areas_path)

    units_path = folder / "units.csv"
    aliases = []
    for line, row in read_csv_rows(units_path):
        try:
            factor = float(row["factor"])
        except ValueError:
            raise InputError(f"factor '{row['factor']}' không phải số", units_path, line) from None
        aliases.append(UnitAlias(row["alias"], row["unit"], factor, row.get("indicator_code") or None))
    lexicon = load_lexicon(folder / "lexicon")
    units = UnitTable(aliases, [(w, e.get("operator")) for e in lexicon["operators"]
                                if e.get("operator") != "from_to" for w in e.words])

    ind_path = folder / "indicators.yaml"
    indicators = {}
    for item in read_yaml(ind_path) or []:
        code = item.get("code")
        if not code or code in indicators:
            raise InputError(f"mã chỉ tiêu thiếu hoặc trùng: {code!r}", ind_path)
        if item["unit"] not in units.canonical_units:
            raise InputError(f"chỉ tiêu {code}: đơn vị '{item['unit']}' không có trong units.csv", ind_path)
        indicators[code] = Indicator(
            code, item["name_vi"], item["unit"], bool(item.get("higher_is_better", True)),
            bool(item.get("is_rate", False)), item.get("scope", "local"),
            tuple(p.lower() for p in item.get("phrases") or []),
            tuple(p.lower() for p in item.get("national_phrases") or []),
            tuple(p.lower() for p in item.get("after_phrases") or []), item.get("example"),
            item.get("change_of"), tuple(w.lower() for w in item.get("change_words") or []))
    for a in aliases:
        if a.indicator_code and a.indicator_code not in indicators:
            raise InputError(f"đơn vị '{a.alias}' trỏ tới chỉ tiêu không có: {a.indicator_code}", units_path)

    cat_path = folder / "task_categories.yaml"
    categories = load_categories(cat_path)
    channel_path = folder / "channel_categories.yaml"
    channels = load_categories(channel_path)

    issuer_path = folder / "issuer_codes.csv"
    issuer_codes = {row["code"]: (row["issuer_vi"], row["issuer_level"]) for _, row in read_csv_rows(issuer_path)}
    return Reference(areas, indicators, units, categories, channels, issuer_codes,
                     [areas_path, units_path, ind_path, cat_path, channel_path, issuer_path,
                      *sorted((folder / "lexicon").glob("*.yaml"))], lexicon)


def load_categories(path: Path) -> list[Category]:
    categories = []
    for item in read_yaml(path) or []:
        if not item.get("code") or not item.get("keywords"):
            raise InputError(f"nhóm thiếu code hoặc keywords: {item!r}", path)
        categories.append(Category(item["code"], item["name_vi"], tuple(k.lower() for k in item["keywords"])))
    return categories
