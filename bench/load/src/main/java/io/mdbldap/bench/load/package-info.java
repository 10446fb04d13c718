/**
 * The load drivers of the benchmarks, on one set of workloads (each answer checked), client
 * threads, latencies and {@code /proc} sampling: {@link io.mdbldap.bench.load.LoadDriver} for
 * {@code bench/server-compare.sh} drives one server with one workload for a fixed time after a
 * warm-up and prints throughput, latency and the server's CPU time and memory;
 * {@link io.mdbldap.bench.load.MixedLoad} for {@code bench/load.sh} drives it with a weighted mix
 * of reads and writes on many connections, plus a slow whole-subtree search, and reports as it goes.
 */
package io.mdbldap.bench.load;
