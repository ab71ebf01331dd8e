"""
Build treaty/data/world_map.json: country outlines as ready-made SVG paths, keyed by ISO alpha-3 code.

Source: Natural Earth's Admin 0 countries (public domain), as packaged by the npm package world-atlas 2.0.2
(TopoJSON keyed by ISO 3166-1 numeric codes): outlines from the 1:110m file, and a dot at the centre of the 1:50m
outline for each State too small to appear at 1:110m. Projection: Equal Earth (Šavrič, Patterson and
Jenny, 2018), an equal-area projection, so no region looks bigger than it is. The site never runs this script; it
reads the JSON it writes. To rebuild (developers only):

    npm install --prefix /tmp/geo world-atlas@2.0.2
    .venv/bin/pip install pycountry
    .venv/bin/python scripts/build_world_map.py /tmp/geo/node_modules/world-atlas/countries-{110m,50m}.json
"""

import json
import math
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "treaty" / "data" / "world_map.json"
WIDTH = 1000
# Douglas–Peucker tolerance in degrees: at this width a degree of longitude is under 3 units (pixels at full size),
# so points closer than a fifth of a pixel to the line are dropped.
SIMPLIFY_DEGREES = 0.1
SKIP = {"010"}  # Antarctica: not a State, and it would take a fifth of the map.
# States missing even from the 1:50m file: (longitude, latitude) of the capital.
EXTRA_MARKERS = {"TUV": ("Tuvalu", 179.2, -8.5)}

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y


def decode_arcs(topology, tolerance=0.0):
    """The arcs as (longitude, latitude) points, each simplified on its own (`simplify`): neighbours share arcs, so
    a border simplified once stays one line for both States, with no gaps or overlaps."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(simplify(points, tolerance))
    return arcs


def simplify(points, tolerance):
    """Douglas–Peucker: drop the points closer than `tolerance` (degrees) to the line their neighbours keep."""
    if tolerance <= 0 or len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            d = abs(dy * (px - x1) - dx * (py - y1)) / length if length else math.hypot(px - x1, py - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [points[index] for index in sorted(keep)]


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    longitudes = [lon for lon, _ in points]
    if max(longitudes) - min(longitudes) > 180:
        # The ring crosses the 180th meridian (Russia, Fiji): keep it in one piece past the map's right edge.
        points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    return points


def number(value):
    """SVG's shortest spelling of a one-decimal number: 0.5 → .5, -0.5 → -.5, 2.0 → 2."""
    text = f"{value:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def numbers(values):
    """Numbers joined as SVG path data allows: no space before a minus sign, nor before a point that starts a new
    number after one that already has a point ("1.5 .7" reads as "1.5.7")."""
    text = previous = ""
    for value in values:
        joined = value.startswith("-") or (value.startswith(".") and "." in previous)
        text += value if not text or joined else " " + value
        previous = value
    return text


def relative_path(points):
    """`M x y l dx dy …z` with one decimal, spelled as short as SVG allows: about half the size of absolute
    coordinates."""
    (x0, y0), *rest = points
    steps = []
    for (px, py), (x, y) in zip(points, rest, strict=False):
        dx, dy = round(x - px, 1), round(y - py, 1)
        if dx or dy:
            steps += [number(dx), number(dy)]
    return f"M{numbers([number(x0), number(y0)])}l{numbers(steps)}z"


def centroid(points):
    xs, ys = zip(*points, strict=True)
    return round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1)


def small_state_markers(source_50m, drawn, to_svg, arcs_of):
    """Dots for States too small for the 1:110m outlines, placed at the centre of their 1:50m outline."""
    topology = json.loads(Path(source_50m).read_text())
    arcs = arcs_of(topology)
    markers = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id")) if geometry.get("id") else None
        if (
            geometry.get("id") in SKIP
            or not country
            or country.alpha_3 in drawn
            or geometry["type"] not in {"Polygon", "MultiPolygon"}
        ):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        # The largest ring stands for the State (e.g. the main island of an archipelago).
        ring = max((ring_points(polygon[0], arcs) for polygon in polygons), key=len)
        x, y = centroid([to_svg(lon, lat) for lon, lat in ring])
        markers.append({"iso3": country.alpha_3, "name": geometry["properties"]["name"], "x": x, "y": y})
    for iso3, (name, lon, lat) in EXTRA_MARKERS.items():
        x, y = to_svg(lon, lat)
        markers.append({"iso3": iso3, "name": name, "x": x, "y": y})
    return sorted(markers, key=lambda marker: marker["name"])


def main(source, source_50m):
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology, SIMPLIFY_DEGREES)
    left, top = equal_earth(-180, 0)[0], equal_earth(0, 90)[1]
    scale = WIDTH / (2 * abs(left))

    lowest = [0.0]

    def to_svg(lon, lat):
        x, y = equal_earth(lon, lat)
        point = round((x - left) * scale, 1), round((y - top) * scale, 1)
        lowest[0] = max(lowest[0], point[1])
        return point

    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if code in SKIP or geometry["type"] not in {"Polygon", "MultiPolygon"}:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        commands = []
        for polygon in polygons:
            for ring in polygon:
                points = []
                for lon, lat in ring_points(ring, arcs):
                    point = to_svg(lon, lat)
                    if not points or point != points[-1]:
                        points.append(point)
                if len(points) < 3:
                    continue
                commands.append(relative_path(points))
        country = pycountry.countries.get(numeric=code) if code else None
        shapes.append(
            {
                "iso3": country.alpha_3 if country else None,
                "name": geometry["properties"]["name"],
                "d": "".join(commands),
            }
        )
    shapes.sort(key=lambda shape: shape["name"])
    drawn = {shape["iso3"] for shape in shapes}
    markers = small_state_markers(source_50m, drawn, to_svg, decode_arcs)
    height = math.ceil(lowest[0]) + 4  # crop below the southernmost State drawn
    data = {"viewBox": f"0 0 {WIDTH} {height}", "shapes": shapes, "markers": markers}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"Wrote {len(shapes)} shapes and {len(markers)} markers to {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
