package com.customerhub.core.error;

import java.util.List;
import java.util.Map;

/**
 * An error a client caused or must handle, carried up to the HTTP layer and rendered as RFC 9457
 * problem details. Messages never contain personal data: they name fields and ids, not values.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiException(int status, String title, String detail, List<FieldError> errors, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public int status() { return status; }
    public String title() { return title; }
    public String detail() { return getMessage(); }
    public List<FieldError> errors() { return errors; }
    public Map<String, Object> extensions() { return extensions; }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(400, "Invalid request",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors, Map.of());
    }

    public static ApiException badRequest(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "Not found", what + " does not exist");
    }

    public static ApiException conflict(String field, String existingId) {
        return new ApiException(409, "Conflict", "another customer already has this " + field,
                List.of(new FieldError(field, "already used by customer " + existingId)),
                Map.of("existingId", existingId));
    }

    public static ApiException preconditionRequired() {
        return new ApiException(428, "Precondition required",
                "send If-Match with the version you read (the ETag of GET)",
                List.of(new FieldError("If-Match", "missing")), Map.of());
    }

    public static ApiException stale(long currentVersion) {
        return new ApiException(412, "Precondition failed",
                "the resource changed since you read it; current version is " + currentVersion,
                List.of(new FieldError("If-Match", "stale version")), Map.of("currentVersion", currentVersion));
    }

    public static ApiException unauthorized(String why) {
        return new ApiException(401, "Unauthorized", why);
    }

    public static ApiException forbidden(String why) {
        return new ApiException(403, "Forbidden", why);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(413, "Payload too large", "the body is larger than " + limitBytes + " bytes");
    }

    public static ApiException unsupportedMediaType(String expected) {
        return new ApiException(415, "Unsupported media type", "send the body as " + expected,
                List.of(new FieldError("Content-Type", "expected " + expected)), Map.of());
    }

    public static ApiException throttled() {
        return new ApiException(503, "Service busy", "the data store is throttling requests; retry shortly");
    }
}
