"""The one-off map simplifier (scripts/simplify_map.py) writes features keyed by the name the map joins on."""
import json

from scripts.simplify_map import simplify


def test_simplify_writes_a_geojson_keyed_by_name(tmp_path):
    source = tmp_path / "in.geojson"
    square = [[[105.0, 21.0], [105.0, 22.0], [106.0, 22.0], [106.0, 21.0], [105.0, 21.0]]]
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ten_tinh": "Lạng Sơn"}, "geometry": {"type": "Polygon", "coordinates": square}}]}))
    out = tmp_path / "out.geojson"
    simplify(source, out)
    feature = json.loads(out.read_text(encoding="utf-8"))["features"][0]
    assert feature["id"] == "Lạng Sơn" and feature["geometry"]["type"] == "Polygon"
