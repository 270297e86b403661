package com.customerhub.core.interaction;

import com.customerhub.core.data.Versioned;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;

/** A call, message, email, purchase, service request, complaint, invoice or payment of one customer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Interaction(String id, String customerId, @JsonUnwrapped InteractionFields fields, String createdBy,
                          long version, Instant createdAt, Instant updatedAt) implements Versioned {
}
