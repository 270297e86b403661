package com.customerhub.core.consent;

import com.customerhub.core.customer.Authorized;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.SortKeys;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.interaction.InteractionRepository;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * The consent ledger: append-only entries in the Consents table (the function's IAM policy grants
 * no update or delete there), the current state per purpose and channel derived from it and
 * mirrored into the customer's collection ({@code CONSENT#purpose#channel}) for the 360 view, and
 * the answer to "may we message this customer now?".
 */
@Singleton
public class ConsentService {
    public static final String CURRENT_PREFIX = "CONSENT#";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The profile attribute an objection sets (GDPR Art. 21). */
    public static final String OBJECTED_AT = "objectedAt";
    /** The purposes an objection withdraws and keeps withdrawn. */
    public static final java.util.Set<Purpose> OBJECTABLE = java.util.EnumSet.of(Purpose.MARKETING, Purpose.PROFILING);

    private final DynamoDbClient dynamo;
    private final String ledgerTable;
    private final String customersTable;
    private final CustomerService customers;
    private final CustomerRepository profiles;
    private final InteractionRepository interactions;
    private final EventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;

    public ConsentService(DynamoDbClient dynamo, @Value("${consents.table:}") String ledgerTable, TableNames tables,
                          CustomerService customers, CustomerRepository profiles, InteractionRepository interactions,
                          EventPublisher events, Ids ids, Clock clock, ObjectMapper json) {
        this.dynamo = dynamo;
        this.ledgerTable = ledgerTable;
        this.customersTable = tables.customers();
        this.customers = customers;
        this.profiles = profiles;
        this.interactions = interactions;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    public ConsentEvent record(Identity who, String customerId, ObjectNode body) {
        Customer customer = customers.get(who, customerId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        FieldReader in = new FieldReader(body);
        in.ignore("id", "customerId", "recordedBy", "recordedAt");
        Purpose purpose = required(in, "purpose", Purpose.class);
        ConsentChannel channel = required(in, "channel", ConsentChannel.class);
        ConsentStatus status = required(in, "status", ConsentStatus.class);
        LegalBasis basis = in.enumValue("legalBasis", LegalBasis.class);
        Instant capturedAt = in.instant("capturedAt");
        if (capturedAt != null && capturedAt.isAfter(now.plus(CLOCK_SKEW))) {
            in.error("capturedAt", "must not be in the future");
        }
        Instant validUntil = in.instant("validUntil");
        Instant captured = capturedAt == null ? now : capturedAt.truncatedTo(ChronoUnit.MILLIS);
        if (validUntil != null && !validUntil.isAfter(captured)) {
            in.error("validUntil", "must be after capturedAt");
        }
        String source = in.required("source", 100);
        if (status == ConsentStatus.GRANTED && OBJECTABLE.contains(purpose) && objected(who.tenantId(), customer.id())) {
            // an objection (GDPR Art. 21) keeps MARKETING and PROFILING withdrawn until an OBJECTION request lifts it
            throw new ApiException(409, "Conflict", "the customer objected to " + purpose + " (GDPR Art. 21); a dpo lifts the objection"
                    + " with an OBJECTION privacy request whose details say {\"lift\":true}");
        }
        ConsentEvent event = new ConsentEvent(ids.next(), customer.id(), purpose, channel, status,
                basis == null ? (status == ConsentStatus.GRANTED ? LegalBasis.CONSENT : null) : basis, source, captured, validUntil,
                in.string("evidence", 2000), in.string("noticeVersion", 50), who.userId(), now);
        in.throwIfInvalid();

        Map<String, AttributeValue> entry = AttributeValues.fromObject(json.valueToTree(event));
        entry.put(PK, AttributeValue.fromS(CustomerKeys.collection(who.tenantId(), customer.id())));
        entry.put(SK, AttributeValue.fromS("LEDGER#" + SortKeys.instant(captured) + "#" + event.id()));
        DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(ledgerTable).item(entry).conditionExpression("attribute_not_exists(pk)")));

        // the mirror for the 360 view follows the latest capture; an older capture recorded late leaves it
        Map<String, AttributeValue> current = AttributeValues.fromObject(json.valueToTree(event));
        current.put(PK, AttributeValue.fromS(CustomerKeys.collection(who.tenantId(), customer.id())));
        current.put(SK, AttributeValue.fromS(CURRENT_PREFIX + purpose + "#" + channel));
        current.put("itemType", AttributeValue.fromS("CONSENT"));
        try {
            DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(customersTable).item(current)
                    .conditionExpression("attribute_not_exists(pk) OR capturedAt <= :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(captured.toString())))));
        } catch (ConditionalCheckFailedException newerExists) {
            // the ledger has the entry; the current state is decided by a later capture
        }
        summarize(who.tenantId(), customer.id(), event);
        events.publish(new DomainEvent("ConsentChanged", who.tenantId(), Map.of("customerId", customer.id(),
                "purpose", purpose.name(), "channel", channel.name(), "status", status.name()), now));
        return event;
    }

    /**
     * The latest word per purpose and channel also sits on the profile ({@code consent#PURPOSE#CHANNEL}),
     * so the customer's {@code authorized} flag needs no other read; an older capture recorded late leaves it.
     */
    private void summarize(String tenant, String customerId, ConsentEvent event) {
        Map<String, AttributeValue> summary = new java.util.HashMap<>();
        summary.put("status", AttributeValue.fromS(event.status().name()));
        summary.put("capturedAt", AttributeValue.fromS(event.capturedAt().toString()));
        if (event.validUntil() != null) {
            summary.put("validUntil", AttributeValue.fromS(event.validUntil().toString()));
        }
        try {
            DynamoErrors.call(() -> dynamo.updateItem(b -> b.tableName(customersTable)
                    .key(Map.of(PK, AttributeValue.fromS(CustomerKeys.collection(tenant, customerId)), SK, AttributeValue.fromS(CustomerKeys.PROFILE)))
                    .updateExpression("SET #a = :v")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#a) OR #a.capturedAt <= :c)")
                    .expressionAttributeNames(Map.of("#a", Authorized.ATTRIBUTE_PREFIX + event.purpose() + "#" + event.channel()))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromM(summary), ":c", AttributeValue.fromS(event.capturedAt().toString())))));
        } catch (ConditionalCheckFailedException newerExists) {
            // a later capture decides
        }
    }

    /** Marks (or, lifting it, unmarks) the customer as objecting; the consent grant path then refuses MARKETING and PROFILING. */
    public void setObjection(String tenant, String customerId, String requestId, boolean objecting, Instant at) {
        var key = Map.of(PK, AttributeValue.fromS(CustomerKeys.collection(tenant, customerId)), SK, AttributeValue.fromS(CustomerKeys.PROFILE));
        try {
            DynamoErrors.call(() -> dynamo.updateItem(b -> {
                b.tableName(customersTable).key(key).conditionExpression("attribute_exists(pk)");
                if (objecting) {
                    b.updateExpression("SET #o = :at, objectionRequestId = :r")
                            .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()), ":r", AttributeValue.fromS(requestId)));
                } else {
                    b.updateExpression("REMOVE #o, objectionRequestId");
                }
                b.expressionAttributeNames(Map.of("#o", OBJECTED_AT));
            }));
        } catch (ConditionalCheckFailedException gone) {
            throw ApiException.notFound("customer " + customerId);
        }
    }

    /** Whether an OBJECTION request marked the customer (the profile's {@code objectedAt}). */
    public boolean objected(String tenant, String customerId) {
        return profiles.findItem(tenant, customerId).map(ConsentService::objected).orElse(false);
    }

    /** Whether this profile item carries an OBJECTION request's mark. */
    public static boolean objected(Map<String, AttributeValue> profile) {
        return profile.containsKey(OBJECTED_AT);
    }

    /** The current state per purpose and channel, and the whole ledger, newest first. */
    public Map<String, Object> consents(Identity who, String customerId) {
        Customer customer = customers.get(who, customerId);
        List<ConsentEvent> ledger = ledger(who.tenantId(), customer.id());
        List<ConsentEvent> newestFirst = new ArrayList<>(ledger);
        newestFirst.sort(Comparator.comparing(ConsentEvent::capturedAt).thenComparing(ConsentEvent::recordedAt).reversed());
        return Map.of("current", ConsentState.of(ledger).current(), "ledger", newestFirst);
    }

    public OutboundPermission.Decision outboundPermission(Identity who, String customerId, String channel, String purpose) {
        Customer customer = customers.get(who, customerId);
        String channelName = channel == null ? "" : channel.strip().toUpperCase(Locale.ROOT);
        if (OutboundPermission.consentChannel(channelName) == null && OutboundPermission.messagingChannel(channelName) == null) {
            throw ApiException.badRequest("channel", "must be one of EMAIL, SMS, PHONE, WHATSAPP, POST, WEB");
        }
        Purpose wanted;
        try {
            wanted = Purpose.valueOf(purpose == null ? "SERVICE" : purpose.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("purpose", "must be one of " + List.of(Purpose.values()));
        }
        var profile = profiles.findItem(who.tenantId(), customer.id()).orElseThrow(() -> ApiException.notFound("customer"));
        var lastInbound = interactions.ledgerOf(profile).ledger().lastInbound();
        return OutboundPermission.decide(wanted, channelName, Boolean.TRUE.equals(customer.fields().restricted()),
                objected(profile), ConsentState.of(ledger(who.tenantId(), customer.id())), lastInbound, clock.instant());
    }

    /** The whole ledger of a customer, as stored (access requests, erasure certificates). */
    public List<ConsentEvent> ledger(String tenant, String customerId) {
        List<ConsentEvent> ledger = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoErrors.call(() -> dynamo.query(b -> b.tableName(ledgerTable).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS(CustomerKeys.collection(tenant, customerId))))
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                ObjectNode node = AttributeValues.toObject(item);
                node.remove(List.of(PK, SK));
                try {
                    ledger.add(json.treeToValue(node, ConsentEvent.class));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored consent cannot be read", e);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ledger;
    }

    private static <E extends Enum<E>> E required(FieldReader in, String name, Class<E> type) {
        E value = in.enumValue(name, type);
        if (value == null && !in.has(name)) {
            in.error(name, "is required");
        }
        return value;
    }
}
