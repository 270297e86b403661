package com.customerhub.api.http;

import com.customerhub.core.error.FieldError;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** RFC 9457 problem details, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(typeFor(title), title, status, detail, List.of(), Map.of());
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    static String typeFor(String title) {
        return "urn:customer-hub:problem:" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
