"""Regenerate the map outlines in helpers/geodata/ from the npm packages world-atlas and us-atlas.

The maps in :mod:`helpers.maps` must draw with no internet, so their base map is shipped with the
package as small JSON files of outlines (lon/lat line strings) instead of plotly's topojson, which
plotly.js fetches from https://cdn.plot.ly/. This script decodes the TopoJSON in the two npm
tarballs in plain Python (quantized, delta-encoded arcs), simplifies the lines a little, rounds the
coordinates and writes:

- ``world_110m.json``: coastlines, country borders, land polygons and the polygons of the four
  countries of the collection, from Natural Earth 1:110m Admin 0 countries (public domain), via
  world-atlas 2.0.2 ``countries-110m.json``, with Crimea drawn as part of Ukraine (see
  :func:`reassign_crimea`);
- ``us_states_10m.json``: US state borders and the national outline, from the US Census Bureau's
  2017 cartographic boundary files (public domain, US government work), via us-atlas 3.0.1
  ``states-10m.json``.

Usage (the tarballs come from ``npm pack world-atlas@2.0.2 us-atlas@3.0.1``)::

    cd /tmp && npm pack world-atlas@2.0.2 us-atlas@3.0.1
    python maintainers/build_geodata.py --world /tmp/world-atlas-2.0.2.tgz --us /tmp/us-atlas-3.0.1.tgz

The output is deterministic: the same tarballs give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import math
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "helpers" / "geodata"

Line = list[tuple[float, float]]

# ISO 3166-1 numeric -> alpha-3 for the states the collection talks about (Natural Earth ids).
COUNTRIES = {"840": "USA", "643": "RUS", "804": "UKR", "826": "GBR"}

WORLD_LICENCE = (
    "Natural Earth 1:110m Admin 0 countries, version 4.1.0 (https://www.naturalearthdata.com/), "
    "public domain ('No permission is needed to use Natural Earth. Crediting the authors is unnecessary.' "
    "https://www.naturalearthdata.com/about/terms-of-use/). Converted to TopoJSON by Mike Bostock in the "
    "npm package world-atlas (ISC licence, Copyright 2013-2019 Michael Bostock)."
)
US_LICENCE = (
    "US Census Bureau cartographic boundary files, 2017 edition, states 1:10,000,000 "
    "(https://www2.census.gov/geo/tiger/GENZ2017/shp/), a work of the US government, public domain. "
    "Converted to TopoJSON by Mike Bostock in the npm package us-atlas (ISC licence, Copyright 2013-2019 "
    "Michael Bostock)."
)


# --- TopoJSON decoding -----------------------------------------------------------------------------------

def read_topology(tarball: Path, member: str) -> tuple[dict[str, Any], str]:
    """The TopoJSON object in ``package/<member>`` of an npm tarball, and the package's name@version."""
    with tarfile.open(tarball, "r:gz") as tar:
        topology = json.load(tar.extractfile(f"package/{member}"))  # type: ignore[arg-type]
        package = json.load(tar.extractfile("package/package.json"))  # type: ignore[arg-type]
    return topology, f"{package['name']}@{package['version']}"


def decode_arcs(topology: dict[str, Any]) -> list[Line]:
    """Absolute lon/lat coordinates of every arc (undo the delta encoding and the quantization)."""
    transform = topology.get("transform")
    arcs: list[Line] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points: Line = []
        for qx, qy, *_ in arc:
            x += qx
            y += qy
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def arc_line(arcs: list[Line], index: int) -> Line:
    """Arc ``index`` as a line; a negative index ~i means arc i reversed (TopoJSON convention)."""
    return list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))


def ring(arcs: list[Line], indices: list[int]) -> Line:
    """Join the arcs of one ring (consecutive arcs share their end point, dropped once)."""
    points: Line = []
    for k, index in enumerate(indices):
        line = arc_line(arcs, index)
        points.extend(line if k == 0 else line[1:])
    return points


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """The polygons (each a list of rings of arc indices) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def arc_use(geometries: list[dict[str, Any]]) -> dict[int, int]:
    """What each arc is: 1 = an outer edge (coast), 2 = a border between two geometries, 0 = inside one."""
    owners: dict[int, list[int]] = {}
    for k, geometry in enumerate(geometries):
        for poly in polygons(geometry):
            for r in poly:
                for i in r:
                    owners.setdefault(i if i >= 0 else ~i, []).append(k)
    return {i: 0 if len(set(ks)) < len(ks) else len(ks) for i, ks in owners.items()}


def contains(line: Line, lon: float, lat: float) -> bool:
    """Whether the point lies inside the ring (even-odd rule, planar lon/lat)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(line, line[1:] + line[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


# Natural Earth 4.1.0 maps Crimea by de facto control, as part of Russia. The collection follows the
# borders recognised by the UN General Assembly (resolution 68/262, 27 March 2014) and by both the US and
# the EU: Crimea is moved back to Ukraine, and the line across the Perekop isthmus (Natural Earth's
# border) is kept as its own layer, drawn dotted, as the line of Russian control since 2014.
SIMFEROPOL = (34.10, 44.95)


def reassign_crimea(countries: list[dict[str, Any]], arcs: list[Line]) -> list[dict[str, Any]]:
    """Copies of the country geometries with the Crimea polygon moved from Russia (643) to Ukraine (804)."""
    by_id = {str(g.get("id")): g for g in countries}
    rus, ukr = by_id["643"], by_id["804"]
    crimea = [p for p in polygons(rus) if contains(ring(arcs, p[0]), *SIMFEROPOL)]
    if len(crimea) != 1 or any(contains(ring(arcs, p[0]), *SIMFEROPOL) for p in polygons(ukr)):
        raise SystemExit("Crimea is not where build_geodata.py expects it in this Natural Earth version.")
    new_rus = {**rus, "type": "MultiPolygon", "arcs": [p for p in polygons(rus) if p is not crimea[0]]}
    new_ukr = {**ukr, "type": "MultiPolygon", "arcs": polygons(ukr) + crimea}
    return [new_rus if g is rus else new_ukr if g is ukr else g for g in countries]


# --- Simplification and rounding -------------------------------------------------------------------------

def _segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(line: Line, tolerance: float) -> Line:
    """Douglas-Peucker simplification (end points kept, so shared arcs still meet)."""
    if tolerance <= 0 or len(line) < 3:
        return line
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(line[i], line[first], line[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(line, keep, strict=True) if k]


def rounded(line: Line, digits: int) -> list[list[float]]:
    """Coordinates rounded to ``digits`` decimals, with repeated points dropped."""
    out: list[list[float]] = []
    for x, y in line:
        point = [round(x, digits), round(y, digits)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def signed_area(line: Line) -> float:
    """Shoelace area in lon/lat (positive = counter-clockwise on a lon-right/lat-up plane)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(line, line[1:], strict=False)) / 2


# --- Builders --------------------------------------------------------------------------------------------

def _meta(source: str, member: str, licence: str, digits: int, tolerance: float, layers: dict[str, str]
          ) -> dict[str, Any]:
    return {
        "source_package": source,
        "source_file": member,
        "licence": licence,
        "built_by": "maintainers/build_geodata.py (TopoJSON decoded in plain Python, Douglas-Peucker simplified)",
        "coordinates": "WGS84 longitude, latitude in decimal degrees; each line is a list of [lon, lat]",
        "decimals": digits,
        "simplify_tolerance_degrees": tolerance,
        "layers": layers,
    }


def build_world(tarball: Path, digits: int = 2, tolerance: float = 0.0) -> dict[str, Any]:
    """Coastlines, borders, land and four countries' polygons from world-atlas countries-110m.json."""
    member = "countries-110m.json"
    topology, source = read_topology(tarball, member)
    arcs = decode_arcs(topology)
    countries = reassign_crimea(topology["objects"]["countries"]["geometries"], arcs)
    use = arc_use(countries)

    def drawn(i: int) -> bool:
        # Leave out Antarctica and the straight cuts along the 180th meridian (not a coast or a border).
        return max(y for _, y in arcs[i]) > -60 and not all(abs(x) > 179.99 for x, _ in arcs[i])

    def lines(which: int) -> list[list[list[float]]]:
        out = [rounded(simplify(arcs[i], tolerance), digits) for i in sorted(use) if use[i] == which and drawn(i)]
        return [line for line in out if len(line) > 1]

    def rings_of(geometry: dict[str, Any], *, exterior: bool) -> list[list[list[float]]]:
        out = []
        for poly in polygons(geometry):
            for k, r in enumerate(poly):
                if (k == 0) == exterior:
                    out.append(rounded(simplify(ring(arcs, r), tolerance), digits))
        return out

    land = topology["objects"]["land"]["geometries"][0]
    land_rings = [r for r in rings_of(land, exterior=True) if min(y for _, y in r) > -60]  # no Antarctica
    # Interior rings of the land (seas inside continents, e.g. the Caspian), reversed so that each is an
    # exterior ring of its own: drawn filled with the background colour over the land.
    holes = [list(reversed(r)) for r in rings_of(land, exterior=False)]
    selected = {}
    for geometry in countries:
        code = COUNTRIES.get(str(geometry.get("id")))
        if code:
            selected[code] = {"name": geometry["properties"]["name"],
                              "polygons": rings_of(geometry, exterior=True)}
    meta = _meta(source, member, WORLD_LICENCE, digits, tolerance, {
        "coastlines": "lines on the edge of exactly one country (coasts; Antarctica and the cuts at 180 degrees "
                      "left out)",
        "borders": "lines shared by two countries (land borders), each drawn once",
        "control_lines": "lines inside a country: the Perekop isthmus, Russia's line of control in Crimea",
        "land": "exterior rings of the land (Antarctica left out), d3/plotly winding (clockwise)",
        "land_holes": "interior rings of the land (inland seas such as the Caspian), wound as exteriors",
        "countries": "exterior rings of the polygons of USA, RUS, UKR, GBR (ISO 3166-1 alpha-3 keys)",
    })
    meta["changes"] = (
        "Natural Earth 4.1.0 draws Crimea as part of Russia (de facto control). Here it is part of Ukraine, as "
        "recognised by UN General Assembly resolution 68/262 (2014), the US and the EU; Natural Earth's border "
        "across the Perekop isthmus is kept as 'control_lines'."
    )
    return {
        "meta": meta,
        "coastlines": lines(1),
        "borders": lines(2),
        "control_lines": lines(0),
        "land": land_rings,
        "land_holes": holes,
        "countries": dict(sorted(selected.items())),
    }


def build_us(tarball: Path, digits: int = 2, tolerance: float = 0.02) -> dict[str, Any]:
    """State borders and the national outline from us-atlas states-10m.json (50 states + DC)."""
    member = "states-10m.json"
    topology, source = read_topology(tarball, member)
    arcs = decode_arcs(topology)
    # Keep the 50 states and DC (FIPS <= 56); leave out the territories (Puerto Rico, Guam, ...).
    states = [g for g in topology["objects"]["states"]["geometries"] if int(g["id"]) <= 56]
    use = arc_use(states)
    lines = {which: [line for i in sorted(use) if use[i] == which
                     if len(line := rounded(simplify(arcs[i], tolerance), digits)) > 1]
             for which in (1, 2)}
    return {
        "meta": _meta(source, member, US_LICENCE, digits, tolerance, {
            "outline": "outer edge of the 50 states and DC (coasts and the borders with Canada and Mexico)",
            "state_borders": "lines shared by two states, each drawn once",
            "states": "state names by FIPS code (the states kept)",
        }),
        "outline": lines[1],
        "state_borders": lines[2],
        "states": {g["id"]: g["properties"]["name"] for g in sorted(states, key=lambda g: g["id"])},
    }


def write(data: dict[str, Any], path: Path) -> int:
    """Write compact JSON (one layer per line, for readable diffs); return its size in bytes."""
    parts = [f"{json.dumps(key)}: {json.dumps(value, separators=(',', ':'), ensure_ascii=False)}"
             for key, value in data.items()]
    text = "{\n" + ",\n".join(parts) + "\n}\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main() -> None:
    """Parse the arguments and write the two files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", type=Path, default=Path("/tmp/world-atlas-2.0.2.tgz"),
                        help="npm tarball of world-atlas (npm pack world-atlas@2.0.2)")
    parser.add_argument("--us", type=Path, default=Path("/tmp/us-atlas-3.0.1.tgz"),
                        help="npm tarball of us-atlas (npm pack us-atlas@3.0.1)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in [("world_110m.json", build_world(args.world)), ("us_states_10m.json", build_us(args.us))]:
        size = write(data, args.out / name)
        print(f"wrote {args.out / name} ({size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
