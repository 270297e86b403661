package com.customerhub.api.http;

import com.customerhub.core.error.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Parses query parameters, answering a 400 that names the parameter when one is malformed. */
public final class QueryParams {
    private QueryParams() {
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An ISO-8601 instant, or a date meaning its start ({@code to} dates mean their end, see {@link #endOf}). */
    public static Instant instant(String name, String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "must be an ISO-8601 UTC timestamp or date, e.g. 2026-01-31T00:00:00Z");
        }
    }

    /** Like {@link #instant} but a bare date means the last moment of that day. */
    public static Instant endOf(String name, String value) {
        String text = text(value);
        Instant instant = instant(name, value);
        return instant != null && text.length() == 10 ? instant.plusSeconds(86_400).minusMillis(1) : instant;
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, "must be one of " + List.of(type.getEnumConstants()));
        }
    }
}
