#!/usr/bin/env python3
"""Splits a process's resident memory by kind of mapping, from /proc/PID/smaps, in MiB.

    bench/rss-breakdown.py PID

For a server's RSS after a benchmark: LMDB's data.mdb (each environment by its directory), the
anonymous memory (Java heap, metaspace, code cache, thread stacks and malloc's arenas, which
`jcmd PID VM.native_memory summary` splits further when the JVM runs with
-XX:NativeMemoryTracking=summary), shared libraries, and jars, JDK modules and class-data archives.
"""
import re
import sys
from collections import Counter

MAPPING = re.compile(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$")


def kind(name):
    if name.endswith("/data.mdb"):
        return "data.mdb in " + name.rsplit("/", 2)[-2]
    if name.endswith("/lock.mdb"):
        return "lock.mdb"
    if name.endswith((".jar", ".jsa", "/modules")):
        return "jars, JDK modules, class-data archives"
    if name.endswith(".so") or ".so." in name:
        return "shared libraries"
    if name in ("", "[heap]", "[stack]") or name.startswith("[anon"):
        return "anonymous (Java heap, metaspace, code, stacks, malloc)"
    return name


def main(pid):
    rss = Counter()
    current = None
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            mapping = MAPPING.match(line)
            if mapping:
                current = kind(mapping.group(1).strip())
            elif line.startswith("Rss:"):
                rss[current] += int(line.split()[1])
    for name, kib in rss.most_common():
        if kib >= 1024:
            print(f"{kib / 1024:8.1f}  {name}")
    print(f"{sum(rss.values()) / 1024:8.1f}  total")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
