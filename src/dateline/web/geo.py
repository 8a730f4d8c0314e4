"""Country shapes for the map: Natural Earth 1:110m countries from npm's world-atlas (TopoJSON,
copied into static/vendor by ``make assets``), drawn as SVG paths in an equirectangular
projection cropped to 84°N..58°S. Decoded once per process; no JavaScript needed."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

WIDTH = 960.0
NORTH, SOUTH = 84.0, -58.0
SCALE = WIDTH / 360.0
HEIGHT = (NORTH - SOUTH) * SCALE
ATLAS = "countries-110m.json"


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Map coordinates of a point (x east from the antimeridian, y south from 84°N)."""
    return (longitude + 180.0) * SCALE, (NORTH - latitude) * SCALE


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str], ...]:
    """(name, SVG path data) of every country; empty when the atlas is not installed."""
    asset = resources.files("dateline.web").joinpath("static", "vendor", ATLAS)
    if not asset.is_file():
        return ()
    topology = json.loads(asset.read_text("utf-8"))
    arcs = _decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = _polygons(geometry)
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        data = " ".join(_path(r) for r in rings if len(r) > 2)
        if data:
            out.append((str(geometry.get("properties", {}).get("name", "")), data))
    return tuple(out)


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Arcs in degrees: TopoJSON quantises them and stores each point as a delta."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step in arc:
            x, y = x + step[0], y + step[1]
            points.append((x * kx + dx, y * ky + dy))
        decoded.append(points)
    return decoded


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring's points; a negative index ~i is arc i reversed; shared ends are not doubled."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        points.extend(arc[1:] if points else arc)
    return points


def _path(ring: list[tuple[float, float]]) -> str:
    coords = []
    for longitude, latitude in ring:
        x, y = project(longitude, max(SOUTH - 2, min(NORTH + 2, latitude)))
        coords.append(f"{x:.1f},{y:.1f}")
    return "M" + "L".join(coords) + "Z"
