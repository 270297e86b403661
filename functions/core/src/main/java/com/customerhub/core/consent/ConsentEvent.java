package com.customerhub.core.consent;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** One entry of the append-only consent ledger: what the person said, when, how, and on what notice. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentEvent(String id, String customerId, Purpose purpose, ConsentChannel channel, ConsentStatus status,
                           LegalBasis legalBasis, String source, Instant capturedAt, Instant validUntil, String evidence,
                           String noticeVersion, String recordedBy, Instant recordedAt) {

    /** Whether this entry, if it is the latest for its purpose and channel, permits use at the given time. */
    public boolean permitsAt(Instant now) {
        return status == ConsentStatus.GRANTED && !capturedAt.isAfter(now) && (validUntil == null || now.isBefore(validUntil));
    }
}
