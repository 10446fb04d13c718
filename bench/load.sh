#!/usr/bin/env bash
# Load: 200 concurrent connections of mixed reads and writes against "mdbldap serve" for 10 minutes,
# while one more connection runs a whole-subtree search that it reads slowly, so that it lasts the
# whole run. Prints, every REPORT seconds, operations, errors, p50/p99 latency, the server's RSS and
# the size of data.mdb; then the totals. Exits non-zero if any operation failed.
#
#   bench/load.sh                        # 200 connections, 600 s, 100,000 users preloaded
#   DURATION=180 bench/load.sh           # 3 minutes
#   CONNECTIONS=50 USERS=20000 bench/load.sh
#   HEAP=512m bench/load.sh              # the server's heap (default 512m)
#   REPORT=30 bench/load.sh              # seconds between progress lines (default 30)
#   MIX=eq:60,sub:20,modify:10,add:5,delete:5 bench/load.sh   # workloads and weights (the default)
#   MVN_ARGS=-o bench/load.sh            # extra Maven flags (here: offline)
#   SKIP_BUILD=1 bench/load.sh           # reuse the last build of bench/load
#   WORK=/some/dir bench/load.sh         # where the database goes (default: a temp dir, removed; a
#                                        # given WORK is kept, and its loaded database reused)
#
# The mix, per connection: 60% equality searches on uid, 20% initial-substring searches on mail,
# 10% modifies, 5% adds, 5% deletes of its own adds (the workloads of bench/server-compare.sh); all as
# the rootdn, so no limit applies. The users come from bench/ldif-gen.py, loaded offline with the ldif
# module's "add -q". The driver is bench/load's io.mdbldap.bench.load.MixedLoad (the same module and
# workloads as server-compare.sh's LoadDriver). Needs python3, Java 17 and Maven.
set -euo pipefail

CONNECTIONS="${CONNECTIONS:-200}"
DURATION="${DURATION:-600}"
USERS="${USERS:-100000}"
HEAP="${HEAP:-512m}"
REPORT="${REPORT:-30}"
MIX="${MIX:-eq:60,sub:20,modify:10,add:5,delete:5}"
# shellcheck disable=SC2206
MVN_EXTRA=(${MVN_ARGS:-})
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ -z "${SKIP_BUILD:-}" || ! -f "$ROOT/bench/load/target/classpath.txt" ]]; then
  echo "building bench/load with Maven..." >&2
  (cd "$ROOT" && mvn -B -q ${MVN_EXTRA[@]+"${MVN_EXTRA[@]}"} -pl bench/load -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2)
fi
LOAD_CP="$ROOT/bench/load/target/classes:$(cat "$ROOT/bench/load/target/classpath.txt")"

if [[ -n "${WORK:-}" ]]; then
  mkdir -p "$WORK"
  CLEANUP=""
else
  WORK="$(mktemp -d /tmp/mdbldap-load.XXXXXX)"
  CLEANUP="$WORK"
  trap 'rm -rf "$CLEANUP"' EXIT
fi

# A private copy of the shipped configuration: its database in $WORK, a free port, no size limit
# for the slow search (it binds as the rootdn anyway).
cp -r "$ROOT/conf/schema" "$WORK/"
sed -e "s|^directory .*|directory $WORK/db|" -e "s|^listen .*|listen ldap://127.0.0.1:0|" \
  -e "s|^maxsize .*|maxsize 4g|" "$ROOT/conf/slapd.conf" > "$WORK/slapd.conf"
mkdir -p "$WORK/db"

if [[ ! -f "$WORK/users-$USERS.ldif" ]]; then
  python3 "$ROOT/bench/ldif-gen.py" "$USERS" "$WORK/users-$USERS.ldif"
fi
if [[ ! -s "$WORK/db/data.mdb" ]]; then
  echo "loading $USERS users..." >&2
  # The launcher builds the server if needed; the offline loader (slapadd's counterpart) is on its class path.
  "$ROOT/mdbldap" test -f "$WORK/slapd.conf" >&2
  java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$ROOT/server/target/classes:$ROOT/server/target/lib/*" io.mdbldap.ldif.Tools \
    add -q -f "$WORK/slapd.conf" -l "$WORK/users-$USERS.ldif" >&2
fi

MDBLDAP_JAVA_OPTS="-Xmx$HEAP" "$ROOT/mdbldap" serve -f "$WORK/slapd.conf" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'status=$?; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; [[ -z "$CLEANUP" ]] || rm -rf "$CLEANUP"; exit $status' EXIT
PORT=""
for _ in $(seq 1 600); do
  PORT="$(sed -n 's/.*serving .* on ldap:\/\/127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$WORK/serve.log" | head -1)"
  [[ -n "$PORT" ]] && break
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$PORT" ]] || { echo "the server did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }
# The launcher execs java, so $SERVER is the JVM whose RSS is sampled.
echo "server pid $SERVER on port $PORT, heap $HEAP, database $WORK/db" >&2

status=0
java -cp "$LOAD_CP" io.mdbldap.bench.load.MixedLoad --port "$PORT" --pid "$SERVER" --data-file "$WORK/db/data.mdb" \
  --users "$USERS" --connections "$CONNECTIONS" --duration "$DURATION" --report "$REPORT" --mix "$MIX" || status=$?
if grep -E "Exception|ERROR" "$WORK/serve.log" > /dev/null; then
  echo "the server logged errors:" >&2
  grep -E -A3 "Exception|ERROR" "$WORK/serve.log" | head -40 >&2
  status=1
fi
exit $status
