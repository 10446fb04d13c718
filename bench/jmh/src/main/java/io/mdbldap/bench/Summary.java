package io.mdbldap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a JMH CSV result file ({@code -rf csv}) as a small table, then how far the DN lookups are
 * from the physical limit (the raw lmdbjava get of one id2entry record). Used by {@code bench/jmh.sh}.
 *
 * <p>Usage: {@code java -cp ... io.mdbldap.bench.Summary jmh-result.csv}
 */
public final class Summary {
  private Summary() {}

  record Row(String benchmark, String params, String mode, double score, double error, String unit) {
    String shortName() {
      String[] parts = benchmark.split("\\.");
      return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    String method() {
      return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** Time per operation in the row's unit, whatever the mode. */
    boolean isThroughput() {
      return unit.startsWith("ops/");
    }
  }

  public static void main(String[] args) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    if (lines.isEmpty()) {
      System.out.println("(no results)");
      return;
    }
    List<String> header = parse(lines.get(0));
    int iBench = header.indexOf("Benchmark");
    int iMode = header.indexOf("Mode");
    int iScore = header.indexOf("Score");
    int iError = header.indexOf("Score Error (99.9%)");
    int iUnit = header.indexOf("Unit");
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = parse(line);
      StringBuilder params = new StringBuilder();
      for (int i = 0; i < header.size() && i < f.size(); i++) {
        if (header.get(i).startsWith("Param: ") && !f.get(i).isEmpty()) {
          params.append(params.length() == 0 ? "" : ",").append(header.get(i).substring(7)).append('=').append(f.get(i));
        }
      }
      rows.add(new Row(f.get(iBench), params.toString(), f.get(iMode), number(f.get(iScore)),
          iError >= 0 && iError < f.size() ? number(f.get(iError)) : Double.NaN, f.get(iUnit)));
    }

    System.out.println();
    System.out.printf("%-28s %-14s %5s %14s %12s  %s%n", "benchmark", "params", "mode", "score", "error (99.9%)", "unit");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "%-28s %-14s %5s %14.3f %12s  %s%n", r.shortName(), r.params(), r.mode(), r.score(),
          Double.isNaN(r.error()) ? "" : String.format(Locale.ROOT, "± %.3f", r.error()), r.unit());
    }

    Map<String, Row> byMethod = new LinkedHashMap<>();
    for (Row r : rows) {
      byMethod.putIfAbsent(r.method(), r);
    }
    Row raw = byMethod.get("rawGet");
    Row rawCopy = byMethod.get("rawGetCopy");
    if (raw == null) {
      System.out.println("\n(no rawGet result: run RawLmdbBench too for the ratios to the physical limit)");
      return;
    }
    System.out.println();
    System.out.println("Against the physical limit (raw lmdbjava: read txn + Dbi.get of one id2entry record):");
    for (String m : List.of("idOf", "lookupDn", "lookupId", "eqSearch")) {
      Row r = byMethod.get(m);
      if (r != null) {
        ratio(r, raw);
        if (rawCopy != null) {
          ratio(r, rawCopy);
        }
      }
    }
  }

  private static void ratio(Row r, Row base) {
    if (!r.unit().equals(base.unit())) {
      System.out.printf("  %-10s / %-10s : units differ (%s vs %s)%n", r.method(), base.method(), r.unit(), base.unit());
      return;
    }
    double x = r.isThroughput() ? base.score() / r.score() : r.score() / base.score();
    System.out.printf(Locale.ROOT, "  %-10s / %-10s = %6.1f x%n", r.method(), base.method(), x);
  }

  private static double number(String s) {
    try {
      return Double.parseDouble(s.replace(',', '.'));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** One CSV line, with double-quoted fields. */
  private static List<String> parse(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
