package com.customerhub.alerts;

import com.customerhub.core.alert.QuickAction;
import com.customerhub.core.alert.Severity;
import com.customerhub.core.data.VersionedDocuments;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * An alert rule as stored and returned. {@code deletedAt} marks a deleted rule the evaluator still
 * has to resolve alerts for (a tombstone, never returned by the API).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRule(String id, String name, String description, Severity severity, String message,
                        JsonNode condition, boolean enabled, List<QuickAction> quickActions, long version,
                        Instant createdAt, Instant updatedAt, Instant deletedAt) implements VersionedDocuments.Document {
    public AlertRule {
        quickActions = quickActions == null ? List.of() : List.copyOf(quickActions);
    }

    @Override
    @JsonIgnore
    public boolean isDeleted() {
        return deletedAt != null;
    }
}
