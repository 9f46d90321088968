"""Official administrative units: copy the codes of the 34 provinces and 3.321 communes into data/reference/.

The codes come from the `vietnam-provinces` package (PyPI; data taken by its author from the statistics office's
list of administrative units, the list of Quyết định 19/2025/QĐ-TTg). The app never imports the package: this step
copies its facts (codes, names, kinds) into CSV files that are committed, so builds are offline and reproducible, the
data date is visible in review, and the package's GPL code does not become part of the app. Run it again when the
authority changes the list:

    pip download --no-deps vietnam-provinces==2025.10.1   # or pip install it
    python -m etl update-areas PATH/TO/nested-divisions.json --data-version 2025-10-18

It checks that every province in areas.csv is in the list (by name) and stops, changing nothing, if one is not.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import yaml

from .errors import InputError
from .paths import REFERENCE
from .reference import read_csv_rows

COMMUNE_COLUMNS = ["area_code", "official_code", "name_vi", "kind", "province_code", "parent_code"]
SOURCE_FILE = "admin_units_source.yaml"
CITY_PREFIX = "Thành phố "


def slug(text: str) -> str:
    """'Phường Thành Đông' -> 'phuong-thanh-dong'."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _province_name(name: str) -> str:
    return name[len(CITY_PREFIX):] if name.startswith(CITY_PREFIX) else name


def _plain(name: str) -> str:
    return slug(_province_name(name).replace("TP. ", ""))


def updated_files(divisions: list[dict], reference: Path = REFERENCE, *, package_version: str,
                  data_version: str) -> dict[Path, bytes]:
    """areas.csv with official_code filled for the 34 provinces, communes.csv, and the note of where they came from."""
    areas_path = reference / "areas.csv"
    rows = read_csv_rows(areas_path)
    header = next(csv.reader([areas_path.read_text(encoding="utf-8-sig").splitlines()[0]]))
    by_name = {_plain(p["name"]): p for p in divisions}
    if len(divisions) != 34:
        raise InputError(f"danh sách có {len(divisions)} tỉnh, thành phố, không phải 34: kiểm tra lại tệp nguồn")
    provinces = {}
    for line, row in rows:
        if row["kind"] not in ("tỉnh", "thành phố"):
            continue
        found = by_name.get(_plain(row["name_vi"]))
        if found is None:
            raise InputError(f"'{row['name_vi']}' không có trong danh sách đơn vị hành chính", areas_path, line)
        row["official_code"] = f"{found['code']:02d}"
        provinces[found["code"]] = row["area_code"]
    if len(provinces) != 34:
        raise InputError(f"areas.csv có {len(provinces)} tỉnh, thành phố khớp danh sách, cần 34", areas_path)

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row for _, row in rows)
    areas_bytes = out.getvalue().encode("utf-8")

    communes, taken = [], set()
    for province in sorted(divisions, key=lambda p: p["code"]):
        parent = provinces[province["code"]]
        for ward in sorted(province["wards"], key=lambda w: w["code"]):
            code = f"{ward['code']:05d}"
            area_code = f"{slug(ward['name'])}-{parent}"
            if area_code in taken:  # two communes of one province whose names differ only by their marks
                area_code = f"{area_code}-{code}"
            taken.add(area_code)
            communes.append({"area_code": area_code, "official_code": code,
                             "name_vi": unicodedata.normalize("NFC", ward["name"]), "kind": ward["division_type"],
                             "province_code": f"{province['code']:02d}", "parent_code": parent})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COMMUNE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(communes)
    note = {
        "package": f"vietnam-provinces {package_version} (PyPI, https://github.com/sunshine-tech/VietnamProvinces)",
        "package_licence": "GPL-3.0-or-later (only codes and names, public facts, are copied; no code)",
        "data_version": data_version,
        "list": "Danh mục và mã số các đơn vị hành chính Việt Nam, Quyết định 19/2025/QĐ-TTg; dữ liệu của Cục Thống kê",
        "provinces": len(provinces),
        "communes": len(communes),
    }
    return {areas_path: areas_bytes, reference / "communes.csv": out.getvalue().encode("utf-8"),
            reference / SOURCE_FILE: yaml.safe_dump(note, allow_unicode=True, sort_keys=False).encode("utf-8")}


MAP_CODE_PROPERTY = "ma_tinh"


def coded_map(geojson_text: str, reference_folder: Path = REFERENCE) -> str:
    """The map's GeoJSON with each province's official code in the property `ma_tinh`, which the map joins on.

    Each feature's name (`ten_tinh`) goes through the name resolver once, here; a name it does not know, or two
    features of one province, stop the step.
    """
    from .area_names import resolver

    data = json.loads(geojson_text)
    names = resolver(reference_folder)
    seen = {}
    for feature in data["features"]:
        name = feature["properties"].get("ten_tinh", "")
        area = names.resolve(name)
        if area is None or not area.is_current_province:
            raise InputError(f"bản đồ: tỉnh '{name}' không khớp tỉnh, thành phố nào trong areas.csv")
        if area.official_code in seen:
            raise InputError(f"bản đồ: '{name}' và '{seen[area.official_code]}' cùng là {area.name_vi}")
        seen[area.official_code] = name
        feature["properties"][MAP_CODE_PROPERTY] = area.official_code
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def read_divisions(path: Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"không đọc được danh sách đơn vị hành chính ({exc})", path) from None
    if not isinstance(data, list) or not all(isinstance(p, dict) and "wards" in p for p in data):
        raise InputError("không phải tệp nested-divisions.json của gói vietnam-provinces", path)
    return data
