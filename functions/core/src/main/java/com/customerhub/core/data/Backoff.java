package com.customerhub.core.data;

import com.customerhub.core.error.ApiException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Exponential backoff with full jitter, for throttling and unprocessed items: slower, never dropped. */
public final class Backoff {
    public static final int MAX_ATTEMPTS = 12;

    private Backoff() {
    }

    /** Runs a DynamoDB call again while it is throttled (503 after the SDK's own retries). */
    public static <T> T retry(Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (ApiException e) {
                if (e.status() != 503 || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                sleep(attempt + 1);
            }
        }
    }

    public static void sleep(int attempt) {
        long ceiling = Math.min(2_000L, 20L << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
