/**
 * The load driver of {@code bench/server-compare.sh}: drives one LDAP server with one workload from
 * several threads for a fixed time after a warm-up, checks every answer, and prints throughput,
 * latency and the server process's CPU time and memory, read from {@code /proc}.
 */
package io.mdbldap.bench.load;
