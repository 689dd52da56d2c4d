#!/usr/bin/env python3
"""Renders the timings of Benchmarks/run.sh (a TSV) as the `make bench` table.

  report.py TIMINGS.tsv [--markdown OUT.md]

TSV columns: task, dataset, tool, kind (mapcli | c | shapely), rep,
wall_s, max_rss_kb, status (ok | timeout | failed).

Per (task, dataset, tool): the median wall time and the largest peak RSS of
its runs; "× C" is the ratio to the fastest C reference that finished the
same task on the same dataset, "× shapely" the ratio to shapely on it. A
tool that timed out shows "> LIMIT" and ratios as lower bounds (">").
"""

import argparse
import statistics
import sys
from collections import OrderedDict

TASKS = {"exact": "adjacency (exact)", "formats": "adjacency (exact), output formats", "tolerance": "adjacency (tolerance)", "corridor": "corridor", "load": "load shipped geodata",
         "read": "read GeoJSON / GPKG / FGB",
         "map": "map --data (SVG)", "postgis": "adjacency in PostGIS (issue 18)",
         "postgis-partitions": "PostGIS: partition grid"}


def read(path):
    rows = OrderedDict()
    limits = {}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            task, dataset, tool, kind, rep, wall, rss, status = line.rstrip("\n").split("\t")
            key = (task, dataset, tool)
            r = rows.setdefault(key, {"kind": kind, "walls": [], "rss": [], "status": "ok"})
            if status == "ok":
                r["walls"].append(float(wall))
                r["rss"].append(int(rss))
            else:
                r["status"] = status
                limits[key] = float(wall)
                if rss and rss != "0":
                    r["rss"].append(int(rss))
    return rows, limits


def summarise(rows, limits):
    out = []
    for (task, dataset, tool), r in rows.items():
        done = bool(r["walls"]) and r["status"] == "ok"
        wall = statistics.median(r["walls"]) if done else limits.get((task, dataset, tool))
        out.append(
            dict(task=task, dataset=dataset, tool=tool, kind=r["kind"], runs=len(r["walls"]), wall=wall, done=done,
                 status=r["status"], rss_mb=(max(r["rss"]) / 1024 if r["rss"] else None))
        )
    for row in out:
        peers = [x for x in out if x["task"] == row["task"] and x["dataset"] == row["dataset"]]
        cs = [x["wall"] for x in peers if x["kind"] == "c" and x["done"]]
        sh = [x["wall"] for x in peers if x["kind"] == "shapely" and x["done"]]
        row["x_c"] = row["wall"] / min(cs) if cs and row["wall"] else None
        row["x_shapely"] = row["wall"] / sh[0] if sh and row["wall"] else None
    return out


def fmt_ratio(x, done):
    if x is None:
        return "-"
    return ("" if done else ">") + (f"{x:.2f}" if x < 10 else f"{x:.0f}" if x < 1000 else f"{x:.0f}")


def fmt_wall(row):
    if row["wall"] is None:
        return row["status"]
    if not row["done"]:
        return f"> {row['wall']:.0f} ({row['status']})"
    w = row["wall"]
    return f"{w:.3f}" if w < 10 else f"{w:.1f}"


def table(out):
    head = ["task", "dataset", "tool", "runs", "wall s (median)", "peak MB", "× fastest C", "× shapely"]
    body = []
    for r in out:
        body.append([
            TASKS.get(r["task"], r["task"]), r["dataset"], r["tool"], str(r["runs"]), fmt_wall(r),
            f"{r['rss_mb']:.0f}" if r["rss_mb"] else "-", fmt_ratio(r["x_c"], r["done"]), fmt_ratio(r["x_shapely"], r["done"]),
        ])
    return head, body


def render_text(head, body):
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    right = {3, 4, 5, 6, 7}
    lines = []
    for row in [head] + body:
        lines.append("  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if row is head:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_md(head, body):
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " if i < 3 else " ---: " for i in range(len(head))) + "|"]
    for b in body:
        lines.append("| " + " | ".join(b) + " |")
    return "\n".join(lines)


def targets(out):
    """The issue 7 targets at 100k, as measured in this run."""
    def one(task, kind, dataset="100k", tool=None):
        return next((r for r in out if r["task"] == task and r["kind"] == kind and r["dataset"] == dataset
                     and (tool is None or r["tool"] == tool)), None)

    def fastest_c(task, dataset="100k"):
        cs = [r for r in out if r["task"] == task and r["dataset"] == dataset and r["kind"] == "c" and r["done"]]
        return min(cs, key=lambda r: r["wall"]) if cs else None

    def ratio(m, ref):
        if not m or not ref or not ref["done"] or not m["wall"]:
            return "-"
        return fmt_ratio(m["wall"] / ref["wall"], m["done"])

    lines = []
    m, c, s = one("exact", "mapcli"), fastest_c("exact"), one("exact", "shapely")
    if m:
        lines.append(f"exact adjacency 100k: mapcli / fastest C ({c['tool'] if c else '-'}) = {ratio(m, c)} (target ≤ 1.0); "
                     f"mapcli / shapely = {ratio(m, s)} (target ≤ 0.2)")
    m, c1, s = one("tolerance", "mapcli"), one("tolerance", "c", tool="C strtree -T, 1 thread"), one("tolerance", "shapely")
    if m:
        lines.append(f"tolerance adjacency 100k: mapcli / C 1 thread = {ratio(m, c1)} (target ≤ 1.0); "
                     f"mapcli / shapely = {ratio(m, s)} (target ≤ 0.5)")
    m, c = one("corridor", "mapcli"), fastest_c("corridor")
    if m:
        lines.append(f"corridor 100k: mapcli / C = {ratio(m, c)} (target ≤ 1.0)")
    m = one("exact", "mapcli")
    if m and m["rss_mb"]:
        refs = [r for r in out if r["task"] == "exact" and r["dataset"] == "100k" and r["kind"] == "c" and r["rss_mb"]]
        parts = [f"{r['tool']} {r['rss_mb']:.0f} MB ({m['rss_mb'] / r['rss_mb']:.2f}×)" for r in refs]
        lines.append(f"peak memory, exact 100k: mapcli {m['rss_mb']:.0f} MB{'' if m['done'] else ' when stopped (a lower bound)'}"
                     f" vs {', '.join(parts)} (target ≤ 2×)")
    for d, target in (("10k", 2), ("100k", 20)):
        m = one("map", "mapcli", d)
        if m:
            wall = f"{m['wall']:.2f} s" if m["done"] else f"> {m['wall']:.0f} s (stopped)"
            lines.append(f"map --data, {d} cells, SVG (issue 15): {wall} (target about {target} s)")
    m = one("load", "mapcli", "shipped")
    if m and m["done"]:
        lines.append(f"load shipped geodata/ (mapcli territories --format json, whole process): {m['wall']:.3f} s (target well under 0.3 s)")
    return lines


def targets17(out):
    """The issue 17 targets, as measured in this run (each beside its target)."""
    def one(task, dataset, tool=None, kind=None):
        return next((r for r in out if r["task"] == task and r["dataset"] == dataset and (tool is None or r["tool"] == tool)
                     and (kind is None or r["kind"] == kind)), None)

    def ratio(m, ref, target):
        if not m or not ref or not ref["done"] or not m["wall"]:
            return "not measured"
        x = m["wall"] / ref["wall"]
        met = m["done"] and x <= target
        return f"{fmt_ratio(x, m['done'])} (target ≤ {target}: {'met' if met else 'NOT met'})"

    def mem(m, ref, target):
        if not m or not ref or not m["rss_mb"] or not ref["rss_mb"]:
            return "not measured"
        x = m["rss_mb"] / ref["rss_mb"]
        return f"{m['rss_mb']:.0f} / {ref['rss_mb']:.0f} MB = {x:.2f} (target ≤ {target}: {'met' if x <= target else 'NOT met'})"

    lines = []
    for d, label in (("100k", "bench layer"), ("100k-full", "full precision, random order")):
        m, c = one("exact", d, kind="mapcli"), one("exact", d, tool="C edgehash")
        if m:
            lines.append(f"exact 100k ({label}): mapcli / C edgehash = {ratio(m, c, 1.0)}; peak memory {mem(m, c, 1.2)}")
    m1, m100 = one("exact", "1m", kind="mapcli"), one("exact", "100k", kind="mapcli")
    if m1:
        lines.append(f"exact 1m: time / mapcli's 100k time = {ratio(m1, m100, 11)}; memory {mem(m1, m100, 11)}; "
                     f"mapcli / C edgehash at 1m = {ratio(m1, one('exact', '1m', tool='C edgehash'), 1.0)}")
    f, clean = one("exact", "100k-flawed", tool="mapcli"), one("exact", "100k", kind="mapcli")
    if f:
        g = one("exact", "100k-flawed", tool="mapcli --exact-method geos")
        lines.append(f"exact 100k with a T-junction and an overlap: flawed / clean = {ratio(f, clean, 1.3)}; "
                     f"GEOS path {g['wall']:.1f} s" + (" (answers compared below)" if g else ""))
    t, g = one("exact", "100k-tjunction", tool="mapcli"), one("exact", "100k-tjunction", tool="mapcli --exact-method geos")
    if t:
        lines.append(f"exact 100k with a T-junction: tjunction / clean = {ratio(t, clean, 1.3)}; "
                     f"GEOS path {g['wall']:.1f} s" + (" (answers compared below)" if g else ""))
    m, c1 = one("tolerance", "100k", kind="mapcli"), one("tolerance", "100k", tool="C strtree -T, 1 thread")
    if m:
        lines.append(f"tolerance 100k: mapcli / C 1 thread = {ratio(m, c1, 0.3)}")
    m, c = one("corridor", "100k", kind="mapcli"), one("corridor", "100k", kind="c")
    if m:
        lines.append(f"corridor 100k: mapcli / C = {ratio(m, c, 0.7)}")
    j = one("formats", "100k", tool="mapcli --format json")
    for fmt in ("csv", "table"):
        m = one("formats", "100k", tool=f"mapcli --format {fmt}")
        if m:
            lines.append(f"exact 100k, --format {fmt} / --format json = {ratio(m, j, 1.1)}")
    return lines


def summary18(out):
    """Issue 18: the PostGIS engine beside mapcli's own, per dataset."""
    lines = []
    for d in ["1k", "10k", "100k", "1m"]:
        rows = {r["tool"]: r for r in out if r["task"] == "postgis" and r["dataset"] == d}
        if not rows:
            continue
        def w(tool):
            r = rows.get(tool)
            return r["wall"] if r and r["done"] else None
        eng, plain, gdal, own = w("mapcli --engine postgis (loaded table)"), w("mapcli --engine postgis (plain table)"), w("mapcli <- the table through GDAL"), w("mapcli <- GeoJSON")
        load = w("mapcli load (GeoJSON -> table + partition key)")
        shp = next((r["wall"] for r in out if r["task"] == "exact" and r["dataset"] == d and r["kind"] == "shapely" and r["done"]), None)
        def f(x):
            return "-" if x is None else f"{x:.2f} s"
        def q(x, y):
            return "-" if x is None or y is None or y == 0 else f"{x / y:.2f}x"
        lines.append(f"{d}: --engine postgis {f(eng)} (plain table {f(plain)}); mapcli's own engine: from GeoJSON {f(own)}, "
                     f"from the table through GDAL {f(gdal)}; postgis / own (GeoJSON) = {q(eng, own)}, postgis / own (through GDAL) = {q(eng, gdal)}, "
                     f"postgis / shapely = {q(eng, shp)}; mapcli load {f(load)}")
        parts = sorted((int(r["tool"].split(",")[1].split()[0]), r) for r in out if r["task"] == "postgis-partitions" and r["dataset"] == d)
        if parts:
            lines.append(f"{d}: partition grid (features per cell: wall) " + ", ".join(f"{k}: {f(r['wall'] if r['done'] else None)}" for k, r in parts))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tsv")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    rows, limits = read(args.tsv)
    out = summarise(rows, limits)
    head, body = table(out)
    print(render_text(head, body))
    t = targets(out)
    if t:
        print("\nIssue 7 targets (100k cells, this run):")
        for line in t:
            print("  " + line)
    t17 = targets17(out)
    if t17:
        print("\nIssue 17 targets (this run):")
        for line in t17:
            print("  " + line)
    t18 = summary18(out)
    if t18:
        print("\nIssue 18, PostGIS engine (this run):")
        for line in t18:
            print("  " + line)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(render_md(head, body) + "\n")
            if t:
                f.write("\n" + "\n".join("- " + line for line in t) + "\n")
            if t17:
                f.write("\nIssue 17 targets:\n\n" + "\n".join("- " + line for line in t17) + "\n")
            if t18:
                f.write("\nIssue 18, PostGIS engine:\n\n" + "\n".join("- " + line for line in t18) + "\n")


if __name__ == "__main__":
    sys.exit(main())
