"""Province boundaries for the map: the small simplified GeoJSON committed in data/geo (made by scripts/simplify_map.py).

Boundaries: Open Development Vietnam, via the diaphantinhvn project (MIT licence, data/geo/LICENSE).
"""
from __future__ import annotations

import json
from functools import lru_cache

from etl import paths

SIMPLIFIED = paths.ROOT / "data" / "geo" / "provinces_simplified.geojson"
NAME_PROPERTY = "ten_tinh"  # matches v_areas.geo_name
CREDIT = "Ranh giới: Open Development Vietnam, qua dự án diaphantinhvn (MIT)"


@lru_cache(maxsize=1)
def provinces_geojson() -> dict:
    """The committed simplified boundaries, features keyed (`id`) by the province's geo_name."""
    return json.loads(SIMPLIFIED.read_text(encoding="utf-8"))
