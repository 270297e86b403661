package com.customerhub.core.interaction;

import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.Page;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.json.JsonMergePatch;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Records what happened with a customer and keeps the customer's {@code stats} in step in the
 * same transaction. Concurrent writes on one customer retry on the stats version, so none is lost.
 */
@Singleton
public class InteractionService {
    static final int MAX_ATTEMPTS = 8;

    private final InteractionRepository interactions;
    private final InteractionValidator validator;
    private final CustomerService customers;
    private final CustomerRepository profiles;
    private final SettingsService settings;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;

    public InteractionService(InteractionRepository interactions, InteractionValidator validator, CustomerService customers,
                              CustomerRepository profiles, SettingsService settings, Ids ids, Clock clock, ObjectMapper json) {
        this.interactions = interactions;
        this.validator = validator;
        this.customers = customers;
        this.profiles = profiles;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    public Interaction record(Identity who, String customerId, ObjectNode body) {
        Customer customer = customers.get(who, customerId);
        InteractionFields fields = validator.validate(body);
        Instant now = now();
        Interaction interaction = new Interaction(ids.at(fields.occurredAt().toEpochMilli()), customer.id(), fields,
                who.userId(), 1, now, now);
        save(who.tenantId(), null, interaction);
        return interaction;
    }

    public Interaction get(Identity who, String customerId, String interactionId) {
        Customer customer = customers.get(who, customerId);
        return interactions.find(who.tenantId(), customer.id(), interactionId)
                .orElseThrow(() -> ApiException.notFound("interaction " + (Ids.isValid(interactionId) ? interactionId : "")));
    }

    /** A merge patch, e.g. {@code {"status":"PAID"}} on an invoice; the type and time cannot change. */
    public Interaction patch(Identity who, String customerId, String interactionId, Long expectedVersion, ObjectNode patch) {
        Interaction current = get(who, customerId, interactionId);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw ApiException.stale(current.version());
        }
        ObjectNode merged = json.valueToTree(current.fields());
        JsonMergePatch.apply(merged, patch);
        InteractionFields fields = validator.validate(merged);
        if (fields.type() != current.fields().type()) {
            throw ApiException.badRequest("type", "cannot change; record a new interaction instead");
        }
        if (!fields.occurredAt().equals(current.fields().occurredAt())) {
            throw ApiException.badRequest("occurredAt", "cannot change; it orders the history");
        }
        if (fields.equals(current.fields())) {
            return current;
        }
        Interaction next = new Interaction(current.id(), current.customerId(), fields, current.createdBy(),
                current.version() + 1, current.createdAt(), now());
        save(who.tenantId(), current, next);
        return next;
    }

    /** History newest first: date range, type and a text found in summary or product. */
    public Page<Interaction> history(Identity who, String customerId, Instant from, Instant to, InteractionType type,
                                     String text, int pageSize, String cursor) {
        Customer customer = customers.get(who, customerId);
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest("from", "must not be after to");
        }
        String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
        Predicate<Interaction> filter = i -> (type == null || i.fields().type() == type)
                && (needle == null || contains(i.fields().summary(), needle) || contains(i.fields().product(), needle));
        return interactions.history(who.tenantId(), customer.id(), from, to, filter, pageSize, cursor);
    }

    private void save(String tenant, Interaction before, Interaction after) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> profile = profiles.findItem(tenant, after.customerId())
                    .orElseThrow(() -> ApiException.notFound("customer " + after.customerId()));
            InteractionRepository.LedgerState state = interactions.ledgerOf(profile);
            StatsLedger ledger = state.ledger().apply(before, after);
            if (interactions.write(tenant, after, before == null ? null : before.version(), state, ledger, ledger.toStats(settings.current(tenant).lifecycle()))) {
                return;
            }
            pause(attempt);
        }
        throw new ApiException(503, "Service busy", "the customer is being changed by many requests at once; retry");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
