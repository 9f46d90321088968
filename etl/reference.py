"""Reference data: areas, indicator catalogue, units, task categories, issuer codes."""
from __future__ import annotations

import csv
import io
import math
import os
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError
from .lexicon import Lexicon, lexicon_folder, load_lexicon
from .numbers import UnitAlias, UnitTable
from .paths import REFERENCE
from .strict_yaml import StrictLoader


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_csv_rows(path: Path, errors: list[InputError] | None = None,
                  required: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers in the file (the header is line 1), read strictly.

    A row with more or fewer fields than the header, a value running over several lines or an unclosed quote is
    an error naming its line (the csv module alone would let an unclosed quote swallow every row after it). A
    malformed row raises, or with `errors` given is reported there and skipped, so one run lists them all.
    Whole-file problems (encoding, header, a quote left open to the end) always raise.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"không phải UTF-8 ({exc.reason}); hãy lưu lại tệp với mã UTF-8", path) from exc
    reader = csv.reader(io.StringIO(nfc(text), newline=""), strict=True)
    rows, header, end = [], None, 0
    while True:
        start = end + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"dấu ngoặc kép mở ở dòng {start} chưa đóng, hoặc đặt sai chỗ ({exc}); mọi dòng sau nó "
                             "sẽ bị gộp vào một giá trị", path, start) from None
        end = reader.line_num
        if header is None:
            header = [h.strip() for h in fields]
            problems = [f"cột trống ở vị trí {i + 1}" for i, h in enumerate(header) if not h]
            problems += [f"cột '{h}' lặp lại" for h in sorted({h for h in header if h and header.count(h) > 1})]
            problems += [f"thiếu cột {c}" for c in required if c not in header]
            if problems:
                raise InputError("dòng tiêu đề: " + "; ".join(problems), path, 1)
            continue
        if fields == [] or fields == [""] * len(fields) and len(fields) <= 1:
            continue  # a blank line
        error = None
        if end != start:
            error = f"giá trị kéo dài từ dòng {start} đến dòng {end} (dấu ngoặc kép chưa đóng?)"
        elif len(fields) != len(header):
            error = (f"dòng có nhiều cột hơn tiêu đề ({len(fields)} so với {len(header)}; thiếu dấu ngoặc kép quanh một "
                     "giá trị có dấu phẩy?)" if len(fields) > len(header) else
                     f"dòng có ít cột hơn tiêu đề ({len(fields)} so với {len(header)})")
        if error:
            if errors is None:
                raise InputError(error, path, start)
            errors.append(InputError(error, path, start))
            continue
        rows.append((start, {k: v.strip() for k, v in zip(header, fields)}))
    if header is None and required:
        raise InputError("tệp rỗng: thiếu dòng tiêu đề", path, 1)
    return rows


def finite_number(text: str, what: str, path: Path, line: int | None) -> float:
    """A decimal written with a point; `inf`, `nan` and words are errors naming the line."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InputError(f"{what}: '{text}' không phải số (dùng dấu chấm thập phân, ví dụ 8.06)", path, line) from None
    if not math.isfinite(value):
        raise InputError(f"{what}: '{text}' không phải số hữu hạn", path, line)
    return value


class LineDict(dict):
    """A YAML mapping that remembers the line it starts on."""
    line: int | None = None


def _mapping_with_line(loader, node):
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


class LineList(list):
    """A YAML sequence that remembers the line of each of its items."""
    item_lines: list[int] = []


def _sequence_with_lines(loader, node):
    data = LineList()
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend(loader.construct_sequence(node))


StrictLoader.add_constructor("tag:yaml.org,2002:map", _mapping_with_line)
StrictLoader.add_constructor("tag:yaml.org,2002:seq", _sequence_with_lines)


def read_yaml(path: Path):
    try:
        return yaml.load(nfc(path.read_text(encoding="utf-8")), Loader=StrictLoader)
    except UnicodeDecodeError as exc:
        raise InputError(f"không phải UTF-8 ({exc.reason}); hãy lưu lại tệp với mã UTF-8", path) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None)])) or str(exc)
        raise InputError(f"YAML không hợp lệ: {problem}", path, mark.line + 1 if mark else None) from exc


def yaml_items(value, path: Path, what: str) -> list[tuple[object, int | None]]:
    """The file's top level as (item, its line) pairs, or an error saying what it should be."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"phải là một danh sách ({what})", path, getattr(value, "line", 1))
    lines = getattr(value, "item_lines", [])
    return [(item, lines[i] if i < len(lines) else None) for i, item in enumerate(value)]


def yaml_fields(item, path: Path, what: str, required: tuple[str, ...] = (), line: int | None = None) -> dict:
    """One entry as a mapping with the required fields filled with text, or an error at its line."""
    where = getattr(item, "line", None) or line
    if not isinstance(item, dict):
        raise InputError(f"phải là {what} (dạng 'tên: giá trị')", path, where)
    missing = [f for f in required if item.get(f) is None or isinstance(item.get(f), (list, dict)) or item.get(f) == ""]
    if missing:
        raise InputError(f"{what}: thiếu hoặc sai {', '.join(missing)}", path, where)
    return item


def yaml_texts(item: dict, name: str, path: Path) -> tuple[str, ...]:
    """A field holding a list of texts (phrases, keywords); absent means empty."""
    value = item.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        raise InputError(f"{name} phải là danh sách các cụm từ", path, getattr(item, "line", None))
    return tuple(str(v) for v in value)


@dataclass(frozen=True)
class Area:
    area_code: str
    name_vi: str
    kind: str
    region_vi: str | None
    merged_into: str | None
    merged_from: tuple[str, ...]
    geo_name: str | None
    official_code: str | None = None   # in force (Quyết định 19/2025/QĐ-TTg): 2 digits a province, 5 a commune
    former_code: str | None = None     # in the list before 01/7/2025 (63 provinces), for a former province or namesake
    parent_code: str | None = None     # a commune's province (area_code)

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
    communes: dict[str, Area] = field(default_factory=dict)  # 3.321 wards and communes, apart: names repeat
    lexicon: Lexicon | None = None

    def has_area(self, code: str | None) -> bool:
        """A province, former province, the nation or a commune."""
        return code in self.areas or code in self.communes

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
    for line, row in read_csv_rows(areas_path, required=("area_code", "name_vi", "kind")):
        code = row.get("area_code", "")
        if not code:
            raise InputError("thiếu area_code", areas_path, line)
        areas[code] = Area(code, row["name_vi"], row["kind"], row.get("region_vi") or None,
                           row.get("merged_into") or None,
                           tuple(x.strip() for x in row.get("merged_from", "").split(";") if x.strip()),
                           row.get("geo_name") or None, row.get("official_code") or None,
                           row.get("former_code") or None)
    for a in areas.values():
        if a.merged_into and a.merged_into not in areas:
            raise InputError(f"merged_into '{a.merged_into}' không có trong danh sách", areas_path)

    communes_path = folder / "communes.csv"
    communes = {}
    if communes_path.exists():  # a data folder made before official codes has none
        for line, row in read_csv_rows(communes_path):
            parent = areas.get(row.get("parent_code", ""))
            if parent is None:
                raise InputError(f"parent_code '{row.get('parent_code')}' không có trong areas.csv", communes_path, line)
            communes[row["area_code"]] = Area(row["area_code"], row["name_vi"], row["kind"], parent.region_vi, None, (),
                                              None, row["official_code"], None, parent.area_code)

    units_path = folder / "units.csv"
    aliases = []
    for line, row in read_csv_rows(units_path, required=("alias", "unit", "factor")):
        factor = finite_number(row["factor"], "factor", units_path, line)
        if factor <= 0:
            raise InputError(f"factor '{row['factor']}' phải lớn hơn 0", units_path, line)
        aliases.append(UnitAlias(row["alias"], row["unit"], factor, row.get("indicator_code") or None))
    words = lexicon_folder(folder)
    lexicon = load_lexicon(words)
    units = UnitTable(aliases, [(w, e.get("operator")) for e in lexicon["operators"]
                                if e.get("operator") != "from_to" for w in e.words])

    ind_path = folder / "indicators.yaml"
    indicators = {}
    for item, line in yaml_items(read_yaml(ind_path), ind_path, "mỗi mục bắt đầu bằng '- code: …'"):
        item = yaml_fields(item, ind_path, "một chỉ tiêu", ("code", "name_vi", "unit"), line)
        code = str(item["code"])
        if code in indicators:
            raise InputError(f"mã chỉ tiêu trùng: {code!r}", ind_path, item.line)
        if item["unit"] not in units.canonical_units:
            raise InputError(f"chỉ tiêu {code}: đơn vị '{item['unit']}' không có trong units.csv", ind_path, item.line)
        indicators[code] = Indicator(
            code, str(item["name_vi"]), item["unit"], bool(item.get("higher_is_better", True)),
            bool(item.get("is_rate", False)), item.get("scope", "local"),
            tuple(p.lower() for p in yaml_texts(item, "phrases", ind_path)),
            tuple(p.lower() for p in yaml_texts(item, "national_phrases", ind_path)),
            tuple(p.lower() for p in yaml_texts(item, "after_phrases", ind_path)), item.get("example"),
            item.get("change_of"), tuple(w.lower() for w in yaml_texts(item, "change_words", ind_path)))
    for a in aliases:
        if a.indicator_code and a.indicator_code not in indicators:
            raise InputError(f"đơn vị '{a.alias}' trỏ tới chỉ tiêu không có: {a.indicator_code}", units_path)

    cat_path = folder / "task_categories.yaml"
    categories = load_categories(cat_path)
    channel_path = folder / "channel_categories.yaml"
    channels = load_categories(channel_path)

    issuer_path = folder / "issuer_codes.csv"
    issuer_codes = {row["code"]: (row["issuer_vi"], row["issuer_level"])
                    for _, row in read_csv_rows(issuer_path, required=("code", "issuer_vi", "issuer_level"))}
    return Reference(areas, indicators, units, categories, channels, issuer_codes,
                     [areas_path, units_path, ind_path, cat_path, channel_path, issuer_path,
                      *sorted(words.glob("*.yaml"))], communes, lexicon)


def load_categories(path: Path) -> list[Category]:
    categories = []
    for item, line in yaml_items(read_yaml(path), path, "mỗi mục bắt đầu bằng '- code: …'"):
        item = yaml_fields(item, path, "một nhóm", ("code", "name_vi"), line)
        keywords = yaml_texts(item, "keywords", path)
        if not keywords:
            raise InputError(f"nhóm {item['code']}: thiếu keywords", path, item.line)
        categories.append(Category(str(item["code"]), str(item["name_vi"]), tuple(k.lower() for k in keywords)))
    return categories
