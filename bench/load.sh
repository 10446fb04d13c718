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
#   WORK=/some/dir bench/load.sh         # where the database goes (default: a temp dir, removed; a
#                                        # given WORK is kept, and its loaded database reused)
#
# The mix, per connection: 60% equality searches on uid, 20% substring searches on cn, 10% modifies,
# 5% adds, 5% deletes of its own adds; all as the rootdn, so no limit applies. The users come from
# bench/ldif-gen.py, loaded offline with the ldif module's "add -q". The harness is bench/mixed-load/LoadHarness.java,
# run as a single-file Java program with the UnboundID LDAP SDK from ~/.m2 (the server's test
# dependency). Needs python3, Java 17 and Maven.
set -euo pipefail

CONNECTIONS="${CONNECTIONS:-200}"
DURATION="${DURATION:-600}"
USERS="${USERS:-100000}"
HEAP="${HEAP:-512m}"
REPORT="${REPORT:-30}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SDK="$(ls "$HOME"/.m2/repository/com/unboundid/unboundid-ldapsdk/*/unboundid-ldapsdk-*.jar | grep -v sources | tail -1)"

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
java -cp "$SDK" "$ROOT/bench/mixed-load/LoadHarness.java" "$PORT" "$SERVER" "$WORK/db/data.mdb" "$USERS" \
  "$CONNECTIONS" "$DURATION" "$REPORT" || status=$?
if grep -E "Exception|ERROR" "$WORK/serve.log" > /dev/null; then
  echo "the server logged errors:" >&2
  grep -E -A3 "Exception|ERROR" "$WORK/serve.log" | head -40 >&2
  status=1
fi
exit $status
