package com.customerhub.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the benchmarks named on the command line (all when none): each prints
 * {@code BENCH <name> <value> <unit> goal <op> <target> PASS|FAIL} lines.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, BenchmarkMain> all = new LinkedHashMap<>();
        all.put("alerts", AlertEvaluatorBenchmark::main);
        Iterable<String> names = args.length == 0 ? all.keySet() : java.util.List.of(args);
        for (String name : names) {
            BenchmarkMain benchmark = all.get(name);
            if (benchmark == null) {
                throw new IllegalArgumentException("unknown benchmark " + name + " (known: " + all.keySet() + ")");
            }
            benchmark.run(new String[0]);
        }
        System.exit(0); // DynamoDB Local leaves non-daemon threads behind
    }

    @FunctionalInterface
    interface BenchmarkMain {
        void run(String[] args) throws Exception;
    }
}
