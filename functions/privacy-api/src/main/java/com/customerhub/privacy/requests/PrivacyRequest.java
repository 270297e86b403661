package com.customerhub.privacy.requests;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A data-subject request as stored and shown. {@code progress} is the worker's write-ahead log
 * (what each step found before it acted), so a run killed half-way resumes and the certificate
 * still lists everything; {@code result} is what the requester gets.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivacyRequest(String id, String customerId, RequestType type, RequestStatus status, JsonNode details,
                             Requester requester, String receivedBy, Instant receivedAt, Instant dueAt, int extendedMonths,
                             String processedBy, Instant completedAt, ObjectNode result, ObjectNode progress,
                             List<HistoryEntry> history, long version) {

    public PrivacyRequest {
        history = history == null ? List.of() : List.copyOf(history);
    }

    private List<HistoryEntry> plus(HistoryEntry entry) {
        List<HistoryEntry> next = new ArrayList<>(history);
        next.add(entry);
        return next;
    }

    public PrivacyRequest transition(RequestStatus next, String by, String processor, HistoryEntry entry) {
        return new PrivacyRequest(id, customerId, type, next, details, requester, receivedBy, receivedAt, dueAt, extendedMonths,
                processor, completedAt, result, progress, plus(entry), version + 1);
    }

    public PrivacyRequest extended(int totalMonths, HistoryEntry entry) {
        return new PrivacyRequest(id, customerId, type, status, details, requester, receivedBy, receivedAt,
                DueDates.due(receivedAt, totalMonths), totalMonths, processedBy, completedAt, result, progress, plus(entry), version + 1);
    }

    public PrivacyRequest withProgress(ObjectNode nextProgress) {
        return new PrivacyRequest(id, customerId, type, status, details, requester, receivedBy, receivedAt, dueAt, extendedMonths,
                processedBy, completedAt, result, nextProgress, history, version + 1);
    }

    public PrivacyRequest withHistory(HistoryEntry entry) {
        return new PrivacyRequest(id, customerId, type, status, details, requester, receivedBy, receivedAt, dueAt, extendedMonths,
                processedBy, completedAt, result, progress, plus(entry), version + 1);
    }

    public PrivacyRequest withDetails(JsonNode nextDetails) {
        return new PrivacyRequest(id, customerId, type, status, nextDetails, requester, receivedBy, receivedAt, dueAt, extendedMonths,
                processedBy, completedAt, result, progress, history, version + 1);
    }

    public PrivacyRequest completed(ObjectNode outcome, Instant at, HistoryEntry entry) {
        return new PrivacyRequest(id, customerId, type, RequestStatus.COMPLETED, details, requester, receivedBy, receivedAt, dueAt,
                extendedMonths, processedBy, at, outcome, progress, plus(entry), version + 1);
    }

    /** A boolean in {@code details} (e.g. {@code lift}). */
    public boolean detail(String name) {
        return details != null && details.path(name).asBoolean(false);
    }
}
