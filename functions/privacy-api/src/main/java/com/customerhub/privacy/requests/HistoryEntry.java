package com.customerhub.privacy.requests;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** One step of a request's life: when, who (user id, or {@code system} for the worker), what, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(Instant at, String by, String action, String note) {
}
