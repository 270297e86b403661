package com.customerhub.core.interaction;

import com.customerhub.core.customer.CustomerStats;
import com.customerhub.core.settings.LifecycleThresholds;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the profile item keeps to derive the customer's {@code stats} exactly: the open invoices
 * and complaints by id (so paying an invoice twice, or a retried write, cannot count twice), the
 * purchase count, the latest times, the latest interactions the 360 view shows, and when the
 * customer last wrote to us on each messaging channel (the 24-hour service window).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatsLedger(int purchaseCount, Instant lastPurchaseAt, Instant lastInteractionAt,
                          Map<String, OpenInvoice> openInvoices, Map<String, Instant> openComplaints,
                          List<Interaction> recent, Map<InteractionChannel, Instant> lastInbound) {
    public static final int RECENT = 10;

    /** A pending invoice: what the customer owes and by when. */
    public record OpenInvoice(BigDecimal amount, String currency, LocalDate dueDate) {
    }

    public StatsLedger {
        openInvoices = openInvoices == null ? Map.of() : Map.copyOf(openInvoices);
        openComplaints = openComplaints == null ? Map.of() : Map.copyOf(openComplaints);
        recent = recent == null ? List.of() : List.copyOf(recent);
        lastInbound = lastInbound == null ? Map.of() : Map.copyOf(lastInbound);
    }

    public static StatsLedger empty() {
        return new StatsLedger(0, null, null, Map.of(), Map.of(), List.of(), Map.of());
    }

    /** The ledger after {@code before} (null for a new interaction) became {@code after}. */
    public StatsLedger apply(Interaction before, Interaction after) {
        InteractionFields next = after.fields();
        int purchases = purchaseCount
                + (next.type() == InteractionType.PURCHASE ? 1 : 0)
                - (before != null && before.fields().type() == InteractionType.PURCHASE ? 1 : 0);
        Instant lastPurchase = next.type() == InteractionType.PURCHASE ? latest(lastPurchaseAt, next.occurredAt()) : lastPurchaseAt;
        Map<String, OpenInvoice> invoices = new LinkedHashMap<>(openInvoices);
        invoices.remove(after.id());
        if (next.isPendingInvoice()) {
            invoices.put(after.id(), new OpenInvoice(next.amount(), next.currency(), next.dueDate()));
        }
        Map<String, Instant> complaints = new LinkedHashMap<>(openComplaints);
        complaints.remove(after.id());
        if (next.isOpenComplaint()) {
            complaints.put(after.id(), next.occurredAt());
        }
        List<Interaction> latest = new ArrayList<>(recent.stream().filter(i -> !i.id().equals(after.id())).toList());
        latest.add(after);
        latest.sort(Comparator.comparing((Interaction i) -> i.fields().occurredAt()).reversed());
        // an inbound message opens the 24-hour service window of its channel
        Map<InteractionChannel, Instant> inbound = new java.util.EnumMap<>(InteractionChannel.class);
        inbound.putAll(lastInbound);
        if (next.direction() == Direction.INBOUND && next.channel() != null && next.channel().isMessaging()) {
            inbound.merge(next.channel(), next.occurredAt(), (a, b) -> b.isAfter(a) ? b : a);
        }
        return new StatsLedger(purchases, lastPurchase, latest(lastInteractionAt, next.occurredAt()), invoices, complaints,
                latest.subList(0, Math.min(RECENT, latest.size())), inbound);
    }

    public CustomerStats toStats(LifecycleThresholds thresholds) {
        BigDecimal owed = openInvoices.values().stream().map(OpenInvoice::amount)
                .filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
        LocalDate oldestDue = openInvoices.values().stream().map(OpenInvoice::dueDate)
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        return new CustomerStats(thresholds.lifecycleOf(purchaseCount), purchaseCount, lastPurchaseAt, openComplaints.size(),
                openInvoices.size(), owed, lastInteractionAt, oldestDue);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
