package com.customerhub.core.interaction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The fields of an interaction a client writes, validated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InteractionFields(Instant occurredAt, InteractionChannel channel, Direction direction, InteractionType type,
                                String summary, String agent, BigDecimal amount, String currency, String status,
                                LocalDate dueDate, String closedBy, String closeReason, String product) {

    @JsonIgnore
    public boolean isPendingInvoice() {
        return type == InteractionType.INVOICE && "PENDING".equals(status);
    }

    @JsonIgnore
    public boolean isOpenComplaint() {
        return type == InteractionType.COMPLAINT && "OPEN".equals(status);
    }
}
