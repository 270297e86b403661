package com.customerhub.core.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * An export: its filter, the contact classes of the user who asked (null = all), status, the object
 * it produced and how many rows it holds. {@code EXPIRED}: the file was deleted after the tenant's
 * {@code retention.exportDays} (the job and its row count stay; no download any more).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportJob(String tenantId, String id, ObjectNode filter, List<String> contactClasses, String status,
                        String reason, String resultKey, long rows, long revision, Instant createdAt, Instant updatedAt) {
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String EXPIRED = "EXPIRED";

    public ExportJob finished(String newStatus, String newReason, String key, long count) {
        return new ExportJob(tenantId, id, filter, contactClasses, newStatus, newReason, key, count, revision, createdAt, updatedAt);
    }

    public ExportJob stored(long newRevision, Instant now) {
        return new ExportJob(tenantId, id, filter, contactClasses, status, reason, resultKey, rows, newRevision, createdAt, now);
    }
}
