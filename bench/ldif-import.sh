#!/usr/bin/env bash
# LDIF import speed: OpenLDAP's "slapadd -q" against ours ("add -q"), on the same generated LDIF,
# with the same schema files and the same indices, in one run. Prints entries/s for each and the
# ratio (ours / slapadd).
#
#   bench/ldif-import.sh                 # 100,000 entries, 3 runs each, the median counts
#   bench/ldif-import.sh 1000000         # a million (about 450 MB of LDIF)
#   RUNS=1 bench/ldif-import.sh          # one run each
#   HEAP=256m bench/ldif-import.sh       # our JVM heap (default 512m, 320m of it young, as ./mdbldap add;
#                                        # another size: half of it young)
#   JAVA_OPTS=-Xlog:gc:file=gc.log bench/ldif-import.sh   # more JVM flags for ours
#   MVN_ARGS=-o bench/ldif-import.sh      # extra Maven flags, e.g. offline
#   SKIP_BUILD=1 bench/ldif-import.sh    # reuse the last build
#   WORK=/some/dir bench/ldif-import.sh  # where the LDIF and the databases go (default: a temp dir,
#                                        # removed at the end; a given WORK is kept and its LDIF reused)
#
# Needs python3 (the generator, bench/ldif-gen.py), Java 17, Maven, and /usr/sbin/slapadd (Debian
# package slapd). Ours runs as the mdbldap CLI will: io.mdbldap.ldif.Tools on the ldif module's jar and
# classpath, with the launcher's tool JVM flags and a class data sharing archive (a first, small
# import writes it, as the launcher's first run of a tool does).
set -euo pipefail

N="${1:-100000}"
RUNS="${RUNS:-3}"
HEAP="${HEAP:-512m}"
# The launcher's flags for add's default heap (all of it from the start, 320m young, survivors
# promoted at once); for another heap, half of it young.
YOUNG=(-XX:NewRatio=1)
if [[ "$HEAP" == 512m ]]; then YOUNG+=(-Xms512m -Xmn320m -XX:MaxTenuringThreshold=1); fi
# shellcheck disable=SC2206
JAVA_EXTRA=(${JAVA_OPTS:-})
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/ldif/target"
SLAPADD="${SLAPADD:-/usr/sbin/slapadd}"
# shellcheck disable=SC2206
MVN_EXTRA=(${MVN_ARGS:-})
# LMDB_FLAGS, INDICES, write_config, median
source "$ROOT/bench/lib/common.sh"

if [[ ! -x "$SLAPADD" ]]; then
  echo "$SLAPADD not found: install OpenLDAP (Debian: apt-get install slapd)" >&2
  exit 1
fi
if [[ -n "${WORK:-}" ]]; then
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d /tmp/ldif-import.XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT
fi

cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" || ! -f "$TARGET/classpath.txt" ]]; then
  echo "building ldif (and the modules it needs) with Maven..." >&2
  # One invocation: the reactor resolves mdb-store and conf to the jars just packaged.
  mvn -B -q ${MVN_EXTRA[@]+"${MVN_EXTRA[@]}"} -pl ldif -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2
fi
# The jar, not target/classes: class data sharing (below) takes jars only.
JAR="$(find "$TARGET" -maxdepth 1 -name 'ldif-*.jar' ! -name '*-sources.jar' ! -name '*-tests.jar' -print -quit)"
CP="$JAR:$(cat "$TARGET/classpath.txt")"

LDIF="$WORK/data-$N.ldif"
if [[ ! -f "$LDIF" ]]; then
  echo "generating $LDIF..." >&2
  python3 "$ROOT/bench/ldif-gen.py" "$N" "$LDIF"
fi
ENTRIES="$(grep -c '^dn: ' "$LDIF")"

MODULES=()
if [[ -f /usr/lib/ldap/back_mdb.so ]]; then MODULES=("modulepath /usr/lib/ldap" "moduleload back_mdb"); fi
write_config "$WORK/openldap.conf" "$WORK/openldap-db" ${MODULES[@]+"${MODULES[@]}"}
write_config "$WORK/mdbldap.conf" "$WORK/mdbldap-db"

# Seconds one command takes, its output on stderr.
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" >&2
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}
slapadd_run() {
  rm -rf "$WORK/openldap-db" && mkdir -p "$WORK/openldap-db"
  timed "$SLAPADD" -q -f "$WORK/openldap.conf" -l "$LDIF"
}
# Our tool as ./mdbldap runs it: its JVM flags, and the class data sharing archive the launcher
# writes on a tool's first run; here a small import writes it before the timed runs.
ours() { # ldif [java-flag...]: into the new database that fresh last set up
  local ldif="$1"
  shift
  java "${LMDB_FLAGS[@]}" -Xmx"$HEAP" "${YOUNG[@]}" -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -Xlog:cds*=off "$@" \
    ${JAVA_EXTRA[@]+"${JAVA_EXTRA[@]}"} -cp "$CP" io.mdbldap.ldif.Tools add -q -f "$WORK/mdbldap-run.conf" -l "$ldif"
}
# A configuration for a new database in db-directory; outside the timed command, as slapadd's is.
fresh() { # db-directory
  rm -rf "$1"
  sed "s|^directory .*|directory $1|" "$WORK/mdbldap.conf" >"$WORK/mdbldap-run.conf"
}
ARCHIVE="$WORK/add.jsa"
rm -f "$ARCHIVE"
fresh "$WORK/cds-db"
awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 1000' "$LDIF" >"$WORK/first-entries.ldif"
ours "$WORK/first-entries.ldif" -XX:ArchiveClassesAtExit="$ARCHIVE" >&2
rm -rf "$WORK/cds-db"
ours_run() {
  fresh "$WORK/mdbldap-db"
  timed ours "$LDIF" -XX:SharedArchiveFile="$ARCHIVE"
}

echo "$ENTRIES entries ($(du -h "$LDIF" | cut -f1) of LDIF), indices: ${INDICES[*]}; $RUNS run(s) each" >&2
SLAP_TIMES=()
OUR_TIMES=()
for ((run = 1; run <= RUNS; run++)); do
  # Alternate which goes first, so neither always gets the warmer page cache.
  if ((run % 2)); then
    SLAP_TIMES+=("$(slapadd_run)")
    OUR_TIMES+=("$(ours_run)")
  else
    OUR_TIMES+=("$(ours_run)")
    SLAP_TIMES+=("$(slapadd_run)")
  fi
  echo "run $run: slapadd -q ${SLAP_TIMES[-1]} s, ours ${OUR_TIMES[-1]} s" >&2
done

SLAP="$(printf '%s\n' "${SLAP_TIMES[@]}" | median)"
OURS="$(printf '%s\n' "${OUR_TIMES[@]}" | median)"
awk -v n="$ENTRIES" -v s="$SLAP" -v o="$OURS" -v heap="$HEAP" -v runs="$RUNS" 'BEGIN {
  printf "%-22s %10s %12s\n", "", "seconds", "entries/s"
  printf "%-22s %10.1f %12.0f\n", "OpenLDAP slapadd -q", s, n / s
  printf "%-22s %10.1f %12.0f\n", "mdbldap add -q", o, n / o
  printf "ratio ours/slapadd: %.2f (goal: 1.50 or more); our heap -Xmx%s; median of %d run(s); %d entries\n", s / o, heap, runs, n
}'
