package com.customerhub.benchmarks;

import java.util.Locale;

/**
 * One figure in DESIGN.md's format, {@code BENCH <name> <value> <unit> goal <op> <target> PASS|FAIL}:
 * ops {@code >=}, {@code >}, {@code <=}, {@code ==}, or {@code info} for a figure without a goal.
 */
final class BenchLine {
    private BenchLine() {
    }

    static void print(String name, double value, String unit, String op, double target) {
        System.out.println(format(name, value, unit, op, target));
    }

    static void info(String name, double value, String unit) {
        print(name, value, unit, "info", 0);
    }

    static String format(String name, double value, String unit, String op, double target) {
        boolean pass = switch (op) {
            case ">=" -> value >= target;
            case ">" -> value > target;
            case "<=" -> value <= target;
            case "==" -> value == target;
            case "info" -> true;
            default -> throw new IllegalArgumentException("unknown goal operator " + op);
        };
        String goal = op.equals("info") ? "-" : target == Math.rint(target) ? Long.toString((long) target) : Double.toString(target);
        return String.format(Locale.ROOT, "BENCH %s %s %s goal %s %s %s", name, number(value), unit, op, goal, pass ? "PASS" : "FAIL");
    }

    /** Whole numbers without decimals (counts, targets), others with two. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
