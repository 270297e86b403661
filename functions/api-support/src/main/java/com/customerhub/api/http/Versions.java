package com.customerhub.api.http;

import com.customerhub.core.data.Versioned;
import com.customerhub.core.error.ApiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

import java.net.URI;

/** ETag and If-Match for optimistic locking: the ETag is the resource version in quotes. */
public final class Versions {
    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** 200 with the entity and its ETag. */
    public static <T extends Versioned> MutableHttpResponse<T> ok(T entity) {
        return HttpResponse.ok(entity).header(HttpHeaders.ETAG, etag(entity.version()));
    }

    /** 201 with the new entity, where it lives, and its ETag. */
    public static <T extends Versioned> MutableHttpResponse<T> created(T entity, String location) {
        return HttpResponse.created(entity, URI.create(location)).header(HttpHeaders.ETAG, etag(entity.version()));
    }

    /** The version an If-Match header names, or null when none is sent (the write is then unconditional). */
    public static Long optional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : required(ifMatch);
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
