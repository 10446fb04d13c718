#!/usr/bin/env bash
# Per-thread CPU timeline of one command's process (a JVM): every 50 ms it reads
# /proc/<pid>/task/*/stat, then prints, per BUCKET seconds (default 0.5), the busy % of one core of
# the JVM's main thread ("java"), the import's reading thread ("ldif-reader"), the thread that
# gathers its index keys ("index-keys"), the GC threads and the rest; the total CPU seconds of each; and the share of samples in which the main and the
# reading thread were not runnable (waiting on each other, on I/O, on a GC pause). Steal and other
# processes do not count in a thread's CPU, so the blocked shares say how well the two threads
# overlap even on a busy machine. Used for issue 4 (add -q on both cores), e.g.
#
#   bench/thread-timeline.sh java ... io.mdbldap.ldif.Tools add -q -f work/mdbldap.conf -l data.ldif
#   BUCKET=100 bench/thread-timeline.sh ...      # totals only, in effect
set -uo pipefail
"$@" >/dev/null 2>&1 & pid=$!
log=$(mktemp)
while kill -0 $pid 2>/dev/null; do
  echo "T $(date +%s%N)" >>$log
  cat /proc/$pid/task/*/stat 2>/dev/null >>$log
  sleep 0.05
done
wait $pid; rc=$?
# The process's first thread is named "java" too, and only waits for the JVM to end: left out.
awk -v B=${BUCKET:-0.5} -v P=$pid '
/^T / { t=$2/1e9; if (!t0) t0=t; b=int((t-t0)/B); next }
$1 == P { next }
{ match($0, /\(.*\)/); name=substr($0, RSTART+1, RLENGTH-2); rest=substr($0, RSTART+RLENGTH+1); split(rest, f, " ");
  v=f[12]+f[13]; id=$1; d=v-prev[id]; prev[id]=v;
  c = name=="java" ? "main" : name=="ldif-reader" ? "read" : name=="index-keys" ? "keys" : name ~ /GC/ ? "gc" : "other";
  acc[b, c]+=d; if (b>maxb) maxb=b;
  if (c=="main"||c=="read") { n[c]++; if (f[1]!="R") sl[c]++ } }
END { printf "%5s %5s %5s %5s %5s %5s\n", "t", "main", "read", "keys", "gc", "other";
  for (i=0;i<=maxb;i++) printf "%5.1f %5d %5d %5d %5d %5d\n", (i+1)*B, acc[i,"main"]/B, acc[i,"read"]/B, acc[i,"keys"]/B, acc[i,"gc"]/B, acc[i,"other"]/B;
  printf "total s: main %.2f read %.2f keys %.2f gc %.2f other %.2f\n", tot["main"], tot["read"], tot["keys"], tot["gc"], tot["other"];
  printf "not runnable (blocked) share of samples: main %.0f%%, read %.0f%% (of %d samples)\n", 100*sl["main"]/n["main"], 100*sl["read"]/n["read"], n["read"] }
{ tot[c]+=d/100 }' $log
echo "exit $rc wall $(awk '/^T /{ if(!a)a=$2; b=$2 } END{print (b-a)/1e9}' $log)"
rm -f $log
