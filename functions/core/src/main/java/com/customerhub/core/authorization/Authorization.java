package com.customerhub.core.authorization;

import com.customerhub.core.data.Versioned;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A representative's authority to act for a customer, within a scope and a validity period. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Authorization(String id, String customerId, Representative representative, List<Scope> scope,
                            LocalDate validFrom, LocalDate validUntil, String documentKey, AuthorizationStatus status,
                            long version, Instant createdAt, Instant updatedAt) implements Versioned {

    /** The status as of a day: an active authorization past its end date has expired by itself. */
    public AuthorizationStatus statusOn(LocalDate day) {
        if (status == AuthorizationStatus.ACTIVE && validUntil != null && day.isAfter(validUntil)) {
            return AuthorizationStatus.EXPIRED;
        }
        return status;
    }

    public Authorization as(AuthorizationStatus shown) {
        return new Authorization(id, customerId, representative, scope, validFrom, validUntil, documentKey, shown, version,
                createdAt, updatedAt);
    }
}
