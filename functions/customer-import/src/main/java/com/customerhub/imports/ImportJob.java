package com.customerhub.imports;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * An import job as stored: what the API shows plus the bookkeeping of a resumable apply (the next
 * chunk, the chunk in flight with its counts, the creation time of its inserts, the deletions in flight, a lease against two runners)
 * and a revision for optimistic locking of every change. {@code reportExpiredAt}: when the retention
 * sweeper deleted the report (the tenant's {@code retention.reportDays}); {@code reportKey} is then null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJob(
        String tenantId,
        String id,
        String sourceKey,
        String bucket,
        String versionId,
        String eTag,
        String mode,
        String status,
        boolean autoConfirm,
        String reason,
        Counts counts,
        Counts preview,
        List<RowError> errors,
        String reportKey,
        int nextChunk,
        Pending pending,
        List<String> pendingDeletes,
        boolean upsertsDone,
        long leaseUntil,
        long revision,
        Instant createdAt,
        Instant updatedAt,
        Instant reportExpiredAt,
        Instant insertedAt) {

    public static final String VALIDATING = "VALIDATING";
    public static final String AWAITING_CONFIRMATION = "AWAITING_CONFIRMATION";
    public static final String APPLYING = "APPLYING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final String UPSERT = "upsert";
    public static final String REPLACE = "replace";

    /** A new job, before any report existed or any apply began (the canonical constructor less {@code reportExpiredAt} and {@code insertedAt}). */
    public ImportJob(String tenantId, String id, String sourceKey, String bucket, String versionId, String eTag, String mode,
                     String status, boolean autoConfirm, String reason, Counts counts, Counts preview, List<RowError> errors,
                     String reportKey, int nextChunk, Pending pending, List<String> pendingDeletes, boolean upsertsDone,
                     long leaseUntil, long revision, Instant createdAt, Instant updatedAt) {
        this(tenantId, id, sourceKey, bucket, versionId, eTag, mode, status, autoConfirm, reason, counts, preview, errors,
                reportKey, nextChunk, pending, pendingDeletes, upsertsDone, leaseUntil, revision, createdAt, updatedAt, null, null);
    }

    /**
     * A chunk being written: its counts and errors are recorded before the writes, so a re-run counts
     * it once.
     */
    public record Pending(int chunk, Counts counts, List<RowError> errors) {
    }

    /**
     * The apply's creation time of the customers it inserts, which their ids carry: fixed once for the
     * whole apply, so that a re-run of any chunk writes the same items again, and so that a chunk's
     * ids are known (and its guards can be taken) before the previous chunk's checkpoint.
     */
    public ImportJob withInsertedAt(Instant at) {
        return new ImportJob(tenantId, id, sourceKey, bucket, versionId, eTag, mode, status, autoConfirm, reason,
                counts, preview, errors, reportKey, nextChunk, pending, pendingDeletes, upsertsDone, leaseUntil, revision, createdAt, updatedAt,
                reportExpiredAt, at);
    }

    public boolean replaceMode() {
        return REPLACE.equals(mode);
    }

    public ImportJob withStatus(String newStatus, String newReason) {
        return new ImportJob(tenantId, id, sourceKey, bucket, versionId, eTag, mode, newStatus, autoConfirm, newReason,
                counts, preview, errors, reportKey, nextChunk, pending, pendingDeletes, upsertsDone, leaseUntil, revision, createdAt, updatedAt, reportExpiredAt, insertedAt);
    }

    public ImportJob withPreview(Counts newCounts, List<RowError> newErrors, String newReportKey) {
        return new ImportJob(tenantId, id, sourceKey, bucket, versionId, eTag, mode, status, autoConfirm, reason,
                newCounts, newCounts, newErrors, newReportKey, nextChunk, pending, pendingDeletes, upsertsDone, leaseUntil, revision, createdAt, updatedAt,
                newReportKey == null ? reportExpiredAt : null, insertedAt);
    }

    public ImportJob withProgress(Counts newCounts, List<RowError> newErrors, int newNextChunk, Pending newPending,
                                  List<String> newDeletes, boolean newUpsertsDone) {
        return new ImportJob(tenantId, id, sourceKey, bucket, versionId, eTag, mode, status, autoConfirm, reason,
                newCounts, preview, newErrors, reportKey, newNextChunk, newPending, newDeletes, newUpsertsDone, leaseUntil, revision, createdAt, updatedAt, reportExpiredAt, insertedAt);
    }

    /** The status change of a confirmation: counts restart from zero, the preview stays. */
    public ImportJob startApplying() {
        return withProgress(Counts.ZERO, List.of(), 0, null, null, false).withStatus(APPLYING, null);
    }

    public ImportJob withLease(long until) {
        return new ImportJob(tenantId, id, sourceKey, bucket, versionId, eTag, mode, status, autoConfirm, reason,
                counts, preview, errors, reportKey, nextChunk, pending, pendingDeletes, upsertsDone, until, revision, createdAt, updatedAt, reportExpiredAt, insertedAt);
    }

    /** The report was deleted after the tenant's retention: no more URL, and when it went. */
    public ImportJob withReportExpired(Instant at) {
        return new ImportJob(tenantId, id, sourceKey, bucket, versionId, eTag, mode, status, autoConfirm, reason,
                counts, preview, errors, null, nextChunk, pending, pendingDeletes, upsertsDone, leaseUntil, revision, createdAt, updatedAt, at, insertedAt);
    }

    ImportJob stored(long newRevision, Instant now) {
        return new ImportJob(tenantId, id, sourceKey, bucket, versionId, eTag, mode, status, autoConfirm, reason,
                counts, preview, errors, reportKey, nextChunk, pending, pendingDeletes, upsertsDone, leaseUntil, newRevision, createdAt, now, reportExpiredAt, insertedAt);
    }
}
