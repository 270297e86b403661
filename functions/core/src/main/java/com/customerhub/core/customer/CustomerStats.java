package com.customerhub.core.customer;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/** Figures derived from a customer's interactions; read-only for clients. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerStats(
        Lifecycle lifecycle,
        int purchaseCount,
        Instant lastPurchaseAt,
        int openComplaints,
        int pendingInvoiceCount,
        BigDecimal pendingInvoiceAmount,
        Instant lastInteractionAt,
        // the earliest due date among PENDING invoices (null when none): what "overdue" alert rules read
        LocalDate oldestPendingInvoiceDueDate) {

    public enum Lifecycle { NEW, RETURNING, VIP }

    public CustomerStats {
        // money always with two decimals, however the number was stored
        pendingInvoiceAmount = pendingInvoiceAmount == null ? null : pendingInvoiceAmount.setScale(2, RoundingMode.HALF_UP);
    }

    /** The figures without an overdue date, for code written before that field existed. */
    public CustomerStats(Lifecycle lifecycle, int purchaseCount, Instant lastPurchaseAt, int openComplaints,
                         int pendingInvoiceCount, BigDecimal pendingInvoiceAmount, Instant lastInteractionAt) {
        this(lifecycle, purchaseCount, lastPurchaseAt, openComplaints, pendingInvoiceCount, pendingInvoiceAmount,
                lastInteractionAt, null);
    }

    public static CustomerStats empty() {
        return new CustomerStats(Lifecycle.NEW, 0, null, 0, 0, BigDecimal.ZERO.setScale(2), null, null);
    }
}
