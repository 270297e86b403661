package com.customerhub.core.error;

/** One failing field of a request, as listed in a problem+json {@code errors} array. */
public record FieldError(String field, String message) {
}
