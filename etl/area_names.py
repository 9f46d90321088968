"""One place that turns a written name of a place into an area: `resolve("TP. Hồ Chí Minh")` -> the area ho-chi-minh.

Accepts the usual spellings: with or without "tỉnh", "thành phố", "TP.", with or without diacritics, old and new
tone placement (Khánh Hoà/Khánh Hòa), dashes, footnote marks (`Hà Nội¹`, `Hà Nội (*)`), the former provinces
(which resolve to themselves, with `merged_into` naming the province they joined), and the aliases in
data/reference/area_aliases.csv (TPHCM, Sài Gòn, Thừa Thiên Huế…). Communes and wards resolve when the name says
its kind ("Phường Thành Đông") and is unique, or with the province given. Region names are apart (`region`).
A name that could mean two areas resolves to none: a wrong area is worse than none.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .paths import REFERENCE
from .reference import Area, Reference, current_reference, read_csv_rows

ALIASES_FILE = "area_aliases.csv"
_PREFIXES = ("thành phố trực thuộc trung ương ", "thành phố ", "thủ đô ", "tỉnh ", "tp ")
_COMMUNE_KINDS = ("phường", "xã", "đặc khu")
_FOOTNOTE = re.compile(r"(\s*(\(\s*[\d*a-z]{1,2}\s*\)|[*¹²³⁴⁵⁶⁷⁸⁹⁰†‡]+))+$")

# Nghị quyết 202/2025/QH15: the 34 provinces in force from 01/7/2025; a figure of an earlier year belongs to the
# province (of the 63) as it was then.
PROVINCES_MERGED_IN = 2025


def _marks_off(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if unicodedata.category(ch) != "Mn"))


def clean(name: str) -> str:
    """The name as written, without footnote marks and extra spaces (NFC)."""
    text = unicodedata.normalize("NFC", str(name)).replace("\u00a0", " ").strip()
    text = _FOOTNOTE.sub("", text).strip()
    return re.sub(r"\s+", " ", text)


def keys(name: str) -> tuple[str, str]:
    """(lower-case key with diacritics, key without): prefixes, dots and dashes dropped."""
    text = clean(name).lower()
    text = re.sub(r"[.\u2013\u2014\-_/,:;]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("tp") and not text.startswith(("tp ", "tphcm")):
        text = "tp " + text[2:]
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix):].strip(), True
    text = text.replace(" ", "")
    # old and new tone placement (hoà/hòa, thuỷ/thủy) differ in NFC; the plain key is the same
    return text, _marks_off(text)


class AreaResolver:
    """Names of one reference folder's areas, indexed once."""

    def __init__(self, reference: Reference, aliases: list[tuple[str, str]] = ()):
        self.reference = reference
        self._exact: dict[str, set[str]] = {}
        self._plain: dict[str, set[str]] = {}
        for area in reference.areas.values():
            for name in (area.name_vi, area.area_code.replace("-", " "), area.geo_name or ""):
                self._add(name, area.area_code)
        for alias, code in aliases:
            if code in reference.areas:
                self._add(alias, code)
        self._regions = {}
        for area in reference.areas.values():
            if area.region_vi:
                self._regions[keys(area.region_vi)[1]] = area.region_vi
        self._communes: dict[str, list[Area]] | None = None  # indexed on the first commune asked for
        self._by_official = {a.official_code: a for a in [*reference.areas.values(), *reference.communes.values()]
                             if a.official_code}
        self._by_former = {a.former_code: a for a in reference.areas.values() if a.former_code}

    def _add(self, name: str, code: str) -> None:
        if not name:
            return
        exact, plain = keys(name)
        self._exact.setdefault(exact, set()).add(code)
        self._plain.setdefault(plain, set()).add(code)

    def resolve(self, name: str, within: str | None = None) -> Area | None:
        """The area a name means, or None when unknown or ambiguous. `within`: a province's area_code, for communes."""
        if not name or not str(name).strip():
            return None
        text = clean(name)
        if "," in text and within is None:  # "Phường Thành Đông, thành phố Hải Phòng"
            head, _, tail = text.partition(",")
            province = self.resolve(tail)
            if province is not None and province.is_current_province:
                return self.resolve(head, within=province.area_code)
        exact, plain = keys(text)
        if text.lower().startswith(_COMMUNE_KINDS):
            found = [c for c in self._commune_index().get(plain, []) if within is None or c.parent_code == within]
            return found[0] if len(found) == 1 else None
        for index, key in ((self._exact, exact), (self._plain, plain)):
            codes = index.get(key, set())
            if len(codes) == 1:
                return self.reference.areas[next(iter(codes))]
            if len(codes) > 1:
                return None
        return None

    def _commune_index(self) -> dict[str, list[Area]]:
        if self._communes is None:
            index: dict[str, list[Area]] = {}
            for commune in self.reference.communes.values():
                index.setdefault(keys(commune.name_vi)[1], []).append(commune)
            self._communes = index
        return self._communes

    def region(self, name: str) -> str | None:
        """The region a name means ('Vùng Đồng bằng sông Hồng' -> 'Đồng bằng sông Hồng'), or None."""
        plain = keys(re.sub(r"(?i)^\s*vùng\s+", "", clean(name or "")))[1]
        return self._regions.get(plain)

    def by_code(self, code: str, former: bool = False) -> Area | None:
        """An area by its official code ('08', '10510'); `former`: a code of the list before 01/7/2025."""
        text = str(code).strip()
        if text.isdigit():
            text = text.zfill(2) if len(text) <= 2 else text.zfill(5)
        return (self._by_former if former else self._by_official).get(text)


def load_aliases(folder: Path) -> list[tuple[str, str]]:
    path = folder / ALIASES_FILE
    return [(row["alias"], row["area_code"]) for _, row in read_csv_rows(path)] if path.exists() else []


_made: dict[str, tuple[Reference, AreaResolver]] = {}


def resolver(folder: Path = REFERENCE, reference: Reference | None = None) -> AreaResolver:
    """The resolver of a reference folder, made again only when its reference was read again (a file changed)."""
    reference = reference or current_reference(folder)
    key = str(Path(folder).resolve())
    known = _made.get(key)
    if known is None or known[0] is not reference:
        known = _made[key] = (reference, AreaResolver(reference, load_aliases(Path(folder))))
    return known[1]


def resolve(name: str, within: str | None = None) -> Area | None:
    """The area a name means in data/reference/, or None (see AreaResolver.resolve)."""
    return resolver().resolve(name, within)
