#!/usr/bin/env python3
"""Agreement check of `make bench`: do the tools give the same answers?

  compare.py adjacency NAME=FILE NAME=FILE ... [--max-diff-m 1]
      Adjacency outputs: mapcli's `adjacency --format json` object
      ({"borders": [...]}, lengths rounded to 1 m) or the references' list
      [{"a","b","contact","length_km"}]. The first file is the baseline;
      each other one is compared with it: same pair set, same contact kind,
      length difference (edges) within --max-diff-m metres.

  compare.py corridor MAPCLI_JSON C_JSON [--max-diff-m 1]
      mapcli `corridor --format json` against Benchmarks/reference/corridor:
      same territories (areas inside within 0.001 km² + rounding, same
      number of pieces, same split flag), same border changes (lengths
      before and after within --max-diff-m), same links (route km within
      --max-diff-m).

  compare.py where MAPCLI_JSON REF_JSON [--max-diff-m 1]
      mapcli `where --format json` at a point in no territory against
      Benchmarks/shapely_where.py: the same nearest territory, distances
      within --max-diff-m (mapcli rounds to 1 m).

Prints one line per comparison and exits 1 if any disagrees.
"""

import argparse
import json
import sys


def pairs(path):
    with open(path) as f:
        d = json.load(f)
    rows = d["borders"] if isinstance(d, dict) else d
    return {(r["a"], r["b"]): (r["contact"], float(r["length_km"]) * 1000) for r in rows}


def adjacency(args):
    names, files = zip(*(s.split("=", 1) for s in args.files))
    base = pairs(files[0])
    ok = True
    for name, path in zip(names[1:], files[1:]):
        try:
            other = pairs(path)
        except (OSError, ValueError, KeyError) as e:
            print(f"  {name:<22} vs {names[0]}: no output to compare ({e.__class__.__name__})")
            ok = False
            continue
        only_base = set(base) - set(other)
        only_other = set(other) - set(base)
        common = set(base) & set(other)
        kind = sum(1 for k in common if base[k][0] != other[k][0])
        diffs = [abs(base[k][1] - other[k][1]) for k in common if base[k][0] == "edge" and other[k][0] == "edge"]
        worst = max(diffs, default=0.0)
        over = sum(1 for d in diffs if d > args.max_diff_m)
        agree = not only_base and not only_other and kind == 0 and over == 0
        ok &= agree
        detail = f"{len(common)} pairs in common"
        if only_base or only_other:
            detail += f", {len(only_base)} only in {names[0]}, {len(only_other)} only in {name}"
            ex = sorted(only_base)[:2] + sorted(only_other)[:2]
            detail += f" (e.g. {', '.join('-'.join(p) for p in ex)})"
        detail += f", {kind} contact kinds differ, max |Δlength| {worst:.3f} m, {over} over {args.max_diff_m:g} m"
        print(f"  {name:<22} vs {names[0]}: {'AGREE' if agree else 'DIFFER'} ({detail})")
    return ok


def corridor(args):
    with open(args.files[0]) as f:
        m = json.load(f)
    with open(args.files[1]) as f:
        c = json.load(f)
    if m.get("schema_version", 1) >= 2:
        # mapcli's schema 2: one level (the bench runs with --no-clip on one layer);
        # every border of the crossed territories is listed, the C reference lists changed ones.
        level = m["levels"][0]
        m = {
            "territories": [dict(t, pieces_km2=sorted((p["area_km2"] for p in t["pieces"]), reverse=True))
                            for t in level["territories"]],
            "border_changes": [b for b in level["borders"]
                               if abs(b["length_after_km"] - b["length_before_km"]) > 0.0005],
            "links": level["links"],
        }
    tol = args.max_diff_m
    problems = []
    mt = {t["id"]: t for t in m["territories"]}
    ct = {t["id"]: t for t in c["territories"]}
    if set(mt) != set(ct):
        problems.append(f"territories differ: {len(set(mt) - set(ct))} only mapcli, {len(set(ct) - set(mt))} only C")
    worst_area = 0.0
    for k in set(mt) & set(ct):
        a, b = mt[k], ct[k]
        worst_area = max(worst_area, abs(a["area_inside_km2"] - b["area_inside_km2"]))
        if len(a["pieces_km2"]) != len(b["pieces_km2"]) or a["split"] != b["split"]:
            problems.append(f"{k}: pieces {len(a['pieces_km2'])} vs {len(b['pieces_km2'])}")
        if abs(a["route_length_inside_km"] - b["route_length_inside_km"]) * 1000 > tol:
            problems.append(f"{k}: route inside {a['route_length_inside_km']} vs {b['route_length_inside_km']}")
    if worst_area > 0.0015:
        problems.append(f"area inside differs by up to {worst_area} km²")
    mb = {(x["a"], x["b"]): x for x in m["border_changes"]}
    cb = {(x["a"], x["b"]): x for x in c["border_changes"]}
    if set(mb) != set(cb):
        problems.append(f"border changes differ: {len(set(mb) - set(cb))} only mapcli, {len(set(cb) - set(mb))} only C")
    worst_b = 0.0
    for k in set(mb) & set(cb):
        for f in ("length_before_km", "length_after_km"):
            worst_b = max(worst_b, abs(mb[k][f] - cb[k][f]) * 1000)
    if worst_b > tol:
        problems.append(f"border lengths differ by up to {worst_b:.3f} m")
    ml = {(x["a"], x["b"]): x.get("route_km") for x in m["links"]}
    cl = {(x["a"], x["b"]): x.get("route_km") for x in c["links"]}
    if set(ml) != set(cl):
        problems.append(f"links differ: {len(set(ml) - set(cl))} only mapcli, {len(set(cl) - set(ml))} only C")
    worst_l = 0.0
    for k in set(ml) & set(cl):
        if (ml[k] is None) != (cl[k] is None):
            problems.append(f"link {k}: route km {ml[k]} vs {cl[k]}")
        elif ml[k] is not None:
            worst_l = max(worst_l, abs(ml[k] - cl[k]) * 1000)
    if worst_l > tol:
        problems.append(f"link route lengths differ by up to {worst_l:.3f} m")
    summary = (
        f"{len(mt)} territories (max |Δarea| {worst_area:.4f} km²), {len(mb)} border changes "
        f"(max |Δ| {worst_b:.3f} m), {len(ml)} links (max |Δroute| {worst_l:.3f} m)"
    )
    if problems:
        print(f"  corridor C vs mapcli: DIFFER ({summary}; " + "; ".join(problems[:6]) + ")")
        return False
    print(f"  corridor C vs mapcli: AGREE ({summary})")
    return True


def where(args):
    with open(args.files[0]) as f:
        m = json.load(f).get("nearest_territory") or {}
    with open(args.files[1]) as f:
        r = json.load(f)
    diff_m = abs(float(m.get("distance_km", -1e9)) - float(r["distance_km"])) * 1000
    agree = m.get("id") == r["id"] and diff_m <= args.max_diff_m
    print(f"  where mapcli vs reference: {'AGREE' if agree else 'DIFFER'} (nearest {m.get('id')} / {r['id']}, "
          f"{m.get('distance_km')} / {r['distance_km']} km, |Δ| {diff_m:.1f} m)")
    return agree


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["adjacency", "corridor", "where"])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--max-diff-m", type=float, default=1.0)
    args = ap.parse_args()
    ok = {"adjacency": adjacency, "corridor": corridor, "where": where}[args.kind](args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
