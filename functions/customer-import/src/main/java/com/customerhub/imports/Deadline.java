package com.customerhub.imports;

import com.amazonaws.services.lambda.runtime.Context;

/** How much of the invocation is left; a run stops at a chunk boundary and continues in the next. */
@FunctionalInterface
public interface Deadline {
    long SAFETY_MILLIS = 60_000;

    boolean nearlyOut();

    static Deadline none() {
        return () -> false;
    }

    static Deadline of(Context context) {
        return context == null ? none() : () -> context.getRemainingTimeInMillis() < SAFETY_MILLIS;
    }
}
