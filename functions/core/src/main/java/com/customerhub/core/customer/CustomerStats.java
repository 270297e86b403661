package com.customerhub.core.customer;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Figures derived from a customer's interactions; read-only for clients. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerStats(
        Lifecycle lifecycle,
        int purchaseCount,
        Instant lastPurchaseAt,
        int openComplaints,
        int pendingInvoiceCount,
        BigDecimal pendingInvoiceAmount,
        Instant lastInteractionAt) {

    public enum Lifecycle { NEW, RETURNING, VIP }

    public CustomerStats {
        // money always with two decimals, however the number was stored
        pendingInvoiceAmount = pendingInvoiceAmount == null ? null : pendingInvoiceAmount.setScale(2, RoundingMode.HALF_UP);
    }

    public static CustomerStats empty() {
        return new CustomerStats(Lifecycle.NEW, 0, null, 0, 0, BigDecimal.ZERO.setScale(2), null);
    }
}
