#!/usr/bin/env bash
# Runs the mdb-store JMH benchmarks (module bench/jmh) and prints a summary table plus the ratio
# of the DN lookups to the raw lmdbjava get (the physical limit).
#
#   bench/jmh.sh                       # everything, with the defaults below
#   bench/jmh.sh -f 1 -wi 2 -i 3       # a shorter run
#   bench/jmh.sh 'StoreReadBench|RawLmdbBench'   # only some benchmarks (JMH regexp)
#   MVN_ARGS=-o bench/jmh.sh           # extra Maven flags, e.g. offline
#   SKIP_BUILD=1 bench/jmh.sh          # reuse the last build
#
# Defaults (each one only if you did not pass that option): -f 1 -wi 3 -w 1s -i 5 -r 1s -bm avgt -tu us.
# The 100,000-entry fixture is built on first use (about a minute) in bench/jmh/target/jmh-fixture
# and reused while the mdb-store classes are unchanged; FIXTURE_DIR=... puts it elsewhere.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/bench/jmh/target"
FIXTURE_DIR="${FIXTURE_DIR:-$TARGET/jmh-fixture}"
RESULT="$TARGET/jmh-result.csv"
# shellcheck disable=SC2206
MVN_EXTRA=(${MVN_ARGS:-})
LMDB_FLAGS=(--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED)

cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" || ! -f "$TARGET/classpath.txt" ]]; then
  echo "building bench/jmh (and mdb-store) with Maven..." >&2
  # One invocation: the reactor then resolves mdb-store to the jar just packaged (nothing is installed).
  mvn -B -q ${MVN_EXTRA[@]+"${MVN_EXTRA[@]}"} -pl bench/jmh -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
CP="$TARGET/classes:$(cat "$TARGET/classpath.txt")"

# Defaults for the options the caller did not give.
has() {
  local o
  for o in ${ARGS[@]+"${ARGS[@]}"}; do [[ "$o" == "$1" ]] && return 0; done
  return 1
}
ARGS=("$@")
DEFAULTS=()
has -f   || DEFAULTS+=(-f 1)
has -wi  || DEFAULTS+=(-wi 3)
has -w   || DEFAULTS+=(-w 1s)
has -i   || DEFAULTS+=(-i 5)
has -r   || DEFAULTS+=(-r 1s)
has -bm  || DEFAULTS+=(-bm avgt)
has -tu  || DEFAULTS+=(-tu us)
if has -rf || has -rff; then
  RESULT=""   # the caller chose the result file; no summary
else
  DEFAULTS+=(-rf csv -rff "$RESULT")
fi
rm -f "$TARGET/jmh-result.csv"

# Forked benchmark JVMs inherit these JVM flags (JMH passes the host's flags on).
java "${LMDB_FLAGS[@]}" -Dmdbldap.bench.dir="$FIXTURE_DIR" -cp "$CP" \
  org.openjdk.jmh.Main ${DEFAULTS[@]+"${DEFAULTS[@]}"} "$@"

if [[ -n "$RESULT" && -f "$RESULT" ]]; then
  java -cp "$CP" io.mdbldap.bench.Summary "$RESULT"
fi
