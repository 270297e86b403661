package com.customerhub.core.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One changed field: who changed it, when, from what, to what, and through which path. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(String field, JsonNode oldValue, JsonNode newValue, String changedBy, Instant changedAt, String source) {
}
