#!/usr/bin/env python3
"""Prints bench/server-compare.sh's table from its results file.

Usage: server-compare-table.py RESULTS.tsv "what the runs were"

Each line of RESULTS.tsv: size, run, server (slapd or ours), then the load driver's columns:
workload, ops/s, mean ms, p99 ms, server CPU ms/op, RSS MiB, errors. A line with workload "rss"
holds the server's RSS after all workloads. Several runs of one workload give their median.
"""
import statistics
import sys
from collections import defaultdict

TITLES = {"bind": "simple bind", "base": "base-object read", "eq": "uid equality search",
          "sub": "indexed substring search", "subtree": "1,000-entry subtree search",
          "modify": "modify (durable)"}
# The goals for ours/slapd at 100,000 entries: (minimum ops/s ratio, maximum CPU/op ratio).
GOALS = {"bind": (0.8, 1.5), "base": (0.8, 1.5), "eq": (0.8, 1.5), "sub": (0.5, None),
         "subtree": (0.5, None), "modify": (0.8, None)}
RSS_MARGIN_MIB = 200


def read(path):
    runs = defaultdict(list)  # (size, server, workload) -> [(ops, mean, p99, cpu, rss, errors)]
    with open(path, encoding="utf-8") as f:
        for line in f:
            size, _run, server, workload, *numbers = line.rstrip("\n").split("\t")
            runs[(int(size), server, workload)].append([float(x) for x in numbers])
    return runs


def median(rows, column):
    return statistics.median(row[column] for row in rows)


def goal_text(workload, ops_ratio, cpu_ratio):
    min_ops, max_cpu = GOALS[workload]
    met = ops_ratio >= min_ops and (max_cpu is None or cpu_ratio <= max_cpu)
    goal = f"ops>={min_ops}" + (f" cpu<={max_cpu}" if max_cpu else "")
    return f"{goal} {'met' if met else 'MISSED'}"


def table(runs, size):
    print(f"\n{size:,} users")
    print(f"{'workload':<28}{'slapd ops/s':>12}{'ours ops/s':>11}{'ratio':>7}  {'mean ms s/o':>13}  "
          f"{'p99 ms s/o':>13}  {'cpu ms/op s/o':>15}{'ratio':>7}  {'errors':>6}  goal (at 100,000)")
    for workload, title in TITLES.items():
        slapd, ours = runs.get((size, "slapd", workload)), runs.get((size, "ours", workload))
        if not slapd or not ours:
            continue
        m = {name: [median(rows, c) for c in range(6)] for name, rows in (("s", slapd), ("o", ours))}
        ops_ratio = m["o"][0] / m["s"][0]
        cpu_ratio = m["o"][3] / m["s"][3] if m["s"][3] else float("nan")
        errors = int(sum(row[5] for row in slapd + ours))
        print(f"{title:<28}{m['s'][0]:>12,.0f}{m['o'][0]:>11,.0f}{ops_ratio:>7.2f}  "
              f"{m['s'][1]:>6.2f}/{m['o'][1]:<6.2f}  {m['s'][2]:>6.2f}/{m['o'][2]:<6.2f}  "
              f"{m['s'][3]:>7.3f}/{m['o'][3]:<7.3f}{cpu_ratio:>7.2f}  {errors:>6}  "
              f"{goal_text(workload, ops_ratio, cpu_ratio)}")
    slapd, ours = runs.get((size, "slapd", "rss")), runs.get((size, "ours", "rss"))
    if slapd and ours:
        s, o = median(slapd, 4), median(ours, 4)
        verdict = "met" if o <= s + RSS_MARGIN_MIB else "MISSED"
        print(f"RSS after the run: slapd {s:.0f} MiB, ours {o:.0f} MiB, ours - slapd {o - s:+.0f} MiB "
              f"(goal: <= +{RSS_MARGIN_MIB} MiB, {verdict})")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: server-compare-table.py RESULTS.tsv DESCRIPTION")
    runs = read(sys.argv[1])
    print(f"mdbldap (ours) against OpenLDAP slapd back-mdb (s/o = slapd/ours; ratio = ours/slapd): {sys.argv[2]}")
    for size in sorted({key[0] for key in runs}):
        table(runs, size)


if __name__ == "__main__":
    main()
