#!/usr/bin/env python3
"""Baseline for the routing benchmark: which unit contains each point, answered by shapely 2.x (GEOS).

    python bench/routing_shapely.py DIR

DIR holds
  units.geojson      a FeatureCollection; each feature has properties.code (5 digits) and a Polygon
                     or MultiPolygon in lon/lat;
  points.csv         header `lat,lon`, one point a line (up to a million);
  swift_answers.csv  header `code`, one line per point: HaiCap's unit code, empty when in no unit.

The units go into an STRtree. Several vectorised ways of asking it are timed (only the query and
turning its pairs into one answer per point; loading files, building Point objects, the tree and
preparing the polygons are not timed, except where a method's own index is built from the points),
each best of REPEATS runs; those whose answers equal the plain `tree.query(points,
predicate="within")` count as correct, and the fastest of them is the baseline. A Python loop of
single-point queries, on a sample, is timed for reference only.

Semantics: shapely's within/contains leave a point lying exactly on an edge out of every unit;
HaiCap's half-open crossing rule gives it to exactly one neighbour. Such points, and any other
disagreement within BOUNDARY_TOLERANCE degrees of either unit's boundary, are reported as boundary
cases. Where units overlap, the first feature in file order wins (as in HaiCap's PolygonIndex).

Exit status: 0, or 2 if more than 0.01 % of the points disagree with swift_answers.csv (boundary
cases included), 1 on bad input. The last line is `shapely_points_per_second=N`.
"""
import csv
import json
import os
import sys
import time

import numpy as np
import shapely
from shapely.geometry import shape

REPEATS = int(os.environ.get("REPEATS", "3"))
LOOP_SAMPLE = int(os.environ.get("LOOP_SAMPLE", "20000"))  # points for the non-vectorised reference
BOUNDARY_TOLERANCE = float(os.environ.get("BOUNDARY_TOLERANCE", "1e-9"))  # degrees, about 0.1 mm
ALLOWED_MISMATCH = 0.0001  # 0.01 % of the points
NONE = -1  # "in no unit" as a unit index


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def load_units(path):
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    codes, geometries = [], []
    for number, feature in enumerate(collection.get("features") or []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            fail(f"{path}: feature {number} is a {geometry.get('type')}, not a Polygon or MultiPolygon")
        code = str((feature.get("properties") or {}).get("code", ""))
        if not (len(code) == 5 and code.isdigit()):
            fail(f"{path}: feature {number} has code {code!r}, not 5 digits")
        codes.append(code)
        geometries.append(shape(geometry))
    if not geometries:
        fail(f"{path}: no features")
    return np.array(codes), np.array(geometries, dtype=object)


def load_points(path):
    with open(path, encoding="utf-8") as handle:
        header = [name.strip().lower() for name in handle.readline().split(",")]
        if sorted(header) != ["lat", "lon"]:
            fail(f"{path}: header {header}, expected lat,lon")
        table = np.loadtxt(handle, delimiter=",", dtype=np.float64, ndmin=2)
    if table.size == 0:
        table = table.reshape(0, 2)
    return table[:, header.index("lat")].copy(), table[:, header.index("lon")].copy()


def load_answers(path):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or [cell.strip().lower() for cell in rows[0]] != ["code"]:
        fail(f"{path}: the first line must be `code`")
    return np.array([row[0].strip() if row else "" for row in rows[1:]], dtype=object)


def first_unit(point_index, unit_index, count):
    """One answer per point from (point, unit) pairs: the lowest unit index, NONE when no pair."""
    answer = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(answer, point_index, unit_index.astype(np.int64))
    answer[answer == np.iinfo(np.int64).max] = NONE
    return answer


def best_of(function):
    best, result = None, None
    for _ in range(max(1, REPEATS)):
        began = time.perf_counter()
        result = function()
        took = time.perf_counter() - began
        best = took if best is None else min(best, took)
    return best, result


def main():
    if len(sys.argv) != 2:
        fail(__doc__.split("\n\n")[1])
    directory = sys.argv[1]
    codes, units = load_units(os.path.join(directory, "units.geojson"))
    lat, lon = load_points(os.path.join(directory, "points.csv"))
    swift = load_answers(os.path.join(directory, "swift_answers.csv"))
    count = len(lat)
    if len(swift) != count:
        fail(f"swift_answers.csv has {len(swift)} answers for {count} points")
    if count == 0:
        fail("points.csv has no points")
    invalid = int(np.sum(~shapely.is_valid(units)))
    vertices = int(shapely.get_num_coordinates(units).sum())
    print(f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), numpy {np.__version__}")
    print(f"{len(units)} units ({vertices} vertices, {invalid} invalid), {count} points")
    if invalid:
        print(f"warning: {invalid} unit geometries are not valid; GEOS answers for them may differ", file=sys.stderr)

    points = shapely.points(lon, lat)  # x = longitude, y = latitude
    began = time.perf_counter()
    tree = shapely.STRtree(units)
    tree.query(points[:1])  # the tree is built lazily, on the first query
    built = time.perf_counter() - began
    prepared = units.copy()
    shapely.prepare(prepared)
    print(f"STRtree over the units built in {built * 1000:.1f} ms (not timed below)")

    def within():
        pairs = tree.query(points, predicate="within")
        return first_unit(pairs[0], pairs[1], count)

    def boxes_then_contains_xy():
        pairs = tree.query(points)  # bounding-box candidates only
        inside = shapely.contains_xy(prepared[pairs[1]], lon[pairs[0]], lat[pairs[0]])
        return first_unit(pairs[0][inside], pairs[1][inside], count)

    def tree_over_points():
        point_tree = shapely.STRtree(points)  # built from the input, so timed
        pairs = point_tree.query(units, predicate="contains")  # each unit prepared once by GEOS
        return first_unit(pairs[1], pairs[0], count)

    methods = [
        ('tree.query(points, predicate="within")', within),
        ("tree.query(points) boxes, then contains_xy on prepared units", boxes_then_contains_xy),
        ('STRtree(points).query(units, predicate="contains"), tree build timed', tree_over_points),
    ]
    reference = None
    fastest = None
    for name, function in methods:
        took, answer = best_of(function)
        if reference is None:
            reference = answer
        correct = bool(np.array_equal(answer, reference))
        rate = count / took
        verdict = "same answers" if correct else f"DIFFERS on {int(np.sum(answer != reference))} points, not used"
        print(f"  {name}: {took:.3f} s = {rate:,.0f} points/s (best of {max(1, REPEATS)}; {verdict})")
        if correct and (fastest is None or took < fastest[1]):
            fastest = (name, took, answer)
    name, took, ours = fastest
    rate = count / took
    print(f"fastest vectorised: {name}: {rate:,.0f} points/s")

    sample = min(count, LOOP_SAMPLE)
    loop_points, loop_lon, loop_lat = points[:sample], lon[:sample].tolist(), lat[:sample].tolist()

    def loop_within():
        answer = []
        for point in loop_points:
            hits = tree.query(point, predicate="within")
            answer.append(int(hits.min()) if len(hits) else NONE)
        return np.array(answer, dtype=np.int64)

    def loop_boxes_then_contains_xy():
        answer = []
        for point, x, y in zip(loop_points, loop_lon, loop_lat):
            found = NONE
            for unit in sorted(tree.query(point).tolist()):
                if shapely.contains_xy(prepared[unit], x, y):
                    found = unit
                    break
            answer.append(found)
        return np.array(answer, dtype=np.int64)

    loop_best = None
    for loop_name, function in (("tree.query(point, predicate=\"within\")", loop_within),
                                ("tree.query(point) boxes, then contains_xy on prepared units", loop_boxes_then_contains_xy)):
        loop_took, loop_answer = best_of(function)
        agree = bool(np.array_equal(loop_answer, reference[:sample]))
        print(f"  Python loop, {loop_name}: {sample / loop_took:,.0f} points/s on the first {sample} points"
              f" ({'same answers' if agree else 'DIFFERENT answers'})")
        if agree and (loop_best is None or loop_took < loop_best[1]):
            loop_best = (loop_name, loop_took)
    if loop_best:
        print(f"best non-vectorised loop: {loop_best[0]}: {sample / loop_best[1]:,.0f} points/s (reference only)")

    # Agreement with HaiCap.
    theirs_code = swift.astype(str)
    ours_code = np.where(ours == NONE, "", codes[np.maximum(ours, 0)])
    differ = np.nonzero(ours_code != theirs_code)[0]
    index_of = {code: number for number, code in enumerate(codes.tolist())}
    boundaries = shapely.boundary(units)
    differ_points = points[differ]
    near_boundary = np.zeros(len(differ), dtype=bool)
    theirs_unit = np.array([index_of.get(code, NONE) for code in theirs_code[differ].tolist()], dtype=np.int64)
    for unit in (ours[differ], theirs_unit):  # close to the boundary of either side's unit
        known = unit != NONE
        near_boundary[known] |= shapely.dwithin(boundaries[unit[known]], differ_points[known], BOUNDARY_TOLERANCE)
    neither = np.nonzero((ours[differ] == NONE) & (theirs_unit == NONE))[0]  # HaiCap named an unknown code
    if len(neither):
        hits = tree.query(differ_points[neither], predicate="dwithin", distance=BOUNDARY_TOLERANCE)
        near_boundary[neither[hits[0]]] = True
    unknown = sorted({code for code in theirs_code[differ].tolist() if code and code not in index_of})
    outside = int(np.sum(ours == NONE))
    print(f"in no unit (shapely): {outside} points ({outside / count:.2%}); in no unit (HaiCap): "
          f"{int(np.sum(theirs_code == ''))}")
    mismatches = len(differ)
    on_boundary = int(near_boundary.sum())
    print(f"mismatches against swift_answers.csv: {mismatches} of {count} ({mismatches / count:.4%}): "
          f"{on_boundary} on a boundary (within {BOUNDARY_TOLERANCE:g}°), {mismatches - on_boundary} elsewhere")
    if unknown:
        print(f"  codes in swift_answers.csv that are not in units.geojson: {', '.join(unknown[:10])}")
    for label, wanted in (("boundary", True), ("elsewhere", False)):
        for point_number in differ[near_boundary == wanted][:5].tolist():
            print(f"  {label}: point {point_number + 1} (lat {float(lat[point_number])!r}, lon {float(lon[point_number])!r}):"
                  f" shapely {ours_code[point_number] or '-'}, HaiCap {theirs_code[point_number] or '-'}")
    print(f"shapely_points_per_second={int(rate)}")
    return 2 if mismatches > ALLOWED_MISMATCH * count else 0


if __name__ == "__main__":
    sys.exit(main())
