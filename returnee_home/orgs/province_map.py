"""A server-drawn map of Jiangsu: a simplified outline and one marker per city, as SVG
coordinates for the `orgs/includes/province_map.html` template (no tiles, no script)."""

import math
from dataclasses import dataclass
from typing import Any

# A simplified outline of Jiangsu Province (longitude, latitude), clockwise from the western
# tip of Xuzhou; close enough to recognise the province at a few hundred pixels.
OUTLINE: tuple[tuple[float, float], ...] = (
    (116.36, 34.58),
    (116.62, 34.95),
    (117.05, 34.86),
    (117.45, 34.70),
    (117.85, 34.62),
    (118.20, 34.70),
    (118.42, 34.93),
    (118.78, 35.10),
    (119.22, 35.12),
    (119.48, 34.76),
    (119.82, 34.46),
    (120.30, 34.22),
    (120.55, 33.72),
    (120.85, 33.22),
    (120.98, 32.78),
    (121.40, 32.42),
    (121.92, 31.90),
    (121.55, 31.74),
    (121.15, 31.78),
    (121.32, 31.52),
    (121.08, 31.30),
    (120.92, 31.02),
    (120.55, 30.78),
    (120.32, 30.95),
    (119.92, 31.13),
    (119.55, 31.12),
    (119.28, 31.28),
    (118.85, 31.26),
    (118.62, 31.50),
    (118.42, 31.88),
    (118.48, 32.20),
    (118.88, 32.58),
    (118.45, 32.78),
    (118.20, 33.12),
    (118.05, 33.52),
    (117.75, 33.78),
    (117.65, 34.05),
    (117.12, 34.18),
    (116.62, 34.32),
)

# Where a city's name goes relative to its marker, where the default (right) would collide
# with a neighbour's marker or name.
LABEL_PLACEMENT = {
    "320100": "left",  # Nanjing
    "321000": "left",  # Yangzhou
    "321100": "below",  # Zhenjiang
    "320500": "below",  # Suzhou
    "321300": "left",  # Suqian
    "320300": "left",  # Xuzhou
}

WIDTH = 600
PADDING = 28
_MIN_LON, _MAX_LON = 116.2, 122.05
_MIN_LAT, _MAX_LAT = 30.65, 35.25
# Equirectangular with the longitude scaled at the province's middle latitude.
_X_SCALE = (WIDTH - 2 * PADDING) / ((_MAX_LON - _MIN_LON) * math.cos(math.radians(33.0)))
HEIGHT = round((_MAX_LAT - _MIN_LAT) * _X_SCALE + 2 * PADDING)


def project(longitude: float, latitude: float) -> tuple[float, float]:
    x = PADDING + (longitude - _MIN_LON) * math.cos(math.radians(33.0)) * _X_SCALE
    y = PADDING + (_MAX_LAT - latitude) * _X_SCALE
    return round(x, 1), round(y, 1)


OUTLINE_POINTS = " ".join("{},{}".format(*project(lon, lat)) for lon, lat in OUTLINE)


@dataclass
class Marker:
    city: Any
    count: int
    x: float
    y: float
    radius: float
    is_county: bool
    highlighted: bool
    label_x: float
    label_y: float
    label_anchor: str


def markers(
    cities: list[Any], counts: dict[int, int], highlight_city_id: int | None = None
) -> list[Marker]:
    """One marker per city with coordinates; size grows with its number of Homes."""
    result = []
    for city in cities:
        if city.latitude is None or city.longitude is None:
            continue
        x, y = project(float(city.longitude), float(city.latitude))
        count = counts.get(city.pk, 0)
        is_county = city.kind == "county"
        radius = (7 if is_county else 10) + min(count, 12) * 1.2
        label_x, label_y, anchor = _label_position(city.code, x, y, radius)
        result.append(
            Marker(
                city=city,
                count=count,
                x=x,
                y=y,
                radius=round(radius, 1),
                is_county=is_county,
                highlighted=city.pk == highlight_city_id,
                label_x=label_x,
                label_y=label_y,
                label_anchor=anchor,
            )
        )
    # Counties are drawn last so that they sit above the prefecture nearby.
    result.sort(key=lambda m: m.is_county)
    return result


def _label_position(code: str, x: float, y: float, radius: float) -> tuple[float, float, str]:
    placement = LABEL_PLACEMENT.get(code, "right")
    if placement == "left":
        return round(x - radius - 4, 1), round(y + 5, 1), "end"
    if placement == "below":
        return x, round(y + radius + 15, 1), "middle"
    return round(x + radius + 4, 1), round(y + 5, 1), "start"


def map_context(
    cities: list[Any], counts: dict[int, int], highlight_city_id: int | None = None
) -> dict[str, Any]:
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "outline": OUTLINE_POINTS,
        "markers": markers(cities, counts, highlight_city_id),
    }
