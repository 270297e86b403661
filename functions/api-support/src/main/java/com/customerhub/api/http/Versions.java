package com.customerhub.api.http;

import com.customerhub.core.error.ApiException;

/** ETag and If-Match for optimistic locking: the ETag is the resource version in quotes. */
public final class Versions {
    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names; 428 when it is missing, 400 when it is no version. */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiException.preconditionRequired();
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("If-Match", "must be the ETag a GET returned, e.g. \"3\"");
        }
    }
}
