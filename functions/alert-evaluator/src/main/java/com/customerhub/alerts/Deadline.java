package com.customerhub.alerts;

import java.util.function.LongSupplier;

/**
 * When an evaluator invocation must stop taking new pages: when the function has less than the
 * margin left, so it can save its checkpoint and return before Lambda kills it.
 */
public record Deadline(LongSupplier remainingMillis, long marginMillis) {
    public static final long DEFAULT_MARGIN_MILLIS = 30_000;

    public static Deadline none() {
        return new Deadline(() -> Long.MAX_VALUE, 0);
    }

    public static Deadline of(LongSupplier remainingMillis) {
        return new Deadline(remainingMillis, DEFAULT_MARGIN_MILLIS);
    }

    public boolean passed() {
        return remainingMillis.getAsLong() < marginMillis;
    }
}
