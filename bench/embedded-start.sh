#!/usr/bin/env bash
# Embedded test directories side by side, in one run: ours (EmbeddedDirectory), UnboundID's
# InMemoryDirectoryServer and ApacheDS's embedded DirectoryService + LdapServer (JDBM partitions).
# Each measurement runs in a fresh JVM (io.mdbldap.bench.embedded.StartBench); the table shows the
# medians of RUNS runs:
#   - start to first bind, empty server and with a 1,000-entry fixture (bench/ldif-gen.py's
#     inetOrgPerson users), class loading included;
#   - reset of the 1,000-entry fixture after a write (median of RESETS resets in each JVM);
#   - RSS at the end of the fixture run;
#   - start to first bind of a second directory alike in the same JVM (warm: what each test class
#     after the first pays), with the fixture.
# Goals: start to first bind <= UnboundID's; reset <= 50 ms; RSS <= ApacheDS's.
#
#   bench/embedded-start.sh              # RUNS=5
#   RUNS=3 RESETS=20 bench/embedded-start.sh
#   JAVA_OPTS=-Xmx256m bench/embedded-start.sh   # the same JVM flags for all three
#   MVN_ARGS=-o bench/embedded-start.sh  # extra Maven flags, e.g. offline
#   SKIP_BUILD=1 bench/embedded-start.sh # reuse the last build
#
# Needs python3, Java 17 and Maven.
set -euo pipefail

RUNS="${RUNS:-5}"
RESETS="${RESETS:-20}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/bench/embedded/target"
# shellcheck disable=SC2206
JAVA_EXTRA=(${JAVA_OPTS:-})
# shellcheck disable=SC2206
MVN_EXTRA=(${MVN_ARGS:-})
# LMDB_FLAGS, median
source "$ROOT/bench/lib/common.sh"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "building bench/embedded ..." >&2
  mvn -B -ntp -q "${MVN_EXTRA[@]}" -f "$ROOT/pom.xml" -pl bench/embedded -am package -DskipTests >&2
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# 997 users + the suffix + ou=people + ou=groups = 1,000 entries.
python3 "$ROOT/bench/ldif-gen.py" 997 "$WORK/fixture.ldif"

# measure <candidate> <ldif|-> -> "start_ms reset_ms rss_mib warm_ms" of one fresh JVM
measure() {
  (cd "$WORK" && java "${LMDB_FLAGS[@]}" "${JAVA_EXTRA[@]}" -Djava.io.tmpdir="$WORK" \
    -cp "$TARGET/classes:$TARGET/lib/*" io.mdbldap.bench.embedded.StartBench "$1" "$2" "$RESETS") \
    | sed -n 's/^start_ms=\([0-9.]*\) reset_ms=\([-0-9.]*\) rss_mib=\([0-9]*\) warm_ms=\([0-9.]*\)$/\1 \2 \3 \4/p'
}

CANDIDATES=(ours unboundid apacheds)
declare -A EMPTY FIXTURE RESETS RSSES WARMS
# Run i of every candidate before run i+1 of any: load from other work on the machine then
# falls on all three alike.
for ((i = 1; i <= RUNS; i++)); do
  for candidate in "${CANDIDATES[@]}"; do
    read -r s _ _ _ < <(measure "$candidate" -)
    read -r f r m w < <(measure "$candidate" "$WORK/fixture.ldif")
    EMPTY[$candidate]+="$s " FIXTURE[$candidate]+="$f " RESETS[$candidate]+="$r " RSSES[$candidate]+="$m "
    WARMS[$candidate]+="$w "
    echo "  $candidate run $i: empty ${s} ms, 1,000 entries ${f} ms, reset ${r} ms, RSS ${m} MiB, warm ${w} ms" >&2
  done
done
declare -A START_EMPTY START_FIXTURE RESET RSS WARM
for candidate in "${CANDIDATES[@]}"; do
  START_EMPTY[$candidate]=$(printf '%s\n' ${EMPTY[$candidate]} | median)
  START_FIXTURE[$candidate]=$(printf '%s\n' ${FIXTURE[$candidate]} | median)
  RESET[$candidate]=$(printf '%s\n' ${RESETS[$candidate]} | median)
  RSS[$candidate]=$(printf '%s\n' ${RSSES[$candidate]} | median)
  WARM[$candidate]=$(printf '%s\n' ${WARMS[$candidate]} | median)
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a < 0 || b <= 0) print "-"; else printf "%.2f", a / b }'; }
show() { awk -v v="$1" 'BEGIN { if (v < 0) print "n/a"; else print v }'; }

echo
echo "Embedded directories, medians of $RUNS fresh JVMs ($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '| %-40s | %9s | %9s | %9s | %14s | %13s |\n' "" "ours" "UnboundID" "ApacheDS" "ours/UnboundID" "ours/ApacheDS"
printf '|%s|%s|%s|%s|%s|%s|\n' "------------------------------------------" "-----------" "-----------" "-----------" "----------------" "---------------"
row() {
  local name="$1" o="$2" u="$3" a="$4"
  printf '| %-40s | %9s | %9s | %9s | %14s | %13s |\n' "$name" "$(show "$o")" "$(show "$u")" "$(show "$a")" \
    "$(ratio "$o" "$u")" "$(ratio "$o" "$a")"
}
row "start to first bind, empty (ms)" "${START_EMPTY[ours]}" "${START_EMPTY[unboundid]}" "${START_EMPTY[apacheds]}"
row "start to first bind, 1,000 entries (ms)" "${START_FIXTURE[ours]}" "${START_FIXTURE[unboundid]}" "${START_FIXTURE[apacheds]}"
row "reset of 1,000 entries (ms)" "${RESET[ours]}" "${RESET[unboundid]}" "${RESET[apacheds]}"
row "RSS after the fixture run (MiB)" "${RSS[ours]}" "${RSS[unboundid]}" "${RSS[apacheds]}"
row "warm start, same JVM, 1,000 entries (ms)" "${WARM[ours]}" "${WARM[unboundid]}" "${WARM[apacheds]}"
echo
echo "Goals: start to first bind <= UnboundID's (ratio <= 1); reset <= 50 ms; RSS <= ApacheDS's (ratio <= 1)."
