package com.customerhub.core.customer;

import com.customerhub.core.data.Versioned;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A customer as stored and as returned: the written fields, the derived ones ({@code stats},
 * {@code authorized}) and the bookkeeping ({@code id}, {@code version}, timestamps).
 * Serialised flat: the draft's fields sit beside {@code id} and {@code version}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(
        String id,
        @com.fasterxml.jackson.annotation.JsonUnwrapped CustomerDraft fields,
        CustomerStats stats,
        Boolean authorized,
        long version,
        Instant createdAt,
        Instant updatedAt) implements Versioned {

    public Customer withFields(CustomerDraft newFields, long newVersion, Instant now) {
        return new Customer(id, newFields, stats, authorized, newVersion, createdAt, now);
    }
}
