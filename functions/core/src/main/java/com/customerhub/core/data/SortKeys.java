package com.customerhub.core.data;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Fixed-width forms for sort keys. {@code Instant.toString()} drops zero fractions
 * ({@code 10:00:00Z} vs {@code 10:00:00.001Z}), which sorts wrongly as text.
 */
public final class SortKeys {
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SortKeys() {
    }

    public static String instant(Instant instant) {
        return INSTANT.format(instant);
    }
}
