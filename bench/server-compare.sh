#!/usr/bin/env bash
# Our server against OpenLDAP's slapd (back-mdb), side by side: the same generated data, schema
# files, indices and durability, driven by the same load driver (bench/load) with the same workloads,
# one server at a time. Prints, per data size, ops/s, mean and p99 latency, the server's CPU time per
# operation (from /proc/PID/stat) and its RSS, with our figures as ratios to slapd's.
#
#   bench/server-compare.sh                    # 10,000 and 100,000 users, every workload, 1 run
#   bench/server-compare.sh 100000             # one size
#   RUNS=3 bench/server-compare.sh             # 3 runs of each workload on each server; medians shown
#   WORKLOADS="eq base" bench/server-compare.sh   # some workloads: bind base eq sub subtree modify
#   THREADS=8 WARMUP=10 DURATION=20 bench/server-compare.sh   # client threads, seconds (the defaults)
#   HEAP=512m bench/server-compare.sh          # our JVM heap, -Xms and -Xmx (default 96m, as ./mdbldap serve)
#   GC_OPTS=-XX:+UseG1GC bench/server-compare.sh   # our collector and its sizes (default as ./mdbldap serve:
#                                              # -XX:+UseSerialGC -Xmn40m -XX:SurvivorRatio=4)
#   JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/ours.jfr" bench/server-compare.sh   # more JVM flags for ours
#   MVN_ARGS=-o bench/server-compare.sh        # extra Maven flags (here: offline)
#   SKIP_BUILD=1 bench/server-compare.sh       # reuse the last build
#   WORK=/some/dir bench/server-compare.sh     # keep LDIF, databases and logs there (LDIF reused)
#
# Needs python3, Java 17, Maven, and /usr/sbin/slapd, /usr/sbin/slapadd (Debian package slapd).
set -euo pipefail

SIZES=("$@")
if ((${#SIZES[@]} == 0)); then SIZES=(10000 100000); fi
RUNS="${RUNS:-1}"
THREADS="${THREADS:-8}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
# Our JVM's defaults are those of ./mdbldap serve (see the comments there).
HEAP="${HEAP:-96m}"
# shellcheck disable=SC2206
GC_OPTS=(${GC_OPTS:--XX:+UseSerialGC -Xmn40m -XX:SurvivorRatio=4})
# Freed native memory back to the system every 5 s (Java 17.0.9 and later).
TRIM=()
if java -XX:TrimNativeHeapInterval=0 -version >/dev/null 2>&1; then TRIM=(-XX:TrimNativeHeapInterval=5000); fi
read -r -a WORKLOADS <<<"${WORKLOADS:-bind base eq sub subtree modify}"
# shellcheck disable=SC2206
JAVA_EXTRA=(${JAVA_OPTS:-})
# shellcheck disable=SC2206
MVN_EXTRA=(${MVN_ARGS:-})
SLAPD="${SLAPD:-/usr/sbin/slapd}"
SLAPADD="${SLAPADD:-/usr/sbin/slapadd}"
UNIT=1000   # entries in the ou=unit subtree that the subtree workload reads whole
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# LMDB_FLAGS, INDICES, write_config
source "$ROOT/bench/lib/common.sh"

for tool in "$SLAPD" "$SLAPADD"; do
  [[ -x "$tool" ]] || { echo "$tool not found: install OpenLDAP (Debian: apt-get install slapd)" >&2; exit 1; }
done
TEMP_WORK=""
if [[ -n "${WORK:-}" ]]; then
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d /tmp/server-compare.XXXXXX)"
  TEMP_WORK="$WORK"
fi
PIDS=()
stop_servers() {
  local pid
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do
    kill -TERM "$pid" 2>/dev/null || true
    # Both close their databases on SIGTERM; wait for that before the next size starts.
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  PIDS=()
}
trap 'stop_servers; [[ -z "$TEMP_WORK" ]] || rm -rf "$TEMP_WORK"' EXIT

cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" || ! -f "$ROOT/bench/load/target/classpath.txt" ]]; then
  echo "building the server and bench/load with Maven..." >&2
  # One reactor invocation, nothing installed: server/target/lib gets the server's jars (as for ./mdbldap).
  mvn -B -q ${MVN_EXTRA[@]+"${MVN_EXTRA[@]}"} -pl server,bench/load -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2
fi
SERVER_CP="$ROOT/server/target/classes:$ROOT/server/target/lib/*"
LOAD_CP="$ROOT/bench/load/target/classes:$(cat "$ROOT/bench/load/target/classpath.txt")"
CLK_TCK="$(getconf CLK_TCK)"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Both servers: no logging, no size limit, a rootpw for the load driver; every commit flushed (neither
# has dbnosync, as slapd does by default).
SERVED=("loglevel none" "sizelimit unlimited" -- "rootpw secret")

# Waits until an LDAP server answers a root DSE read on port $1, or its process $2 dies.
await_ldap() {
  local port="$1" pid="$2"
  for _ in $(seq 600); do
    kill -0 "$pid" 2>/dev/null || { echo "server process $pid died; see its log in $WORK" >&2; return 1; }
    if ldapsearch -x -H "ldap://127.0.0.1:$port" -b "" -s base -LLL 1.1 >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "no answer on port $port" >&2
  return 1
}

# Loads the LDIF of size $1 into both databases and starts both servers; sets SLAPD_PID/PORT, OUR_PID/PORT.
start_servers() {
  local n="$1" dir="$WORK/$1"
  rm -rf "$dir" && mkdir -p "$dir/slapd-db" "$dir/ours/db"
  write_config "$dir/slapd.conf" "$dir/slapd-db" "modulepath /usr/lib/ldap" "moduleload back_mdb" \
    "pidfile $dir/slapd.pid" "argsfile $dir/slapd.args" "${SERVED[@]}"
  write_config "$dir/ours/mdbldap.conf" "$dir/ours/db" "${SERVED[@]}"
  echo "loading $LDIF into both (slapadd -q, mdbldap add -q)..." >&2
  "$SLAPADD" -q -f "$dir/slapd.conf" -l "$LDIF" >&2
  java "${LMDB_FLAGS[@]}" -Xmx512m -cp "$SERVER_CP" io.mdbldap.ldif.Tools add -q -f "$dir/ours/mdbldap.conf" \
    -l "$LDIF" >&2
  # Both databases on disk before the servers start: the kernel's write-back of a fresh load (about
  # 500 MB at 100,000 users) would otherwise take a core from whichever workload runs first.
  sync
  SLAPD_PORT="$(free_port)"
  # -d 0: in the foreground (so $! is slapd itself), no debug output.
  "$SLAPD" -d 0 -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$SLAPD_PORT/" >"$dir/slapd.log" 2>&1 &
  SLAPD_PID=$!
  PIDS+=("$SLAPD_PID")
  OUR_PORT="$(free_port)"
  # The serial collector: the entries live in LMDB, not on the heap, so young collections of a small
  # heap take milliseconds, and no collector threads compete with the operations for the cores.
  java "${LMDB_FLAGS[@]}" -Xms"$HEAP" -Xmx"$HEAP" "${GC_OPTS[@]}" ${TRIM[@]+"${TRIM[@]}"} \
    ${JAVA_EXTRA[@]+"${JAVA_EXTRA[@]}"} -cp "$SERVER_CP" \
    io.mdbldap.server.cli.Main serve -f "$dir/ours/mdbldap.conf" -h "ldap://127.0.0.1:$OUR_PORT" \
    >"$dir/ours.log" 2>&1 &
  OUR_PID=$!
  PIDS+=("$OUR_PID")
  await_ldap "$SLAPD_PORT" "$SLAPD_PID"
  await_ldap "$OUR_PORT" "$OUR_PID"
}

# One workload against one server; appends "size run server" and the driver's line to $RESULTS.
drive() { # size run server port pid workload
  local line
  line="$(java -Xmx512m -XX:+UseParallelGC -cp "$LOAD_CP" io.mdbldap.bench.load.LoadDriver --port "$4" --pid "$5" \
    --workload "$6" --users "$1" --unit-size "$UNIT" --threads "$THREADS" --warmup "$WARMUP" \
    --duration "$DURATION" --clk-tck "$CLK_TCK")" || echo "WARNING: $3 $6: some answers failed or were wrong" >&2
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$line" >>"$RESULTS"
  echo "  $3 run $2: $line" >&2
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for n in "${SIZES[@]}"; do
  LDIF="$WORK/data-$n.ldif"
  [[ -f "$LDIF" ]] || python3 "$ROOT/bench/ldif-gen.py" "$n" "$LDIF" --unit "$UNIT"
  start_servers "$n"
  for w in "${WORKLOADS[@]}"; do
    echo "$n users, $w:" >&2
    for ((run = 1; run <= RUNS; run++)); do
      # Alternate which goes first, so neither always follows the same load.
      if ((run % 2)); then
        drive "$n" "$run" slapd "$SLAPD_PORT" "$SLAPD_PID" "$w"
        drive "$n" "$run" ours "$OUR_PORT" "$OUR_PID" "$w"
      else
        drive "$n" "$run" ours "$OUR_PORT" "$OUR_PID" "$w"
        drive "$n" "$run" slapd "$SLAPD_PORT" "$SLAPD_PID" "$w"
      fi
    done
  done
  for s in slapd:"$SLAPD_PID" ours:"$OUR_PID"; do
    printf '%s\t0\t%s\trss\t0\t0\t0\t0\t%s\t0\n' "$n" "${s%%:*}" \
      "$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/${s#*:}/status")" >>"$RESULTS"
    echo "$n users, RSS of ${s%%:*} after the workloads (MiB):" >&2
    python3 "$ROOT/bench/rss-breakdown.py" "${s#*:}" | tee "$WORK/$n/rss-${s%%:*}.txt" >&2
  done
  stop_servers
done

python3 "$ROOT/bench/server-compare-table.py" "$RESULTS" \
  "$THREADS threads, ${WARMUP} s warm-up, ${DURATION} s measured, median of $RUNS run(s); our heap $HEAP, ${GC_OPTS[*]}"
