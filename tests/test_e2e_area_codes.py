"""End to end on data/reference: every area has its official code, and the copy of the communes is whole."""
from collections import Counter

from etl.reference import load_reference


def test_every_province_commune_and_former_province_has_its_code():
    reference = load_reference()
    current = [a for a in reference.areas.values() if a.is_current_province]
    former = [a for a in reference.areas.values() if a.kind == "tỉnh cũ"]
    assert (len(current), len(former), len(reference.communes)) == (34, 29, 3321)
    assert all(a.official_code and len(a.official_code) == 2 for a in current)
    assert len({a.official_code for a in current}) == 34
    assert all(a.former_code and a.merged_into in reference.areas for a in former)
    assert len({a.former_code for a in [*current, *former]}) == 63
    assert all(len(c.official_code) == 5 and c.parent_code in reference.areas for c in reference.communes.values())
    kinds = Counter(c.kind for c in reference.communes.values())
    assert kinds == {"xã": 2621, "phường": 687, "đặc khu": 13}
    assert reference.communes["phuong-thanh-dong-hai-phong"].official_code == "10510"


def test_the_map_carries_the_official_code_of_each_province():
    from dashboard import geo

    reference = load_reference()
    by_code = {a.official_code: a for a in reference.areas.values() if a.is_current_province}
    features = geo.provinces_geojson()["features"]
    codes = [f["properties"]["ma_tinh"] for f in features]
    assert sorted(codes) == sorted(by_code)
    for feature in features:  # the code stamped on a shape is the province the shape is named for
        assert by_code[feature["properties"]["ma_tinh"]].geo_name == feature["properties"]["ten_tinh"]
