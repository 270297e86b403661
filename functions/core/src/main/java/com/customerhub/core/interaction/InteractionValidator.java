package com.customerhub.core.interaction;

import com.customerhub.core.validation.FieldReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks an interaction: channel and type required, statuses per type (an invoice is PENDING, PAID
 * or CANCELLED and has a due date and an amount; a complaint is OPEN or CLOSED), money with two
 * decimals and an ISO currency, and a time no later than a day from now.
 */
@Singleton
public class InteractionValidator {
    static final Map<InteractionType, List<String>> STATUSES = Map.of(
            InteractionType.INVOICE, List.of("PENDING", "PAID", "CANCELLED"),
            InteractionType.COMPLAINT, List.of("OPEN", "CLOSED"));
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final Clock clock;

    public InteractionValidator(Clock clock) {
        this.clock = clock;
    }

    public InteractionFields validate(ObjectNode body) {
        FieldReader in = new FieldReader(body);
        in.ignore("id", "customerId", "createdBy", "version", "createdAt", "updatedAt");
        Instant now = clock.instant();
        Instant occurredAt = in.instant("occurredAt");
        if (occurredAt != null && (occurredAt.isAfter(now.plus(Duration.ofDays(1))) || occurredAt.isBefore(Instant.EPOCH))) {
            in.error("occurredAt", "must be after 1970 and at most a day from now");
        }
        InteractionChannel channel = in.enumValue("channel", InteractionChannel.class);
        if (channel == null && !in.has("channel")) {
            in.error("channel", "is required");
        }
        InteractionType type = in.enumValue("type", InteractionType.class);
        if (type == null && !in.has("type")) {
            in.error("type", "is required");
        }
        Direction direction = in.enumValue("direction", Direction.class);
        String status = in.string("status", 30);
        if (status != null) {
            status = status.toUpperCase(Locale.ROOT);
        }
        List<String> allowed = type == null ? null : STATUSES.get(type);
        if (allowed != null) {
            if (status == null) {
                status = allowed.get(0);
            } else if (!allowed.contains(status)) {
                in.error("status", "must be one of " + allowed + " for " + type);
            }
        }
        BigDecimal amount = in.money("amount");
        String currency = in.string("currency", 3);
        if (currency != null && !CURRENCY.matcher(currency.toUpperCase(Locale.ROOT)).matches()) {
            in.error("currency", "must be an ISO 4217 code such as EUR");
        }
        LocalDate dueDate = in.date("dueDate");
        if (type == InteractionType.INVOICE) {
            if (dueDate == null && !in.has("dueDate")) {
                in.error("dueDate", "is required for an invoice");
            }
            if (amount == null && !in.has("amount")) {
                in.error("amount", "is required for an invoice");
            }
        }
        InteractionFields fields = new InteractionFields(
                occurredAt == null ? now.truncatedTo(ChronoUnit.MILLIS) : occurredAt.truncatedTo(ChronoUnit.MILLIS),
                channel, direction == null ? Direction.INBOUND : direction, type,
                in.string("summary", 2000), in.string("agent", 128), amount,
                amount == null && currency == null ? null : currency == null ? "EUR" : currency.toUpperCase(Locale.ROOT),
                status, dueDate, in.string("closedBy", 128), in.string("closeReason", 500), in.string("product", 200));
        in.throwIfInvalid();
        return fields;
    }
}
