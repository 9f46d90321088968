"""One resolver for names of places (etl/area_names.py), and the official codes copied from vietnam-provinces."""
import json
from pathlib import Path

import pytest

from etl import admin_units
from etl.area_names import AreaResolver, load_aliases
from etl.errors import InputError
from etl.reference import load_reference

REFERENCE = Path(__file__).resolve().parent / "fixtures" / "next_year" / "reference"


@pytest.fixture(scope="module")
def resolver():
    return AreaResolver(load_reference(REFERENCE), load_aliases(REFERENCE))


SPELLINGS = [
    ("TP. Hồ Chí Minh", "ho-chi-minh", "79"),
    ("Thành phố Hồ Chí Minh", "ho-chi-minh", "79"),
    ("TPHCM", "ho-chi-minh", "79"),
    ("TP.HCM", "ho-chi-minh", "79"),
    ("Ho Chi Minh", "ho-chi-minh", "79"),
    ("tp ho chi minh", "ho-chi-minh", "79"),
    ("Hà Nội", "ha-noi", "01"),
    ("Thủ đô Hà Nội", "ha-noi", "01"),
    ("Ha Noi", "ha-noi", "01"),
    ("Hà Nội¹", "ha-noi", "01"),
    ("tỉnh Lạng Sơn", "lang-son", "20"),
    ("Tỉnh Lạng Sơn (*)", "lang-son", "20"),
    ("LANG SON", "lang-son", "20"),
    ("Khánh Hoà", "khanh-hoa", "56"),
    ("Khanh Hoa", "khanh-hoa", "56"),
    ("Thanh Hoá", "thanh-hoa", "38"),
    ("Đăk Lăk", "dak-lak", "66"),
    ("Dak Lak", "dak-lak", "66"),
    ("Thừa Thiên Huế", "hue", "46"),
    ("Thành phố Huế", "hue", "46"),
    ("TP Cần Thơ", "can-tho", "92"),
    ("Thành phố Đà Nẵng", "da-nang", "48"),
    ("  Cao   Bằng ", "cao-bang", "04"),
]


@pytest.mark.parametrize("name, area_code, official_code", SPELLINGS)
def test_spellings_of_provinces_resolve_to_their_code(resolver, name, area_code, official_code):
    area = resolver.resolve(name)
    assert (area.area_code, area.official_code) == (area_code, official_code)


@pytest.mark.parametrize("name, area_code, former_code, merged_into", [
    ("Yên Bái", "yen-bai", "15", "lao-cai"),
    ("tỉnh Hà Giang", "ha-giang", "02", "tuyen-quang"),
    ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau", "77", "ho-chi-minh"),
    ("Ba Ria – Vung Tau", "ba-ria-vung-tau", "77", "ho-chi-minh"),
    ("BR-VT", "ba-ria-vung-tau", "77", "ho-chi-minh"),
    ("Đắk Nông", "dak-nong", "67", "lam-dong"),
    ("Đăk Nông", "dak-nong", "67", "lam-dong"),
])
def test_former_provinces_resolve_to_themselves_with_their_former_code(resolver, name, area_code, former_code,
                                                                      merged_into):
    area = resolver.resolve(name)
    assert (area.area_code, area.former_code, area.merged_into, area.official_code) == (
        area_code, former_code, merged_into, None)


def test_the_nation_regions_communes_and_unknown_names(resolver):
    assert resolver.resolve("Cả nước").area_code == "vn"
    assert resolver.resolve("CẢ NƯỚC").area_code == "vn"
    assert resolver.region("Vùng Đồng bằng sông Hồng") == "Đồng bằng sông Hồng"
    assert resolver.region("Dong bang song Cuu Long") == "Đồng bằng sông Cửu Long"
    assert resolver.resolve("Đồng bằng sông Hồng") is None  # a region is not an area
    ward = resolver.resolve("Phường Thành Đông")
    assert (ward.area_code, ward.official_code, ward.parent_code) == ("phuong-thanh-dong-hai-phong", "10510", "hai-phong")
    assert resolver.resolve("Xã Tân Phú") is None  # five communes of that name: ambiguous, so none
    assert resolver.resolve("Xã Tân Phú", within="dong-nai").official_code == "26116"
    assert resolver.resolve("Xã Tân Phú, tỉnh Đồng Tháp").official_code == "28468"
    assert resolver.resolve("Hà Tây") is None and resolver.resolve("") is None


def test_codes_resolve_in_force_and_former(resolver):
    assert resolver.by_code("8").area_code == "tuyen-quang"
    assert resolver.by_code("15").area_code == "lao-cai"               # today's Lào Cai took Yên Bái's code
    assert resolver.by_code("15", former=True).area_code == "yen-bai"
    assert resolver.by_code("10510").area_code == "phuong-thanh-dong-hai-phong"


def _divisions(provinces):
    return [{"name": name, "code": code, "division_type": "tỉnh",
             "wards": [{"name": f"Xã Một {code}", "code": code * 100, "division_type": "xã"},
                       {"name": f"Xã Mốt {code}", "code": code * 100 + 1, "division_type": "xã"}]}
            for name, code in provinces]


def test_update_areas_copies_codes_and_stops_on_an_unknown_province(tmp_path):
    reference = tmp_path / "reference"
    reference.mkdir()
    current = [(a.name_vi, a.official_code) for a in load_reference(REFERENCE).areas.values() if a.is_current_province]
    (reference / "areas.csv").write_bytes((REFERENCE / "areas.csv").read_bytes())
    divisions = _divisions([(name if name != "TP. Hồ Chí Minh" else "Thành phố Hồ Chí Minh", int(code))
                            for name, code in current])
    files = admin_units.updated_files(divisions, reference, package_version="0", data_version="2025-10-18")
    communes = files[reference / "communes.csv"].decode("utf-8").splitlines()
    assert communes[0] == "area_code,official_code,name_vi,kind,province_code,parent_code"
    assert "xa-mot-20-lang-son,02000,Xã Một 20,xã,20,lang-son" in communes
    assert "xa-mot-20-lang-son-02001,02001,Xã Mốt 20,xã,20,lang-son" in communes  # same letters: code added
    assert len(communes) == 1 + 2 * 34
    divisions[0]["name"] = "Tỉnh Không Có"
    with pytest.raises(InputError, match="không có trong danh sách đơn vị hành chính"):
        admin_units.updated_files(divisions, reference, package_version="0", data_version="x")
    with pytest.raises(InputError, match="không phải 34"):
        admin_units.updated_files(divisions[:30], reference, package_version="0", data_version="x")
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"not": "a list"}), encoding="utf-8")
    with pytest.raises(InputError, match="không phải tệp nested-divisions.json"):
        admin_units.read_divisions(bad)


def test_the_map_gets_codes_through_the_resolver():
    square = {"type": "Polygon", "coordinates": [[[105, 21], [105, 22], [106, 22], [105, 21]]]}
    features = [{"type": "Feature", "id": name, "properties": {"ten_tinh": name}, "geometry": square}
                for name in ("TP HCM", "Khánh Hoà", "Lạng Sơn")]
    coded = json.loads(admin_units.coded_map(json.dumps({"type": "FeatureCollection", "features": features}), REFERENCE))
    assert [f["properties"]["ma_tinh"] for f in coded["features"]] == ["79", "56", "20"]
    features.append({"type": "Feature", "id": "x", "properties": {"ten_tinh": "Hà Tây"}, "geometry": square})
    with pytest.raises(InputError, match="bản đồ: tỉnh 'Hà Tây' không khớp"):
        admin_units.coded_map(json.dumps({"type": "FeatureCollection", "features": features}), REFERENCE)


def test_a_wards_plan_can_have_its_own_area(tmp_path):
    import shutil

    import duckdb

    from etl import build

    root = tmp_path / "data"
    shutil.copytree(REFERENCE.parent, root)
    name = "phuong-thanh-dong_ke-hoach.txt"
    (root / "raw" / name).write_text(
        "ĐẢNG ỦY PHƯỜNG THÀNH ĐÔNG\nSố 12-KH/ĐU\nThành Đông, ngày 10 tháng 02 năm 2026\n\nKẾ HOẠCH\n"
        "Tuyên truyền kết quả phát triển kinh tế - xã hội\n\nI. MỤC ĐÍCH, YÊU CẦU\nTuyên truyền sâu rộng.\n",
        encoding="utf-8")
    (root / "curated" / "reviewed_metadata.yaml").write_text(f"{name}:\n  area_code: phuong-thanh-dong-hai-phong\n",
                                                             encoding="utf-8")
    db = tmp_path / "db.duckdb"
    build.run(db, build.Inputs.from_root(root))
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("select d.area_code, a.official_code, a.kind, a.parent_code from v_documents d "
                          "join v_areas a using (area_code) where d.file_name = ?", [name]).fetchone()
    finally:
        con.close()
    assert row == ("phuong-thanh-dong-hai-phong", "10510", "phường", "hai-phong")
