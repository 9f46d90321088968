"""Make data/geo/provinces_simplified.geojson, the small map the app draws, from diaphantinhvn's boundaries.

Run once when the boundaries change (needs shapely, pinned in requirements-test.txt):
    python -m scripts.simplify_map PATH/TO/diaphantinhvn_merged.geojson
Boundaries: Open Development Vietnam, via the diaphantinhvn project (MIT licence, data/geo/LICENSE).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from dashboard.geo import NAME_PROPERTY, SIMPLIFIED
from etl import paths


def simplify(source: Path, dest: Path = SIMPLIFIED, tolerance: float = 0.01, digits: int = 3) -> int:
    """Simplify every province together, so shared borders stay shared (no gaps or slivers); returns bytes written.

    `tolerance` is in degrees (0,01° ≈ 1 km), enough for a map of the whole country; coordinates are rounded.
    """
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    features = data["features"]
    geoms = [shapely.make_valid(shape(f["geometry"])) for f in features]
    simplified = shapely.coverage_simplify(geoms, tolerance)
    simplified = shapely.set_precision(simplified, 10 ** -digits)
    out = {"type": "FeatureCollection", "features": []}
    for feature, geom in zip(features, simplified):
        out["features"].append({
            "type": "Feature",
            "id": feature["properties"][NAME_PROPERTY],
            "properties": {NAME_PROPERTY: feature["properties"][NAME_PROPERTY]},
            "geometry": mapping(geom),
        })
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    Path(dest).write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Make data/geo/provinces_simplified.geojson")
    parser.add_argument("source", type=Path, help="diaphantinhvn_merged.geojson (34 provinces, property ten_tinh)")
    parser.add_argument("--tolerance", type=float, default=0.01)
    args = parser.parse_args(argv)
    size = simplify(args.source, tolerance=args.tolerance)
    print(f"Đã ghi {SIMPLIFIED.relative_to(paths.ROOT)}: {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
